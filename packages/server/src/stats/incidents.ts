// API.md's statistics operation: incidents counted by the date their report was received (in
// Kazakhstan time), grouped by a dimension and a period, with growth against the previous period
// of the same group. Every period from `from` to `to` is listed for each group that has any
// incident, so that series are complete (a gap is a 0, and the growth after it is null).
import { AGE_GROUPS, growthPercent, kzDayEnd, kzDayStart } from '@qorgau/core';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden, validation } from '../http/errors.ts';
import { ageGroupSql, RECEIVED_LOCAL } from './sql.ts';

export const GROUP_BY = ['region', 'district', 'type', 'channel', 'place', 'sex', 'ageGroup', 'relation'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
/** The name of the group's field in each row. */
export const GROUP_FIELD: Record<GroupBy, string> = {
  region: 'regionCode', district: 'districtCode', type: 'type', channel: 'channel', place: 'place', sex: 'sex', ageGroup: 'ageGroup', relation: 'relation',
};

const date = z.iso.date('must be a date YYYY-MM-DD');
export const incidentStatsQuery = z.object({
  groupBy: z.enum(GROUP_BY),
  interval: z.enum(['month', 'quarter', 'year']).default('year'),
  from: date,
  to: date,
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
}).strict();
export type IncidentStatsQuery = z.infer<typeof incidentStatsQuery>;

export const incidentStatsSchema = z.object({
  rows: z.array(z.object({ period: z.string(), count: z.number(), growthPercent: z.number().nullable() }).catchall(z.union([z.string(), z.number()]).nullable())),
});

/** Periods of an interval covering [from, to]: 2021, 2021-Q3, 2021-07. */
export function periodsBetween(from: string, to: string, interval: IncidentStatsQuery['interval']): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  if (interval === 'year') { for (; y <= endY; y += 1) out.push(String(y)); return out; }
  if (interval === 'quarter') {
    let q = Math.ceil(m / 3);
    const endQ = Math.ceil(endM / 3);
    for (; y < endY || (y === endY && q <= endQ); q === 4 ? (y += 1, q = 1) : (q += 1)) out.push(`${y}-Q${q}`);
    return out;
  }
  for (; y < endY || (y === endY && m <= endM); m === 12 ? (y += 1, m = 1) : (m += 1)) out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
}

const LOCAL = RECEIVED_LOCAL;
const PERIOD: Record<IncidentStatsQuery['interval'], SQL> = {
  year: sql`to_char(${LOCAL}, 'YYYY')`,
  quarter: sql`to_char(${LOCAL}, 'YYYY-"Q"Q')`,
  month: sql`to_char(${LOCAL}, 'YYYY-MM')`,
};

/** What the caller may count: aggregates need the stats capability, within the caller's territory. */
export function statsTerritorySql(actor: Actor): SQL {
  const t = territoryOf(actor);
  switch (t.level) {
    case 'national': return sql`true`;
    case 'region': return sql`r.region_code = ${t.regionCode}`;
    case 'district': return sql`coalesce(i.district_code, r.district_code) = ${t.districtCode}`;
    case 'school': return sql`i.school_id = ${t.schoolId}::uuid`;
  }
}


function groupSql(groupBy: GroupBy): { key: SQL; from: SQL } {
  const victims = sql`join incident_persons ip on ip.incident_id = i.id and ip.role = 'victim' join persons p on p.id = ip.person_id`;
  switch (groupBy) {
    case 'region': return { key: sql`r.region_code`, from: sql`` };
    case 'district': return { key: sql`coalesce(i.district_code, r.district_code)`, from: sql`` };
    case 'channel': return { key: sql`r.channel`, from: sql`` };
    case 'place': return { key: sql`coalesce(i.place, 'unknown')`, from: sql`` };
    case 'type': return { key: sql`t.type`, from: sql`cross join unnest(i.types) as t(type)` };
    case 'relation': return { key: sql`coalesce(ip.relation, 'unknown')`, from: sql`join incident_persons ip on ip.incident_id = i.id and ip.role = 'perpetrator'` };
    case 'sex': return { key: sql`coalesce(p.sex, 'unknown')`, from: victims };
    case 'ageGroup': return {
      key: ageGroupSql('p', sql`(${LOCAL})::date`),
      from: victims,
    };
  }
}

export async function incidentStats(ctx: Ctx, q: IncidentStatsQuery): Promise<z.infer<typeof incidentStatsSchema>> {
  if (!can(ctx.actor, 'stats.read')) throw forbidden('Your role does not read statistics.');
  if (q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  const periods = periodsBetween(q.from, q.to, q.interval);
  if (periods.length > 400) throw validation([{ path: 'interval', message: 'too many periods: choose a longer interval or a shorter range' }]);
  const { key, from } = groupSql(q.groupBy);
  // an incident counts once per group: an incident of two types counts for each type, once
  const res: unknown = await ctx.db.execute(sql`
    select ${key} as key, ${PERIOD[q.interval]} as period, count(distinct i.id)::int as count
    from incidents i join reports r on r.id = i.report_id ${from}
    where r.received_at >= ${kzDayStart(q.from).toISOString()}::timestamptz and r.received_at < ${kzDayEnd(q.to).toISOString()}::timestamptz
      and ${statsTerritorySql(ctx.actor)} ${q.regionCode ? sql`and r.region_code = ${q.regionCode}` : sql``}
    group by 1, 2`);
  const counts = new Map<string | null, Map<string, number>>();
  for (const row of (res as { rows: { key: string | null; period: string; count: number }[] }).rows) {
    const byPeriod = counts.get(row.key) ?? new Map<string, number>();
    byPeriod.set(row.period, row.count);
    counts.set(row.key, byPeriod);
  }
  const field = GROUP_FIELD[q.groupBy];
  const order = q.groupBy === 'ageGroup' ? (k: string | null) => AGE_GROUPS.indexOf((k ?? 'unknown') as (typeof AGE_GROUPS)[number]) : null;
  const keys = [...counts.keys()].sort((a, b) => (order ? order(a) - order(b) : (a ?? '\uffff').localeCompare(b ?? '\uffff')));
  const rows: z.infer<typeof incidentStatsSchema>['rows'] = [];
  for (const k of keys) {
    const byPeriod = counts.get(k) as Map<string, number>;
    let previous: number | null = null;
    for (const period of periods) {
      const count = byPeriod.get(period) ?? 0;
      rows.push({ [field]: k, period, count, growthPercent: growthPercent(previous, count) });
      previous = count;
    }
  }
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'stats_incidents', entityId: null, details: { groupBy: q.groupBy, interval: q.interval, from: q.from, to: q.to } });
  return { rows };
}
