import { AGENCY_TYPES, ESCALATION_LEVELS, PRIORITIES, TASK_ACTIONS, TASK_OUTCOMES, TASK_STATUSES } from '@qorgau/core';
import { z } from 'zod';

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

/** A response task as API.md shows it in a report (id, agencyType, action, dueAt, status), with what the inbox needs. */
export const taskSchema = z.object({
  id: z.string(),
  reportId: z.string(),
  reportNumber: z.string(),
  agencyType: z.enum(AGENCY_TYPES),
  action: z.enum(TASK_ACTIONS),
  dueAt: z.string(),
  status: z.enum(TASK_STATUSES),
  mandatory: z.boolean(),
  priority: z.enum(PRIORITIES),
  regionCode: z.string(),
  districtCode: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: label.nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  instructions: z.string().nullable(),
  conferenceId: z.string().nullable(),
  protocolVersion: z.number().nullable(),
  ruleId: z.string().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: z.enum(TASK_OUTCOMES).nullable(),
  statusReason: z.string().nullable(),
  escalationStep: z.number(),
  /** the last escalation level reached, if any */
  escalationLevel: z.enum(ESCALATION_LEVELS).nullable(),
  nextEscalationAt: z.string().nullable(),
});
export type TaskDto = z.infer<typeof taskSchema>;

export const taskEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.enum(['created', 'accepted', 'assigned', 'action', 'completed', 'cancelled', 'escalated']),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** null when the viewer has no need to know the text */
  note: z.string().nullable(),
  noteWithheld: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});

export const taskDetailSchema = taskSchema.extend({
  events: z.array(taskEventSchema),
  rights: z.object({ work: z.boolean(), assign: z.boolean(), cancel: z.boolean() }),
});

export const inboxQuery = z.object({
  scope: z.enum(['mine', 'unit', 'territory']).default('unit'),
  status: z.enum(['active', ...TASK_STATUSES]).default('active'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  agencyType: z.enum(AGENCY_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
  reportId: z.string().uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

const note = z.string().trim().max(10_000);
export const assignBody = z.object({ userId: z.string().uuid('must be a user id') }).strict();
export const actionBody = z.object({ note: note.min(1, 'describe what was done') }).strict();
export const completeBody = z.object({ outcome: z.enum(TASK_OUTCOMES), note: note.optional() }).strict();
export const cancelBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) }).strict();
