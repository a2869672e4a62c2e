import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAll, verifyAudit } from '../audit/chain.ts';
import { writeAudit } from '../audit/audit.ts';
import { rows, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../demo/seed.ts';
import { createHarness, freshDatabase, sampleReport, type Harness, multipartFile } from '../test/harness.ts';
import { BackupError, createBackup, databaseFingerprint, restoreBackup } from './backup.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('backup and restore', () => {
  let h: Harness;
  let tmp: string;
  let target: { database: Database; drop: () => Promise<void> };
  let backupDir: string;
  let sourceFingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-backup-'));
    h = await createHarness({ config: { dataDir: path.join(tmp, 'source') } });
    // demo data touches most tables: units, routing, schools, users, reports, tasks, notifications…
    await seedDemo(h.deps, { scale: 0.02 });
    const operator = await h.user('hotline_operator');
    const created = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ narrative: 'Кавычки \' " и обратный слеш \\ и перевод\nстроки; DROP TABLE reports; --' }));
    expect(created.status).toBe(201);
    const body = multipartFile('акт.pdf', PDF);
    const upload = await h.app.inject({
      method: 'POST', url: `/api/v1/reports/${created.json.id}/attachments`,
      headers: { authorization: `Bearer ${operator.token}`, 'content-type': body.contentType }, payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    await sealAll(h.deps.db);
    backupDir = path.join(tmp, 'backup');
    const result = await createBackup(h.deps.database, { outDir: backupDir, dataDir: path.join(tmp, 'source') });
    expect(result.rows).toBeGreaterThan(1000);
    expect(result.attachments).toBe(1);
    sourceFingerprint = await databaseFingerprint(h.deps.db);

    const fresh = await freshDatabase();
    await migrate(fresh.database);
    target = fresh;
  }, 240_000);

  afterAll(async () => {
    await h.close();
    await target.database.close();
    await target.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('restores into an empty instance: every table equal, the audit chain intact, attachments back', async () => {
    const restored = await restoreBackup(target.database, { fromDir: backupDir, dataDir: path.join(tmp, 'target') });
    expect(restored.rows).toBe(Object.values(sourceFingerprint).reduce((s, t) => s + t.rows, 0));
    const after = await databaseFingerprint(target.database.db);
    expect(Object.keys(after).sort()).toEqual(Object.keys(sourceFingerprint).sort());
    for (const [table, fp] of Object.entries(sourceFingerprint)) expect(after[table], table).toEqual(fp);
    expect(sourceFingerprint.reports?.rows).toBeGreaterThan(0);
    expect(sourceFingerprint.audit_log?.rows).toBeGreaterThan(0);

    const audit = await verifyAudit(target.database.db);
    expect(audit.ok).toBe(true);
    expect(audit.checked).toBe(sourceFingerprint.audit_log?.rows);

    const [att] = await rows<{ storage_key: string }>(target.database.db, sql`select storage_key from attachments`);
    expect(att).toBeDefined();
    const files = fs.readdirSync(path.join(tmp, 'target', 'attachments'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(files[0]!.parentPath, files[0]!.name))).toEqual(PDF);

    // the id sequences continue after the restored rows: new audit entries do not collide
    await writeAudit(target.database.db, { userId: null, username: 'test', ip: null, requestId: null, at: new Date() }, { action: 'read', entityType: 'test', entityId: null });
    await sealAll(target.database.db);
    expect((await verifyAudit(target.database.db)).ok).toBe(true);
  }, 240_000);

  it('refuses to overwrite an instance in use, unless forced', async () => {
    await expect(restoreBackup(target.database, { fromDir: backupDir })).rejects.toThrow(/in use/);
    const forced = await restoreBackup(target.database, { fromDir: backupDir, force: true });
    expect(forced.rows).toBeGreaterThan(0);
  }, 240_000);

  it('refuses a damaged backup before touching the database', async () => {
    const damaged = path.join(tmp, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, 'tables', 'reports.jsonl.gz');
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').replace('registered', 'closed');
    fs.writeFileSync(file, zlib.gzipSync(text));
    const before = await databaseFingerprint(target.database.db);
    await expect(restoreBackup(target.database, { fromDir: damaged, force: true })).rejects.toThrow(BackupError);
    expect(await databaseFingerprint(target.database.db)).toEqual(before);
  }, 240_000);

  it('refuses a backup of another schema version and a directory that is not a backup', async () => {
    const other = path.join(tmp, 'other-version');
    fs.cpSync(backupDir, other, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(other, 'manifest.json'), 'utf8'));
    manifest.migrations = manifest.migrations.slice(0, -1);
    fs.writeFileSync(path.join(other, 'manifest.json'), JSON.stringify(manifest));
    await expect(restoreBackup(target.database, { fromDir: other, force: true })).rejects.toThrow(/migrations/);
    await expect(restoreBackup(target.database, { fromDir: tmp, force: true })).rejects.toThrow(/not a Qorgau backup/);
    await expect(createBackup(h.deps.database, { outDir: backupDir })).rejects.toThrow(/not empty/);
  });
});
