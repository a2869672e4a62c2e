import { RISK_LEVELS, type RiskLevel } from '../family/vocab.ts';
import type { AssessmentAnswers, AssessmentReason, AssessmentResult, InstrumentDefinition } from './types.ts';

export type AnswerProblem = { path: string; message: string };

const rank = (l: RiskLevel) => RISK_LEVELS.indexOf(l);
const max = (a: RiskLevel, b: RiskLevel) => (rank(a) >= rank(b) ? a : b);

/** What is wrong with answers for this instrument (unknown codes, missing items, override without a reason). */
export function checkAnswers(def: InstrumentDefinition, a: AssessmentAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const threatCodes = new Set(def.threats.map((t) => t.code));
  for (const code of Object.keys(a.threats)) if (!threatCodes.has(code)) problems.push({ path: `threats.${code}`, message: 'is not a threat of this instrument' });
  const items = new Map(def.items.map((i) => [i.code, i]));
  for (const code of Object.keys(a.items)) if (!items.has(code)) problems.push({ path: `items.${code}`, message: 'is not an item of this instrument' });
  for (const item of def.items) {
    const chosen = a.items[item.code];
    if (chosen === undefined) problems.push({ path: `items.${item.code}`, message: 'must be answered' });
    else if (!item.options.some((o) => o.code === chosen)) problems.push({ path: `items.${item.code}`, message: `must be one of ${item.options.map((o) => o.code).join(', ')}` });
  }
  if (a.raiseLevel && !a.raiseReason?.trim()) problems.push({ path: 'raiseReason', message: 'is required when the level is raised' });
  return problems;
}

/** Score answers that passed checkAnswers: safety decision, score, level and every reason for it. */
export function scoreAssessment(def: InstrumentDefinition, a: AssessmentAnswers): AssessmentResult {
  const reasons: AssessmentReason[] = [];
  const threats = def.threats.filter((t) => a.threats[t.code] === true).map((t) => t.code);
  for (const t of threats) reasons.push({ kind: 'threat', threat: t });
  const safetyDecision = threats.length === 0 ? 'safe' : a.safetyPlan ? 'conditionally_safe' : 'unsafe';

  let score = 0;
  const factors: AssessmentResult['factors'] = [];
  const chosen = new Set<string>();
  for (const item of def.items) {
    const option = item.options.find((o) => o.code === a.items[item.code]) ?? item.options[0];
    if (!option) continue;
    chosen.add(`${item.code}:${option.code}`);
    if (option.weight !== 0) {
      score += option.weight;
      reasons.push({ kind: 'item', item: item.code, option: option.code, weight: option.weight, domain: item.domain });
    }
    if (option.weight > 0) factors.push({ item: item.code, domain: item.domain });
  }

  const t = def.thresholds;
  const scoredLevel: RiskLevel = score >= t.very_high ? 'very_high' : score >= t.high ? 'high' : score >= t.moderate ? 'moderate' : 'low';
  if (scoredLevel !== 'low') reasons.push({ kind: 'threshold', level: scoredLevel, min: t[scoredLevel], score });

  let level = scoredLevel;
  for (const o of def.policyOverrides) {
    const hit = (o.whenThreats ?? []).some((c) => threats.includes(c)) || (o.whenOptions ?? []).some((c) => chosen.has(c));
    if (hit && rank(o.level) > rank(level)) {
      reasons.push({ kind: 'policy_override', code: o.code, level: o.level });
      level = max(level, o.level);
    }
  }
  if (a.raiseLevel && level !== 'very_high') {
    const to = RISK_LEVELS[rank(level) + 1] as RiskLevel;
    reasons.push({ kind: 'discretionary_override', from: level, to });
    level = to;
  }
  return { threats, safetyDecision, score, scoredLevel, level, reasons, factors };
}
