// PostgreSQL stopped and started again while clients keep working: requests fail fast with 503
// (never 500, never hanging), and the same server recovers by itself when the database is back.
// Runs with the PostgreSQL suite, on a throwaway cluster of its own (scripts/pg-test-cluster.sh).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';
import { buildApp } from '../http/app.ts';
import { createLogger } from '../server.ts';
import { sampleReport, TEST_PASSWORD, usingPostgres } from '../test/harness.ts';
import { registerViolations } from '../test/invariants.ts';
import { insertUser } from '../users/service.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../../../../scripts/pg-test-cluster.sh');
const ADMIN_PASSWORD = 'Restart-admin-password-1';

describe.runIf(usingPostgres)('PostgreSQL restarted under load', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-pg-restart-'));
  const cluster = (cmd: string) => execFileSync('bash', [SCRIPT, cmd], {
    env: { ...process.env, PGTEST_DIR: dir, PGTEST_PORT: String(56_100 + Math.floor(Math.random() * 800)) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let token = '';

  beforeAll(async () => {
    const url = /DATABASE_URL=(\S+)/.exec(cluster('start'))?.[1];
    if (!url) throw new Error('the test cluster did not start');
    database = await openDatabase({ databaseUrl: url, poolSize: 8 });
    await migrate(database);
    const config = { ...loadConfig({ QORGAU_ADMIN_PASSWORD: ADMIN_PASSWORD, QORGAU_LOG_LEVEL: 'silent' }), databaseUrl: url };
    const deps: Deps = { config, database, db: database.db, clock: systemClock, log: createLogger({ logLevel: 'silent' }) };
    await ensureAdmin(deps);
    await insertUser(database.db, { username: 'restart.operator', password: TEST_PASSWORD, fullName: 'Restart test', role: 'hotline_operator', regionCode: null, districtCode: null, schoolId: null }, new Date());
    app = await buildApp(deps, { serveWeb: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'restart.operator', password: TEST_PASSWORD } });
    token = login.json<{ token: string }>().token;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    try { cluster('stop'); } catch { /* already gone */ }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 fast while the database is down and recovers without a restart', async () => {
    type Outcome = { at: number; status: number; ms: number; id?: string };
    const outcomes: Outcome[] = [];
    const t0 = performance.now();
    const end = t0 + 14_000;
    let phase: 'up' | 'down' | 'back' = 'up';
    const load = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const start = performance.now();
        const res = w % 2 === 0
          ? await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { authorization: `Bearer ${token}` }, payload: sampleReport() })
          : await app.inject({ method: 'GET', url: '/api/v1/reports?limit=5', headers: { authorization: `Bearer ${token}` } });
        const o: Outcome = { at: start - t0, status: res.statusCode, ms: performance.now() - start };
        if (res.statusCode === 201) o.id = res.json<{ id: string }>().id;
        outcomes.push(o);
        if (res.statusCode === 503) await new Promise((r) => setTimeout(r, 100));
      }
    });
    const faults = (async () => {
      await new Promise((r) => setTimeout(r, 3_000));
      phase = 'down';
      cluster('pause');
      const downAt = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 4_000));
      cluster('resume');
      phase = 'back';
      return { downAt, backAt: performance.now() - t0 };
    })();
    const [{ downAt, backAt }] = await Promise.all([faults, ...load]);
    expect(phase).toBe('back');

    const statuses = new Set(outcomes.map((o) => o.status));
    // only success or "unavailable": never a 500, never a hang
    expect([...statuses].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(Math.max(...unavailable.map((o) => o.ms))).toBeLessThan(6_000);
    expect(outcomes.some((o) => o.at < downAt && o.status === 201)).toBe(true);
    // after the database is back, the same server works again by itself
    expect(outcomes.filter((o) => o.at > backAt + 2_000 && o.status === 201).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.at > backAt + 2_000 && o.status === 200).length).toBeGreaterThan(0);
    // every report confirmed to a client is stored
    const ids = outcomes.flatMap((o) => (o.id ? [o.id] : []));
    for (const id of ids) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, id).toBe(200);
    }
    // and what was written before, during and after the outage keeps the register whole and the audit chain intact
    expect(await registerViolations(database.db)).toEqual([]);
  }, 120_000);
});
