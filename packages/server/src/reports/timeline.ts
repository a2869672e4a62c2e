// One chronological view of everything done on a report by every agency: the report's own changes
// (from the audit), every task event, escalations and case conferences. Free text (what was done)
// is shown within need-to-know (tasks/service.ts mayReadNote); the facts of who did what, when,
// are visible to everyone who may read the report.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import { auditLog, conferences, taskEvents, tasks, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { mayReadNote } from '../tasks/service.ts';
import { readableReportFor } from './workflow.ts';

export const TIMELINE_KINDS = [
  'report_created', 'report_updated', 'status_changed', 'incident_added', 'attachment_added',
  'task_created', 'task_accepted', 'task_assigned', 'task_action', 'task_completed', 'task_cancelled', 'task_escalated',
  'conference_scheduled', 'conference_held', 'conference_cancelled',
] as const;

export const timelineItemSchema = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  agencyType: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  taskId: z.string().nullable(),
  action: z.string().nullable(),
  note: z.string().nullable(),
  noteWithheld: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
type Item = z.infer<typeof timelineItemSchema>;

export async function reportTimeline(ctx: Ctx, id: string): Promise<Item[]> {
  const { row, redactSensitive } = await readableReportFor(ctx, id);
  const items: Item[] = [];

  const audit = await ctx.db.select({ a: auditLog, agencyType: users.agencyType, userName: users.fullName }).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(
      or(and(eq(auditLog.entityType, 'report'), eq(auditLog.entityId, row.id)), and(eq(auditLog.entityType, 'attachment'), sql`${auditLog.details}->>'reportId' = ${row.id}`)),
      inArray(auditLog.action, ['create', 'update']),
    )).orderBy(asc(auditLog.id)).limit(2000);
  for (const { a, agencyType, userName } of audit) {
    const d = a.details;
    const kind: Item['kind'] = a.entityType === 'attachment' ? 'attachment_added'
      : a.action === 'create' ? 'report_created'
        : d.status ? 'status_changed'
          : d.addedIncident ? 'incident_added' : 'report_updated';
    const details: Record<string, unknown> = {};
    for (const k of ['status', 'priority', 'fields', 'channel', 'newTasks', 'byTask', 'mimeType']) if (k in d) details[k] = d[k];
    if (a.entityType === 'attachment') details.attachmentId = a.entityId;
    const taskId = typeof d.taskId === 'string' ? d.taskId : null;
    items.push({ at: a.at.toISOString(), kind, agencyType, userId: a.userId, userName, taskId, action: null, note: null, noteWithheld: false, details });
  }

  const events = await ctx.db.select({ e: taskEvents, agencyType: tasks.agencyType, action: tasks.action, userName: users.fullName }).from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId)).leftJoin(users, eq(users.id, taskEvents.userId))
    .where(eq(taskEvents.reportId, row.id)).orderBy(asc(taskEvents.id)).limit(5000);
  for (const { e, agencyType, action, userName } of events) {
    const visible = e.note !== null && mayReadNote(ctx.actor, agencyType, e.userId, redactSensitive);
    items.push({
      at: e.at.toISOString(), kind: `task_${e.kind}` as Item['kind'], agencyType, userId: e.userId, userName, taskId: e.taskId, action,
      note: visible ? e.note : null, noteWithheld: e.note !== null && !visible, details: e.details,
    });
  }

  const confs = await ctx.db.select({ c: conferences, userName: users.fullName }).from(conferences).leftJoin(users, eq(users.id, conferences.organiserId))
    .where(eq(conferences.reportId, row.id));
  for (const { c, userName } of confs) {
    const base = { agencyType: null, userId: c.organiserId, userName, taskId: null, action: null, noteWithheld: false };
    items.push({ ...base, at: c.createdAt.toISOString(), kind: 'conference_scheduled', note: null, details: { conferenceId: c.id, kind: c.kind, scheduledAt: c.scheduledAt.toISOString() } });
    if (c.status === 'held' && c.heldAt) {
      items.push({ ...base, at: c.heldAt.toISOString(), kind: 'conference_held', note: redactSensitive ? null : c.decisions, noteWithheld: redactSensitive && !!c.decisions, details: { conferenceId: c.id, kind: c.kind } });
    }
    if (c.status === 'cancelled') items.push({ ...base, at: c.updatedAt.toISOString(), kind: 'conference_cancelled', note: null, details: { conferenceId: c.id } });
  }

  items.sort((x, y) => x.at.localeCompare(y.at));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'report_timeline', entityId: row.id });
  return items;
}
