// Requests and answers of family case files. Free text (summary, notes, observations, facts) is
// sensitive: it is stored and shown to those entitled, never logged nor put into audit details.
import {
  AGENCY_TYPES, CASE_CLOSE_REASONS, CASE_KINDS, CASE_RELATIONS, CASE_STATUSES, FACT_SECTIONS, NOTE_SENSITIVITIES, OCCUPATIONS,
  REVIEW_DECISIONS, RISK_LEVELS, SAFETY_DECISIONS,
} from '@qorgau/core';
import { z } from 'zod';
import { isoDate, personRefSchema, personSchema } from '../persons/schema.ts';

const text = (max: number, required = 'required') => z.string().trim().min(1, required).max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();
const uuid = (what: string) => z.string().uuid(`must be ${what} id`);

export const memberInput = z.object({
  person: personRefSchema,
  relation: z.enum(CASE_RELATIONS),
  /** a child the case is about */
  subject: z.boolean().default(false),
  livesInHousehold: z.boolean().default(true),
  occupation: z.enum(OCCUPATIONS).default('unknown'),
  schoolId: uuid('a school').nullable().optional(),
}).strict();
export type MemberInput = z.infer<typeof memberInput>;

export const openCaseBody = z.object({
  kind: z.enum(CASE_KINDS),
  /** the report the case is opened from; its victims become the children of the case unless members are given */
  reportId: uuid('a report').optional(),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be a region code like KZ-75').optional(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').nullable().optional(),
  summary: text(10_000, 'say why the case is opened'),
  address: optionalText(500),
  members: z.array(memberInput).max(30, 'at most 30 members').default([]),
  /** agencies that contribute besides the lead's */
  contributingAgencies: z.array(z.enum(AGENCY_TYPES)).max(AGENCY_TYPES.length).default([]),
  /** another worker of one's unit as lead (default: oneself) */
  leadUserId: uuid('a user').optional(),
  reviewIntervalDays: z.number().int().min(7, 'at least 7 days').max(365, 'at most 365 days').default(90),
}).strict();
export type OpenCaseInput = z.infer<typeof openCaseBody>;

export const updateCaseBody = z.object({
  summary: text(10_000).optional(),
  address: z.string().trim().max(500).nullable().optional(),
  reviewIntervalDays: z.number().int().min(7).max(365).optional(),
  nextReviewOn: isoDate.nullable().optional(),
}).strict();

export const updateMemberBody = z.object({
  relation: z.enum(CASE_RELATIONS).optional(),
  subject: z.boolean().optional(),
  livesInHousehold: z.boolean().optional(),
  occupation: z.enum(OCCUPATIONS).optional(),
  schoolId: uuid('a school').nullable().optional(),
}).strict();

export const agencyBody = z.object({ agencyType: z.enum(AGENCY_TYPES), unitId: uuid('a unit').nullable().optional() }).strict();

/** Moves the lead makes directly; approvals, reviews and reopening have their own endpoints. */
export const STATUS_MOVES = ['assessment', 'plan', 'review'] as const;
export const statusBody = z.object({ to: z.enum(STATUS_MOVES), note: optionalText(2000) }).strict();

export const approvalRequestBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), note: optionalText(2000) }).strict(),
  z.object({ kind: z.literal('closure'), closeReason: z.enum(CASE_CLOSE_REASONS), note: text(2000, 'give the reasons for closing') }).strict(),
]);
export const approvalDecisionBody = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: optionalText(2000),
}).strict().refine((b) => b.decision === 'approved' || !!b.note, { path: ['note'], message: 'say why it is rejected' });

export const reopenBody = z.object({ note: text(2000, 'say why the case is reopened') }).strict();

export const assessmentBody = z.object({
  threats: z.record(z.string().max(60), z.boolean()).default({}),
  safetyPlan: z.boolean().default(false),
  items: z.record(z.string().max(60), z.string().max(60)),
  raiseLevel: z.boolean().optional(),
  raiseReason: optionalText(2000),
}).strict();

