import type { LinkField, LinkStatus, Sex } from '@qorgau/core';

// Shapes of the linkage API's answers (packages/server/src/linkage/schema.ts).

export type Band = 'likely' | 'possible';

export interface PairPerson {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  birthYearApprox: number | null;
  sex: Sex | null;
  regionCode: string | null;
  districtCode: string | null;
}

export interface CandidateSummary {
  id: string;
  score: number;
  band: Band;
  status: LinkStatus;
  createdAt: string;
  decidedAt: string | null;
  personA: PairPerson;
  personB: PairPerson;
}

export interface Contribution {
  level: string;
  weight: number;
  notCounted?: true;
}

export type Fields = Record<LinkField, Contribution> & { swappedNames?: true; householdOnly?: true };

export interface CandidatePerson extends PairPerson {
  iin: string | null;
  address: string | null;
  externalId: string | null;
  createdAt: string;
  registeredByAgency: string | null;
  mergedInto: string | null;
  counts: { reports: number; cases: number; concerns: number; contacts: number; referrals: number };
}

export interface Candidate extends Omit<CandidateSummary, 'personA' | 'personB'> {
  fields: Fields;
  thresholds: { upper: number; lower: number };
  runId: string | null;
  decidedBy: string | null;
  mergeId: string | null;
  personA: CandidatePerson;
  personB: CandidatePerson;
  iinConflict: boolean;
}

export interface Merge {
  id: string;
  candidateId: string | null;
  survivor: PairPerson;
  merged: PairPerson;
  moved: {
    incidentPersons: number; concerns: number; contacts: number; caseMembers: number; caseFacts: number; referrals: number; riskFlags: number;
    mergedRecords: number; filledFields: string[];
  };
  reason: string | null;
  mergedBy: string;
  mergedByName: string | null;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

export interface Run {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  persons: number;
  pairsCompared: number;
  candidates: number;
  failed: boolean;
  likely: number | null;
  added: number | null;
  removed: number | null;
  thresholds: { upper: number; lower: number } | null;
}
