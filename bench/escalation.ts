// Escalation sweep benchmark (issue 4): PostgreSQL with 1,000,000 open tasks (100,000 reports,
// tasks due over the next 30 days, units with heads and coordinators in every region so that every
// step notifies someone). Measures the real sweep (tasks/escalation.ts) as the job runs it:
//   - idle: nothing due;
//   - every minute for 30 minutes: the tasks that fell due in that minute;
//   - catch-up after an hour's outage: an hour of due tasks at once.
//   DATABASE_URL=postgres://… npm run bench:escalation        (results: bench/results/escalation.json)
// The database `qorgau_bench_escalation` on that server is created (and replaced) by this script.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { ManualClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import type { Deps } from '../packages/server/src/deps.ts';
import { sweepEscalations } from '../packages/server/src/tasks/escalation.ts';
import { percentile, writeResults } from './lib.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).');
  process.exit(2);
}
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const REPORTS = Math.max(1, Math.round(TASKS / 10));
const SPREAD_MINUTES = 30 * 24 * 60;
const T0 = new Date('2026-12-01T00:00:00Z');
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query('drop database if exists qorgau_bench_escalation with (force)');
await admin.query('create database qorgau_bench_escalation');
await admin.end();
const u = new URL(url);
u.pathname = '/qorgau_bench_escalation';
const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
await migrate(database);
const db = database.db;

const t = performance.now();
// units for 7 agencies in every region, routed region-wide, each with a head; a coordinator, a commission member and a prosecutor per region
await db.execute(sql`
  insert into units (agency_type, name_kk, name_ru, name_en, region_code, created_at)
  select a, a || ' ' || r.code, a || ' ' || r.code, a || ' ' || r.code, r.code, now()
  from regions r cross join unnest(array['social_protection','police','health','education','service_provider','juvenile_commission','prosecutor']) a`);
await db.execute(sql`insert into routing_rules (agency_type, region_code, unit_id) select agency_type, region_code, id from units`);
await db.execute(sql`
  insert into users (username, full_name, password_hash, role, agency_type, region_code, unit_id, is_unit_head, email, created_at, updated_at, password_changed_at)
  select 'head.' || u.id, 'Head', 'x', case u.agency_type when 'police' then 'police_inspector' when 'health' then 'health_worker' when 'education' then 'school_specialist'
    when 'service_provider' then 'service_provider' when 'juvenile_commission' then 'commission_member' else 'guardianship_officer' end,
    u.agency_type, u.region_code, u.id, true, 'head.' || u.id || '@bench.example', now(), now(), now() from units u`);
await db.execute(sql`
  insert into users (username, full_name, password_hash, role, agency_type, region_code, email, created_at, updated_at, password_changed_at)
  select 'coord.' || r.code, 'Coordinator', 'x', 'regional_coordinator', 'akimat', r.code, 'coord.' || r.code || '@bench.example', now(), now(), now() from regions r`);
await db.execute(sql`
  insert into reports (number, region_code, channel, status, priority, received_at, narrative, reporter, created_at, updated_at, protocol_version)
  select 'B-' || i, (array(select code from regions order by code))[1 + i % 20], 'hotline', 'in_progress', 'P2', ${T0.toISOString()}::timestamptz - interval '1 day',
         'bench', '{}'::jsonb, now(), now(), 1
  from generate_series(1, ${REPORTS}) i`);
await db.execute(sql`
  insert into tasks (report_id, protocol_version, rule_id, agency_type, action, mandatory, priority, region_code, unit_id, status, due_at, created_at, updated_at, next_escalation_at)
  select r.id, 1, 'bench', a.agency, a.action, true, 'P2', r.region_code,
         (select u.id from units u where u.agency_type = a.agency and u.region_code = r.region_code),
         'open', d.due, now(), now(), d.due
  from (select id, region_code, row_number() over (order by id) as n from reports) r
  cross join generate_series(0, 9) k
  cross join lateral (select (array['social_protection','police','health','education','service_provider','social_protection','police','health','education','juvenile_commission'])[k + 1] as agency,
                             (array['home_visit','criminal_check','medical_examination','school_response','psychological_support','decide_report','immediate_response','mental_health_assessment','school_response','commission_review'])[k + 1] as action) a
  cross join lateral (select ${T0.toISOString()}::timestamptz + ((r.n * 10 + k) * 7919 % ${SPREAD_MINUTES}) * interval '1 minute' + interval '30 seconds' as due) d`);
await db.execute(sql`analyze`);
const loadSeconds = (performance.now() - t) / 1000;
async function count(q: ReturnType<typeof sql>): Promise<number> {
  const res: unknown = await db.execute(q);
  return (res as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
const open = await count(sql`select count(*)::int as n from tasks where status = 'open'`);
log(`loaded ${open} open tasks in ${loadSeconds.toFixed(1)} s`);

const clock = new ManualClock(T0);
const deps: Pick<Deps, 'db' | 'config' | 'clock'> = { db, clock, config: loadConfig({ QORGAU_LOG_LEVEL: 'silent' }) };

async function timed(): Promise<{ ms: number; escalated: number }> {
  const start = performance.now();
  const r = await sweepEscalations(deps);
  return { ms: performance.now() - start, escalated: r.escalated };
}

// warm the caches (calendar, protocol) the way a running server has them
clock.set(new Date(T0.getTime() - 60_000));
await timed();
const idle = [];
for (let i = 0; i < 10; i += 1) idle.push(await timed());

const perMinute: { ms: number; escalated: number }[] = [];
for (let m = 1; m <= 30; m += 1) {
  clock.set(new Date(T0.getTime() + m * 60_000));
  perMinute.push(await timed());
}
// an hour's outage: every task that fell due in the next hour, at once
clock.set(new Date(T0.getTime() + 90 * 60_000));
const catchUp = await timed();
const escalations = await count(sql`select count(*)::int as n from task_escalations`);
const notes = await count(sql`select count(*)::int as n from notifications`);

const summary = (xs: { ms: number }[]) => ({ p50Ms: Math.round(percentile(xs.map((x) => x.ms), 50) * 10) / 10, p95Ms: Math.round(percentile(xs.map((x) => x.ms), 95) * 10) / 10, maxMs: Math.round(Math.max(...xs.map((x) => x.ms)) * 10) / 10 });
const results = {
  database: 'postgresql',
  openTasks: open,
  reports: REPORTS,
  loadSeconds: Math.round(loadSeconds),
  target: 'one escalation sweep with 1,000,000 open tasks < 1 s',
  idleSweep: summary(idle),
  perMinuteSweep: { ...summary(perMinute), escalatedPerSweep: Math.round(perMinute.reduce((s, x) => s + x.escalated, 0) / perMinute.length) },
  catchUpAfterOneHour: { ms: Math.round(catchUp.ms), escalated: catchUp.escalated },
  escalationRows: escalations,
  notifications: notes,
};
log(JSON.stringify(results, null, 2));
log(`written ${writeResults('escalation', results)}`);
await database.close();
