// Mixed load (issue 8): 50 concurrent clients for 5 minutes against PostgreSQL, each signed in
// as its own user: operators register reports (duplicate check + report) and search persons,
// supervisors list and open reports, police inspectors work their inbox, coordinators read the
// dashboard. Afterwards: no 5xx, and every report the clients were told was registered is in
// the register (count in = count out), and the audit chain, sealed, verifies (`qorgau audit:verify`).
// p50/p95/p99 per operation go to bench/results/load-mixed.json.
//
//   DATABASE_URL=postgres://…/postgres npm run bench:load      (creates and drops qorgau_load_<time>)
//   LOAD_CLIENTS=50 LOAD_SECONDS=300
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { generatePersons } from '@qorgau/core';
import { percentile, writeResults } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write('DATABASE_URL (a PostgreSQL server where a scratch database may be created) is required\n');
  process.exit(2);
}
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 300);
const PASSWORD = 'Load-test-password-1';
const log = (s: string) => process.stdout.write(`[load] ${s}\n`);

const dbName = `qorgau_load_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

const port = 19_000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['packages/server/src/main.ts'], {
  cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', QORGAU_DEMO: '1', QORGAU_DEMO_SCALE: '1', QORGAU_ADMIN_PASSWORD: PASSWORD, QORGAU_LOG_LEVEL: 'warn', QORGAU_DATABASE_POOL: '20', QORGAU_TRUST_PROXY: '1' },
});

type Op = 'duplicate_check' | 'intake' | 'search' | 'report_list' | 'report_view' | 'inbox' | 'task_view' | 'dashboard';
const latencies = new Map<Op, number[]>();
const statuses = new Map<string, number>();
let fiveXx = 0;
const accepted: string[] = [];

// each client is a workstation of its own (behind the proxy the server trusts), as in real use:
// sign-in limits are per address
const addressOf = (client: number) => `10.20.${Math.floor(client / 250)}.${(client % 250) + 1}`;

async function call(op: Op, token: string, method: string, pathAndQuery: string, body?: unknown, client = 0): Promise<{ status: number; json: unknown }> {
  const t = performance.now();
  const res = await fetch(`${base}${pathAndQuery}`, {
    method, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': addressOf(client), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const ms = performance.now() - t;
  if (!latencies.has(op)) latencies.set(op, []);
  latencies.get(op)?.push(ms);
  statuses.set(`${op} ${res.status}`, (statuses.get(`${op} ${res.status}`) ?? 0) + 1);
  if (res.status >= 500) { fiveXx += 1; if (fiveXx < 5) log(`${op} ${res.status}: ${text.slice(0, 200)}`); }
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function login(username: string, client: number): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(client) }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

try {
  for (let i = 0; i < 1200; i++) {
    try { if ((await fetch(`${base}/api/ready`)).ok) break; } catch { /* starting, loading demo data */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  log('server ready with demo data');
  const adminToken = await login('admin', 9999);
  const units = await call('report_list', adminToken, 'GET', '/api/v1/units?agencyType=police&regionCode=KZ-75') as { json: { items: { id: string }[] } };
  const policeUnit = units.json.items[0]?.id;
  type Client = { role: 'operator' | 'supervisor' | 'police' | 'coordinator'; token: string; id: string };
  const clients: Client[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const role = (['operator', 'operator', 'supervisor', 'police', 'coordinator'] as const)[c % 5] as Client['role'];
    const body = {
      operator: { role: 'hotline_operator' }, supervisor: { role: 'supervisor' }, coordinator: { role: 'regional_coordinator', regionCode: 'KZ-75' },
      police: { role: 'police_inspector', regionCode: 'KZ-75', ...(policeUnit ? { unitId: policeUnit } : {}) },
    }[role];
    const created = await call('report_list', adminToken, 'POST', '/api/v1/users', { username: `load.${role}.${c}`, password: PASSWORD, fullName: `Load ${role} ${c}`, ...body }) as { status: number; json: { id: string } };
    if (created.status !== 201) throw new Error(`creating a user: ${created.status} ${JSON.stringify(created.json)}`);
    clients.push({ role, token: await login(`load.${role}.${c}`, c), id: created.json.id });
  }
  latencies.clear();
  statuses.clear();

  const children = [...generatePersons({ seed: 4242, count: 50_000, refDate: '2026-11-23', kind: 'child' })];
  const regions = ['KZ-75', 'KZ-71', 'KZ-79', 'KZ-61', 'KZ-19', 'KZ-35'];
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  log(`${CLIENTS} clients for ${SECONDS} s`);
  await Promise.all(clients.map(async (cl, w) => {
    let lastList: string[] = [];
    const c = (op: Op, method: string, pathAndQuery: string, body?: unknown) => call(op, cl.token, method, pathAndQuery, body, w);
    for (let i = 0; performance.now() < end; i++) {
      try {
        if (cl.role === 'operator') {
          const child = children[(n++ * 7919) % children.length] as (typeof children)[number];
          if (i % 2 === 0) {
            await c('duplicate_check', 'POST', '/api/v1/persons/match', { lastName: child.lastName, firstName: child.firstName, birthDate: child.birthDate });
            const r = await c('intake', 'POST', '/api/v1/reports', {
              channel: 'hotline', regionCode: regions[(w + i) % regions.length], narrative: 'Load test intake.', reporter: { anonymous: true }, screening: { immediateDanger: i % 9 === 0 },
              incidents: [{ types: ['physical'], place: 'home', victims: [{ lastName: child.lastName, firstName: child.firstName, birthDate: child.birthDate, sex: child.sex }], perpetrators: [{ relation: 'father' }] }],
            });
            if (r.status === 201) accepted.push((r.json as { id: string }).id);
          } else {
            await c('search', 'GET', `/api/v1/persons/search?q=${encodeURIComponent(`${child.lastName} ${child.firstName}`)}`);
          }
        } else if (cl.role === 'supervisor') {
          if (i % 3 === 0 || !lastList.length) {
            const list = await c('report_list', 'GET', '/api/v1/reports?limit=20');
            lastList = ((list.json as { items?: { id: string }[] }).items ?? []).map((r) => r.id);
          } else {
            await c('report_view', 'GET', `/api/v1/reports/${lastList[i % lastList.length]}`);
          }
        } else if (cl.role === 'police') {
          if (i % 2 === 0 || !lastList.length) {
            const inbox = await c('inbox', 'GET', '/api/v1/tasks?scope=unit&limit=20');
            lastList = ((inbox.json as { items?: { id: string }[] }).items ?? []).map((t) => t.id);
          } else {
            await c('task_view', 'GET', `/api/v1/tasks/${lastList[i % lastList.length]}`);
          }
        } else {
          await c('dashboard', 'GET', `/api/v1/stats/dashboard?regionCode=KZ-75&from=2026-01-01&to=2026-11-23`);
        }
      } catch (e) {
        statuses.set(`network ${(e as Error).message.slice(0, 40)}`, (statuses.get(`network ${(e as Error).message.slice(0, 40)}`) ?? 0) + 1);
      }
    }
  }));

  // count in = count out: every report the clients were told was registered is in the register
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const operatorIds = clients.filter((c) => c.role === 'operator').map((c) => c.id);
  const { rows: [stored] } = await db.query<{ n: number }>('select count(*)::int as n from reports where created_by = any($1::uuid[])', [operatorIds]);
  const { rows: [found] } = await db.query<{ n: number }>('select count(*)::int as n from reports where id = any($1::uuid[])', [accepted]);
  await db.end();
  // the audit chain after five minutes of concurrent writers: sealed and verified by the CLI an operator would run
  const verify = spawnSync(process.execPath, ['packages/server/src/cli.ts', 'audit:verify'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url.toString(), QORGAU_LOG_LEVEL: 'warn' },
  });
  const auditChain = { intact: verify.status === 0, output: verify.stdout.trim() };

  const perOp = Object.fromEntries([...latencies].map(([op, l]) => [op, {
    requests: l.length, perSecond: Math.round(l.length / SECONDS * 10) / 10,
    p50: Math.round(percentile(l, 50)), p95: Math.round(percentile(l, 95)), p99: Math.round(percentile(l, 99)),
  }]));
  const results = {
    database: 'postgresql', clients: CLIENTS, seconds: SECONDS, demoScale: 1, operations: perOp,
    statuses: Object.fromEntries([...statuses].sort()),
    fiveXx, accepted: accepted.length, storedByClients: stored?.n ?? 0, acceptedFound: found?.n ?? 0,
    countInEqualsCountOut: (stored?.n ?? -1) === accepted.length && (found?.n ?? -1) === accepted.length,
    auditChain,
  };
  log(JSON.stringify(perOp));
  log(`5xx: ${fiveXx}; accepted ${accepted.length}, stored ${stored?.n}, found ${found?.n}`);
  log(`results written to ${writeResults('load-mixed', results)}`);
  log(`audit chain: ${auditChain.output}`);
  if (fiveXx > 0 || !results.countInEqualsCountOut || !auditChain.intact) process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
