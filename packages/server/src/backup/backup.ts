// `qorgau backup` and `qorgau restore`: a logical backup that works the same for the embedded
// database and PostgreSQL (and so also moves an installation from one to the other).
//
// A backup is a directory:
//   manifest.json            format, time, schema (the applied migrations), per table: rows, columns, sha256
//   tables/<table>.jsonl.gz  every row as JSON, in primary-key order
//   attachments/…            the uploaded files of the data directory, with their sha256 in the manifest
//
// The dump reads one consistent snapshot (a repeatable-read, read-only transaction), so it can
// run while PostgreSQL serves; with the embedded database stop the server first. A restore goes
// into an instance of the same schema version, replaces every table in one transaction (all or
// nothing), resets the id sequences and copies the attachments back. Audit rows are copied
// verbatim, so the hash chain verifies after a restore.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../db/client.ts';

export const BACKUP_FORMAT = 'qorgau-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH = 2000;

type TableInfo = { name: string; columns: { name: string; type: string }[]; primaryKey: string[] };
export type Manifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  sourceDatabase: Database['kind'];
  /** hashes of the applied migrations, oldest first: a restore needs exactly these */
  migrations: string[];
  tables: { name: string; rows: number; columns: string[]; sha256: string }[];
  attachments: { path: string; bytes: number; sha256: string }[];
};

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the public schema with their columns and primary keys, parents before children. */
export async function tablesOf(ex: Executor): Promise<TableInfo[]> {
  const cols = await rows<{ table_name: string; column_name: string; type: string }>(ex, sql`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`);
  const pks = await rows<{ table_name: string; column_name: string }>(ex, sql`
    select c.relname as table_name, a.attname as column_name
    from pg_index i join pg_class c on c.oid = i.indrelid
    join lateral unnest(i.indkey) with ordinality k(attnum, n) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and c.relnamespace = 'public'::regnamespace
    order by c.relname, k.n`);
  const fks = await rows<{ child: string; parent: string }>(ex, sql`
    select c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace`);
  const byName = new Map<string, TableInfo>();
  for (const c of cols) {
    let t = byName.get(c.table_name);
    if (!t) byName.set(c.table_name, t = { name: c.table_name, columns: [], primaryKey: [] });
    t.columns.push({ name: c.column_name, type: c.type });
  }
  for (const k of pks) byName.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const t of byName.values()) if (!t.primaryKey.length) throw new BackupError(`table ${t.name} has no primary key`);
  // parents first (no table refers to itself in this schema; a cycle would be a schema error)
  const parents = new Map<string, Set<string>>([...byName.keys()].map((n) => [n, new Set<string>()]));
  for (const f of fks) if (f.child !== f.parent) parents.get(f.child)?.add(f.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: Set<string>) => {
    if (done.has(name)) return;
    if (stack.has(name)) throw new BackupError(`foreign keys form a cycle through ${name}`);
    stack.add(name);
    for (const p of [...(parents.get(name) ?? [])].sort()) visit(p, stack);
    stack.delete(name);
    done.add(name);
    const t = byName.get(name);
    if (t) ordered.push(t);
  };
  for (const name of [...byName.keys()].sort()) visit(name, new Set());
  return ordered;
}

