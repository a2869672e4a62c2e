import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or a transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** PostgreSQL pool (null for PGlite), for session-level advisory locks */
  pool: pg.Pool | null;
  pglite: PGlite | null;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  memory?: boolean;
  /** start an in-memory database from a dump (tests: a migrated template) */
  loadDataDir?: Blob;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // fail fast when PostgreSQL is down instead of queueing requests for minutes
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // a client losing its connection (PostgreSQL restarted, fail-over) must not crash the process:
    // idle clients report it to the pool, checked-out ones to their own listener; the query in
    // flight fails, the request answers 503, and the pool replaces the client
    pool.on('error', () => undefined);
    pool.on('connect', (client) => { client.on('error', () => undefined); });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgresql', pool, pglite: null, close: () => pool.end() };
  }
  let dir: string | undefined;
  if (!opts.memory) {
    if (!opts.dataDir) throw new Error('dataDir is required for the embedded database');
    dir = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir, { extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pool: null, pglite: client, close: () => client.close() };
}

/** Run raw SQL and get its rows (both drivers return `{ rows }`). */
export async function rows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const res: unknown = await ex.execute(query);
  return (res as { rows: T[] }).rows;
}
