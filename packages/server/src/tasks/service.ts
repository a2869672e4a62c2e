// Response tasks: created from the protocol at intake (or by a case conference), routed to a
// unit, worked in the inbox (accept, assign, record actions, complete), escalated when overdue
// (escalation.ts). Every change is a task event (the timeline) and an audit entry.
import {
  escalationAt, type AgencyType, type EscalationLevel, type Priority, type ProtocolDefinition, type TaskAction, type TaskOutcome,
  type WorkingCalendar,
} from '@qorgau/core';
import { aliasedTable, and, asc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { authorizeRecord, can, inTerritory, isTerritoryWide, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { reports, taskEvents, tasks, units, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, auditedForbidden, forbidden, notFound, validation } from '../http/errors.ts';
import { notify, type NotificationInput } from '../notifications/service.ts';
import { protocolVersion } from '../protocol/service.ts';
import { workingCalendar } from '../reference/calendar.ts';
import { denyAsNotFound, isUuid, reportScope } from '../reports/service.ts';
import { resolveUnits, routeKey } from '../units/service.ts';
import type { InboxQuery, TaskDto } from './schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';

export type TaskRow = typeof tasks.$inferSelect;
type ReportRow = typeof reports.$inferSelect;

export type NewTask = {
  agencyType: AgencyType;
  action: TaskAction;
  dueAt: Date;
  mandatory: boolean;
  ruleId?: string | null;
  instructions?: string | null;
  conferenceId?: string | null;
};

/**
 * Insert tasks for a report, each routed to the unit of its agency for the report's territory,
 * with its first escalation time; tell the units (or, for a territory without a routing rule, the
 * regional coordinators, who must route it). Runs in the caller's transaction.
 */
export async function createTasks(
  tx: Executor,
  deps: Pick<Deps, 'config'>,
  report: { id: string; number: string; regionCode: string; districtCode: string | null; priority: Priority },
  list: NewTask[],
  meta: {
    protocolVersion: number | null; protocol: ProtocolDefinition; calendar: WorkingCalendar; now: Date; userId: string | null; quiet?: boolean;
    /** the report was inserted with these tasks' agencies already in agency_types (intake) */
    agenciesRecorded?: boolean;
  },
): Promise<TaskRow[]> {
  if (!list.length) return [];
  const keys = list.map((t) => ({ agencyType: t.agencyType, regionCode: report.regionCode, districtCode: report.districtCode }));
  const unitFor = await resolveUnits(tx, keys);
  const rows = await tx.insert(tasks).values(list.map((t, i) => ({
    reportId: report.id, conferenceId: t.conferenceId ?? null, protocolVersion: meta.protocolVersion, ruleId: t.ruleId ?? null,
    agencyType: t.agencyType, action: t.action, instructions: t.instructions ?? null, mandatory: t.mandatory, priority: report.priority,
    regionCode: report.regionCode, districtCode: report.districtCode, unitId: unitFor.get(routeKey(keys[i] as (typeof keys)[number])) ?? null,
    status: 'open' as const, dueAt: t.dueAt, createdAt: meta.now, updatedAt: meta.now,
    nextEscalationAt: escalationAt(meta.protocol, report.priority, t.dueAt, 0, meta.calendar),
  }))).returning();
  await tx.insert(taskEvents).values(rows.map((t) => ({
    taskId: t.id, reportId: report.id, at: meta.now, userId: meta.userId, kind: 'created',
    details: { agencyType: t.agencyType, action: t.action, dueAt: t.dueAt.toISOString(), unitId: t.unitId, ...(t.conferenceId ? { conferenceId: t.conferenceId } : {}) },
  })));
  // agencies with tasks may read the report (need-to-know by agency, access/policy.ts)
  const agencies = [...new Set(rows.map((t) => t.agencyType))].join(',');
  if (!meta.agenciesRecorded) await tx.update(reports).set({ agencyTypes: sql`(select array_agg(distinct a order by a) from unnest(${reports.agencyTypes} || string_to_array(${agencies}, ',')) a)` })
    .where(eq(reports.id, report.id));
  if (meta.quiet) return rows;
  const unitIds = [...new Set(rows.map((t) => t.unitId).filter((u): u is string => !!u))];
  const members = unitIds.length ? await tx.select({ id: users.id, unitId: users.unitId }).from(users).where(and(inArray(users.unitId, unitIds), eq(users.active, true))) : [];
  const unrouted = rows.filter((t) => !t.unitId);
  const coordinators = unrouted.length ? await tx.select({ id: users.id }).from(users)
    .where(and(eq(users.role, 'regional_coordinator'), eq(users.active, true), or(eq(users.regionCode, report.regionCode), isNull(users.regionCode)))) : [];
  const out: NotificationInput[] = [];
  for (const t of rows) {
    const params = { reportNumber: report.number, action: t.action, agencyType: t.agencyType, dueAt: t.dueAt.toISOString(), priority: report.priority };
    const to = t.unitId ? members.filter((m) => m.unitId === t.unitId).map((m) => m.id) : coordinators.map((c) => c.id);
    for (const userId of to) out.push({ userId, kind: 'task_new', params, reportId: report.id, taskId: t.id });
  }
  await notify(tx, meta.now, deps.config, out);
  return rows;
}

// ------------------------------------------------------------------ reading

const assignee = aliasedTable(users, 'assignee');

const lastLevel = sql<string | null>`(select e.level from task_escalations e where e.task_id = ${tasks.id} order by e.step desc limit 1)`;

function taskSelect() {
  return {
    task: tasks, reportNumber: reports.number, unitKk: units.nameKk, unitRu: units.nameRu, unitEn: units.nameEn,
    assigneeName: assignee.fullName, level: lastLevel,
  };
}

type Joined = { task: TaskRow; reportNumber: string; unitKk: string | null; unitRu: string | null; unitEn: string | null; assigneeName: string | null; level: string | null };

function toTaskDto(r: Joined): TaskDto {
  const t = r.task;
  return {
    id: t.id, reportId: t.reportId, reportNumber: r.reportNumber, agencyType: t.agencyType, action: t.action, dueAt: t.dueAt.toISOString(),
    status: t.status, mandatory: t.mandatory, priority: t.priority, regionCode: t.regionCode, districtCode: t.districtCode, unitId: t.unitId,
    unitName: r.unitRu !== null ? { kk: r.unitKk ?? '', ru: r.unitRu, en: r.unitEn ?? '' } : null,
    assigneeId: t.assigneeId, assigneeName: r.assigneeName, instructions: t.instructions, conferenceId: t.conferenceId,
    protocolVersion: t.protocolVersion, ruleId: t.ruleId, createdAt: t.createdAt.toISOString(), acceptedAt: t.acceptedAt?.toISOString() ?? null,
    completedAt: t.completedAt?.toISOString() ?? null, outcome: t.outcome as TaskOutcome | null, statusReason: t.statusReason,
    escalationStep: t.escalationStep, escalationLevel: r.level as EscalationLevel | null, nextEscalationAt: t.nextEscalationAt?.toISOString() ?? null,
  };
}

function joined(ex: Executor) {
  return ex.select(taskSelect()).from(tasks)
    .innerJoin(reports, eq(reports.id, tasks.reportId))
    .leftJoin(units, eq(units.id, tasks.unitId))
    .leftJoin(assignee, eq(assignee.id, tasks.assigneeId));
}

/** The tasks of a report, by due time (for the report page and API.md's report body). */
export async function tasksOfReport(ex: Executor, reportId: string): Promise<TaskDto[]> {
  const rows = await joined(ex).where(eq(tasks.reportId, reportId)).orderBy(asc(tasks.dueAt), asc(tasks.id));
  return rows.map(toTaskDto);
}

/** What a user may do with a task. */
export function taskRights(actor: Actor, t: Pick<TaskRow, 'unitId' | 'agencyType' | 'assigneeId' | 'regionCode' | 'districtCode' | 'mandatory'>, report: Pick<ReportRow, 'schoolIds'>): { work: boolean; assign: boolean; cancel: boolean } {
  if (!can(actor, 'tasks.handle')) return { work: false, assign: false, cancel: false };
  const territory = inTerritory(actor, { regionCode: t.regionCode, districtCode: t.districtCode, schoolIds: report.schoolIds });
  const ofUnit = t.unitId ? actor.unitId === t.unitId : actor.agencyType === t.agencyType && territory;
  const coordinator = isTerritoryWide(actor.role) && territory;
  const head = ofUnit && actor.isUnitHead;
  return {
    work: t.assigneeId === actor.id || ofUnit || coordinator,
    assign: head || coordinator,
    // a mandatory task is dropped only by a coordinator, with a reason
    cancel: t.mandatory ? coordinator : head || coordinator,
  };
}

/** A task and its report, if the user may see the task (its unit, its assignee, or a reader of the report). */
async function visibleTask(ctx: Ctx, id: string): Promise<{ task: TaskRow; report: ReportRow; rights: ReturnType<typeof taskRights>; redactSensitive: boolean }> {
  if (!isUuid(id)) throw notFound('task');
  const [row] = await ctx.db.select({ task: tasks, report: reports }).from(tasks).innerJoin(reports, eq(reports.id, tasks.reportId)).where(eq(tasks.id, id));
  if (!row) return denyAsNotFound(ctx, 'task', id, 'missing');
  const rights = taskRights(ctx.actor, row.task, row.report);
  const read = authorizeRecord(ctx.actor, 'read', { ...reportScope(row.report), assignedUserIds: row.task.assigneeId ? [row.task.assigneeId] : [] });
  if (!rights.work && !rights.assign && !read.allowed) return denyAsNotFound(ctx, 'task', id, read.allowed ? 'task' : read.reason);
  const redactSensitive = read.allowed ? read.redactSensitive : row.report.sensitive && !can(ctx.actor, 'sensitive_details');
  return { task: row.task, report: row.report, rights, redactSensitive };
}

/** May this user read the text of a note on a task of this agency? Need-to-know: the agency itself, coordinators, the author. */
export function mayReadNote(actor: Actor, agencyType: string, authorId: string | null, redactSensitive: boolean): boolean {
  if (authorId === actor.id) return true;
  if (redactSensitive) return false;
  // medical details stay with health workers and those entitled to sensitive details
  if (agencyType === 'health' && !can(actor, 'sensitive_details')) return false;
  return actor.agencyType === agencyType || isTerritoryWide(actor.role);
}

export async function getTask(ctx: Ctx, id: string) {
  const { task, rights, redactSensitive } = await visibleTask(ctx, id);
  const [dto] = await joined(ctx.db).where(eq(tasks.id, task.id));
  if (!dto) throw notFound('task');
  const events = await ctx.db.select({ e: taskEvents, userName: users.fullName }).from(taskEvents).leftJoin(users, eq(users.id, taskEvents.userId))
    .where(eq(taskEvents.taskId, task.id)).orderBy(asc(taskEvents.id));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'task', entityId: task.id, details: { reportId: task.reportId } });
  return {
    ...toTaskDto(dto),
    rights,
    events: events.map(({ e, userName }) => {
      const visible = e.note !== null && mayReadNote(ctx.actor, task.agencyType, e.userId, redactSensitive);
      return {
        id: e.id, at: e.at.toISOString(), kind: e.kind as 'created', userId: e.userId, userName, note: visible ? e.note : null,
        noteWithheld: e.note !== null && !visible, details: e.details,
      };
    }),
  };
}

