// What happens to a report after intake: more incidents, status changes, and its history.
import { applyProtocol, PRIORITIES, SENSITIVE_VIOLENCE_TYPES, type PerpetratorRelation, type Priority, type ReportFacts, type ViolenceType } from '@qorgau/core';
import { and, asc, eq, ne, notInArray, or, sql } from 'drizzle-orm';
import { authorizeRecord, can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { auditLog, incidentPersons, incidents, reports, tasks } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import type { CreateReportInput, ReportDto } from './schema.ts';
import { cancelOpenTasks, createTasks, openMandatoryTasks, protocolFor } from '../tasks/service.ts';
import { markDirty } from '../stats/rollup.ts';
import { checkReferences, denyAsNotFound, isUuid, loadReport, persistIncidents, reportScope } from './service.ts';

type ReportRow = typeof reports.$inferSelect;

async function reportFor(ctx: Ctx, id: string, action: 'read' | 'update'): Promise<{ row: ReportRow; redactSensitive: boolean }> {
  if (!isUuid(id)) throw notFound('report');
  const [row] = await ctx.db.select().from(reports).where(eq(reports.id, id));
  if (!row) return denyAsNotFound(ctx, 'report', id, 'missing');
  const read = authorizeRecord(ctx.actor, 'read', reportScope(row));
  if (!read.allowed) return denyAsNotFound(ctx, 'report', id, read.reason);
  if (action === 'update') {
    const update = authorizeRecord(ctx.actor, 'update', reportScope(row));
    if (!update.allowed) throw forbidden('You may read this report but not change it.');
  }
  return { row, redactSensitive: read.redactSensitive };
}

/** The report if the user may read it (a 404, audited as denied, otherwise), with whether details are withheld. */
export async function readableReportFor(ctx: Ctx, id: string): Promise<{ row: ReportRow; redactSensitive: boolean }> {
  return reportFor(ctx, id, 'read');
}

/** Add an incident to an existing report ("add to the open report instead of a new one"). */
export async function addIncident(ctx: Ctx, id: string, incident: CreateReportInput['incidents'][number]): Promise<ReportDto> {
  if (!can(ctx.actor, 'reports.create') && !can(ctx.actor, 'reports.update')) throw forbidden('Your role does not register reports.');
  const { row } = await reportFor(ctx, id, 'read');
  if (row.status === 'closed') throw new AppError('conflict', 'The report is closed. Reopen it or register a new report.');
  await checkReferences(ctx.db, ctx.actor, { regionCode: row.regionCode, districtCode: row.districtCode, incidents: [incident] });
  await ctx.db.transaction(async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(incidents).where(eq(incidents.reportId, row.id));
    const { createdPersons } = await persistIncidents(tx, { id: row.id, regionCode: row.regionCode, districtCode: row.districtCode }, [incident], {
      createdBy: ctx.actor.id, now: ctx.now, firstPosition: (count?.n ?? 0) + 1,
    });
    const sensitive = row.sensitive || incident.types.some((t) => SENSITIVE_VIOLENCE_TYPES.includes(t));
    const schoolIds = [...new Set([...row.schoolIds, ...(incident.schoolId ? [incident.schoolId] : [])])];
    const agencyTypes = [...new Set([...row.agencyTypes, ...(ctx.actor.agencyType ? [ctx.actor.agencyType] : [])])];
    // the report's protocol looks at all its incidents again: a new fact may raise the priority or
    // call for agencies not yet involved (deadlines run from now); tasks already there stay as they are
    const protocol = await protocolFor(tx, row.protocolVersion);
    const allIncidents = await tx.select({ id: incidents.id, types: incidents.types, place: incidents.place, schoolId: incidents.schoolId, legalQualification: incidents.legalQualification }).from(incidents).where(eq(incidents.reportId, row.id));
    const relations = await tx.select({ incidentId: incidentPersons.incidentId, relation: incidentPersons.relation }).from(incidentPersons)
      .innerJoin(incidents, eq(incidents.id, incidentPersons.incidentId)).where(and(eq(incidents.reportId, row.id), eq(incidentPersons.role, 'perpetrator')));
    const facts = {
      channel: row.channel as ReportFacts['channel'], screening: row.screening,
      incidents: allIncidents.map((i) => ({
        types: i.types as ViolenceType[], place: i.place as ReportFacts['incidents'][number]['place'], schoolId: i.schoolId, legalQualification: i.legalQualification,
        perpetratorRelations: relations.filter((r) => r.incidentId === i.id).map((r) => r.relation as PerpetratorRelation | null),
      })),
    };
    const computed = applyProtocol(protocol.definition, facts, ctx.now, protocol.calendar);
    const priority = PRIORITIES.indexOf(computed.priority) < PRIORITIES.indexOf(row.priority as Priority) ? computed.priority : row.priority as Priority;
    const plan = applyProtocol(protocol.definition, facts, ctx.now, protocol.calendar, { priority });
    const existing = new Set((await tx.select({ agencyType: tasks.agencyType, action: tasks.action }).from(tasks).where(and(eq(tasks.reportId, row.id), ne(tasks.status, 'cancelled')))).map((t) => `${t.agencyType}/${t.action}`));
    const fresh = row.protocolVersion === null ? [] : plan.tasks.filter((t) => !existing.has(`${t.agencyType}/${t.action}`));
    await tx.update(reports).set({ sensitive, schoolIds, agencyTypes, priority, updatedAt: ctx.now }).where(eq(reports.id, row.id));
    await markDirty(tx, [{ regionCode: row.regionCode, at: row.receivedAt }]);
    await createTasks(tx, ctx, { id: row.id, number: row.number, regionCode: row.regionCode, districtCode: row.districtCode ?? incident.districtCode ?? null, priority }, fresh, {
      protocolVersion: row.protocolVersion, protocol: protocol.definition, calendar: protocol.calendar, now: ctx.now, userId: ctx.actor.id,
    });
    await writeAudit(tx, auditCtx(ctx), [
      { action: 'update', entityType: 'report', entityId: row.id, details: { fields: priority === row.priority ? ['incidents'] : ['incidents', 'priority'], addedIncident: true, newTasks: fresh.length, ...(priority !== row.priority ? { priority: { from: row.priority, to: priority } } : {}) } },
      ...createdPersons.map((p) => ({ action: 'create' as const, entityType: 'person', entityId: p.id, details: { reportId: row.id } })),
    ]);
  });
  return loadReport(ctx.db, row.id, { redactSensitive: false });
}

