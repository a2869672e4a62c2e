// Test harness: a real database per test file — in-memory PGlite, or a fresh PostgreSQL
// database when DATABASE_URL is set (CI runs the suite both ways).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { AgencyType, Role } from '@qorgau/core';
import { ensureAdmin } from '../bootstrap.ts';
import { ManualClock, systemClock, type Clock } from '../clock.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';
import { buildApp } from '../http/app.ts';
import { createLogger } from '../server.ts';
import { insertUser } from '../users/service.ts';

export const TEST_PASSWORD = 'Test-password-1';
const ADMIN_PASSWORD = 'Admin-password-1';

export const usingPostgres = Boolean(process.env.DATABASE_URL);

// one migrated embedded database per worker, copied for each test file (migrating takes seconds)
let template: Promise<Blob> | null = null;
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await openDatabase({ memory: true });
    await migrate(db);
    const blob = await (db.pglite as NonNullable<Database['pglite']>).dumpDataDir('none');
    await db.close();
    return blob;
  })();
  return template;
}

export async function freshDatabase(): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ memory: true, loadDataDir: await pgliteTemplate() });
    return { database, url: null, drop: async () => undefined };
  }
  const name = `qorgau_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 20 });
  return {
    database,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestUser = { id: string; username: string; token: string; csrfToken: string };

export type Harness = {
  app: FastifyInstance;
  deps: Deps;
  clock: Clock;
  /** the test database's URL on PostgreSQL (null on PGlite), for a second instance */
  databaseUrl: string | null;
  admin: TestUser;
  /** create a user directly and sign in */
  user(role: Role, territory?: { regionCode?: string; districtCode?: string; schoolId?: string; agencyType?: AgencyType | null; unitId?: string; isUnitHead?: boolean; email?: string }): Promise<TestUser>;
  login(username: string, password: string): Promise<TestUser>;
  /** inject with a bearer token */
  call(user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
};

export async function createHarness(opts: { clock?: Clock; config?: Partial<Config>; log?: Deps['log'] } = {}): Promise<Harness> {
  const { database, drop, url: databaseUrl } = await freshDatabase();
  await migrate(database);
  // a data directory of its own (attachments, exports), removed on close, unless the test gives one
  const ownDataDir = opts.config?.dataDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-test-'));
  const config: Config = { ...loadConfig({ QORGAU_ADMIN_PASSWORD: ADMIN_PASSWORD, QORGAU_LOG_LEVEL: 'silent' }), ...(ownDataDir ? { dataDir: ownDataDir } : {}), ...opts.config };
  const clock = opts.clock ?? systemClock;
  const deps: Deps = { config, database, db: database.db, clock, log: opts.log ?? createLogger({ logLevel: 'silent' }) };
  await ensureAdmin(deps);
  // with a logger given, the app logs requests through it as in production
  const app = await buildApp(deps, { logger: opts.log ? undefined : false, serveWeb: false });
  await app.ready();

  const call: Harness['call'] = async (user, method, url, body) => {
    const res = await app.inject({
      method, url,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    let json: unknown;
    try { json = res.body ? JSON.parse(res.body) : null; } catch { json = res.body; }
    return { status: res.statusCode, json, headers: res.headers };
  };
  const login = async (username: string, password: string): Promise<TestUser> => {
    const res = await call(null, 'POST', '/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
    return { id: res.json.user.id, username, token: res.json.token, csrfToken: res.json.csrfToken };
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  let n = 0;
  return {
    app, deps, clock, databaseUrl, admin, login, call,
    user: async (role, territory = {}) => {
      n += 1;
      const username = `${role.replace(/_/g, '')}${n}${randomBytes(3).toString('hex')}`;
      await insertUser(database.db, {
        username, password: TEST_PASSWORD, fullName: `Test ${role}`, role,
        regionCode: territory.regionCode ?? null, districtCode: territory.districtCode ?? null, schoolId: territory.schoolId ?? null,
        ...(territory.agencyType !== undefined ? { agencyType: territory.agencyType } : {}),
        unitId: territory.unitId ?? null, isUnitHead: territory.isUnitHead ?? false, email: territory.email ?? null,
      }, clock.now());
      return login(username, TEST_PASSWORD);
    },
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

export { ManualClock };

/** A minimal valid report body of API.md. */
export function sampleReport(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'hotline',
    regionCode: 'KZ-75',
    narrative: 'Соседи слышат крики ребёнка по ночам.',
    reporter: { anonymous: true },
    screening: { immediateDanger: false, childInjured: false, perpetratorHasAccess: true },
    incidents: [{
      types: ['physical'],
      occurredOn: '2026-11-19',
      place: 'home',
      victims: [{ lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2014-03-02', sex: 'female' }],
      perpetrators: [{ lastName: 'Сейітов', firstName: 'Болат', relation: 'father' }],
    }],
    ...overrides,
  };
}

/** A multipart/form-data body with one file part, as the web's upload sends it. */
export function multipartFile(fileName: string, content: Buffer, opts: { field?: string; type?: string } = {}): { payload: Buffer; contentType: string } {
  const boundary = '----qorgau-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${fileName}"\r\nContent-Type: ${opts.type ?? 'application/octet-stream'}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
