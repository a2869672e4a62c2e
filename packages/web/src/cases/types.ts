import type {
  AgencyType, CaseCloseReason, CaseKind, CaseRelation, CaseStatus, FactSection, InstrumentDefinition, NoteSensitivity, Occupation,
  ReviewDecision, RiskLevel, SafetyDecision,
} from '@qorgau/core';
import type { Person } from '../persons/types.ts';

// Family case files as the server sends and takes them (packages/server/src/cases/schema.ts).

export interface UserRef {
  id: string;
  name: string | null;
}

export interface CaseChild {
  personId: string;
  name: string;
  birthDate: string | null;
}

export interface CaseSummary {
  id: string;
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  regionCode: string;
  districtCode: string | null;
  riskLevel: RiskLevel | null;
  lead: UserRef;
  leadAgencyType: string;
  children: CaseChild[];
  openedAt: string;
  closedAt: string | null;
  nextReviewOn: string | null;
  pendingApproval: 'plan' | 'closure' | null;
}

export interface CaseMember {
  id: string;
  person: Person & { birthYearApprox: number | null };
  relation: CaseRelation;
  subject: boolean;
  livesInHousehold: boolean;
  occupation: Occupation;
  schoolId: string | null;
  age: number | null;
}

/** Why a level came out as it did: codes and numbers; the page puts them into words. */
export type AssessmentReason =
  | { kind: 'item'; item: string; option: string; weight: number; domain: string }
  | { kind: 'threshold'; level: RiskLevel; min: number; score: number }
  | { kind: 'policy_override'; code: string; level: RiskLevel }
  | { kind: 'discretionary_override'; from: RiskLevel; to: RiskLevel }
  | { kind: 'threat'; threat: string };

export interface Assessment {
  id: string;
  instrumentVersion: number;
  answers: Record<string, unknown>;
  threats: string[];
  safetyDecision: SafetyDecision;
  score: number;
  scoredLevel: RiskLevel;
  level: RiskLevel;
  overrideReason: string | null;
  reasons: Record<string, unknown>[];
  assessedBy: UserRef;
  assessedAt: string;
}

