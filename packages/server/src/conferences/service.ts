// Case conferences: the commission on juvenile affairs or an interagency meeting on a report —
// scheduled with participants (who are told), held with attendance and decisions, and followed by
// tasks that are routed and escalated like the protocol's own.
import { AGENCY_TYPES, kzDayEnd, kzDayStart, TASK_ACTIONS, type Priority } from '@qorgau/core';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeRecord, can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { conferences, reports, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { notify } from '../notifications/service.ts';
import { readableReportFor } from '../reports/workflow.ts';
import { denyAsNotFound, isUuid, reportScope } from '../reports/service.ts';
import { taskSchema } from '../tasks/schema.ts';
import { createTasks, protocolFor, tasksOfReport } from '../tasks/service.ts';

const participant = z.object({
  userId: z.string().uuid('must be a user id').nullish(),
  agencyType: z.enum(AGENCY_TYPES),
  name: z.string().trim().max(200).nullish(),
}).strict();

export const scheduleBody = z.object({
  kind: z.enum(['commission', 'interagency']),
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be a date and time' }),
  location: z.string().trim().max(300).optional(),
  agenda: z.string().trim().max(5000).optional(),
  participants: z.array(participant).min(1, 'invite at least one agency').max(50),
}).strict();

export const recordBody = z.object({
  attendedUserIds: z.array(z.string().uuid()).max(50).optional(),
  attendedAgencies: z.array(z.enum(AGENCY_TYPES)).max(AGENCY_TYPES.length).optional(),
  decisions: z.string().trim().min(1, 'record the decisions').max(20_000),
  followUps: z.array(z.object({
    agencyType: z.enum(AGENCY_TYPES),
    action: z.enum(TASK_ACTIONS).default('follow_up'),
    instructions: z.string().trim().max(2000).optional(),
    dueAt: z.iso.datetime({ offset: true, message: 'must be a date and time' }),
  }).strict()).max(30).default([]),
}).strict();

export const listConferencesQuery = z.object({
  status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const conferenceSchema = z.object({
  id: z.string(), reportId: z.string().nullable(), reportNumber: z.string().nullable(), kind: z.enum(['commission', 'interagency']), regionCode: z.string(),
  scheduledAt: z.string(), location: z.string().nullable(), agenda: z.string().nullable(), status: z.enum(['scheduled', 'held', 'cancelled']),
  participants: z.array(z.object({ userId: z.string().nullable(), agencyType: z.string(), name: z.string().nullable(), attended: z.boolean().nullable() })),
  decisions: z.string().nullable(), organiserId: z.string(), organiserName: z.string().nullable(), heldAt: z.string().nullable(),
  followUpTasks: z.array(taskSchema), rights: z.object({ manage: z.boolean() }),
});
type ConferenceDto = z.infer<typeof conferenceSchema>;
type Row = typeof conferences.$inferSelect;

function mayManage(ctx: Ctx, regionCode: string): boolean {
  if (!can(ctx.actor, 'conferences.manage')) return false;
  const t = territoryOf(ctx.actor);
  return t.level === 'national' || t.regionCode === regionCode;
}

async function toDto(ctx: Ctx, c: Row, redact: boolean): Promise<ConferenceDto> {
  const [extra] = await ctx.db.select({ number: reports.number, organiser: users.fullName }).from(conferences)
    .leftJoin(reports, eq(reports.id, conferences.reportId)).leftJoin(users, eq(users.id, conferences.organiserId)).where(eq(conferences.id, c.id));
  const followUps = c.reportId ? (await tasksOfReport(ctx.db, c.reportId)).filter((t) => t.conferenceId === c.id) : [];
  return {
    id: c.id, reportId: c.reportId, reportNumber: extra?.number ?? null, kind: c.kind as ConferenceDto['kind'], regionCode: c.regionCode,
    scheduledAt: c.scheduledAt.toISOString(), location: c.location, agenda: redact ? null : c.agenda, status: c.status as ConferenceDto['status'],
    participants: c.participants.map((p) => ({ userId: p.userId ?? null, agencyType: p.agencyType, name: p.name ?? null, attended: p.attended ?? null })),
    decisions: redact ? null : c.decisions, organiserId: c.organiserId, organiserName: extra?.organiser ?? null, heldAt: c.heldAt?.toISOString() ?? null,
    followUpTasks: followUps, rights: { manage: mayManage(ctx, c.regionCode) },
  };
}

export async function scheduleConference(ctx: Ctx, reportId: string, input: z.infer<typeof scheduleBody>): Promise<ConferenceDto> {
  const { row: report } = await readableReportFor(ctx, reportId);
  if (!mayManage(ctx, report.regionCode)) throw forbidden('Only the commission, coordinators, supervisors and guardianship officers of the region schedule case conferences.');
  if (report.status === 'closed') throw new AppError('conflict', 'The report is closed. Reopen it to hold a conference.');
  const userIds = [...new Set(input.participants.map((p) => p.userId).filter((u): u is string => !!u))];
  const known = userIds.length ? await ctx.db.select({ id: users.id, name: users.fullName, agencyType: users.agencyType }).from(users).where(and(inArray(users.id, userIds), eq(users.active, true))) : [];
  const byId = new Map(known.map((u) => [u.id, u]));
  input.participants.forEach((p, i) => { if (p.userId && !byId.has(p.userId)) throw validation([{ path: `participants.${i}.userId`, message: 'no such active user' }]); });
  const row = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.insert(conferences).values({
      reportId: report.id, kind: input.kind, regionCode: report.regionCode, scheduledAt: new Date(input.scheduledAt), location: input.location ?? null,
      agenda: input.agenda ?? null, status: 'scheduled', organiserId: ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
      participants: input.participants.map((p) => ({ userId: p.userId ?? null, agencyType: p.agencyType, name: p.name ?? (p.userId ? byId.get(p.userId)?.name ?? null : null), attended: null })),
    }).returning();
    if (!c) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'conference', entityId: c.id, details: { reportId: report.id, kind: input.kind } });
    await notify(tx, ctx.now, ctx.config, userIds.filter((u) => u !== ctx.actor.id).map((userId) => ({
      userId, kind: 'conference_invited' as const, reportId: report.id, params: { reportNumber: report.number, conferenceAt: c.scheduledAt.toISOString() },
    })));
    return c;
  });
  return toDto(ctx, row, false);
}

