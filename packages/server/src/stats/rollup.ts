// The statistics rollup: incidents pre-counted per (dimension, key, region, district, day).
// Every change to a report marks its (region, day) dirty in the change's own transaction
// (markDirty, by month); a background job (every 15 s, on every instance) claims dirty pairs with SKIP
// LOCKED and recomputes their rows from the register in one transaction. Figures are therefore at
// most a few seconds behind the register, and exact: a pair is always recomputed whole.
import { kzLocal } from '@qorgau/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { statsDirty } from '../db/schema.ts';
import { ageGroupSql, RECEIVED_LOCAL } from './sql.ts';
import type { Deps } from '../deps.ts';

/** The Kazakhstan-time date of an instant. */
export const kzDate = (at: Date): string => kzLocal(at).toISOString().slice(0, 10);

/** Mark the (region, month) of each instant for recounting; months are the unit of work, so two instances never recount the same rows. */
export async function markDirty(tx: Executor, pairs: { regionCode: string; at: Date }[]): Promise<void> {
  const monthOf = (at: Date) => `${kzDate(at).slice(0, 7)}-01`;
  const unique = [...new Map(pairs.map((p) => [`${p.regionCode}|${monthOf(p.at)}`, { regionCode: p.regionCode, day: monthOf(p.at) }])).values()];
  if (unique.length) await tx.insert(statsDirty).values(unique).onConflictDoNothing();
}

const LOCAL_DAY = sql`${RECEIVED_LOCAL}::date`;
// the victim's age on the day the report was received
const AGE_GROUP = ageGroupSql('pp', sql`b.day`);

const DIMENSIONS = (g: { district: SQL; day: SQL; vDistrict: SQL; vDay: SQL; victims: SQL }) => sql`
    select 'all', '', b.region_code, ${g.district}, ${g.day}, count(distinct b.iid), count(distinct b.rid),
           coalesce((select va.n from ${g.victims} va where va.region_code = b.region_code and va.district = ${g.district} and va.day = ${g.day}), 0)
      from b group by 3, 4, 5
    union all select 'type', t, b.region_code, ${g.district}, ${g.day}, count(distinct b.iid), 0, 0 from b cross join unnest(b.types) t group by 2, 3, 4, 5
    union all select 'channel', b.channel, b.region_code, ${g.district}, ${g.day}, count(distinct b.iid), 0, 0 from b group by 2, 3, 4, 5
    union all select 'place', b.place, b.region_code, ${g.district}, ${g.day}, count(distinct b.iid), 0, 0 from b group by 2, 3, 4, 5
    union all select 'sex', v.sex, v.region_code, ${g.vDistrict}, ${g.vDay}, count(distinct v.iid), 0, count(distinct (v.iid, v.person_id)) from v group by 2, 3, 4, 5
    union all select 'age_group', v.age_group, v.region_code, ${g.vDistrict}, ${g.vDay}, count(distinct v.iid), 0, count(distinct (v.iid, v.person_id)) from v group by 2, 3, 4, 5
    union all select 'relation', coalesce(ip.relation, 'unknown'), b.region_code, ${g.district}, ${g.day}, count(distinct b.iid), 0, 0
      from b cross join lateral (select ip.relation from incident_persons ip where ip.incident_id = b.iid and ip.role = 'perpetrator' offset 0) ip
      group by 2, 3, 4, 5`;

/**
 * Recompute the rollup of the months that hold some (region, day) pairs, in the caller's
 * transaction. Two grains: per region and day (district_code ''), for the national and regional
 * figures of any period; and per district and month (day = the 1st; district_code '-' when the
 * incident has none), for district figures — compact enough for millions of incidents.
 */