export async function appliedMigrations(ex: Executor): Promise<string[]> {
  const list = await rows<{ hash: string }>(ex, sql`select hash from drizzle.__drizzle_migrations order by created_at, id`);
  return list.map((m) => m.hash);
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    fs.createReadStream(file).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

/** Rows of a table in primary-key order, a batch at a time (keyset paging). */
async function* tableRows(ex: Executor, t: TableInfo): AsyncGenerator<string[]> {
  const pk = t.primaryKey.map(ident).join(', ');
  const pkTypes = t.primaryKey.map((c) => t.columns.find((x) => x.name === c)?.type ?? 'text');
  let after: unknown[] | null = null;
  for (;;) {
    const keys: unknown[] | null = after;
    const where: SQL = keys
      ? sql`where (${sql.raw(pk)}) > (${sql.join(keys.map((v, i) => sql`${v}::${sql.raw(pkTypes[i] as string)}`), sql`, `)})`
      : sql``;
    const batch: { j: string; k: unknown }[] = await rows<{ j: string; k: unknown }>(ex, sql`
      select row_to_json(t)::text as j, json_build_array(${sql.raw(t.primaryKey.map((c) => `t.${ident(c)}`).join(', '))}) as k
      from ${sql.raw(ident(t.name))} t ${where} order by ${sql.raw(pk)} limit ${BATCH}`);
    if (!batch.length) return;
    yield batch.map((r) => r.j);
    const lastKey: unknown = batch[batch.length - 1]?.k;
    after = typeof lastKey === 'string' ? JSON.parse(lastKey) as unknown[] : lastKey as unknown[];
    if (batch.length < BATCH) return;
  }
}

export type BackupResult = { dir: string; tables: number; rows: number; attachments: number };

/** Write a backup of the database (and of `dataDir`'s attachments) into `outDir`, which must not exist or be empty. */
export async function createBackup(database: Database, opts: { outDir: string; dataDir?: string | null; now?: Date }): Promise<BackupResult> {
  const out = path.resolve(opts.outDir);
  if (fs.existsSync(out) && fs.readdirSync(out).length) throw new BackupError(`${out} is not empty`);
  fs.mkdirSync(path.join(out, 'tables'), { recursive: true });
  const manifest: Manifest = {
    format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: (opts.now ?? new Date()).toISOString(),
    sourceDatabase: database.kind, migrations: [], tables: [], attachments: [],
  };
  await database.db.transaction(async (tx) => {
    manifest.migrations = await appliedMigrations(tx);
    for (const t of await tablesOf(tx)) {
      const file = path.join(out, 'tables', `${t.name}.jsonl.gz`);
      const hash = createHash('sha256');
      let count = 0;
      const source = async function* () {
        for await (const batch of tableRows(tx, t)) {
          const chunk = `${batch.join('\n')}\n`;
          hash.update(chunk);
          count += batch.length;
          yield chunk;
        }
      };
      await pipeline(source, createGzip(), fs.createWriteStream(file));
      manifest.tables.push({ name: t.name, rows: count, columns: t.columns.map((c) => c.name), sha256: hash.digest('hex') });
    }
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });

  const attachmentsDir = opts.dataDir ? path.join(opts.dataDir, 'attachments') : null;
  if (attachmentsDir) {
    for (const file of filesUnder(attachmentsDir)) {
      const rel = path.relative(attachmentsDir, file);
      if (rel.split(path.sep)[0] === 'tmp') continue; // uploads in progress
      const target = path.join(out, 'attachments', rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
      manifest.attachments.push({ path: rel.split(path.sep).join('/'), bytes: fs.statSync(file).size, sha256: await sha256File(file) });
    }
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir: out, tables: manifest.tables.length, rows: manifest.tables.reduce((s, t) => s + t.rows, 0), attachments: manifest.attachments.length };
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`${dir} has no manifest.json: not a Qorgau backup`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Manifest>;
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Qorgau backup manifest`);
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) throw new BackupError(`backup format ${String(m.formatVersion)} is not supported (this Qorgau reads ${BACKUP_FORMAT_VERSION})`);
  if (!Array.isArray(m.tables) || !Array.isArray(m.migrations) || !Array.isArray(m.attachments)) throw new BackupError(`${file} is incomplete`);
  return m as Manifest;
}

async function* linesOf(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

/** Tables whose rows exist in an instance only because someone used it (not reference data or defaults). */
const USE_TABLES = ['users', 'persons', 'reports', 'contacts'];

export type RestoreResult = { tables: number; rows: number; attachments: number };

/**
 * Replace the content of `database` with the backup in `fromDir`. The database must be migrated to
 * the backup's schema version and hold no users, persons, reports or contacts unless `force`.
 */
export async function restoreBackup(database: Database, opts: { fromDir: string; dataDir?: string | null; force?: boolean }): Promise<RestoreResult> {
  const dir = path.resolve(opts.fromDir);
  const manifest = readManifest(dir);
  const migrations = await appliedMigrations(database.db);
  if (migrations.join() !== manifest.migrations.join()) {
    throw new BackupError(`the backup has ${manifest.migrations.length} migrations, this database ${migrations.length}: restore with the Qorgau version that made the backup, then upgrade`);
  }
  const tables = await tablesOf(database.db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    const here = byName.get(t.name);
    if (!here) throw new BackupError(`the backup has table ${t.name}, which this database does not`);
    if (here.columns.map((c) => c.name).join() !== t.columns.join()) throw new BackupError(`table ${t.name} has other columns here than in the backup`);
  }
  // verify the files before touching anything
  for (const t of manifest.tables) {
    const hash = createHash('sha256');
    let count = 0;
    const file = path.join(dir, 'tables', `${t.name}.jsonl.gz`);
    if (!fs.existsSync(file)) throw new BackupError(`${file} is missing`);
    for await (const line of linesOf(file)) { hash.update(`${line}\n`); count += 1; }
    // the dump hashed whole batches ending in a newline, which is the same bytes as line by line
    if (count !== t.rows || (count > 0 && hash.digest('hex') !== t.sha256)) throw new BackupError(`${file} does not match the manifest (damaged or edited)`);
  }
  const attachmentsTarget = opts.dataDir ? path.resolve(opts.dataDir, 'attachments') : null;
  for (const a of manifest.attachments) {
    const file = path.join(dir, 'attachments', ...a.path.split('/'));
    if (!fs.existsSync(file) || (await sha256File(file)) !== a.sha256) throw new BackupError(`attachment ${a.path} is missing or damaged in the backup`);
    if (attachmentsTarget && !path.resolve(attachmentsTarget, ...a.path.split('/')).startsWith(attachmentsTarget + path.sep)) {
      throw new BackupError(`attachment path ${a.path} leaves the data directory`);
    }
  }
  if (!opts.force) {
    for (const name of USE_TABLES) {
      if (!byName.has(name)) continue;
      const [r] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(ident(name))}`);
      if ((r?.n ?? 0) > 0) throw new BackupError(`this database is in use (${name} has ${r?.n} rows); restore into an empty instance, or pass --force to replace everything`);
    }
  }

  let total = 0;
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${tables.map((t) => ident(t.name)).join(', ')} restart identity cascade`));
    const order = tables.filter((t) => manifest.tables.some((m) => m.name === t.name));
    for (const t of order) {
      const cols = t.columns.map((c) => ident(c.name)).join(', ');
      const file = path.join(dir, 'tables', `${t.name}.jsonl.gz`);
      let batch: string[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await tx.execute(sql`insert into ${sql.raw(ident(t.name))} (${sql.raw(cols)})
          select ${sql.raw(cols)} from json_populate_recordset(null::${sql.raw(ident(t.name))}, ${`[${batch.join(',')}]`}::json)`);
        total += batch.length;
        batch = [];
      };
      for await (const line of linesOf(file)) {
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }
    // id sequences continue after the restored rows
    const seqs = await rows<{ tbl: string; col: string; seq: string }>(tx, sql`
      select c.relname as tbl, a.attname as col, pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq
      from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null`);
    for (const s of seqs) {
      await tx.execute(sql.raw(`select setval('${s.seq.replaceAll("'", "''")}', coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`));
    }
  });

  if (attachmentsTarget) {
    for (const a of manifest.attachments) {
      const to = path.resolve(attachmentsTarget, ...a.path.split('/'));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, 'attachments', ...a.path.split('/')), to);
    }
  }
  return { tables: manifest.tables.length, rows: total, attachments: manifest.attachments.length };
}

/** A fingerprint of every table (row count and content hash), to compare two databases. */
export async function databaseFingerprint(ex: Executor): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of await tablesOf(ex)) {
    const pk = t.primaryKey.map((c) => `t.${ident(c)}`).join(', ');
    const [r] = await rows<{ n: number; h: string | null }>(ex, sql.raw(
      `select count(*)::int as n, md5(string_agg(row_to_json(t)::text, E'\\n' order by ${pk})) as h from ${ident(t.name)} t`));
    out[t.name] = { rows: r?.n ?? 0, md5: r?.h ?? '' };
  }
  return out;
}
