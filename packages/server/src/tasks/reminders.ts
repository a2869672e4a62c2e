// "Due soon" reminders: once per task, when the time left falls under a lead that depends on the
// priority, the assignee (or, before anyone took it, the unit) is told. Run every minute beside the
// escalation sweep; claimed with SKIP LOCKED and marked in the same transaction, so once only.
import type { Priority } from '@qorgau/core';
import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { reports, tasks, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { notify, type NotificationInput } from '../notifications/service.ts';

/** How long before the due time the reminder goes out. */
export const REMINDER_LEAD_HOURS: Record<Priority, number> = { P1: 0.5, P2: 6, P3: 24, P4: 24 };
const HORIZON_MS = Math.max(...Object.values(REMINDER_LEAD_HOURS)) * 3_600_000;

export async function sendDueReminders(deps: Pick<Deps, 'db' | 'config' | 'clock'>, opts: { batchSize?: number } = {}): Promise<{ reminded: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx.select({
      id: tasks.id, reportId: tasks.reportId, reportNumber: reports.number, priority: tasks.priority, dueAt: tasks.dueAt, assigneeId: tasks.assigneeId,
      unitId: tasks.unitId, action: tasks.action, agencyType: tasks.agencyType,
    }).from(tasks).innerJoin(reports, eq(reports.id, tasks.reportId))
      .where(and(isNull(tasks.remindedAt), inArray(tasks.status, ['open', 'accepted']), gt(tasks.dueAt, now), lte(tasks.dueAt, new Date(now.getTime() + HORIZON_MS))))
      .orderBy(asc(tasks.dueAt)).limit(opts.batchSize ?? 1000)
      .for('update', { of: tasks, skipLocked: true });
    const due = rows.filter((r) => r.dueAt.getTime() - now.getTime() <= REMINDER_LEAD_HOURS[r.priority] * 3_600_000);
    if (!due.length) return { reminded: 0 };
    await tx.update(tasks).set({ remindedAt: now }).where(inArray(tasks.id, due.map((d) => d.id)));
    const unitIds = [...new Set(due.filter((d) => !d.assigneeId && d.unitId).map((d) => d.unitId as string))];
    const members = unitIds.length ? await tx.select({ id: users.id, unitId: users.unitId }).from(users).where(and(inArray(users.unitId, unitIds), eq(users.active, true))) : [];
    const notes: NotificationInput[] = [];
    for (const d of due) {
      const to = d.assigneeId ? [d.assigneeId] : members.filter((m) => m.unitId === d.unitId).map((m) => m.id);
      const params = { reportNumber: d.reportNumber, action: d.action, agencyType: d.agencyType, dueAt: d.dueAt.toISOString(), priority: d.priority };
      for (const userId of to) notes.push({ userId, kind: 'task_due_soon', params, reportId: d.reportId, taskId: d.id });
    }
    await notify(tx, now, deps.config, notes);
    return { reminded: due.length };
  });
}
