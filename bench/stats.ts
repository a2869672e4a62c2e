// Statistics benchmark (issue 6): PostgreSQL with 5,000,000 incidents (one per report, 10 % with
// two types, over 2022–2026 in every district, victims from a pool of 1,000,000 children, alleged
// perpetrators for 60 %). Measures the rollup rebuild, then the national and a regional dashboard
// (all its queries), the map (count and rate) and the official table, 20 times each.
//   DATABASE_URL=postgres://… npm run bench:stats          (results: bench/results/stats.json)
// The database `qorgau_bench_stats` on that server is created (and replaced) by this script;
// BENCH_KEEP=1 reuses it when it is already loaded; BENCH_REBUILD=1 then rebuilds the rollup anyway.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import type { Ctx } from '../packages/server/src/http/context.ts';
import { createLogger } from '../packages/server/src/server.ts';
import { dashboard, mapData } from '../packages/server/src/stats/dashboard.ts';
import { rebuildRollup } from '../packages/server/src/stats/rollup.ts';
import { regionTypeTable } from '../packages/server/src/stats/tables.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { percentile, writeResults } from './lib.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).');
  process.exit(2);
}
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5_000_000);
const PERSONS = Math.min(1_000_000, Math.max(1000, Math.round(INCIDENTS / 5)));
const CHUNK = 250_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

const u = new URL(url);
u.pathname = '/qorgau_bench_stats';
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const exists = (await admin.query(`select 1 from pg_database where datname = 'qorgau_bench_stats'`)).rowCount === 1;
const reuse = process.env.BENCH_KEEP === '1' && exists;
if (!reuse) {
  await admin.query('drop database if exists qorgau_bench_stats with (force)');
  await admin.query('create database qorgau_bench_stats');
}
await admin.end();
const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 8 });
await migrate(database);
const db = database.db;
const count = async (q: ReturnType<typeof sql>) => {
  const res: unknown = await db.execute(q);
  return Number((res as { rows: { n: number }[] }).rows[0]?.n ?? 0);
};

let loadSeconds: number | null = null;
let rebuildSeconds: number | null = null;
if (!reuse || (await count(sql`select count(*)::int as n from incidents`)) < INCIDENTS) {
  const t = performance.now();
  await db.execute(sql`drop table if exists bench_districts`);
  await db.execute(sql`create table bench_districts as select row_number() over (order by code) - 1 as n, code, region_code from districts`);
  const nd = await count(sql`select count(*)::int as n from bench_districts`);
  for (let from = 0; from < PERSONS; from += CHUNK) {
    await db.execute(sql`
      insert into persons (id, last_name, first_name, name_key, birth_date, sex, created_at, updated_at)
      select md5('p' || g)::uuid, 'Бенч', 'Бала', 'bench bala', date '2008-01-01' + (g::bigint * 7919 % 6200)::int, case when g % 2 = 0 then 'female' else 'male' end, now(), now()
      from generate_series(${from}::int, ${Math.min(PERSONS, from + CHUNK) - 1}::int) g`);
  }
  log(`persons ${PERSONS}`);
  const types = `array['physical','psychological','neglect','bullying','sexual','domestic_violence_witness','cyberbullying','physical','psychological','neglect','self_harm','other']`;
  const places = `array['home','school','street','online','public_place','home','institution','preschool']`;
  const channels = `array['hotline','school','police','health','psc','online','guardianship','hotline']`;
  const relations = `array['father','mother','stepparent','peer','school_staff','neighbour','stranger','other_relative','online_contact','unknown']`;
  for (let from = 0; from < INCIDENTS; from += CHUNK) {
    const to = Math.min(INCIDENTS, from + CHUNK) - 1;
    await db.execute(sql.raw(`
      insert into reports (id, number, region_code, district_code, channel, status, priority, received_at, narrative, reporter, created_at, updated_at)
      select md5('r' || g)::uuid, 'S-' || g, d.region_code, d.code, (${channels})[1 + g % 8], 'closed', 'P3',
             timestamptz '2022-01-01 00:00+05' + (g * 104729 % 157766400) * interval '1 second', 'bench', '{}'::jsonb, now(), now()
      from generate_series(${from}::bigint, ${to}::bigint) g join bench_districts d on d.n = (g * 7919) % ${nd}`));
    await db.execute(sql.raw(`
      insert into incidents (id, report_id, position, types, place, region_code, district_code)
      select md5('i' || g)::uuid, md5('r' || g)::uuid, 1,
             case when g % 10 = 0 then array[(${types})[1 + g % 12], 'psychological'] else array[(${types})[1 + g % 12]] end,
             (${places})[1 + g % 8], d.region_code, d.code
      from generate_series(${from}::bigint, ${to}::bigint) g join bench_districts d on d.n = (g * 7919) % ${nd}`));
    await db.execute(sql.raw(`
      insert into incident_persons (incident_id, person_id, role, relation)
      select md5('i' || g)::uuid, md5('p' || ((g * 31) % ${PERSONS}))::uuid, 'victim', null from generate_series(${from}::bigint, ${to}::bigint) g
      union all
      select md5('i' || g)::uuid, md5('p' || ((g * 37 + 1) % ${PERSONS}))::uuid, 'perpetrator', (${relations})[1 + g % 10] from generate_series(${from}::bigint, ${to}::bigint) g where g % 5 < 3`));
    log(`incidents ${to + 1}`);
  }
  await db.execute(sql`delete from stats_dirty`);
  await db.execute(sql`analyze`);
  loadSeconds = Math.round((performance.now() - t) / 1000);
  await db.execute(sql`truncate stats_rollup`);
}
if (process.env.BENCH_REBUILD === '1' || (await count(sql`select count(*)::int as n from (select 1 from stats_rollup limit 1) x`)) === 0) {
  await db.execute(sql`truncate stats_rollup`);
  const r = performance.now();
  await rebuildRollup(database, (line) => { if (line.endsWith('2026')) log(`rollup ${line}`); });
  await db.execute(sql`analyze stats_rollup`);
  rebuildSeconds = Math.round((performance.now() - r) / 1000);
  log(`rollup rebuilt in ${rebuildSeconds} s`);
}
const incidents = await count(sql`select count(*)::int as n from incidents`);
const rollupRows = await count(sql`select count(*)::int as n from stats_rollup`);

