import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase, rows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger } from '../server.ts';
import { createHarness, freshDatabase, sampleReport, type Harness } from '../test/harness.ts';
import { sealAll, verifyAudit } from './chain.ts';

const CLI = path.resolve(import.meta.dirname, '../cli.ts');

describe('tamper-evident audit chain', () => {
  const open: Harness[] = [];
  afterEach(async () => { await Promise.all(open.splice(0).map((x) => x.close())); });

  async function withEntries() {
    const h = await createHarness();
    open.push(h);
    const op = await h.user('hotline_operator');
    for (let i = 0; i < 3; i++) expect((await h.call(op, 'POST', '/api/v1/reports', sampleReport())).status).toBe(201);
    await sealAll(h.deps.db);
    const ids = (await rows<{ id: number }>(h.deps.db, sql`select id from audit_log order by chain_seq`)).map((r) => Number(r.id));
    return { h, ids };
  }

  it('verifies an untouched chain', async () => {
    const { h, ids } = await withEntries();
    const res = await verifyAudit(h.deps.db);
    expect(res).toMatchObject({ ok: true, checked: ids.length, firstBadEntryId: null });
    const api = await h.call(h.admin, 'POST', '/api/v1/audit/verify');
    expect(api.json.ok).toBe(true);
  });

  it('names an edited entry', async () => {
    const { h, ids } = await withEntries();
    const victim = ids[3] as number;
    await h.deps.db.execute(sql`update audit_log set action = 'read' where id = ${victim}`);
    const res = await verifyAudit(h.deps.db);
    expect(res.ok).toBe(false);
    expect(res.firstBadEntryId).toBe(String(victim));
    expect(res.reason).toMatch(/edited/);
  });

  it('detects a deleted entry and a cut tail', async () => {
    const { h, ids } = await withEntries();
    await h.deps.db.execute(sql`delete from audit_log where id = ${ids[2] as number}`);
    const res = await verifyAudit(h.deps.db);
    expect(res.ok).toBe(false);
    expect(res.firstBadEntryId).toBe(String(ids[3]));
    expect(res.reason).toMatch(/deleted/);

    const other = await withEntries();
    await other.h.deps.db.execute(sql`delete from audit_log where id = ${other.ids[other.ids.length - 1] as number}`);
    const cut = await verifyAudit(other.h.deps.db);
    expect(cut.ok).toBe(false);
    expect(cut.reason).toMatch(/end/);
  });

  it('`qorgau audit:verify` fails and names the entry after tampering', async () => {
    // the CLI runs as its own process on the same database: a data directory, or a PostgreSQL database
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-audit-'));
    const pgDb = process.env.DATABASE_URL ? await freshDatabase() : null;
    const env = { ...process.env, QORGAU_DATA_DIR: dir, QORGAU_ADMIN_PASSWORD: 'Admin-password-1', QORGAU_LOG_LEVEL: 'silent', DATABASE_URL: pgDb?.url ?? '' };
    const open = async () => pgDb?.database ?? openDatabase({ dataDir: dir });
    const database = await open();
    await migrate(database);
    const deps = { config: loadConfig(env), database, db: database.db, clock: systemClock, log: createLogger({ logLevel: 'silent' }) };
    await ensureAdmin(deps);
    await sealAll(database.db);
    if (!pgDb) await database.close();

    const ok = spawnSync(process.execPath, [CLI, 'audit:verify'], { env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/intact: 1 entries/);

    const again = await open();
    await again.db.execute(sql`update audit_log set details = '{"role":"auditor"}'::jsonb`);
    const id = (await rows<{ id: number }>(again.db, sql`select id from audit_log`))[0]?.id;
    if (!pgDb) await again.close();
    const bad = spawnSync(process.execPath, [CLI, 'audit:verify'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`entry ${id}`);
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgDb) {
      await pgDb.database.close();
      await pgDb.drop();
    }
  }, 180_000);
});