/**
 * The inbox: tasks by urgency (earliest due first). `mine`: assigned to me; `unit`: my unit's
 * (or, without a unit, my agency's in my territory); `territory`: every task in my territory, for
 * coordinators, supervisors and the commission.
 */
function inboxScope(a: Actor, scope: InboxQuery['scope']): SQL[] {
  if (!can(a, 'tasks.handle')) throw forbidden('Your role has no task inbox.');
  if (scope === 'mine') return [eq(tasks.assigneeId, a.id)];
  if (scope === 'unit') {
    if (a.unitId) return [eq(tasks.unitId, a.unitId)];
    return [and(isNull(tasks.unitId), eq(tasks.agencyType, (a.agencyType ?? '\u0000none') as AgencyType), territorySql(a)) ?? sql`false`];
  }
  if (!isTerritoryWide(a.role)) throw forbidden('Only coordinators, supervisors and the commission see all tasks of a territory.');
  const t = territorySql(a);
  return t ? [t] : [];
}

async function activeCounts(ctx: Ctx, where: (SQL | undefined)[]): Promise<{ active: number; overdue: number }> {
  const [counts] = await ctx.db.select({
    active: sql<number>`count(*)::int`,
    overdue: sql<number>`(count(*) filter (where ${tasks.dueAt} < ${ctx.now.toISOString()}))::int`,
  }).from(tasks).where(and(...where, inArray(tasks.status, ['open', 'accepted'])));
  return { active: counts?.active ?? 0, overdue: counts?.overdue ?? 0 };
}