export const planItemBody = z.object({
  kind: z.enum(['goal', 'action']),
  goalId: uuid('a goal').optional(),
  title: text(1000),
  responsibleAgency: z.enum(AGENCY_TYPES).nullable().optional(),
  responsibleUserId: uuid('a user').nullable().optional(),
  dueOn: isoDate.nullable().optional(),
}).strict().refine((b) => b.kind === 'goal' || !!b.goalId, { path: ['goalId'], message: 'an action belongs to a goal' })
  .refine((b) => b.kind === 'action' || !b.goalId, { path: ['goalId'], message: 'a goal does not belong to another goal' });

export const planItemUpdateBody = z.object({
  title: text(1000).optional(),
  status: z.enum(['open', 'done', 'dropped']).optional(),
  responsibleAgency: z.enum(AGENCY_TYPES).nullable().optional(),
  responsibleUserId: uuid('a user').nullable().optional(),
  dueOn: isoDate.nullable().optional(),
}).strict();

export const visitBody = z.object({
  visitedOn: isoDate,
  visitors: text(500, 'who went'),
  childrenSeen: z.boolean(),
  observations: text(10_000, 'what was observed'),
  nextVisitOn: isoDate.nullable().optional(),
}).strict().refine((b) => !b.nextVisitOn || b.nextVisitOn > b.visitedOn, { path: ['nextVisitOn'], message: 'must be after the visit' });

export const noteBody = z.object({ sensitivity: z.enum(NOTE_SENSITIVITIES), body: text(10_000) }).strict();

export const factBody = z.object({
  section: z.enum(FACT_SECTIONS),
  personId: uuid('a person').nullable().optional(),
  topic: text(200),
  body: text(10_000),
  recordedOn: isoDate,
}).strict();

export const reviewBody = z.object({
  heldOn: isoDate,
  decision: z.enum(REVIEW_DECISIONS),
  summary: text(10_000),
}).strict();

export const transferBody = z.object({
  toAgencyType: z.enum(AGENCY_TYPES),
  toUnitId: uuid('a unit').nullable().optional(),
  toUserId: uuid('a user').nullable().optional(),
  reason: text(2000, 'say why responsibility is transferred'),
  consent: z.object({
    given: z.literal(true, 'the family\'s consent must be recorded before a transfer'),
    /** who consented: a member of the household */
    givenByPersonId: uuid('a person'),
    method: z.enum(['written', 'verbal']),
    on: isoDate,
  }).strict(),
}).strict();
export const transferDecisionBody = z.object({
  decision: z.enum(['accepted', 'declined']),
  note: optionalText(2000),
  /** who leads from now on (default: the one accepting) */
  leadUserId: uuid('a user').optional(),
}).strict().refine((b) => b.decision === 'accepted' || !!b.note, { path: ['note'], message: 'say why it is declined' });

export const linkReportBody = z.object({ reportId: uuid('a report') }).strict();