/**
 * The conference if the user may read its report. A denial is audited under the conference's id
 * and looks exactly like a missing conference (not like a missing report, which would tell that
 * the conference exists).
 */
async function visibleConference(ctx: Ctx, id: string): Promise<{ c: Row; redact: boolean }> {
  if (!isUuid(id)) throw notFound('conference');
  const [c] = await ctx.db.select().from(conferences).where(eq(conferences.id, id));
  if (!c?.reportId) return denyAsNotFound(ctx, 'conference', id, 'missing');
  const [report] = await ctx.db.select().from(reports).where(eq(reports.id, c.reportId));
  const decision = report ? authorizeRecord(ctx.actor, 'read', reportScope(report)) : null;
  if (!decision?.allowed) return denyAsNotFound(ctx, 'conference', id, decision?.reason ?? 'missing');
  return { c, redact: decision.redactSensitive };
}

export async function getConference(ctx: Ctx, id: string): Promise<ConferenceDto> {
  const { c, redact } = await visibleConference(ctx, id);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'conference', entityId: c.id, details: { reportId: c.reportId } });
  return toDto(ctx, c, redact);
}

export async function conferencesOfReport(ctx: Ctx, reportId: string): Promise<ConferenceDto[]> {
  const { row, redactSensitive } = await readableReportFor(ctx, reportId);
  const rows = await ctx.db.select().from(conferences).where(eq(conferences.reportId, row.id)).orderBy(desc(conferences.scheduledAt));
  return Promise.all(rows.map((c) => toDto(ctx, c, redactSensitive)));
}

