// The statistics rollup: incidents pre-counted per (dimension, key, region, district, day).
// Every change to a report marks its (region, day) dirty in the change's own transaction
// (markDirty); a background job (every 15 s, on every instance) claims dirty pairs with SKIP
// LOCKED and recomputes their rows from the register in one transaction. Figures are therefore at
// most a few seconds behind the register, and exact: a pair is always recomputed whole.
import { kzLocal } from '@qorgau/core';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { statsDirty } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

/** The Kazakhstan-time date of an instant. */
export const kzDate = (at: Date): string => kzLocal(at).toISOString().slice(0, 10);

export async function markDirty(tx: Executor, pairs: { regionCode: string; at: Date }[]): Promise<void> {
  const unique = [...new Map(pairs.map((p) => [`${p.regionCode}|${kzDate(p.at)}`, { regionCode: p.regionCode, day: kzDate(p.at) }])).values()];
  if (unique.length) await tx.insert(statsDirty).values(unique).onConflictDoNothing();
}

const LOCAL_DAY = sql`(r.received_at at time zone 'UTC' + interval '5 hours')::date`;
// the victim's age on the day the report was received (core/stats AGE_GROUPS)
const AGE = sql`case
  when pp.birth_date is not null then extract(year from age(b.day, pp.birth_date))::int
  when pp.birth_year_approx is not null then extract(year from b.day)::int - pp.birth_year_approx
end`;
const AGE_GROUP = sql`case when ${AGE} is null or ${AGE} < 0 or ${AGE} > 17 then 'unknown' when ${AGE} <= 6 then '0-6' when ${AGE} <= 10 then '7-10' when ${AGE} <= 14 then '11-14' else '15-17' end`;

/** Recompute the rollup of some (region, day) pairs, in the caller's transaction. */
export async function recompute(tx: Executor, pairs: { regionCode: string; day: string }[]): Promise<void> {
  if (!pairs.length) return;
  const regionsList = pairs.map((p) => p.regionCode).join(',');
  const days = pairs.map((p) => p.day).join(',');
  const p = sql`unnest(string_to_array(${regionsList}, ','), string_to_array(${days}, ',')::date[]) as p(region_code, day)`;
  await tx.execute(sql`delete from stats_rollup s using ${p} where s.region_code = p.region_code and s.day = p.day`);
  const base = sql`
    select r.id as rid, i.id as iid, r.region_code, coalesce(i.district_code, r.district_code, '') as district, ${LOCAL_DAY} as day,
           r.channel, coalesce(i.place, 'unknown') as place, i.types
    from ${p}
    join reports r on r.region_code = p.region_code
      and r.received_at >= (p.day::timestamp - interval '5 hours') at time zone 'UTC'
      and r.received_at < (p.day::timestamp + interval '19 hours') at time zone 'UTC'
    join incidents i on i.report_id = r.id`;
  await tx.execute(sql`
    with b as materialized (${base}),
    v as materialized (
      select b.iid, b.region_code, b.district, b.day, ip.person_id, coalesce(pp.sex, 'unknown') as sex, ${AGE_GROUP} as age_group
      from b join incident_persons ip on ip.incident_id = b.iid and ip.role = 'victim' join persons pp on pp.id = ip.person_id
    )
    insert into stats_rollup (dim, key, region_code, district_code, day, incidents, reports, victims)
    select 'all', '', b.region_code, b.district, b.day, count(distinct b.iid), count(distinct b.rid),
           (select count(distinct (v.iid, v.person_id)) from v where v.region_code = b.region_code and v.district = b.district and v.day = b.day)
      from b group by b.region_code, b.district, b.day
    union all select 'type', t, b.region_code, b.district, b.day, count(distinct b.iid), 0, 0 from b cross join unnest(b.types) t group by 2, 3, 4, 5
    union all select 'channel', b.channel, b.region_code, b.district, b.day, count(distinct b.iid), 0, 0 from b group by 2, 3, 4, 5
    union all select 'place', b.place, b.region_code, b.district, b.day, count(distinct b.iid), 0, 0 from b group by 2, 3, 4, 5
    union all select 'sex', v.sex, v.region_code, v.district, v.day, count(distinct v.iid), 0, count(distinct (v.iid, v.person_id)) from v group by 2, 3, 4, 5
    union all select 'age_group', v.age_group, v.region_code, v.district, v.day, count(distinct v.iid), 0, count(distinct (v.iid, v.person_id)) from v group by 2, 3, 4, 5
    union all select 'relation', coalesce(ip.relation, 'unknown'), b.region_code, b.district, b.day, count(distinct b.iid), 0, 0
      from b join incident_persons ip on ip.incident_id = b.iid and ip.role = 'perpetrator' group by 2, 3, 4, 5`);
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
