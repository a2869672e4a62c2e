// The server killed with SIGKILL in the middle of intakes (PostgreSQL): no half-written report,
// every report whose 201 reached the client is there after the restart, numbers stay unique and
// are never given twice, and the restarted server serves at once.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { freshDatabase, sampleReport, usingPostgres } from '../test/harness.ts';
import { registerViolations } from '../test/invariants.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const ADMIN_PASSWORD = 'Crash-admin-password-1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function startServer(databaseUrl: string, port: number): ChildProcess {
  return spawn(process.execPath, ['packages/server/src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', QORGAU_ADMIN_PASSWORD: ADMIN_PASSWORD, QORGAU_DEMO: '0', QORGAU_LOG_LEVEL: 'error' },
  });
}

async function waitHealthy(base: string, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    try { if ((await fetch(`${base}/api/ready`)).ok) return performance.now() - t0; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

describe.runIf(usingPostgres)('kill -9 during intakes', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ChildProcess | null = null;
  let base = '';
  let port = 0;

  beforeAll(async () => {
    db = await freshDatabase();
    await db.database.close();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer(db.url as string, port);
    await waitHealthy(base, 120_000);
  }, 180_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await db.drop();
  });

  it('loses no accepted report, leaves none half-written, reuses no number', async () => {
    const post = async (url: string, body: unknown, token?: string) => fetch(`${base}${url}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
    });
    const admin = await (await post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).json() as { token: string };
    expect((await post('/api/v1/users', { username: 'crash.operator', password: ADMIN_PASSWORD, role: 'hotline_operator', fullName: 'Crash test' }, admin.token)).status).toBe(201);
    const { token } = await (await post('/api/v1/auth/login', { username: 'crash.operator', password: ADMIN_PASSWORD })).json() as { token: string };

    // 16 clients register reports; the server is killed after the 40th accepted one
    const accepted: { id: string; number: string }[] = [];
    let killed = false;
    let sent = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (!killed) {
        sent += 1;
        try {
          const res = await post('/api/v1/reports', sampleReport({ regionCode: sent % 2 ? 'KZ-75' : 'KZ-71' }), token);
          if (res.status === 201) {
            const r = await res.json() as { id: string; number: string };
            accepted.push({ id: r.id, number: r.number });
            if (accepted.length >= 40 && !killed) { killed = true; server?.kill('SIGKILL'); }
          }
        } catch {
          // the connection died with the server: this report was never confirmed to the client
        }
      }
    }));
    await new Promise<void>((resolve) => { if (server?.exitCode !== null || server.signalCode) resolve(); else server.once('exit', () => resolve()); });
    expect(accepted.length).toBeGreaterThanOrEqual(40);

    // the restarted server serves at once
    server = startServer(db.url as string, port);
    const readyMs = await waitHealthy(base);
    expect(readyMs).toBeLessThan(30_000);

    const c = new pg.Client({ connectionString: db.url as string });
    await c.connect();
    try {
      const reports = (await c.query<{ id: string; number: string; incidents: number; victims: number; tasks: number; audited: number }>(`
        select r.id, r.number,
          (select count(*)::int from incidents i where i.report_id = r.id) as incidents,
          (select count(*)::int from incident_persons ip join incidents i on i.id = ip.incident_id where i.report_id = r.id and ip.role = 'victim') as victims,
          (select count(*)::int from tasks t where t.report_id = r.id) as tasks,
          (select count(*)::int from audit_log a where a.entity_type = 'report' and a.entity_id = r.id::text and a.action = 'create') as audited
        from reports r`)).rows;
      // every confirmed report is there
      const stored = new Map(reports.map((r) => [r.id, r]));
      for (const a of accepted) expect(stored.get(a.id)?.number, a.number).toBe(a.number);
      // no report without its incident, victim, tasks and audit entry: each was one transaction
      for (const r of reports) {
        expect([r.incidents, r.victims, r.audited], r.number).toEqual([1, 1, 1]);
        expect(r.tasks, r.number).toBeGreaterThan(0);
      }
      expect(new Set(reports.map((r) => r.number)).size).toBe(reports.length);

      // after the restart, new numbers continue past every number given before the crash
      const before = new Map<string, number>();
      for (const r of reports) {
        const [region, , seq] = r.number.split('-');
        before.set(region as string, Math.max(before.get(region as string) ?? 0, Number(seq)));
      }
      const again = await (await post('/api/v1/auth/login', { username: 'crash.operator', password: ADMIN_PASSWORD })).json() as { token: string };
      const after = await post('/api/v1/reports', sampleReport({ regionCode: 'KZ-75' }), again.token);
      expect(after.status).toBe(201);
      const number = (await after.json() as { number: string }).number;
      expect(Number(number.split('-')[2])).toBeGreaterThan(before.get('75') ?? 0);
    } finally {
      await c.end();
    }
    // the audit chain survives the crash: what was committed seals and verifies
    const database = await openDatabase({ databaseUrl: db.url as string });
    try {
      expect(await registerViolations(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
