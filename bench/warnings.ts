// Early-warning benchmark (issue 5): PostgreSQL with 1,000,000 persons, 500,000 reports over four
// years (one victim each, a third of the children in more than one), 100,000 family cases (250,000
// members, assessments) and 50,000 school concerns. Measures the real computation
// (warnings/rules.ts): the full recomputation the hourly job does, the incremental one the report
// and case services call for a child (and the household), the risk register and the profiles.
//   DATABASE_URL=postgres://… node bench/warnings.ts          (results: bench/results/warnings.json)
// The database `qorgau_bench_warnings` on that server is created (and replaced) by this script.
import { DEFAULT_INSTRUMENT } from '@qorgau/core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase, rows } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import type { Ctx } from '../packages/server/src/http/context.ts';
import { computeFlags, recomputeFlagsFor } from '../packages/server/src/warnings/rules.ts';
import { riskRegister } from '../packages/server/src/warnings/service.ts';
import { profiles } from '../packages/server/src/warnings/profiles.ts';
import { percentile, writeResults } from './lib.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).');
  process.exit(2);
}
const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 500_000);
const CASES = Math.round(PERSONS / 10);
const CONCERNS = Math.round(PERSONS / 20);
const NOW = new Date('2026-11-20T06:00:00Z');
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query('drop database if exists qorgau_bench_warnings with (force)');
await admin.query('create database qorgau_bench_warnings');
await admin.end();
const u = new URL(url);
u.pathname = '/qorgau_bench_warnings';
const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
await migrate(database);
const db = database.db;
const now = NOW.toISOString();

const t0 = performance.now();
await db.execute(sql`
  insert into users (username, full_name, password_hash, role, agency_type, created_at, updated_at, password_changed_at)
  values ('bench.lead', 'Lead', 'x', 'supervisor', 'hotline', now(), now(), now())`);
const [lead] = await rows<{ id: string }>(db, sql`select id from users where username = 'bench.lead'`);
await db.execute(sql`insert into assessment_instruments (version, status, definition, created_at) values (1, 'active', ${JSON.stringify(DEFAULT_INSTRUMENT)}::jsonb, now()) on conflict do nothing`);
await db.execute(sql`
  insert into schools (name_kk, name_ru, name_en, region_code, district_code)
  select 'S' || d.code || '-' || k, 'S' || d.code || '-' || k, 'S' || d.code || '-' || k, d.region_code, d.code
  from districts d cross join generate_series(1, 30) k`);
