// PostgreSQL unreachable: requests fail fast with 503 and Retry-After (a load balancer or the
// web app retries), /api/ready says so, and nothing is logged with the request's content.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { createLogger } from '../server.ts';
import { buildApp } from './app.ts';

describe('database unavailable', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: string[] = [];

  beforeAll(async () => {
    // nothing listens on port 9 of loopback: every connection is refused at once
    database = await openDatabase({ databaseUrl: 'postgres://qorgau@127.0.0.1:9/qorgau', poolSize: 2 });
    const config = loadConfig({ QORGAU_LOG_LEVEL: 'warn', QORGAU_ADMIN_PASSWORD: 'Admin-password-1' });
    const log = createLogger({ logLevel: 'warn' }, new Writable({ write(c: Buffer, _e, done) { lines.push(c.toString()); done(); } }));
    const deps: Deps = { config: { ...config, databaseUrl: 'postgres://qorgau@127.0.0.1:9/qorgau' }, database, db: database.db, clock: systemClock, log };
    app = await buildApp(deps, { serveWeb: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers 503 with Retry-After quickly, and readiness fails', async () => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'Секрет-пароль-1' } });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(lines.join('')).not.toContain('Секрет-пароль-1');
  });
});