export interface Approval {
  id: string;
  kind: 'plan' | 'closure';
  closeReason: CaseCloseReason | null;
  note: string | null;
  requestedBy: UserRef;
  requestedAt: string;
  decision: 'approved' | 'rejected' | null;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export type PlanItemStatus = 'open' | 'done' | 'dropped';

export interface PlanItem {
  id: string;
  kind: 'goal' | 'action';
  goalId: string | null;
  title: string;
  responsibleAgency: string | null;
  responsible: UserRef | null;
  dueOn: string | null;
  status: PlanItemStatus;
  doneAt: string | null;
  overdue: boolean;
}

export interface Visit {
  id: string;
  visitedOn: string;
  visitors: string;
  childrenSeen: boolean;
  observations: string;
  nextVisitOn: string | null;
  author: UserRef;
}

export interface Note {
  id: string;
  sensitivity: NoteSensitivity;
  body: string;
  author: UserRef;
  authorAgency: string | null;
  createdAt: string;
}

export interface Fact {
  id: string;
  section: FactSection;
  personId: string | null;
  topic: string;
  body: string;
  recordedOn: string;
  author: UserRef;
}

export interface Review {
  id: string;
  dueOn: string | null;
  heldOn: string;
  decision: ReviewDecision;
  summary: string;
  heldBy: UserRef;
}

export interface Transfer {
  id: string;
  fromAgencyType: string;
  toAgencyType: string;
  toUnitId: string | null;
  toUser: UserRef | null;
  reason: string;
  consent: Record<string, unknown>;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  requestedBy: UserRef;
  requestedAt: string;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface CaseEvent {
  id: number;
  at: string;
  user: UserRef | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

export interface CaseRights {
  read: boolean;
  work: boolean;
  lead: boolean;
  approve: boolean;
  acceptTransfer: boolean;
  sections: FactSection[];
}

export interface CaseFile extends CaseSummary {
  summary: string | null;
  address: string | null;
  leadUnitId: string | null;
  reviewIntervalDays: number;
  closeReason: CaseCloseReason | null;
  reopenCount: number;
  createdAt: string;
  members: CaseMember[];
  agencies: { agencyType: string; unitId: string | null; role: 'lead' | 'contributing' }[];
  reports: { id: string; number: string; status: string; receivedAt: string }[];
  approvals: Approval[];
  latestAssessment: Assessment | null;
  plan: PlanItem[];
  visits: Visit[];
  notes: Note[];
  hiddenNotes: number;
  facts: Fact[];
  hiddenSections: FactSection[];
  reviews: Review[];
  transfers: Transfer[];
  history: CaseEvent[];
  rights: CaseRights;
}

// ---------------------------------------------------------------- what the server takes

export interface NewPersonBody {
  iin?: string | null;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
}

export interface MemberBody {
  person: { id: string } | NewPersonBody;
  relation: CaseRelation;
  subject?: boolean;
  livesInHousehold?: boolean;
  occupation?: Occupation;
  schoolId?: string | null;
}

export interface MemberUpdateBody {
  relation?: CaseRelation;
  subject?: boolean;
  livesInHousehold?: boolean;
  occupation?: Occupation;
  schoolId?: string | null;
}

export interface OpenCaseBody {
  kind: CaseKind;
  reportId?: string;
  regionCode?: string;
  districtCode?: string | null;
  summary: string;
  address?: string;
  members: MemberBody[];
  contributingAgencies: AgencyType[];
  reviewIntervalDays?: number;
}

export interface AssessmentBody {
  threats: Record<string, boolean>;
  safetyPlan: boolean;
  items: Record<string, string>;
  raiseLevel?: boolean;
  raiseReason?: string;
}

export interface Instrument {
  version: number;
  definition: InstrumentDefinition;
}

export interface PlanItemBody {
  kind: 'goal' | 'action';
  goalId?: string;
  title: string;
  responsibleAgency?: AgencyType | null;
  responsibleUserId?: string | null;
  dueOn?: string | null;
}

export interface PlanItemUpdateBody {
  title?: string;
  status?: PlanItemStatus;
  responsibleAgency?: AgencyType | null;
  responsibleUserId?: string | null;
  dueOn?: string | null;
}

export interface VisitBody {
  visitedOn: string;
  visitors: string;
  childrenSeen: boolean;
  observations: string;
  nextVisitOn?: string | null;
}

export interface FactBody {
  section: FactSection;
  personId?: string | null;
  topic: string;
  body: string;
  recordedOn: string;
}

export interface ReviewBody {
  heldOn: string;
  decision: ReviewDecision;
  summary: string;
}

export interface TransferBody {
  toAgencyType: AgencyType;
  toUnitId?: string | null;
  reason: string;
  consent: { given: true; givenByPersonId: string; method: 'written' | 'verbal'; on: string };
}

export type ApprovalRequestBody = { kind: 'plan'; note?: string } | { kind: 'closure'; closeReason: CaseCloseReason; note: string };

export interface CaseFilter {
  status?: string | undefined;
  kind?: string | undefined;
  riskLevel?: string | undefined;
  mine?: string | undefined;
  reviewDue?: string | undefined;
  awaitingMyApproval?: string | undefined;
  personId?: string | undefined;
}

export const STATUS_COLORS: Record<CaseStatus, string> = {
  open: 'blue', assessment: 'cyan', plan: 'violet', in_progress: 'teal', review: 'yellow', closed: 'gray',
};

export const RISK_COLORS: Record<RiskLevel, string> = {
  low: 'teal', moderate: 'yellow', high: 'orange', very_high: 'red',
};

export const SAFETY_COLORS: Record<SafetyDecision, string> = {
  safe: 'teal', conditionally_safe: 'yellow', unsafe: 'red',
};