/** Numbers only (active, overdue) for the navigation badge: no record is read, so no audit entry per poll. */
export async function inboxCounts(ctx: Ctx, scope: InboxQuery['scope']): Promise<{ active: number; overdue: number }> {
  return activeCounts(ctx, inboxScope(ctx.actor, scope));
}

export async function inbox(ctx: Ctx, q: InboxQuery): Promise<{ items: TaskDto[]; nextCursor: string | null; counts: { active: number; overdue: number } }> {
  const base: (SQL | undefined)[] = [...inboxScope(ctx.actor, q.scope)];
  if (q.agencyType) base.push(eq(tasks.agencyType, q.agencyType));
  if (q.priority) base.push(eq(tasks.priority, q.priority));
  if (q.regionCode) base.push(eq(tasks.regionCode, q.regionCode));
  if (q.reportId) base.push(eq(tasks.reportId, q.reportId));
  const where = [...base];
  if (q.status === 'active') where.push(inArray(tasks.status, ['open', 'accepted']));
  else where.push(eq(tasks.status, q.status));
  if (q.overdue !== undefined) where.push(q.overdue ? lt(tasks.dueAt, ctx.now) : sql`${tasks.dueAt} >= ${ctx.now.toISOString()}`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(${tasks.dueAt}, ${tasks.id}) > (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await joined(ctx.db).where(and(...where)).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const counts = await activeCounts(ctx, base);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'task_list', entityId: null, details: { scope: q.scope, count: page.length } });
  const last = page[page.length - 1];
  return {
    items: page.map(toTaskDto),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.task.dueAt.toISOString(), id: last.task.id }) : null,
    counts,
  };
}

