import { describe, expect, it } from 'vitest';
import { checkAnswers, DEFAULT_INSTRUMENT, scoreAssessment, type AssessmentAnswers } from './index.ts';

const none = (): AssessmentAnswers => ({
  threats: {}, safetyPlan: false, items: Object.fromEntries(DEFAULT_INSTRUMENT.items.map((i) => [i.code, i.options[0]!.code])),
});

describe('the default instrument', () => {
  it('is consistent: unique codes, a zero-weight first option, thresholds rising, overrides naming known codes', () => {
    const items = DEFAULT_INSTRUMENT.items.map((i) => i.code);
    expect(new Set(items).size).toBe(items.length);
    const threats = DEFAULT_INSTRUMENT.threats.map((t) => t.code);
    expect(new Set(threats).size).toBe(threats.length);
    for (const i of DEFAULT_INSTRUMENT.items) expect(i.options[0]?.weight).toBe(0);
    const t = DEFAULT_INSTRUMENT.thresholds;
    expect(t.moderate).toBeLessThan(t.high);
    expect(t.high).toBeLessThan(t.very_high);
    for (const o of DEFAULT_INSTRUMENT.policyOverrides) {
      for (const c of o.whenThreats ?? []) expect(threats).toContain(c);
      for (const c of o.whenOptions ?? []) {
        const [code, option] = c.split(':');
        expect(DEFAULT_INSTRUMENT.items.find((i) => i.code === code)?.options.map((x) => x.code)).toContain(option);
      }
    }
  });
});

describe('scoring', () => {
  it('no threats and no factors: safe, low, no reasons', () => {
    const r = scoreAssessment(DEFAULT_INSTRUMENT, none());
    expect(r).toMatchObject({ safetyDecision: 'safe', score: 0, scoredLevel: 'low', level: 'low', reasons: [], factors: [] });
  });

  it('sums weights and cuts by thresholds, naming every contributing item', () => {
    const a = none();
    a.items.domestic_violence = 'yes'; // 2
    a.items.substance_abuse = 'current'; // 2
    a.items.school_attendance = 'persistent'; // 2
    a.items.harsh_discipline = 'yes'; // 2
    const r = scoreAssessment(DEFAULT_INSTRUMENT, a);
    expect(r.score).toBe(8);
    expect(r.level).toBe('high');
    expect(r.reasons.filter((x) => x.kind === 'item').map((x) => x.kind === 'item' && x.item)).toEqual(['domestic_violence', 'substance_abuse', 'harsh_discipline', 'school_attendance']);
    expect(r.reasons).toContainEqual({ kind: 'threshold', level: 'high', min: 8, score: 8 });
    expect(r.factors).toContainEqual({ item: 'school_attendance', domain: 'pedagogical' });
    a.items.harsh_discipline = 'no';
    expect(scoreAssessment(DEFAULT_INSTRUMENT, a).level).toBe('moderate');
  });

  it('threats decide safety; a safety plan makes it conditionally safe', () => {
    const a = none();
    a.threats.child_afraid = true;
    expect(scoreAssessment(DEFAULT_INSTRUMENT, a).safetyDecision).toBe('unsafe');
    a.safetyPlan = true;
    expect(scoreAssessment(DEFAULT_INSTRUMENT, a).safetyDecision).toBe('conditionally_safe');
  });

  it('policy overrides set a minimum level and say why; they never lower it', () => {
    const a = none();
    a.threats.sexual_abuse_access = true;
    const r = scoreAssessment(DEFAULT_INSTRUMENT, a);
    expect(r.scoredLevel).toBe('low');
    expect(r.level).toBe('very_high');
    expect(r.reasons).toContainEqual({ kind: 'policy_override', code: 'sexual_abuse', level: 'very_high' });
  });

  it('the worker may raise the level by one step with a reason, never beyond very high', () => {
    const a = { ...none(), raiseLevel: true, raiseReason: 'младенец в доме' };
    const r = scoreAssessment(DEFAULT_INSTRUMENT, a);
    expect(r.level).toBe('moderate');
    expect(r.reasons).toContainEqual({ kind: 'discretionary_override', from: 'low', to: 'moderate' });
    a.threats = { sexual_abuse_access: true };
    expect(scoreAssessment(DEFAULT_INSTRUMENT, a).level).toBe('very_high');
  });

  it('checkAnswers names unknown codes, missing items and an override without a reason', () => {
    const a = none();
    delete a.items.prior_case;
    a.items.domestic_violence = 'maybe';
    a.items.bogus = 'yes';
    a.threats.bogus = true;
    a.raiseLevel = true;
    expect(checkAnswers(DEFAULT_INSTRUMENT, a).map((p) => p.path).sort())
      .toEqual(['items.bogus', 'items.domestic_violence', 'items.prior_case', 'raiseReason', 'threats.bogus']);
    expect(checkAnswers(DEFAULT_INSTRUMENT, none())).toEqual([]);
  });
});
