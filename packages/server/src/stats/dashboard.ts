// Dashboard, map and official tables, summed from the rollup (rollup.ts) within the caller's
// territory. Every figure says which period it covers; growth compares with the period of the
// same length just before.
import { AGE_GROUPS, growthPercent, kzDayEnd, kzDayStart } from '@qorgau/core';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden, validation } from '../http/errors.ts';
import { onTimePercent, timelinessRows } from '../tasks/timeliness.ts';

const date = z.iso.date('must be a date YYYY-MM-DD');
export const dashboardQuery = z.object({
  from: date,
  to: date,
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').optional(),
}).strict();
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -days), to: prevTo };
}

export function checkPeriod(q: { from: string; to: string }): void {
  if (q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  if (Date.parse(q.to) - Date.parse(q.from) > 20 * 366 * DAY_MS) throw validation([{ path: 'from', message: 'the period may span at most 20 years' }]);
}

/**
 * The rollup's two grains (rollup.ts): daily rows per region, and monthly rows per district. A
 * district's figures are therefore by whole months (the months the period touches).
 */
export type Grain = 'day' | 'month';
export type Scope = { where: SQL; grain: Grain };

/** The caller's territory and the filters, on stats_rollup rows (alias s). */
export function rollupScope(actor: Actor, q: { regionCode?: string | undefined; districtCode?: string | undefined }): Scope {
  if (!can(actor, 'stats.read')) throw forbidden('Your role does not read statistics.');
  const t = territoryOf(actor);
  const parts: SQL[] = [];
  let grain: Grain = 'day';
  if (t.level === 'region') parts.push(sql`s.region_code = ${t.regionCode}`);
  if (t.level === 'district' || t.level === 'school') { parts.push(sql`s.region_code = ${t.regionCode}`, sql`s.district_code = ${t.districtCode}`); grain = 'month'; }
  if (q.regionCode) parts.push(sql`s.region_code = ${q.regionCode}`);
  if (q.districtCode) { parts.push(sql`s.district_code = ${q.districtCode}`); grain = 'month'; }
  return { where: parts.length ? sql.join(parts, sql` and `) : sql`true`, grain };
}

type Sums = { incidents: number; reports: number; victims: number };
type Row = Sums & { key: string };

async function rows(ex: Executor, query: SQL): Promise<Row[]> {
  const res: unknown = await ex.execute(query);
  return (res as { rows: Row[] }).rows.map((r) => ({ key: r.key, incidents: Number(r.incidents), reports: Number(r.reports), victims: Number(r.victims) }));
}

/** Sums of one dimension (or of `all` grouped by a column) over a period, at a grain. */
export function sumBy(ex: Executor, dim: string, group: SQL, scope: Scope, from: string, to: string): Promise<Row[]> {
  const grain = scope.grain === 'day'
    ? sql`s.district_code = '' and s.day between ${from}::date and ${to}::date`
    : sql`s.district_code <> '' and s.day between date_trunc('month', ${from}::date)::date and ${to}::date`;
  return rows(ex, sql`
    select ${group} as key, sum(s.incidents)::int as incidents, sum(s.reports)::int as reports, sum(s.victims)::int as victims
    from stats_rollup s where s.dim = ${dim} and ${grain} and ${scope.where}
    group by 1 order by 2 desc, 1`);
}

const byDistricts = (scope: Scope): Scope => ({ ...scope, grain: 'month' });

const KEY = sql`s.key`;
const REGION = sql`s.region_code`;
const DISTRICT = sql`s.district_code`;

export const dashboardSchema = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }),
  /** (region, day) pairs whose figures are still being recounted (a few seconds behind the register) */
  pending: z.number(),
  totals: z.object({ incidents: z.number(), reports: z.number(), victims: z.number(), contacts: z.number() }),
  previousTotals: z.object({ incidents: z.number(), reports: z.number(), victims: z.number(), contacts: z.number() }),
  growthPercent: z.object({ incidents: z.number().nullable(), reports: z.number().nullable(), victims: z.number().nullable(), contacts: z.number().nullable() }),
  byRegion: z.array(z.object({ regionCode: z.string(), incidents: z.number(), reports: z.number(), victims: z.number(), previous: z.number(), growthPercent: z.number().nullable() })),
  byDistrict: z.array(z.object({ districtCode: z.string(), incidents: z.number(), reports: z.number(), victims: z.number(), previous: z.number(), growthPercent: z.number().nullable() })),
  byType: z.array(z.object({ key: z.string(), incidents: z.number() })),
  byChannel: z.array(z.object({ key: z.string(), incidents: z.number() })),
  byPlace: z.array(z.object({ key: z.string(), incidents: z.number() })),
  bySex: z.array(z.object({ key: z.string(), incidents: z.number(), victims: z.number() })),
  byAgeGroup: z.array(z.object({ key: z.string(), incidents: z.number(), victims: z.number() })),
  byRelation: z.array(z.object({ key: z.string(), incidents: z.number() })),
  trend: z.array(z.object({ period: z.string(), incidents: z.number(), reports: z.number() })),
  timeliness: z.object({ onTimePercent: z.number().nullable(), done: z.number(), doneOnTime: z.number(), openOverdue: z.number() }).nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