function territorySql(a: Actor): SQL | undefined {
  const t = territoryOf(a);
  switch (t.level) {
    case 'national': return undefined;
    case 'region': return eq(tasks.regionCode, t.regionCode);
    case 'district': return eq(tasks.districtCode, t.districtCode);
    case 'school': return sql`exists (select 1 from ${reports} where ${reports.id} = ${tasks.reportId} and ${t.schoolId}::uuid = any(${reports.schoolIds}))`;
  }
}

// ------------------------------------------------------------------ working on a task

const OPEN = ['open', 'accepted'] as const;

async function change(
  ctx: Ctx, id: string, need: 'work' | 'assign' | 'cancel',
  fn: (tx: Executor, task: TaskRow, report: ReportRow) => Promise<{ set: Partial<typeof tasks.$inferInsert>; event: { kind: string; note?: string | null; details?: Record<string, unknown> }; notifyUsers?: NotificationInput[] }>,
) {
  const { task, rights } = await visibleTask(ctx, id);
  if (!rights[need]) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'task', entityId: id, details: { reportId: task.reportId, reason: need } });
    throw auditedForbidden(need === 'work' ? 'This task belongs to another unit.' : need === 'assign' ? 'Only the head of the unit or a coordinator assigns this task.' : 'Only a coordinator cancels a mandatory task; a unit head cancels an optional one.');
  }
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ task: tasks, report: reports }).from(tasks).innerJoin(reports, eq(reports.id, tasks.reportId)).where(eq(tasks.id, id)).for('update', { of: tasks });
    if (!locked) throw notFound('task');
    if (!(OPEN as readonly string[]).includes(locked.task.status)) throw new AppError('conflict', `The task is already ${locked.task.status}.`);
    const { set, event, notifyUsers } = await fn(tx, locked.task, locked.report);
    await tx.update(tasks).set({ ...set, updatedAt: ctx.now }).where(eq(tasks.id, id));
    await tx.insert(taskEvents).values({ taskId: id, reportId: locked.task.reportId, at: ctx.now, userId: ctx.actor.id, kind: event.kind, note: event.note ?? null, details: event.details ?? {} });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'task', entityId: id, details: { reportId: locked.task.reportId, event: event.kind, ...(event.details ?? {}) } });
    if (notifyUsers?.length) await notify(tx, ctx.now, ctx.config, notifyUsers);
  });
  return getTask(ctx, id);
}

/** Mark the report in progress once someone works on it. */
async function startReport(ctx: Ctx, tx: Executor, report: ReportRow): Promise<void> {
  if (report.status !== 'registered') return;
  await tx.update(reports).set({ status: 'in_progress', updatedAt: ctx.now }).where(eq(reports.id, report.id));
  await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'report', entityId: report.id, details: { fields: ['status'], status: { from: 'registered', to: 'in_progress' }, byTask: true } });
}

export async function acceptTask(ctx: Ctx, id: string) {
  return change(ctx, id, 'work', async (tx, task, report) => {
    if (task.assigneeId && task.assigneeId !== ctx.actor.id && task.status === 'accepted') {
      throw new AppError('conflict', 'Someone else already works on this task. Ask the head of the unit to reassign it.');
    }
    await startReport(ctx, tx, report);
    return { set: { status: 'accepted', assigneeId: ctx.actor.id, acceptedAt: task.acceptedAt ?? ctx.now }, event: { kind: 'accepted' } };
  });
}