/** The conference calendar of the user's territory (those who manage conferences, and participants). */
export async function listConferences(ctx: Ctx, q: z.infer<typeof listConferencesQuery>): Promise<ConferenceDto[]> {
  const where: (SQL | undefined)[] = [];
  const t = territoryOf(ctx.actor);
  if (can(ctx.actor, 'conferences.manage')) {
    if (t.level !== 'national') where.push(eq(conferences.regionCode, t.regionCode));
  } else {
    where.push(sql`${conferences.participants} @> ${JSON.stringify([{ userId: ctx.actor.id }])}::jsonb`);
  }
  if (q.status) where.push(eq(conferences.status, q.status));
  if (q.from) where.push(gte(conferences.scheduledAt, kzDayStart(q.from)));
  if (q.to) where.push(lt(conferences.scheduledAt, kzDayEnd(q.to)));
  const rows = await ctx.db.select({ c: conferences, sensitive: reports.sensitive }).from(conferences).leftJoin(reports, eq(reports.id, conferences.reportId))
    .where(and(...where)).orderBy(asc(conferences.scheduledAt)).limit(200);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'conference_list', entityId: null, details: { count: rows.length } });
  // agenda and decisions of a sensitive report stay with those entitled to its details
  return Promise.all(rows.map(({ c, sensitive }) => toDto(ctx, c, !!sensitive && !can(ctx.actor, 'sensitive_details'))));
}

async function lockedScheduled(ctx: Ctx, id: string): Promise<Row> {
  const { c } = await visibleConference(ctx, id);
  if (!mayManage(ctx, c.regionCode)) throw forbidden('Only the commission, coordinators, supervisors and guardianship officers of the region manage case conferences.');
  if (c.status !== 'scheduled') throw new AppError('conflict', `The conference is already ${c.status}.`);
  return c;
}

/** Record the conference as held: attendance, decisions, follow-up tasks (mandatory, routed, escalated). */
export async function recordConference(ctx: Ctx, id: string, input: z.infer<typeof recordBody>): Promise<ConferenceDto> {
  const c = await lockedScheduled(ctx, id);
  input.followUps.forEach((f, i) => {
    if (new Date(f.dueAt).getTime() <= ctx.now.getTime()) throw validation([{ path: `followUps.${i}.dueAt`, message: 'must be in the future' }]);
  });
  const [report] = await ctx.db.select().from(reports).where(eq(reports.id, c.reportId as string));
  if (!report) throw notFound('report');
  const protocol = await protocolFor(ctx.db, report.protocolVersion);
  const attendedUsers = new Set(input.attendedUserIds ?? []);
  const attendedAgencies = new Set(input.attendedAgencies ?? []);
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: conferences.status }).from(conferences).where(eq(conferences.id, id)).for('update');
    if (locked?.status !== 'scheduled') throw new AppError('conflict', 'The conference was changed meanwhile. Reload it.');
    await tx.update(conferences).set({
      status: 'held', heldAt: ctx.now, updatedAt: ctx.now, decisions: input.decisions,
      participants: c.participants.map((p) => ({ ...p, attended: p.userId ? attendedUsers.has(p.userId) : attendedAgencies.has(p.agencyType as (typeof AGENCY_TYPES)[number]) })),
    }).where(eq(conferences.id, id));
    const created = await createTasks(tx, ctx, { id: report.id, number: report.number, regionCode: report.regionCode, districtCode: report.districtCode, priority: report.priority as Priority },
      input.followUps.map((f) => ({ agencyType: f.agencyType, action: f.action, dueAt: new Date(f.dueAt), mandatory: true, instructions: f.instructions ?? null, conferenceId: id })),
      { protocolVersion: report.protocolVersion, protocol: protocol.definition, calendar: protocol.calendar, now: ctx.now, userId: ctx.actor.id });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'conference', entityId: id, details: { reportId: report.id, held: true, followUps: created.length } });
  });
  return getConference(ctx, id);
}

export async function cancelConference(ctx: Ctx, id: string, reason: string): Promise<ConferenceDto> {
  await lockedScheduled(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.update(conferences).set({ status: 'cancelled', decisions: reason, updatedAt: ctx.now }).where(and(eq(conferences.id, id), eq(conferences.status, 'scheduled')));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'conference', entityId: id, details: { cancelled: true } });
  });
  return getConference(ctx, id);
}

