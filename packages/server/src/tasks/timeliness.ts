// Timeliness: the share of tasks done on time, by agency or region, for tasks due in a period.
// On-time share = done by the due time ÷ (all done + open past due); open tasks not yet due and
// cancelled tasks are not judged.
import { kzDayEnd, kzDayStart } from '@qorgau/core';
import { and, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { tasks } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden, validation } from '../http/errors.ts';

export const timelinessQuery = z.object({
  groupBy: z.enum(['agency', 'region']).default('agency'),
  from: z.iso.date('must be a date YYYY-MM-DD'),
  to: z.iso.date('must be a date YYYY-MM-DD'),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
});

export const timelinessSchema = z.object({
  rows: z.array(z.object({
    key: z.string(), total: z.number(), done: z.number(), doneOnTime: z.number(), doneLate: z.number(), openOverdue: z.number(), open: z.number(),
    onTimePercent: z.number().nullable(),
  })),
});

export function onTimePercent(doneOnTime: number, done: number, openOverdue: number): number | null {
  const judged = done + openOverdue;
  return judged === 0 ? null : Math.round((doneOnTime / judged) * 1000) / 10;
}

export async function timeliness(ctx: Ctx, q: z.infer<typeof timelinessQuery>): Promise<z.infer<typeof timelinessSchema>> {
  if (!can(ctx.actor, 'stats.read')) throw forbidden('Your role does not read statistics.');
  if (q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  const rows = await timelinessRows(ctx, q);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'stats_timeliness', entityId: null, details: { groupBy: q.groupBy, from: q.from, to: q.to } });
  return { rows };
}

/** The figures within the caller's territory, for a caller that has checked access and audits the read itself (the dashboard). */
export async function timelinessRows(ctx: Ctx, q: z.infer<typeof timelinessQuery>): Promise<z.infer<typeof timelinessSchema>['rows']> {
  const where: (SQL | undefined)[] = [gte(tasks.dueAt, kzDayStart(q.from)), lt(tasks.dueAt, kzDayEnd(q.to)), ne(tasks.status, 'cancelled')];
  const t = territoryOf(ctx.actor);
  if (t.level !== 'national') where.push(sql`${tasks.regionCode} = ${t.regionCode}`);
  if (q.regionCode) where.push(sql`${tasks.regionCode} = ${q.regionCode}`);
  const key = q.groupBy === 'agency' ? tasks.agencyType : tasks.regionCode;
  const now = ctx.now.toISOString();
  const rows = await ctx.db.select({
    key,
    total: sql<number>`count(*)::int`,
    done: sql<number>`(count(*) filter (where ${tasks.status} = 'done'))::int`,
    doneOnTime: sql<number>`(count(*) filter (where ${tasks.status} = 'done' and ${tasks.completedAt} <= ${tasks.dueAt}))::int`,
    openOverdue: sql<number>`(count(*) filter (where ${tasks.status} in ('open', 'accepted') and ${tasks.dueAt} < ${now}::timestamptz))::int`,
    open: sql<number>`(count(*) filter (where ${tasks.status} in ('open', 'accepted')))::int`,
  }).from(tasks).where(and(...where)).groupBy(key).orderBy(key);
  return rows.map((r) => ({ ...r, key: String(r.key), doneLate: r.done - r.doneOnTime, onTimePercent: onTimePercent(r.doneOnTime, r.done, r.openOverdue) }));
}