async function contactsCount(ex: Executor, actor: Actor, q: DashboardQuery, from: string, to: string): Promise<number> {
  const t = territoryOf(actor);
  const region = q.regionCode ?? (t.level === 'national' ? null : t.regionCode);
  const res: unknown = await ex.execute(sql`
    select count(*)::int as n from contacts where started_at >= ${kzDayStart(from).toISOString()}::timestamptz and started_at < ${kzDayEnd(to).toISOString()}::timestamptz
    ${region ? sql`and region_code = ${region}` : sql``}`);
  return (res as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

export async function dashboard(ctx: Ctx, q: DashboardQuery): Promise<Dashboard> {
  checkPeriod(q);
  const scope = rollupScope(ctx.actor, q);
  const prev = previousPeriod(q.from, q.to);
  const db = ctx.db;
  const total = async (from: string, to: string) => (await sumBy(db, 'all', sql`''`, scope, from, to))[0] ?? { incidents: 0, reports: 0, victims: 0 };
  const months = Date.parse(q.to) - Date.parse(q.from) > 62 * DAY_MS;
  const [cur, before, contactsNow, contactsBefore, byRegion, byRegionPrev, byDistrict, byDistrictPrev, byType, byChannel, byPlace, bySex, byAge, byRelation, trend, pending, timelinessByRegion] = await Promise.all([
    total(q.from, q.to), total(prev.from, prev.to),
    contactsCount(db, ctx.actor, q, q.from, q.to), contactsCount(db, ctx.actor, q, prev.from, prev.to),
    sumBy(db, 'all', REGION, scope, q.from, q.to), sumBy(db, 'all', REGION, scope, prev.from, prev.to),
    sumBy(db, 'all', DISTRICT, byDistricts(scope), q.from, q.to), sumBy(db, 'all', DISTRICT, byDistricts(scope), prev.from, prev.to),
    sumBy(db, 'type', KEY, scope, q.from, q.to), sumBy(db, 'channel', KEY, scope, q.from, q.to), sumBy(db, 'place', KEY, scope, q.from, q.to),
    sumBy(db, 'sex', KEY, scope, q.from, q.to), sumBy(db, 'age_group', KEY, scope, q.from, q.to), sumBy(db, 'relation', KEY, scope, q.from, q.to),
    sumBy(db, 'all', months ? sql`to_char(s.day, 'YYYY-MM')` : sql`to_char(s.day, 'YYYY-MM-DD')`, scope, q.from, q.to),
    db.execute(sql`select count(*)::int as n from stats_dirty`).then((r: unknown) => (r as { rows: { n: number }[] }).rows[0]?.n ?? 0),
    timelinessRows(ctx, { groupBy: 'region', from: q.from, to: q.to, ...(q.regionCode ? { regionCode: q.regionCode } : {}) }),
  ]);
  const prevOf = (list: Row[]) => new Map(list.map((r) => [r.key, r.incidents]));
  const regionPrev = prevOf(byRegionPrev);
  const districtPrev = prevOf(byDistrictPrev);
  const agg = timelinessByRegion.reduce((a, r) => ({ done: a.done + r.done, doneOnTime: a.doneOnTime + r.doneOnTime, openOverdue: a.openOverdue + r.openOverdue }), { done: 0, doneOnTime: 0, openOverdue: 0 });
  const timelinessFigures: Dashboard['timeliness'] = { ...agg, onTimePercent: onTimePercent(agg.doneOnTime, agg.done, agg.openOverdue) };
  const ageOrder = (k: string) => AGE_GROUPS.indexOf(k as (typeof AGE_GROUPS)[number]);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'stats_dashboard', entityId: null, details: { from: q.from, to: q.to, regionCode: q.regionCode ?? null } });
  return {
    from: q.from, to: q.to, previous: prev, pending,
    totals: { ...cur, contacts: contactsNow },
    previousTotals: { ...before, contacts: contactsBefore },
    growthPercent: {
      incidents: growthPercent(before.incidents, cur.incidents), reports: growthPercent(before.reports, cur.reports),
      victims: growthPercent(before.victims, cur.victims), contacts: growthPercent(contactsBefore, contactsNow),
    },
    byRegion: byRegion.map((r) => ({ regionCode: r.key, incidents: r.incidents, reports: r.reports, victims: r.victims, previous: regionPrev.get(r.key) ?? 0, growthPercent: growthPercent(regionPrev.get(r.key) ?? 0, r.incidents) })),
    byDistrict: (q.regionCode || territoryOf(ctx.actor).level !== 'national' ? byDistrict : []).filter((r) => r.key !== '-')
      .map((r) => ({ districtCode: r.key, incidents: r.incidents, reports: r.reports, victims: r.victims, previous: districtPrev.get(r.key) ?? 0, growthPercent: growthPercent(districtPrev.get(r.key) ?? 0, r.incidents) })),
    byType: byType.map((r) => ({ key: r.key, incidents: r.incidents })),
    byChannel: byChannel.map((r) => ({ key: r.key, incidents: r.incidents })),
    byPlace: byPlace.map((r) => ({ key: r.key, incidents: r.incidents })),
    bySex: bySex.map((r) => ({ key: r.key, incidents: r.incidents, victims: r.victims })),
    byAgeGroup: byAge.map((r) => ({ key: r.key, incidents: r.incidents, victims: r.victims })).sort((a, b) => ageOrder(a.key) - ageOrder(b.key)),
    byRelation: byRelation.map((r) => ({ key: r.key, incidents: r.incidents })),
    trend: trend.map((r) => ({ period: r.key, incidents: r.incidents, reports: r.reports })).sort((a, b) => a.period.localeCompare(b.period)),
    timeliness: timelinessFigures,
  };
}