export const listCasesQuery = z.object({
  status: z.enum([...CASE_STATUSES, 'active']).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  regionCode: z.string().regex(/^KZ-\d{2}$/).optional(),
  districtCode: z.string().regex(/^\d{9}$/).optional(),
  mine: z.enum(['true', 'false']).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  reviewDue: z.enum(['true', 'false']).optional(),
  personId: z.string().uuid().optional(),
  /** cases with a pending plan or closure approval that the reader may decide */
  awaitingMyApproval: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

// ---------------------------------------------------------------- answers

const userRef = z.object({ id: z.string(), name: z.string().nullable() });

export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  regionCode: z.string(),
  districtCode: z.string().nullable(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  lead: userRef,
  leadAgencyType: z.string(),
  children: z.array(z.object({ personId: z.string(), name: z.string(), birthDate: z.string().nullable() })),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  pendingApproval: z.enum(['plan', 'closure']).nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const memberSchema = z.object({
  id: z.string(),
  person: personSchema,
  relation: z.enum(CASE_RELATIONS),
  subject: z.boolean(),
  livesInHousehold: z.boolean(),
  occupation: z.enum(OCCUPATIONS),
  schoolId: z.string().nullable(),
  age: z.number().nullable(),
});

export const assessmentSchema = z.object({
  id: z.string(),
  instrumentVersion: z.number(),
  answers: z.record(z.string(), z.unknown()),
  threats: z.array(z.string()),
  safetyDecision: z.enum(SAFETY_DECISIONS),
  score: z.number(),
  scoredLevel: z.enum(RISK_LEVELS),
  level: z.enum(RISK_LEVELS),
  overrideReason: z.string().nullable(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  assessedBy: userRef,
  assessedAt: z.string(),
});
export type AssessmentDto = z.infer<typeof assessmentSchema>;

export const approvalSchema = z.object({
  id: z.string(),
  kind: z.enum(['plan', 'closure']),
  closeReason: z.enum(CASE_CLOSE_REASONS).nullable(),
  note: z.string().nullable(),
  requestedBy: userRef,
  requestedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedBy: userRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const caseSchema = caseSummarySchema.extend({
  summary: z.string().nullable(),
  address: z.string().nullable(),
  leadUnitId: z.string().nullable(),
  reviewIntervalDays: z.number(),
  closeReason: z.enum(CASE_CLOSE_REASONS).nullable(),
  reopenCount: z.number(),
  createdAt: z.string(),
  members: z.array(memberSchema),
  agencies: z.array(z.object({ agencyType: z.string(), unitId: z.string().nullable(), role: z.enum(['lead', 'contributing']) })),
  reports: z.array(z.object({ id: z.string(), number: z.string(), status: z.string(), receivedAt: z.string() })),
  approvals: z.array(approvalSchema),
  latestAssessment: assessmentSchema.nullable(),
  plan: z.array(z.object({
    id: z.string(), kind: z.enum(['goal', 'action']), goalId: z.string().nullable(), title: z.string(), responsibleAgency: z.string().nullable(),
    responsible: userRef.nullable(), dueOn: z.string().nullable(), status: z.enum(['open', 'done', 'dropped']), doneAt: z.string().nullable(), overdue: z.boolean(),
  })),
  visits: z.array(z.object({
    id: z.string(), visitedOn: z.string(), visitors: z.string(), childrenSeen: z.boolean(), observations: z.string(), nextVisitOn: z.string().nullable(), author: userRef,
  })),
  notes: z.array(z.object({ id: z.string(), sensitivity: z.enum(NOTE_SENSITIVITIES), body: z.string(), author: userRef, authorAgency: z.string().nullable(), createdAt: z.string() })),
  /** notes the reader may not see (their number only) */
  hiddenNotes: z.number(),
  facts: z.array(z.object({
    id: z.string(), section: z.enum(FACT_SECTIONS), personId: z.string().nullable(), topic: z.string(), body: z.string(), recordedOn: z.string(), author: userRef,
  })),
  /** sections of the social and medical view the reader may not see */
  hiddenSections: z.array(z.enum(FACT_SECTIONS)),
  reviews: z.array(z.object({ id: z.string(), dueOn: z.string().nullable(), heldOn: z.string(), decision: z.enum(REVIEW_DECISIONS), summary: z.string(), heldBy: userRef })),
  transfers: z.array(z.object({
    id: z.string(), fromAgencyType: z.string(), toAgencyType: z.string(), toUnitId: z.string().nullable(), toUser: userRef.nullable(), reason: z.string(),
    consent: z.record(z.string(), z.unknown()), status: z.enum(['pending', 'accepted', 'declined', 'cancelled']), requestedBy: userRef, requestedAt: z.string(),
    decidedBy: userRef.nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(),
  })),
  history: z.array(z.object({
    id: z.number(), at: z.string(), user: userRef.nullable(), kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(),
    note: z.string().nullable(), details: z.record(z.string(), z.unknown()),
  })),
  rights: z.object({ read: z.boolean(), work: z.boolean(), lead: z.boolean(), approve: z.boolean(), acceptTransfer: z.boolean(), sections: z.array(z.enum(FACT_SECTIONS)) }),
});
export type CaseDto = z.infer<typeof caseSchema>;
