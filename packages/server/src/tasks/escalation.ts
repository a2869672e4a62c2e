// The escalation sweep: every overdue task climbs its protocol's chain (unit head → regional
// coordinator → commission on juvenile affairs → prosecutor), one step at a time, each step once.
//
// Why a step is never taken twice, whatever the number of instances sweeping: due tasks are
// claimed with FOR UPDATE SKIP LOCKED (a task being escalated by one instance is invisible to the
// others, and once committed its next_escalation_at has moved on), and each step is a row of
// task_escalations whose primary key (task, step) refuses a second copy. State lives only in the
// database, so a restart resumes where the last sweep stopped; steps missed while the system was
// down are taken in order on the next sweep.
import { escalationAt, type EscalationLevel, type Priority } from '@qorgau/core';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { reports, taskEscalations, taskEvents, tasks, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { notify, type NotificationInput } from '../notifications/service.ts';
import { protocolVersion } from '../protocol/service.ts';
import { workingCalendar } from '../reference/calendar.ts';

export type SweepResult = { escalated: number; batches: number };

type Due = {
  id: string; reportId: string; reportNumber: string; priority: Priority; protocolVersion: number | null; dueAt: Date; step: number;
  unitId: string | null; agencyType: string; regionCode: string; assigneeId: string | null; action: string;
};

/** Who is told at each level: the users of that level for the task's unit or region (national ones when the region has none). */
async function recipientsFor(tx: Executor, due: (Due & { level: EscalationLevel })[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const regionsList = [...new Set(due.map((d) => d.regionCode))];
  const unitIds = [...new Set(due.filter((d) => d.level === 'unit_head' && d.unitId).map((d) => d.unitId as string))];
  const heads = unitIds.length ? await tx.select({ id: users.id, unitId: users.unitId }).from(users)
    .where(and(inArray(users.unitId, unitIds), eq(users.isUnitHead, true), eq(users.active, true))) : [];
  const levels = new Set(due.map((d) => d.level));
  const needsRegional = levels.has('regional_coordinator') || levels.has('juvenile_commission') || levels.has('prosecutor') || due.some((d) => d.level === 'unit_head' && !d.unitId);
  const regional = needsRegional ? await tx.select({ id: users.id, role: users.role, agencyType: users.agencyType, regionCode: users.regionCode, isUnitHead: users.isUnitHead }).from(users)
    .where(and(eq(users.active, true), or(inArray(users.regionCode, regionsList), isNull(users.regionCode)),
      or(inArray(users.role, ['regional_coordinator', 'commission_member']), eq(users.agencyType, 'prosecutor'), eq(users.isUnitHead, true)))) : [];
  const pick = (d: Due, match: (u: (typeof regional)[number]) => boolean) => {
    const local = regional.filter((u) => u.regionCode === d.regionCode && match(u));
    return (local.length ? local : regional.filter((u) => u.regionCode === null && match(u))).map((u) => u.id);
  };
  for (const d of due) {
    let ids: string[];
    switch (d.level) {
      case 'unit_head':
        ids = d.unitId ? heads.filter((h) => h.unitId === d.unitId).map((h) => h.id) : pick(d, (u) => u.isUnitHead && u.agencyType === d.agencyType);
        break;
      case 'regional_coordinator': ids = pick(d, (u) => u.role === 'regional_coordinator'); break;
      case 'juvenile_commission': ids = pick(d, (u) => u.role === 'commission_member'); break;
      case 'prosecutor': ids = pick(d, (u) => u.agencyType === 'prosecutor'); break;
    }
    out.set(d.id, [...new Set(ids)]);
  }
  return out;
}

/** One batch in one transaction; returns how many tasks were claimed. */
async function sweepBatch(deps: Pick<Deps, 'db' | 'config'>, now: Date, batchSize: number): Promise<{ claimed: number; escalated: number }> {
  return deps.db.transaction(async (tx) => {
    const rows: Due[] = await tx.select({
      id: tasks.id, reportId: tasks.reportId, reportNumber: reports.number, priority: tasks.priority, protocolVersion: tasks.protocolVersion,
      dueAt: tasks.dueAt, step: tasks.escalationStep, unitId: tasks.unitId, agencyType: tasks.agencyType, regionCode: tasks.regionCode,
      assigneeId: tasks.assigneeId, action: tasks.action,
    }).from(tasks).innerJoin(reports, eq(reports.id, tasks.reportId))
      .where(and(lte(tasks.nextEscalationAt, now), inArray(tasks.status, ['open', 'accepted'])))
      .orderBy(asc(tasks.nextEscalationAt)).limit(batchSize)
      .for('update', { of: tasks, skipLocked: true });
    if (!rows.length) return { claimed: 0, escalated: 0 };
    const calendar = await workingCalendar(tx);
    const versions = new Map<number | null, Awaited<ReturnType<typeof protocolVersion>>>();
    for (const v of new Set(rows.map((r) => r.protocolVersion))) versions.set(v, await protocolVersion(tx, v));
    const steps: (Due & { level: EscalationLevel; next: Date | null })[] = [];
    const finished: string[] = [];
    for (const r of rows) {
      const def = (versions.get(r.protocolVersion) as Awaited<ReturnType<typeof protocolVersion>>).definition;
      const s = def.escalation[r.priority][r.step];
      if (!s) { finished.push(r.id); continue; }
      steps.push({ ...r, level: s.to, next: escalationAt(def, r.priority, r.dueAt, r.step + 1, calendar) });
    }
    if (finished.length) await tx.update(tasks).set({ nextEscalationAt: null }).where(inArray(tasks.id, finished));
    if (!steps.length) return { claimed: rows.length, escalated: 0 };
    const recipients = await recipientsFor(tx, steps);
    const inserted = await tx.insert(taskEscalations).values(steps.map((s) => ({ taskId: s.id, step: s.step, level: s.level, at: now, recipients: recipients.get(s.id) ?? [] })))
      .onConflictDoNothing().returning({ taskId: taskEscalations.taskId });
    const taken = new Set(inserted.map((i) => i.taskId));
    // every claimed task moves on to its next step (also one whose step row existed already)
    await tx.execute(sql`
      update ${tasks} t set escalation_step = v.step, next_escalation_at = nullif(v.next, '')::timestamptz
      from unnest(string_to_array(${steps.map((s) => s.id).join(',')}, ',')::uuid[],
                  string_to_array(${steps.map((s) => String(s.step + 1)).join(',')}, ',')::int[],
                  string_to_array(${steps.map((s) => s.next?.toISOString() ?? '').join(',')}, ',')) as v(id, step, next)
      where t.id = v.id`);
    const done = steps.filter((s) => taken.has(s.id));
    if (done.length) {
      await tx.insert(taskEvents).values(done.map((s) => ({
        taskId: s.id, reportId: s.reportId, at: now, userId: null, kind: 'escalated',
        details: { step: s.step + 1, level: s.level, recipients: (recipients.get(s.id) ?? []).length, overdueMinutes: Math.round((now.getTime() - s.dueAt.getTime()) / 60_000) },
      })));
      const notes: NotificationInput[] = [];
      for (const s of done) {
        const params = { reportNumber: s.reportNumber, action: s.action as NotificationInput['params']['action'], agencyType: s.agencyType as NotificationInput['params']['agencyType'], dueAt: s.dueAt.toISOString(), level: s.level, step: s.step + 1, priority: s.priority };
        const to = new Set(recipients.get(s.id) ?? []);
        if (s.assigneeId) to.add(s.assigneeId);
        for (const userId of to) notes.push({ userId, kind: 'task_escalated', params, reportId: s.reportId, taskId: s.id });
      }
      await notify(tx, now, deps.config, notes);
    }
    return { claimed: rows.length, escalated: done.length };
  });
}

/** Escalate every task whose next step is due; batches until none is left (bounded per sweep), so steps missed while down are all taken, in order. */
export async function sweepEscalations(deps: Pick<Deps, 'db' | 'config' | 'clock'>, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<SweepResult> {
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 200;
  let escalated = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const r = await sweepBatch(deps, deps.clock.now(), batchSize);
    batches += 1;
    escalated += r.escalated;
    if (r.claimed === 0) break;
  }
  return { escalated, batches };
}