const [{ n: schoolCount } = { n: 1 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from schools`);
/** the i-th school (an uncorrelated array: computed once per statement) */
const school = (i: ReturnType<typeof sql>) => sql`(array(select id from schools order by id))[(1 + (${i}) % ${schoolCount})::int]`;
// persons: ages 0–20, a tenth of them adults; ids derived from the number so that the other tables can refer to them
await db.execute(sql`
  insert into persons (id, last_name, first_name, birth_date, sex, name_key, region_code, created_at, updated_at)
  select md5('p' || i)::uuid, 'P' || i, 'X', date '2026-11-20' - ((i * 7919) % 7600) * interval '1 day', case when i % 2 = 0 then 'female' else 'male' end,
         'p' || i || ' x', (array(select code from regions order by code))[(1 + i % 17)::int], now(), now()
  from generate_series(1::bigint, ${PERSONS}) i`);
// reports over four years, one incident, one victim among the first 40 % of persons; every third report is the
// previous one's victim again, up to two years later (so some are repeats within 12 months)
await db.execute(sql`
  insert into reports (id, number, region_code, channel, status, priority, received_at, narrative, reporter, created_at, updated_at)
  select md5('r' || j)::uuid, 'B-' || j, (array(select code from regions order by code))[(1 + j % 17)::int], 'hotline', 'registered', 'P2',
         ${now}::timestamptz - (case when j % 3 = 0 then greatest(0, ((j - 1) * 104729) % (4 * 365 * 24) - (j * 13) % (2 * 365 * 24)) else (j * 104729) % (4 * 365 * 24) end) * interval '1 hour',
         'bench', '{}'::jsonb, now(), now()
  from generate_series(1::bigint, ${REPORTS}) j`);
await db.execute(sql`
  insert into incidents (id, report_id, types, region_code) select md5('i' || j)::uuid, md5('r' || j)::uuid, '{physical}', (array(select code from regions order by code))[(1 + j % 17)::int]
  from generate_series(1::bigint, ${REPORTS}) j`);
await db.execute(sql`
  insert into incident_persons (incident_id, person_id, role)
  select md5('i' || j)::uuid, md5('p' || (1 + ((case when j % 3 = 0 then j - 1 else j end) * 7877) % ${Math.round(PERSONS * 0.4)}))::uuid, 'victim'
  from generate_series(1::bigint, ${REPORTS}) j`);
// family cases: 70 % closed over two years, 30 % open; 2–3 child members (some victims), assessments
await db.execute(sql`
  insert into cases (id, number, kind, status, region_code, lead_agency_type, lead_user_id, created_by, opened_at, closed_at, close_reason, created_at, updated_at)
  select md5('c' || k)::uuid, 'CF-B-' || k, 'protection', case when k % 10 < 7 then 'closed' else 'in_progress' end, (array(select code from regions order by code))[(1 + k % 17)::int],
         'social_protection', ${lead!.id}::uuid, ${lead!.id}::uuid, ${now}::timestamptz - (400 + k % 330) * interval '1 day' + (k % 400) * interval '1 day',
         case when k % 10 < 7 then ${now}::timestamptz - (k % 730) * interval '1 day' else null end, case when k % 10 < 7 then 'goals_achieved' end, now(), now()
  from generate_series(1::bigint, ${CASES}) k`);
await db.execute(sql`update cases set opened_at = least(opened_at, closed_at - interval '30 days') where closed_at is not null`);
await db.execute(sql`
  insert into case_members (case_id, person_id, relation, subject, occupation, school_id, added_at)
  select md5('c' || k)::uuid, md5('p' || (1 + ((k * 3 + m) * 15485863) % ${PERSONS}))::uuid, case when m = 0 then 'child' else 'sibling' end, m = 0,
         case when (k + m) % 20 = 0 then 'neither' else 'studying' end,
         ${school(sql`k * 31 + m`)}, c.opened_at
  from generate_series(1::bigint, ${CASES}) k cross join generate_series(0::bigint, 2) m join cases c on c.id = md5('c' || k)::uuid
  where m < 2 or k % 2 = 0
  on conflict do nothing`);
await db.execute(sql`
  insert into case_assessments (case_id, instrument_version, answers, safety_decision, score, scored_level, level, assessed_by, assessed_at)
  select c.id, 1, jsonb_build_object('threats', '{}'::jsonb, 'safetyPlan', true, 'items', jsonb_build_object(
           'domestic_violence', case when k % 3 = 0 then 'yes' else 'no' end, 'school_attendance', case when k % 7 = 0 then 'persistent' when k % 5 = 0 then 'some' else 'no' end,
           'substance_abuse', case when k % 4 = 0 then 'current' else 'no' end, 'harsh_discipline', case when k % 6 = 0 then 'yes' else 'no' end)),
         'safe', k % 14, 'low', (array['low','moderate','high','very_high'])[(1 + k % 4)::int], ${lead!.id}::uuid, c.opened_at + interval '10 days'
  from generate_series(1::bigint, ${CASES}) k join cases c on c.id = md5('c' || k)::uuid where k % 5 <> 0`);
await db.execute(sql`
  insert into concerns (school_id, person_id, categories, observed_at, description, status, created_by, created_at, updated_at)
  select ${school(sql`q`)}, md5('p' || (1 + (q * 7927) % ${Math.round(PERSONS / 4)}))::uuid,
         case when q % 3 = 0 then '{absence}'::text[] else '{behaviour_change}'::text[] end, ${now}::timestamptz - (q % 365) * interval '1 day', 'bench', 'new', ${lead!.id}::uuid, now(), now()
  from generate_series(1::bigint, ${CONCERNS}) q`);
await db.execute(sql`analyze`);
const loadSeconds = (performance.now() - t0) / 1000;
log(`loaded ${PERSONS} persons, ${REPORTS} reports, ${CASES} cases, ${CONCERNS} concerns in ${loadSeconds.toFixed(0)} s`);

// the full recomputation, twice (the second replaces the first's rows)
const full: number[] = [];
let flags = 0;
for (let i = 0; i < 2; i += 1) {
  const r = await computeFlags(db, NOW);
  full.push(r.ms);
  flags = r.flags;
  log(`full recomputation: ${r.flags} flags in ${r.ms} ms`);
}
const byKind = await rows<{ kind: string; n: number }>(db, sql`select kind, count(*)::int as n from risk_flags group by 1 order by 1`);
const children = await rows<{ n: number }>(db, sql`select count(distinct person_id)::int as n from risk_flags`);

// the incremental path for one child (a report registered, a case member changed), 200 times
const sample = await rows<{ id: string }>(db, sql`select person_id as id from case_members order by md5(person_id::text) limit 200`);
const incremental: number[] = [];
for (const s of sample) {
  const t = performance.now();
  await db.transaction((tx) => recomputeFlagsFor(tx, NOW, [s.id]));
  incremental.push(performance.now() - t);
}
log(`incremental: p50 ${percentile(incremental, 50).toFixed(1)} ms, p95 ${percentile(incremental, 95).toFixed(1)} ms`);

// the register and the profiles, as a national case reader and an analyst
const actor = (role: 'supervisor' | 'analyst', regionCode: string | null = null) => ({
  id: lead!.id, username: 'bench', fullName: 'Bench', role, agencyType: null, regionCode, districtCode: null, schoolId: null, unitId: null, isUnitHead: false, locale: 'ru' as const,
});
const config = loadConfig({ QORGAU_ADMIN_PASSWORD: 'Bench-password-1', QORGAU_LOG_LEVEL: 'silent' });
const ctx = (a: ReturnType<typeof actor>): Ctx => ({ config, database, db, clock: { now: () => NOW }, log: console as never, actor: a, ip: '127.0.0.1', requestId: 'bench', now: NOW });
const time = async (f: () => Promise<unknown>, n = 5) => {
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return { p50: Math.round(percentile(ms, 50)), max: Math.round(Math.max(...ms)) };
};
const registerNational = await time(() => riskRegister(ctx(actor('supervisor')), { limit: 50, offset: 0 }));
const registerRegion = await time(() => riskRegister(ctx(actor('supervisor', 'KZ-75')), { limit: 50, offset: 0 }));
const registerAnalyst = await time(() => riskRegister(ctx(actor('analyst')), { limit: 50, offset: 0 }));
const profilesYear = await time(() => profiles(ctx(actor('analyst')), { from: '2025-11-21', to: '2026-11-20', format: 'json', locale: 'ru' }), 3);
log(`register national ${registerNational.p50} ms, region ${registerRegion.p50} ms, analyst ${registerAnalyst.p50} ms; profiles over a year ${profilesYear.p50} ms`);

const file = writeResults('warnings', {
  database: 'postgresql',
  data: { persons: PERSONS, reports: REPORTS, cases: CASES, caseMembers: (await rows<{ n: number }>(db, sql`select count(*)::int as n from case_members`))[0]?.n, concerns: CONCERNS, loadSeconds: Math.round(loadSeconds) },
  flags: { total: flags, children: children[0]?.n ?? 0, byKind: Object.fromEntries(byKind.map((r) => [r.kind, r.n])) },
  fullRecomputationMs: full,
  incrementalMs: { runs: incremental.length, p50: Number(percentile(incremental, 50).toFixed(1)), p95: Number(percentile(incremental, 95).toFixed(1)), max: Number(Math.max(...incremental).toFixed(1)) },
  riskRegisterMs: { national: registerNational, region: registerRegion, analystCounts: registerAnalyst },
  profilesMs: { nationalOneYear: profilesYear },
});
log(`results: ${file}`);
await database.close();
const drop = new pg.Client({ connectionString: url });
await drop.connect();
await drop.query('drop database if exists qorgau_bench_warnings with (force)');
await drop.end();
