// Intake and search benchmark (issue 3). With DATABASE_URL: PostgreSQL at 1,000,000 persons and
// 500,000 reports; without it: the embedded database at 100,000 persons. The server runs as a
// child process; 16 concurrent clients here register reports (duplicate check + a report with
// two persons, audited) and search persons; a bare Fastify endpoint is measured the same way.
//   npm run bench:intake                       (PGlite)
//   DATABASE_URL=postgres://… npm run bench:intake
// Results: bench/results/intake-<database>.json
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { generatePersons } from '@qorgau/core';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadVolume, type Volume } from './load.ts';
import { percentile, writeResults } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.DATABASE_URL;
const kind = databaseUrl ? 'postgresql' : 'pglite';
const volume: Volume = databaseUrl
  ? { persons: Number(process.env.BENCH_PERSONS ?? 1_000_000), reports: Number(process.env.BENCH_REPORTS ?? 500_000) }
  : { persons: Number(process.env.BENCH_PERSONS ?? 100_000), reports: Number(process.env.BENCH_REPORTS ?? 50_000) };
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ADMIN_PASSWORD = 'Bench-admin-password-1';
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.on('line', (line) => { if (ready.test(line)) resolve({ child, line }); });
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}`)));
  });
}

async function waitHealthy(base: string) {
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`${base}/api/health`)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy');
}

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

type Op = () => Promise<void>;
async function run(name: string, op: (worker: number, i: number) => Op, concurrency = CONCURRENCY): Promise<{ name: string; requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let i = 0; performance.now() < end; i++) {
      const t = performance.now();
      try { await op(w, i)(); latencies.push(performance.now() - t); } catch (e) { errors += 1; if (errors < 5) log(`${name} error: ${(e as Error).message}`); }
    }
  }));
  const r = { name, requests: latencies.length, errors, perSecond: Math.round(latencies.length / SECONDS), p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)) };
  log(`${name}: ${r.perSecond}/s p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms errors ${errors}`);
  return r;
}
const round = (x: number) => Math.round(x * 10) / 10;

const dataDir = databaseUrl ? undefined : path.join(os.tmpdir(), `qorgau-bench-${volume.persons}`);
log(`loading ${volume.persons} persons and ${volume.reports} reports into ${kind}`);
const database = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
await migrate(database);
const tLoad = performance.now();
await loadVolume(database, volume, log);
const loadSeconds = Math.round((performance.now() - tLoad) / 1000);
await database.close();

const port = 18_000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const node = process.execPath;
const server = spawn(node, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'packages/server/src/main.ts'], {
  cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', QORGAU_LOG_LEVEL: 'warn', QORGAU_DEMO: '0', QORGAU_ADMIN_PASSWORD: ADMIN_PASSWORD, QORGAU_DATABASE_POOL: '20', ...(dataDir ? { QORGAU_DATA_DIR: dataDir } : {}) },
});
try {
  await waitHealthy(base);
  const admin = (await json(await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) }))) as { token: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  // one operator account per client, as at a contact centre (signed-in use is rate-limited per user)
  const tokens: string[] = [];
  for (let w = 0; w < CONCURRENCY; w++) {
    const username = `bench${Date.now()}w${w}`;
    await json(await fetch(`${base}/api/v1/users`, { method: 'POST', headers: auth(admin.token), body: JSON.stringify({ username, password: ADMIN_PASSWORD, role: 'hotline_operator', fullName: `Bench operator ${w}` }) }));
    const operator = (await json(await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: ADMIN_PASSWORD }) }))) as { token: string };
    tokens.push(operator.token);
  }
  const headersOf = (w: number) => auth(tokens[w] as string);

  // names to search and to register: a fresh seed, so intake creates new persons, searches hit existing ones
  const existing = [...generatePersons({ seed: 7, count: 5000, refDate: '2026-11-23' })];
  const fresh = [...generatePersons({ seed: 99, count: 100_000, refDate: '2026-11-23', kind: 'child' })];
  const adults = [...generatePersons({ seed: 98, count: 20_000, refDate: '2026-11-23', kind: 'adult' })];

  // BENCH_ONLY=intake skips the other runs (to profile the intake alone)
  const only = process.env.BENCH_ONLY;
  const skipped = { name: 'skipped', requests: 0, errors: 0, perSecond: 0, p50: 0, p95: 0, p99: 0 };
  const { child: bare, line } = await start(node, ['bench/bare-server.ts'], { PORT: '0' }, /^listening/);
  const barePort = Number(line.split(' ')[1]);
  const bareResult = only === 'intake' ? skipped : await run('bare fastify GET', () => async () => { await json(await fetch(`http://127.0.0.1:${barePort}/ping`)); });
  bare.kill();

  const searchResult = only === 'intake' ? skipped : await run('person search', (w, i) => async () => {
    const p = existing[(w * 7919 + i * 104_729) % existing.length] as (typeof existing)[number];
    await json(await fetch(`${base}/api/v1/persons/search?q=${encodeURIComponent(`${p.lastName} ${p.firstName}`)}`, { headers: headersOf(w) }));
  });

  // the same searches one at a time: latency without queueing behind other clients
  const searchAlone = only === 'intake' ? skipped : await run('person search, one client', (w, i) => async () => {
    const p = existing[(i * 104_729 + 17) % existing.length] as (typeof existing)[number];
    await json(await fetch(`${base}/api/v1/persons/search?q=${encodeURIComponent(`${p.lastName} ${p.firstName}`)}`, { headers: headersOf(w) }));
  }, 1);

  let n = 0;
  const regionsList = ['KZ-75', 'KZ-71', 'KZ-79', 'KZ-61', 'KZ-19', 'KZ-35', 'KZ-63', 'KZ-55'];
  const matchLatencies: number[] = [];
  const createLatencies: number[] = [];
  const intakeResult = await run('intake (duplicate check + report with 2 persons)', (w) => async () => {
    const k = n++;
    const headers = headersOf(w);
    const child = fresh[k % fresh.length] as (typeof fresh)[number];
    const adult = adults[k % adults.length] as (typeof adults)[number];
    const t0 = performance.now();
    await json(await fetch(`${base}/api/v1/persons/match`, { method: 'POST', headers, body: JSON.stringify({ lastName: child.lastName, firstName: child.firstName, birthDate: child.birthDate, iin: child.iin }) }));
    const t1 = performance.now();
    await json(await fetch(`${base}/api/v1/reports`, {
      method: 'POST', headers, body: JSON.stringify({
        channel: 'hotline', regionCode: regionsList[k % regionsList.length], narrative: 'Benchmark intake.', reporter: { anonymous: true },
        screening: { immediateDanger: k % 10 === 0 },
        incidents: [{ types: ['physical'], place: 'home', victims: [{ iin: child.iin, lastName: child.lastName, firstName: child.firstName, birthDate: child.birthDate, sex: child.sex }], perpetrators: [{ lastName: adult.lastName, firstName: adult.firstName, relation: 'father' }] }],
      }),
    }));
    matchLatencies.push(t1 - t0);
    createLatencies.push(performance.now() - t1);
  });

  const results = {
    database: kind, volume, loadSeconds, concurrency: CONCURRENCY, secondsPerRun: SECONDS,
    bare: bareResult, search: searchResult, searchOneClient: searchAlone, intake: { ...intakeResult, reportsPerSecond: intakeResult.perSecond, duplicateCheckP95: round(percentile(matchLatencies, 95)), createP95: round(percentile(createLatencies, 95)) },
    ratios: { intakeToBare: round(intakeResult.perSecond / bareResult.perSecond * 1000) / 1000, searchToBare: round(searchResult.perSecond / bareResult.perSecond * 1000) / 1000 },
    targets: databaseUrl ? { intakeReportsPerSecond: 500, intakeP95Ms: 50, searchP95Ms: 30 } : null,
    targetsMet: databaseUrl ? {
      intake: intakeResult.perSecond >= 500 && intakeResult.p95 < 50,
      search: searchResult.p95 < 30,
    } : null,
  };
  if (only) log('partial run (BENCH_ONLY): results not written');
  else log(`results written to ${writeResults(`intake-${kind}`, results)}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
if (dataDir && process.env.BENCH_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
