import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';
import { syncReferenceData } from '../reference/sync.ts';
import { ensureDefaultProtocol } from '../protocol/service.ts';
import { ensureDefaultInstrument } from '../cases/assessments.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');
const MIGRATION_LOCK = 720_001;

/** Apply committed migrations, then load changed reference data. Safe with several instances. */
export async function migrate(database: Database): Promise<{ referenceLoaded: string[] }> {
  if (database.kind === 'postgresql' && database.pool) {
    // a session-level lock on its own connection serialises instances starting together
    const lockClient = await database.pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_DIR });
      const referenceLoaded = await syncReferenceData(database.db);
      await ensureDefaultProtocol(database.db);
      await ensureDefaultInstrument(database.db);
      return { referenceLoaded };
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lockClient.release();
    }
  }
  await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
  const referenceLoaded = await syncReferenceData(database.db);
  await ensureDefaultProtocol(database.db);
  await ensureDefaultInstrument(database.db);
  return { referenceLoaded };
}

export async function databaseReachable(database: Database): Promise<boolean> {
  try {
    await database.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
