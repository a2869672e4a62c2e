// Allocation benchmark (issue 7): 7,500 schools across the 20 regions with generated students
// and specialists. Times the allocation request path (database read of schools, positions and
// norm + the greedy + the proportional baseline + the JSON of the answer) for the whole
// country in one allocation and for each region, p50/p95 over repeated runs.
//   npm run bench:allocation                       (embedded PGlite)
//   DATABASE_URL=postgres://… npm run bench:allocation   (creates/replaces qorgau_bench_allocation)
// Results: bench/results/allocation.json (PGlite) or allocation-postgres.json.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase, rows, type Database } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import type { Ctx } from '../packages/server/src/http/context.ts';
import { createLogger } from '../packages/server/src/server.ts';
import { planAllocation } from '../packages/server/src/workforce/service.ts';
import { percentile, writeResults } from './lib.ts';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 7500);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const REGION_RUNS = Number(process.env.BENCH_REGION_RUNS ?? 5);
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

let database: Database;
const url = process.env.DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists qorgau_bench_allocation with (force)');
  await admin.query('create database qorgau_bench_allocation');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/qorgau_bench_allocation';
  database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
} else {
  database = await openDatabase({ memory: true });
}
await migrate(database);
const db = database.db;

// schools spread over every district (bigger in cities), 0–3 positions per kind each
const t0 = performance.now();
await db.execute(sql`create temporary table bench_d as select row_number() over (order by code) - 1 as n, code, region_code from districts`);
await db.execute(sql`
  insert into schools (id, external_id, name_kk, name_ru, name_en, region_code, district_code, students, students_sen, languages, active)
  select md5('s' || g)::uuid, 'B-' || g, '№ ' || g || ' мектеп', 'Школа № ' || g, 'School No. ' || g, d.region_code, d.code,
         40 + (g * 7919) % 2400, (g * 13) % 30, array['kk','ru'], true
  from generate_series(0, ${SCHOOLS - 1}::int) g join bench_d d on d.n = g % (select count(*) from bench_d)`);
await db.execute(sql`
  insert into specialists (school_id, kind, full_name, fte, active, created_at, updated_at)
  select s.id, k.kind, 'Маман ' || g, (array[0.5, 1, 1, 1.5, 0.25])[1 + (g + length(k.kind)) % 5], true, now(), now()
  from (select id, row_number() over (order by id) as g, students from schools) s
  cross join (values ('psychologist'), ('social_pedagogue')) k(kind)
  where (s.g + length(k.kind)) % 4 <> 0`);
await db.execute(sql`analyze`);
const loadMs = Math.round(performance.now() - t0);
const counted = { rows: await rows<{ s: number; p: number }>(db, sql`select (select count(*) from schools)::int as s, (select count(*) from specialists)::int as p`) };
log(`loaded ${counted.rows[0]?.s} schools, ${counted.rows[0]?.p} positions in ${loadMs} ms`);

const config = loadConfig({ QORGAU_LOG_LEVEL: 'silent' });
const actor = { id: '00000000-0000-0000-0000-000000000001', username: 'bench', fullName: 'Bench', role: 'admin' as const, agencyType: null, regionCode: null, districtCode: null, schoolId: null, unitId: null, isUnitHead: false, locale: 'ru' as const };
const ctx = (): Ctx => ({ config, database, db, clock: systemClock, log: createLogger({ logLevel: 'silent' }), actor, ip: '127.0.0.1', requestId: 'bench', now: new Date() });

async function measure(name: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    bytes = JSON.stringify(await fn()).length;
    times.push(performance.now() - t);
  }
  return { name, runs, p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)), maxMs: Math.round(Math.max(...times)), responseBytes: bytes, times };
}

const results = [];
for (const [label, positions, mode] of [['country, 1,000 new positions', 1000, 'new'], ['country, 5,000 positions, reassign', 5000, 'reassign']] as const) {
  const r = await measure(label, RUNS, () => planAllocation(ctx(), { kind: 'psychologist', positions, step: 0.5, mode }));
  log(JSON.stringify({ ...r, times: undefined }));
  results.push({ ...r, times: undefined });
}
const regions = { rows: await rows<{ code: string }>(db, sql`select code from regions order by code`) };
const perRegion: number[] = [];
for (const { code } of regions.rows) {
  const r = await measure(`region ${code}`, REGION_RUNS, () => planAllocation(ctx(), { regionCode: code, kind: 'psychologist', positions: 50, step: 0.5, mode: 'new' }));
  perRegion.push(...r.times);
}
const regional = { name: 'each of the 20 regions, 50 positions', runs: perRegion.length, p50Ms: Math.round(percentile(perRegion, 50)), p95Ms: Math.round(percentile(perRegion, 95)), maxMs: Math.round(Math.max(...perRegion)) };
log(JSON.stringify(regional));
results.push(regional);

const file = writeResults(url ? 'allocation-postgres' : 'allocation', {
  database: url ? 'postgresql' : 'pglite', schools: counted.rows[0]?.s, positions: counted.rows[0]?.p, loadMs, targetMs: 2000,
  note: 'planAllocation(): reads schools, positions and norm, runs the greedy and the proportional baseline, writes the audit entry; plus JSON.stringify of the answer (no HTTP).',
  results,
});
log(`wrote ${file}`);
await database.close();