export async function recompute(tx: Executor, pairs: { regionCode: string; day: string }[]): Promise<void> {
  const months = [...new Map(pairs.map((p) => [`${p.regionCode}|${p.day.slice(0, 7)}`, { regionCode: p.regionCode, month: `${p.day.slice(0, 7)}-01` }])).values()];
  if (!months.length) return;
  const p = sql`unnest(string_to_array(${months.map((m) => m.regionCode).join(',')}, ','), string_to_array(${months.map((m) => m.month).join(',')}, ',')::date[]) as p(region_code, month)`;
  // one large statement: PostgreSQL's JIT would spend seconds compiling it for milliseconds of work
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`delete from stats_rollup s using ${p} where s.region_code = p.region_code and s.day >= p.month and s.day < (p.month + interval '1 month')::date`);
  // lateral subqueries fenced with OFFSET 0: the planner cannot know how few (region, month) pairs
  // there are, and would otherwise scan whole tables; this way every step is an index lookup
  const base = sql`
    select r.id as rid, i.id as iid, r.region_code, coalesce(i.district_code, r.district_code, '-') as district, ${LOCAL_DAY} as day,
           date_trunc('month', ${LOCAL_DAY})::date as month, r.channel, coalesce(i.place, 'unknown') as place, i.types
    from ${p}
    cross join lateral (
      select r.id, r.region_code, r.district_code, r.received_at, r.channel from reports r
      where r.region_code = p.region_code
        and r.received_at >= (p.month::timestamp - interval '5 hours') at time zone 'UTC'
        and r.received_at < ((p.month + interval '1 month')::timestamp - interval '5 hours') at time zone 'UTC'
      offset 0) r
    cross join lateral (select i.id, i.district_code, i.place, i.types from incidents i where i.report_id = r.id offset 0) i`;
  await tx.execute(sql`
    with b as materialized (${base}),
    v as materialized (
      select b.iid, b.region_code, b.district, b.day, b.month, ip.person_id, coalesce(pp.sex, 'unknown') as sex, ${AGE_GROUP} as age_group
      from b
      cross join lateral (select ip.person_id from incident_persons ip where ip.incident_id = b.iid and ip.role = 'victim' offset 0) ip
      cross join lateral (select pp.sex, pp.birth_date, pp.birth_year_approx from persons pp where pp.id = ip.person_id offset 0) pp
    ),
    -- victims per group, counted once here rather than rescanned per group
    va_day as materialized (select v.region_code, ''::text as district, v.day, count(distinct (v.iid, v.person_id))::int as n from v group by 1, 2, 3),
    va_month as materialized (select v.region_code, v.district, v.month as day, count(distinct (v.iid, v.person_id))::int as n from v group by 1, 2, 3)
    insert into stats_rollup (dim, key, region_code, district_code, day, incidents, reports, victims)
    ${DIMENSIONS({ district: sql`''`, day: sql`b.day`, vDistrict: sql`''`, vDay: sql`v.day`, victims: sql`va_day` })}
    union all
    ${DIMENSIONS({ district: sql`b.district`, day: sql`b.month`, vDistrict: sql`v.district`, vDay: sql`v.month`, victims: sql`va_month` })}`);
}

/** The job: recompute dirty pairs in batches until none is left (or the time is up). */
export async function refreshRollup(deps: Pick<Deps, 'db'>, opts: { batchSize?: number; maxMs?: number } = {}): Promise<{ pairs: number }> {
  const started = Date.now();
  let total = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const res: unknown = await tx.execute(sql`
        delete from stats_dirty d using (select region_code, day from stats_dirty order by day limit ${opts.batchSize ?? 200} for update skip locked) c
        where d.region_code = c.region_code and d.day = c.day returning d.region_code, d.day`);
      const rows = (res as { rows: { region_code: string; day: string | Date }[] }).rows;
      await recompute(tx, rows.map((r) => ({ regionCode: r.region_code, day: typeof r.day === 'string' ? r.day.slice(0, 10) : r.day.toISOString().slice(0, 10) })));
      return rows.length;
    });
    total += n;
    if (n === 0 || Date.now() - started > (opts.maxMs ?? 10_000)) return { pairs: total };
  }
}

/**
 * Recount everything (after a bulk load or a restore): region by region, year by year, each in
 * its own transaction, so that a national register is rebuilt in bounded pieces.
 */
export async function rebuildRollup(deps: Pick<Deps, 'db'>, log: (line: string) => void = () => undefined): Promise<{ chunks: number }> {
  const res: unknown = await deps.db.execute(sql`
    select region_code, extract(year from (min(received_at) at time zone 'UTC' + interval '5 hours'))::int as first,
           extract(year from (max(received_at) at time zone 'UTC' + interval '5 hours'))::int as last
    from reports group by region_code order by region_code`);
  let chunks = 0;
  for (const r of (res as { rows: { region_code: string; first: number; last: number }[] }).rows) {
    for (let y = r.first; y <= r.last; y += 1) {
      const days: { regionCode: string; day: string }[] = [];
      for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86_400_000) days.push({ regionCode: r.region_code, day: new Date(t).toISOString().slice(0, 10) });
      await deps.db.transaction(async (tx) => {
        await recompute(tx, days);
        await tx.execute(sql`delete from stats_dirty where region_code = ${r.region_code} and day between ${`${y}-01-01`}::date and ${`${y}-12-31`}::date`);
      });
      chunks += 1;
      log(`${r.region_code} ${y}`);
    }
  }
  return { chunks };
}
