// Legacy import of reports. A dry run checks every row and writes only the batch record; a real
// run writes all rows in one transaction or nothing, skipping rows imported before (externalId).
import { inArray, sql } from 'drizzle-orm';
import { can, inTerritory } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Db, Tx } from '../db/client.ts';
import { districts, importBatches, regions, reports } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { registerReport } from '../reports/service.ts';
import { readSheet } from './parse.ts';
import { mapSheet, type MappedRow, type RowError } from './rows.ts';

/** At most this many errors are listed; `errorCount` has them all. */
export const MAX_LISTED_ERRORS = 10_000;

export type ImportResult = {
  batchId: string | null;
  dryRun: boolean;
  kind: 'csv' | 'xlsx';
  rows: number;
  valid: number;
  errors: RowError[];
  errorCount: number;
  wouldCreate: number;
  alreadyImported: number;
  created: number;
};

async function existingExternalIds(ex: Db | Tx, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await ex.select({ externalId: reports.externalId }).from(reports).where(inArray(reports.externalId, chunk));
    for (const r of rows) if (r.externalId) found.add(r.externalId);
  }
  return found;
}

/**
 * The transaction as a `Db` whose `transaction()` runs its callback in the same transaction:
 * createReport opens a transaction of its own, and one savepoint per row (50,000 of them) would
 * overflow PostgreSQL's subtransaction cache and slow every other session until the commit.
 * Any failure still aborts the whole import.
 */
function flatten(tx: Tx): Db {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return async (fn: (t: Tx) => Promise<unknown>) => fn(target);
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

const summary = (errors: RowError[]) => errors.slice(0, 5).map((e) => `row ${e.row} ${e.field}: ${e.message}`).join('; ');

export async function importReports(ctx: Ctx, file: { name: string; bytes: Buffer }, dryRun: boolean): Promise<ImportResult> {
  if (!can(ctx.actor, 'reports.import')) throw forbidden('Your role does not import records.');
  const sheet = await readSheet(file.bytes);
  const [regionRows, districtRows] = await Promise.all([
    ctx.db.select({ code: regions.code }).from(regions),
    ctx.db.select({ code: districts.code, regionCode: districts.regionCode }).from(districts),
  ]);
  const mapped = mapSheet(sheet, {
    now: ctx.now,
    regions: new Set(regionRows.map((r) => r.code)),
    districts: new Map(districtRows.map((d) => [d.code, d.regionCode])),
    inTerritory: (regionCode, districtCode) => inTerritory(ctx.actor, { regionCode, districtCode, schoolIds: [] }),
  });
  const externalIds = mapped.valid.map((r) => r.input.externalId ?? '');
  const already = await existingExternalIds(ctx.db, externalIds);
  const result: ImportResult = {
    batchId: null, dryRun, kind: sheet.kind, rows: mapped.rows, valid: mapped.valid.length,
    errors: mapped.errors.slice(0, MAX_LISTED_ERRORS), errorCount: mapped.errors.length,
    wouldCreate: mapped.valid.filter((r) => !already.has(r.input.externalId ?? '')).length,
    alreadyImported: already.size, created: 0,
  };
  const batch = (created: number, skipped: number) => ({
    kind: 'reports', fileName: file.name, dryRun, rows: mapped.rows, created, skipped, errors: mapped.errors.length, userId: ctx.actor.id, at: ctx.now,
  });

  if (dryRun) {
    const [row] = await ctx.db.insert(importBatches).values(batch(0, already.size)).returning({ id: importBatches.id });
    return { ...result, batchId: row?.id ?? null };
  }
  if (mapped.errors.length) {
    throw new AppError('validation_failed', `Nothing was imported: ${mapped.errors.length} problem(s) in the file, e.g. ${summary(mapped.errors)}. Run a dry run for the full list.`,
      mapped.errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })));
  }

  return ctx.db.transaction(async (tx) => {
    // one import at a time: two runs of one file must not both find a row new
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qorgau:import:reports'))`);
    const skip = await existingExternalIds(tx, externalIds);
    const todo: MappedRow[] = mapped.valid.filter((r) => !skip.has(r.input.externalId ?? ''));
    const inner: Ctx = { ...ctx, db: flatten(tx) };
    for (const r of todo) {
      try {
        await registerReport(inner, r.input, { importing: true, referencesChecked: true });
      } catch (err) {
        // a problem only the database could see (e.g. the row was imported meanwhile): name the row
        if (err instanceof AppError) {
          throw new AppError(err.code, `Nothing was imported: row ${r.row}: ${err.message}`, err.details.map((d) => ({ path: `rows.${r.row}.${d.path}`, message: d.message })));
        }
        throw err;
      }
    }
    const [row] = await tx.insert(importBatches).values(batch(todo.length, skip.size)).returning({ id: importBatches.id });
    if (!row) throw new Error('import batch insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), {
      action: 'create', entityType: 'import_batch', entityId: row.id, details: { kind: sheet.kind, rows: mapped.rows, created: todo.length, skipped: skip.size },
    });
    return { ...result, batchId: row.id, wouldCreate: todo.length, alreadyImported: skip.size, created: todo.length };
  });
}