// ------------------------------------------------------------------ map

export const mapQuery = dashboardQuery.omit({ districtCode: true }).extend({ measure: z.enum(['count', 'rate', 'growth']).default('count') }).strict();
export const mapSchema = z.object({
  level: z.enum(['region', 'district']), measure: z.enum(['count', 'rate', 'growth']), from: z.string(), to: z.string(),
  /** the year of the child-population figures used for rates (null: none loaded) */
  populationYear: z.number().nullable(),
  items: z.array(z.object({
    code: z.string(), name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }), incidents: z.number(), previous: z.number(),
    growthPercent: z.number().nullable(), children: z.number().nullable(), ratePer10k: z.number().nullable(), value: z.number().nullable(),
  })),
});

/** Regions (or the districts of one region) with the chosen measure, for the choropleth. */
export async function mapData(ctx: Ctx, q: z.infer<typeof mapQuery>): Promise<z.infer<typeof mapSchema>> {
  checkPeriod(q);
  const scope = rollupScope(ctx.actor, q);
  const level = q.regionCode ? 'district' : 'region';
  const prev = previousPeriod(q.from, q.to);
  const group = level === 'region' ? REGION : DISTRICT;
  const s = level === 'region' ? scope : byDistricts(scope);
  const [now, before] = await Promise.all([sumBy(ctx.db, 'all', group, s, q.from, q.to), sumBy(ctx.db, 'all', group, s, prev.from, prev.to)]);
  const units: unknown = await ctx.db.execute(level === 'region'
    ? sql`select code, name_kk, name_ru, name_en from regions order by code`
    : sql`select code, name_kk, name_ru, name_en from districts where region_code = ${q.regionCode ?? ''} order by code`);
  const year = Number(q.to.slice(0, 4));
  const pop: unknown = await ctx.db.execute(sql`
    select distinct on (key) ${level === 'region' ? sql`region_code` : sql`district_code`} as key, year, children from child_population
    where year <= ${year} and ${level === 'region' ? sql`district_code = ''` : sql`region_code = ${q.regionCode ?? ''} and district_code <> ''`}
    order by key, year desc`);
  const popRows = (pop as { rows: { key: string; year: number; children: number }[] }).rows;
  const children = new Map(popRows.map((p) => [p.key, Number(p.children)]));
  const nowBy = new Map(now.map((r) => [r.key, r.incidents]));
  const prevBy = new Map(before.map((r) => [r.key, r.incidents]));
  const t = territoryOf(ctx.actor);
  const items = (units as { rows: { code: string; name_kk: string; name_ru: string; name_en: string }[] }).rows
    .filter((u) => level === 'district' || t.level === 'national' || u.code === t.regionCode)
    .map((u) => {
      const incidents = nowBy.get(u.code) ?? 0;
      const previous = prevBy.get(u.code) ?? 0;
      const kids = children.get(u.code) ?? null;
      const ratePer10k = kids ? Math.round((incidents / kids) * 100_000) / 10 : null;
      const growth = growthPercent(previous, incidents);
      return {
        code: u.code, name: { kk: u.name_kk, ru: u.name_ru, en: u.name_en }, incidents, previous, growthPercent: growth, children: kids, ratePer10k,
        value: q.measure === 'count' ? incidents : q.measure === 'rate' ? ratePer10k : growth,
      };
    });
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'stats_map', entityId: null, details: { from: q.from, to: q.to, level, measure: q.measure } });
  return { level, measure: q.measure, from: q.from, to: q.to, populationYear: popRows.length ? Math.max(...popRows.map((p) => Number(p.year))) : null, items };
}