const config = loadConfig({ QORGAU_LOG_LEVEL: 'silent' });
const actor = { id: '00000000-0000-0000-0000-000000000001', username: 'bench', fullName: 'Bench', role: 'analyst' as const, agencyType: null, regionCode: null, districtCode: null, schoolId: null, unitId: null, isUnitHead: false, locale: 'ru' as const };
const ctx = (over: Partial<Ctx['actor']> = {}): Ctx => ({ config, database, db, clock: systemClock, log: createLogger({ logLevel: 'silent' }), actor: { ...actor, ...over }, ip: '127.0.0.1', requestId: 'bench', now: new Date() });

async function measure(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const r = { name, p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)), maxMs: Math.round(Math.max(...times)) };
  log(JSON.stringify(r));
  return r;
}

const results = [
  await measure('dashboard national, one year', () => dashboard(ctx(), { from: '2026-01-01', to: '2026-12-31' })),
  await measure('dashboard national, five years', () => dashboard(ctx(), { from: '2022-01-01', to: '2026-12-31' })),
  await measure('dashboard one region, one year', () => dashboard(ctx(), { from: '2026-01-01', to: '2026-12-31', regionCode: 'KZ-75' })),
  await measure('dashboard of a regional coordinator, one year', () => dashboard(ctx({ role: 'regional_coordinator', regionCode: 'KZ-61' }), { from: '2026-01-01', to: '2026-12-31' })),
  await measure('map of regions, count, one year', () => mapData(ctx(), { from: '2026-01-01', to: '2026-12-31', measure: 'count' })),
  await measure('map of regions, rate, one year', () => mapData(ctx(), { from: '2026-01-01', to: '2026-12-31', measure: 'rate' })),
  await measure('map of the districts of a region, one year', () => mapData(ctx(), { from: '2026-01-01', to: '2026-12-31', regionCode: 'KZ-75', measure: 'count' })),
  await measure('official table region × type, one year', () => regionTypeTable(ctx(), { from: '2026-01-01', to: '2026-12-31', locale: 'ru', format: 'json' })),
];
const out = {
  database: 'postgresql', incidents, persons: PERSONS, rollupRows, loadSeconds, rollupRebuildSeconds: rebuildSeconds, runs: RUNS,
  targets: { dashboardP95Ms: 500, mapP95Ms: 300 },
  note: 'each dashboard figure is one call of the dashboard function, which runs all its queries (totals, previous period, regions, districts, seven dimensions, trend, timeliness, contacts) on a pool of 8 connections',
  results,
};
log(`written ${writeResults('stats', out)}`);
await database.close();
