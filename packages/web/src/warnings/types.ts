import type { FactorDomain, Label, RiskFlagKind, RiskLevel } from '@qorgau/core';

// The server's early-warning answers (server/src/warnings/schema.ts).

export interface ReportRef {
  id: string;
  number: string;
  receivedAt: string;
}

export interface Explanations {
  repeat_report: { windowMonths: number; count: number; reports: ReportRef[] };
  sibling_reports: { windowMonths: number; count: number; siblingIds: string[]; caseIds: string[]; reports: (ReportRef & { siblingId: string })[] };
  neet_teen: { age: number; ageMin: number; ageMax: number; occupation: string; caseId: string; caseNumber: string };
  recent_case_closed: {
    withinMonths: number; previousCaseId: string; previousCaseNumber: string; closedAt: string; closeReason: string | null;
    trigger: 'case' | 'report'; triggerId: string; triggerNumber: string; triggerAt: string; days: number;
  };
  high_risk: { level: RiskLevel; scoredLevel: string; score: number; assessedAt: string; assessmentId: string; caseId: string; caseNumber: string };
  school_absence: {
    windowDays: number; minConcerns: number; count: number;
    concerns: { id: string; observedAt: string; schoolId: string }[];
    assessment: { caseId: string; caseNumber: string; assessedAt: string; item: string; option: string } | null;
  };
}

export type Flag = {
  [K in RiskFlagKind]: { kind: K; explanation: Explanations[K]; caseId: string | null; schoolId: string | null; since: string; computedAt: string };
}[RiskFlagKind];

export interface PersonFlags {
  personId: string;
  items: Flag[];
}

export interface CaseFlags {
  caseId: string;
  items: { personId: string; lastName: string; firstName: string; relation: string; subject: boolean; flags: Flag[] }[];
}

export type KindCounts = Record<RiskFlagKind, number>;

export interface RegisterItem {
  personId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  birthYearApprox: number | null;
  age: number | null;
  sex: string | null;
  schoolId: string | null;
  schoolName: Label | null;
  regionCode: string | null;
  districtCode: string | null;
  flags: Flag[];
}

export interface RiskRegister {
  countsOnly: boolean;
  total: number;
  byKind: KindCounts;
  byDistrict: { regionCode: string | null; districtCode: string | null; name: Label | null; children: number; byKind: KindCounts }[];
  bySchool: { schoolId: string; name: Label; districtCode: string; children: number; byKind: KindCounts }[];
  schoolsTruncated: boolean;
  items: RegisterItem[] | null;
  nextOffset: number | null;
  computedAt: string | null;
}

export interface MarkedCount {
  value: number | null;
  mark: 'small' | 'protect' | null;
}

export interface ProfileGroup {
  key: string;
  ageGroup: string | null;
  sex: string | null;
  children: MarkedCount;
  factors: { item: string; domain: FactorDomain; count: MarkedCount; share: number | null }[];
  domains: { domain: FactorDomain; count: MarkedCount; share: number | null }[];
  pairs: { a: string; b: string; domainA: FactorDomain; domainB: FactorDomain; count: MarkedCount; share: number | null; lift: number | null }[];
}

export interface Profiles {
  from: string;
  to: string;
  regionCode: string | null;
  threshold: number;
  children: MarkedCount;
  unassessed: MarkedCount;
  items: { code: string; domain: FactorDomain; label: Label }[];
  ageGroups: string[];
  sexes: string[];
  groups: ProfileGroup[];
}
