import { BODY_REGIONS, CONCERN_ACTIONS, CONCERN_CATEGORIES, CONCERN_STATUSES, PERPETRATOR_RELATIONS, PLACES, SEXES, VIOLENCE_TYPES } from '@qorgau/core';
import { z } from 'zod';
import { isoDate, newPersonSchema } from '../persons/schema.ts';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with offset, e.g. 2026-11-20T10:15:00+05:00' });

export const bodyMarkSchema = z.object({
  view: z.enum(['front', 'back']),
  region: z.enum(BODY_REGIONS),
  x: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  y: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
}).strict();

/** Actions the lead records by hand; 'escalated' and 'closed' come from their own endpoints. */
type ManualAction = Exclude<(typeof CONCERN_ACTIONS)[number], 'escalated' | 'closed'>;
export const MANUAL_ACTIONS = CONCERN_ACTIONS.filter((a): a is ManualAction => a !== 'escalated' && a !== 'closed');

export const createConcernBody = z.object({
  // the same rules as any new person of the register (IIN checksum, birth date in the past)
  child: newPersonSchema.refine((c) => c.lastName.length > 0, { path: ['lastName'], message: 'required' }),
  grade: z.string().trim().max(20, 'at most 20 characters').optional(),
  categories: z.array(z.enum(CONCERN_CATEGORIES)).min(1, 'choose at least one category').max(CONCERN_CATEGORIES.length)
    .refine((c) => new Set(c).size === c.length, 'categories must not repeat'),
  observedAt: instant,
  description: z.string().trim().min(1, 'describe what you saw or heard').max(10_000, 'at most 10,000 characters'),
  childWords: z.string().trim().max(5000, 'at most 5,000 characters').optional(),
  bodyMap: z.array(bodyMarkSchema).max(50, 'at most 50 marks').default([]),
}).strict();
export type CreateConcernInput = z.infer<typeof createConcernBody>;

export const listConcernsQuery = z.object({
  status: z.enum([...CONCERN_STATUSES, 'open']).optional(),
  category: z.enum(CONCERN_CATEGORIES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListConcernsQuery = z.infer<typeof listConcernsQuery>;

export const actionBody = z.object({
  kind: z.enum(MANUAL_ACTIONS),
  note: z.string().trim().max(5000, 'at most 5,000 characters').optional(),
  /** after an observation: keep the child under watch */
  monitoring: z.boolean().optional(),
}).strict();

export const closeBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) }).strict();

export const escalateBody = z.object({
  types: z.array(z.enum(VIOLENCE_TYPES)).min(1, 'at least one type').max(VIOLENCE_TYPES.length)
    .refine((t) => new Set(t).size === t.length, 'types must not repeat').optional(),
  place: z.enum(PLACES).optional(),
  screening: z.object({
    immediateDanger: z.boolean().optional(),
    childInjured: z.boolean().optional(),
    perpetratorHasAccess: z.boolean().optional(),
  }).strict().optional(),
  /** alleged perpetrators by relation only (the lead does not name anyone here) */
  perpetrators: z.array(z.object({ relation: z.enum(PERPETRATOR_RELATIONS), sex: z.enum(SEXES).nullable().optional() }).strict()).max(10).optional(),
}).strict();
export type EscalateInput = z.infer<typeof escalateBody>;

const childSchema = z.object({
  id: z.string(), lastName: z.string(), firstName: z.string(), middleName: z.string().nullable(), birthDate: z.string().nullable(),
  iin: z.string().nullable(), sex: z.string().nullable(),
});

export const concernSummarySchema = z.object({
  id: z.string(),
  status: z.enum(CONCERN_STATUSES),
  categories: z.array(z.string()),
  grade: z.string().nullable(),
  child: childSchema.pick({ id: true, lastName: true, firstName: true }),
  schoolId: z.string(),
  observedAt: z.string(),
  createdAt: z.string(),
  authorName: z.string().nullable(),
  reportId: z.string().nullable(),
  reportNumber: z.string().nullable(),
  hasBodyMap: z.boolean(),
});
export type ConcernSummary = z.infer<typeof concernSummarySchema>;

export const concernActionSchema = z.object({
  id: z.number(), kind: z.string(), note: z.string().nullable(), at: z.string(), userId: z.string(), userName: z.string().nullable(),
});

export const concernSchema = concernSummarySchema.extend({
  child: childSchema,
  schoolName: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  description: z.string(),
  childWords: z.string().nullable(),
  bodyMap: z.array(bodyMarkSchema.extend({ note: z.string().optional() })),
  createdBy: z.string(),
  updatedAt: z.string(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** what the school did; shown to the school's reviewers (the author sees the status only) */
  actions: z.array(concernActionSchema),
  rights: z.object({ review: z.boolean(), escalate: z.boolean() }),
});
export type ConcernDto = z.infer<typeof concernSchema>;

export const escalationSchema = z.object({
  concernId: z.string(), reportId: z.string(), reportNumber: z.string(), created: z.boolean(),
});

export const chronologyEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['concern', 'concern_action', 'report']),
  concernId: z.string().nullable(),
  reportId: z.string().nullable(),
  reportNumber: z.string().nullable(),
  /** concern or report status */
  status: z.string().nullable(),
  categories: z.array(z.string()),
  /** violence types of the report's incidents with this child */
  types: z.array(z.string()),
  action: z.string().nullable(),
  note: z.string().nullable(),
  /** the child's role in a report */
  role: z.string().nullable(),
  userName: z.string().nullable(),
});
export type ChronologyEntry = z.infer<typeof chronologyEntrySchema>;
