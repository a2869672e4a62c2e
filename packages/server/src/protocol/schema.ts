// The Zod form of core/protocol's ProtocolDefinition: what the editor may save. Beyond shapes, it
// checks what would make a protocol unusable: duplicate rule ids, a chain that goes backwards, …
import {
  AGENCY_TYPES, CHANNELS, ESCALATION_LEVELS, PERPETRATOR_RELATIONS, PLACES, PRIORITIES, SCREENING_QUESTIONS, TASK_ACTIONS,
  VIOLENCE_TYPES, type ProtocolDefinition,
} from '@qorgau/core';
import { z } from 'zod';

const deadline = z.union([
  z.object({ hours: z.number().int('whole hours').min(0).max(24 * 365) }).strict(),
  z.object({ workingDays: z.number().int('whole working days').min(0).max(260) }).strict(),
]);

const list = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length).optional();

const condition = z.object({
  priorities: list(PRIORITIES),
  types: list(VIOLENCE_TYPES),
  places: list(PLACES),
  schoolInvolved: z.boolean().optional(),
  criminal: z.boolean().optional(),
  screening: list(SCREENING_QUESTIONS),
  perpetratorRelations: list(PERPETRATOR_RELATIONS),
  channels: list(CHANNELS),
}).strict();

const ruleId = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, up to 40');

const escalationStep = z.object({ to: z.enum(ESCALATION_LEVELS), after: deadline }).strict();

export const protocolDefinitionSchema = z.object({
  defaultPriority: z.enum(PRIORITIES),
  priorityRules: z.array(z.object({ id: ruleId, when: condition.omit({ priorities: true }), priority: z.enum(PRIORITIES) }).strict()).max(100),
  criminalTypes: z.array(z.enum(VIOLENCE_TYPES)).max(VIOLENCE_TYPES.length),
  taskRules: z.array(z.object({
    id: ruleId,
    when: condition,
    agencyType: z.enum(AGENCY_TYPES),
    action: z.enum(TASK_ACTIONS),
    deadline,
    mandatory: z.boolean(),
  }).strict()).min(1, 'a protocol needs at least one task rule').max(300),
  escalation: z.object({
    P1: z.array(escalationStep).max(10), P2: z.array(escalationStep).max(10), P3: z.array(escalationStep).max(10), P4: z.array(escalationStep).max(10),
  }).strict(),
}).strict().superRefine((p, ctx) => {
  const dupes = (ids: string[], path: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `the rule id "${id}" is used twice` });
      seen.add(id);
    });
  };
  dupes(p.priorityRules.map((r) => r.id), 'priorityRules');
  dupes(p.taskRules.map((r) => r.id), 'taskRules');
  // every report must at least be decided on: one unconditional mandatory task
  if (!p.taskRules.some((r) => r.mandatory && Object.values(r.when).every((v) => v === undefined || (Array.isArray(v) && v.length === 0)))) {
    ctx.addIssue({ code: 'custom', path: ['taskRules'], message: 'at least one mandatory task must apply to every report (a rule with no conditions)' });
  }
  for (const pr of PRIORITIES) {
    const steps = p.escalation[pr];
    if (pr !== 'P4' && steps.length === 0) ctx.addIssue({ code: 'custom', path: ['escalation', pr], message: `overdue ${pr} tasks must escalate at least once` });
    let prev = -1;
    steps.forEach((s, i) => {
      const h = 'hours' in s.after ? s.after.hours : s.after.workingDays * 24;
      if (h < prev) ctx.addIssue({ code: 'custom', path: ['escalation', pr, i, 'after'], message: 'a step must not come earlier than the step before it' });
      prev = h;
    });
  }
}) satisfies z.ZodType<ProtocolDefinition>;

export const factsSchema = z.object({
  channel: z.enum(CHANNELS).default('hotline'),
  screening: z.object(Object.fromEntries(SCREENING_QUESTIONS.map((q) => [q, z.boolean().optional()])) as Record<(typeof SCREENING_QUESTIONS)[number], z.ZodOptional<z.ZodBoolean>>).strict().default({}),
  incidents: z.array(z.object({
    types: z.array(z.enum(VIOLENCE_TYPES)).min(1, 'choose at least one type'),
    place: z.enum(PLACES).nullish(),
    schoolId: z.string().max(64).nullish(),
    legalQualification: z.array(z.object({ code: z.enum(['criminal', 'administrative']), article: z.string().max(20) })).max(10).optional(),
    perpetratorRelations: z.array(z.enum(PERPETRATOR_RELATIONS)).max(10).optional(),
  }).strict()).min(1).max(10),
}).strict();

export const versionSchema = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'retired']),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  definition: protocolDefinitionSchema,
});
export type ProtocolVersionDto = z.infer<typeof versionSchema>;

export const previewBody = z.object({
  /** a definition being edited; otherwise the version given, otherwise the active one */
  definition: z.unknown().optional(),
  version: z.number().int().positive().optional(),
  report: factsSchema,
  receivedAt: z.iso.datetime({ offset: true }).optional(),
}).strict();

export const previewSchema = z.object({
  version: z.number().int().nullable(),
  priority: z.enum(PRIORITIES),
  priorityRuleIds: z.array(z.string()),
  tasks: z.array(z.object({
    ruleId: z.string(), agencyType: z.enum(AGENCY_TYPES), action: z.enum(TASK_ACTIONS), mandatory: z.boolean(), dueAt: z.string(),
    escalation: z.array(z.object({ to: z.enum(ESCALATION_LEVELS), at: z.string() })),
  })),
});