export async function assignTask(ctx: Ctx, id: string, userId: string) {
  return change(ctx, id, 'assign', async (tx, task, report) => {
    const [u] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.active, true)));
    const fits = u && (task.unitId ? u.unitId === task.unitId : u.agencyType === task.agencyType) && can({ ...ctx.actor, role: u.role as Actor['role'] }, 'tasks.handle');
    if (!u || !fits) throw validation([{ path: 'userId', message: task.unitId ? 'not an active member of the task\'s unit' : 'not an active user of the task\'s agency' }]);
    await startReport(ctx, tx, report);
    return {
      set: { status: 'accepted', assigneeId: u.id, acceptedAt: task.acceptedAt ?? ctx.now },
      event: { kind: 'assigned', details: { assigneeId: u.id, assigneeName: u.fullName } },
      notifyUsers: u.id === ctx.actor.id ? [] : [{
        userId: u.id, kind: 'task_assigned', reportId: task.reportId, taskId: task.id,
        params: { reportNumber: report.number, action: task.action, agencyType: task.agencyType, dueAt: task.dueAt.toISOString(), priority: task.priority },
      }],
    };
  });
}

export async function recordAction(ctx: Ctx, id: string, note: string) {
  return change(ctx, id, 'work', async () => ({ set: {}, event: { kind: 'action', note } }));
}

export async function completeTask(ctx: Ctx, id: string, input: { outcome: TaskOutcome; note?: string | undefined }) {
  return change(ctx, id, 'work', async (tx, task, report) => {
    await startReport(ctx, tx, report);
    return {
      set: { status: 'done', outcome: input.outcome, completedAt: ctx.now, nextEscalationAt: null, assigneeId: task.assigneeId ?? ctx.actor.id },
      event: { kind: 'completed', note: input.note?.trim() || null, details: { outcome: input.outcome, onTime: ctx.now.getTime() <= task.dueAt.getTime() } },
    };
  });
}

export async function cancelTask(ctx: Ctx, id: string, reason: string) {
  return change(ctx, id, 'cancel', async () => ({
    set: { status: 'cancelled', statusReason: reason, nextEscalationAt: null },
    event: { kind: 'cancelled', note: reason },
  }));
}

/** Before a document is attached to a task: the user must be able to work on it, and it must be open. */
export async function taskForUpload(ctx: Ctx, id: string): Promise<{ reportId: string }> {
  const { task, rights } = await visibleTask(ctx, id);
  if (!rights.work) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'attachment', entityId: null, details: { reportId: task.reportId, taskId: id, reason: 'task' } });
    throw auditedForbidden('This task belongs to another unit.');
  }
  if (!(OPEN as readonly string[]).includes(task.status)) throw new AppError('conflict', `The task is already ${task.status}.`);
  return { reportId: task.reportId };
}

/** Mandatory tasks still open on a report (closing is refused while there are any). */
export async function openMandatoryTasks(ex: Executor, reportId: string): Promise<{ id: string; agencyType: string; action: string }[]> {
  return ex.select({ id: tasks.id, agencyType: tasks.agencyType, action: tasks.action }).from(tasks)
    .where(and(eq(tasks.reportId, reportId), eq(tasks.mandatory, true), inArray(tasks.status, [...OPEN])));
}

/** On closing a report: its optional open tasks are cancelled, with the reason in their history. */
export async function cancelOpenTasks(tx: Executor, reportId: string, meta: { now: Date; userId: string; reason: string }): Promise<number> {
  const gone = await tx.update(tasks).set({ status: 'cancelled', statusReason: meta.reason, nextEscalationAt: null, updatedAt: meta.now })
    .where(and(eq(tasks.reportId, reportId), inArray(tasks.status, [...OPEN]))).returning({ id: tasks.id });
  if (gone.length) {
    await tx.insert(taskEvents).values(gone.map((g) => ({ taskId: g.id, reportId, at: meta.now, userId: meta.userId, kind: 'cancelled', note: meta.reason, details: { reportClosed: true } })));
  }
  return gone.length;
}

/** The protocol and calendar a report's tasks follow. */
export async function protocolFor(ex: Executor, version: number | null): Promise<{ version: number; definition: ProtocolDefinition; calendar: WorkingCalendar }> {
  const [p, calendar] = await Promise.all([protocolVersion(ex, version), workingCalendar(ex)]);
  return { ...p, calendar };
}

