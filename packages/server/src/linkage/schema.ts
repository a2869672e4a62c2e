import { LINK_FIELDS, LINK_STATUSES, SEXES } from '@qorgau/core';
import { z } from 'zod';

const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be a region code such as KZ-75');

export const listCandidatesQuery = z.object({
  status: z.enum(LINK_STATUSES).default('pending'),
  regionCode: regionCode.optional(),
  band: z.enum(['likely', 'possible']).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCandidatesQuery = z.infer<typeof listCandidatesQuery>;

export const listMergesQuery = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMergesQuery = z.infer<typeof listMergesQuery>;

export const mergeBody = z.object({
  survivorId: z.string().uuid('must be the id of one of the two persons of the pair'),
  reason: z.string().trim().max(1000, 'at most 1,000 characters').optional(),
}).strict();
export type MergeInput = z.infer<typeof mergeBody>;

export const distinctBody = z.object({
  reason: z.string().trim().max(1000, 'at most 1,000 characters').optional(),
}).strict();

export const undoBody = z.object({
  reason: z.string().trim().max(1000, 'at most 1,000 characters').optional(),
}).strict();

export const runBody = z.object({
  /** wait for the run to finish (small registers, tests); otherwise 202 at once */
  wait: z.boolean().default(false),
}).strict();

const contribution = z.object({ level: z.string(), weight: z.number(), notCounted: z.literal(true).optional() });
export const fieldsSchema = z.object({
  ...Object.fromEntries(LINK_FIELDS.map((f) => [f, contribution])) as Record<(typeof LINK_FIELDS)[number], typeof contribution>,
  swappedNames: z.literal(true).optional(),
  householdOnly: z.literal(true).optional(),
});

/** A person of a pair as shown in the queue. */
export const pairPersonSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYearApprox: z.number().nullable(),
  sex: z.enum(SEXES).nullable(),
  regionCode: z.string().nullable(),
  districtCode: z.string().nullable(),
});

export const candidateSummarySchema = z.object({
  id: z.string(),
  score: z.number(),
  band: z.enum(['likely', 'possible']),
  status: z.enum(LINK_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  personA: pairPersonSchema,
  personB: pairPersonSchema,
});
export type CandidateSummary = z.infer<typeof candidateSummarySchema>;

/** A person of a pair side by side: the register's fields and what hangs on the record. */
export const candidatePersonSchema = pairPersonSchema.extend({
  iin: z.string().nullable(),
  address: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  /** the agency of the user who registered the person (null: imported or by the system) */
  registeredByAgency: z.string().nullable(),
  mergedInto: z.string().nullable(),
  counts: z.object({ reports: z.number(), cases: z.number(), concerns: z.number(), contacts: z.number(), referrals: z.number() }),
});

export const candidateSchema = candidateSummarySchema.omit({ personA: true, personB: true }).extend({
  fields: fieldsSchema,
  thresholds: z.object({ upper: z.number(), lower: z.number() }),
  runId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** the merge made from this pair (to undo it) */
  mergeId: z.string().nullable(),
  personA: candidatePersonSchema,
  personB: candidatePersonSchema,
  /** two different valid IINs: the pair cannot be merged */
  iinConflict: z.boolean(),
});
export type CandidateDto = z.infer<typeof candidateSchema>;

export const movedCountsSchema = z.object({
  incidentPersons: z.number(), concerns: z.number(), contacts: z.number(), caseMembers: z.number(), caseFacts: z.number(),
  referrals: z.number(), riskFlags: z.number(), mergedRecords: z.number(), filledFields: z.array(z.string()),
});

export const mergeSchema = z.object({
  id: z.string(),
  candidateId: z.string().nullable(),
  survivor: pairPersonSchema,
  merged: pairPersonSchema,
  moved: movedCountsSchema,
  reason: z.string().nullable(),
  mergedBy: z.string(),
  mergedByName: z.string().nullable(),
  mergedAt: z.string(),
  undoneBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type MergeDto = z.infer<typeof mergeSchema>;

export const runSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  persons: z.number(),
  pairsCompared: z.number(),
  candidates: z.number(),
  failed: z.boolean(),
  likely: z.number().nullable(),
  added: z.number().nullable(),
  removed: z.number().nullable(),
  thresholds: z.object({ upper: z.number(), lower: z.number() }).nullable(),
  ms: z.object({ read: z.number(), link: z.number(), write: z.number() }).nullable(),
});
export type RunDto = z.infer<typeof runSchema>;