const TRANSITIONS: Record<string, readonly string[]> = {
  registered: ['in_progress', 'closed'],
  in_progress: ['closed', 'registered'],
  closed: ['in_progress'],
};

/** Status workflow: closing and reopening need a reason, kept in the history. */
export async function changeStatus(ctx: Ctx, id: string, input: { status: ReportDto['status']; statusReason?: string | undefined }): Promise<ReportDto> {
  if (!can(ctx.actor, 'reports.update')) throw forbidden('Your role does not change reports.');
  const { row, redactSensitive } = await reportFor(ctx, id, 'update');
  if (row.status === input.status) return loadReport(ctx.db, id, { redactSensitive });
  if (!TRANSITIONS[row.status]?.includes(input.status)) {
    throw new AppError('conflict', `A report cannot go from "${row.status}" to "${input.status}".`, [{ path: 'status', message: `not allowed from ${row.status}` }]);
  }
  const needsReason = input.status === 'closed' || row.status === 'closed';
  if (needsReason && !input.statusReason?.trim()) throw validation([{ path: 'statusReason', message: 'a reason is required to close or reopen a report' }]);
  await ctx.db.transaction(async (tx) => {
    // the status read under a row lock: two people changing it at once cannot both win
    const [locked] = await tx.select({ status: reports.status }).from(reports).where(eq(reports.id, id)).for('update');
    if (locked?.status !== row.status) throw new AppError('conflict', 'The report was changed meanwhile. Reload it and try again.');
    if (input.status === 'closed') {
      const open = await openMandatoryTasks(tx, id);
      if (open.length) {
        throw new AppError('conflict', `The report cannot be closed while ${open.length} mandatory task${open.length === 1 ? ' is' : 's are'} open: ${open.map((t) => `${t.agencyType}: ${t.action}`).join(', ')}.`,
          open.map((t) => ({ path: `tasks.${t.id}`, message: `${t.agencyType}: ${t.action} is open` })));
      }
      await cancelOpenTasks(tx, id, { now: ctx.now, userId: ctx.actor.id, reason: input.statusReason?.trim() ?? 'report closed' });
    }
    await tx.update(reports).set({
      status: input.status, statusReason: input.statusReason?.trim() ?? null, updatedAt: ctx.now,
      closedAt: input.status === 'closed' ? ctx.now : null,
    }).where(eq(reports.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'report', entityId: id, details: { fields: ['status'], status: { from: row.status, to: input.status } } });
  });
  return loadReport(ctx.db, id, { redactSensitive });
}

export type HistoryItem = { at: string; userId: string | null; username: string | null; action: string; entityType: string; entityId: string | null; details: Record<string, unknown> };

/** Every change of a report and of what hangs on it, oldest first, drawn from the audit. */
export async function reportHistory(ctx: Ctx, id: string): Promise<HistoryItem[]> {
  const { row } = await reportFor(ctx, id, 'read');
  return ctx.db.transaction(async (tx) => {
    const entries = await tx.select().from(auditLog).where(and(
      or(eq(auditLog.entityId, row.id), sql`${auditLog.details}->>'reportId' = ${row.id}`),
      notInArray(auditLog.action, ['read', 'denied', 'download']),
    )).orderBy(asc(auditLog.id)).limit(2000);
    await writeAudit(tx, auditCtx(ctx), { action: 'read', entityType: 'report_history', entityId: row.id });
    return entries.map((e) => ({ at: e.at.toISOString(), userId: e.userId, username: e.username, action: e.action, entityType: e.entityType, entityId: e.entityId, details: e.details }));
  });
}

