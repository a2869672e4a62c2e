// A structured safety and risk assessment in the spirit of Structured Decision Making (SDM):
// a safety assessment (are there threats of serious harm now?) and an actuarial-style risk
// assessment (items with weights, summed and cut by thresholds into levels), with policy
// overrides that set a minimum level and a discretionary override that may raise the level by one
// step with a reason. Items, weights and thresholds are data, versioned like the response protocol.
import type { Label } from '../vocab-labels.ts';
import type { RiskLevel, SafetyDecision } from '../family/vocab.ts';

/** Which kind of factor an item is: used by profile analytics over closed cases (seed 000). */
export const FACTOR_DOMAINS = ['social', 'pedagogical', 'psychological', 'health'] as const;
export type FactorDomain = (typeof FACTOR_DOMAINS)[number];

export type AssessmentOption = { code: string; label: Label; weight: number };

export type RiskItem = {
  code: string;
  domain: FactorDomain;
  label: Label;
  /** help for the worker: what counts */
  hint?: Label | undefined;
  /** the first option is the default "no / none" */
  options: AssessmentOption[];
};

export type SafetyThreat = { code: string; label: Label };

export type PolicyOverride = {
  code: string;
  label: Label;
  /** applies when any of these threats is present or any of these item options is chosen (`item:option`) */
  whenThreats?: string[] | undefined;
  whenOptions?: string[] | undefined;
  /** the level is at least this */
  level: RiskLevel;
};

export type InstrumentDefinition = {
  name: Label;
  threats: SafetyThreat[];
  items: RiskItem[];
  /** minimum score for each level above low */
  thresholds: { moderate: number; high: number; very_high: number };
  policyOverrides: PolicyOverride[];
};

export type AssessmentAnswers = {
  /** threat code → present */
  threats: Record<string, boolean>;
  /** when threats are present: a safety plan with protective interventions is in place */
  safetyPlan: boolean;
  /** item code → option code */
  items: Record<string, string>;
  /** raise the level by one step (SDM discretionary override), with a reason */
  raiseLevel?: boolean | undefined;
  raiseReason?: string | undefined;
};

export type AssessmentReason =
  | { kind: 'item'; item: string; option: string; weight: number; domain: FactorDomain }
  | { kind: 'threshold'; level: RiskLevel; min: number; score: number }
  | { kind: 'policy_override'; code: string; level: RiskLevel }
  | { kind: 'discretionary_override'; from: RiskLevel; to: RiskLevel }
  | { kind: 'threat'; threat: string };

export type AssessmentResult = {
  threats: string[];
  safetyDecision: SafetyDecision;
  score: number;
  scoredLevel: RiskLevel;
  level: RiskLevel;
  reasons: AssessmentReason[];
  /** item codes whose chosen option has a positive weight, with their domain (the case's risk factors) */
  factors: { item: string; domain: FactorDomain }[];
};
