// Bulk load of the school registry from CSV or XLSX (one row per school, keyed by external_id).
// A dry run reports every bad cell; a real run is all or nothing and may be repeated: rows are
// upserted by external_id, and a row equal to the stored school counts as unchanged.
import { SCHOOL_LANGUAGES, KZ_BOUNDS } from '@qorgau/core';
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { schools } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { importRefused, parseNumber, readSheet } from '../imports/parse.ts';
import { schoolScope } from './scope.ts';
import { checkSchool, loadReference, type SchoolFields } from './service.ts';

export const SCHOOL_COLUMNS = [
  { name: 'external_id', required: true },
  { name: 'name_kk', required: true },
  { name: 'name_ru', required: true },
  { name: 'name_en', required: false },
  { name: 'district_code', required: true },
  { name: 'settlement_code', required: false },
  { name: 'students', required: true },
  { name: 'students_sen', required: false },
  { name: 'languages', required: false },
  { name: 'lat', required: false },
  { name: 'lon', required: false },
] as const;
type Column = (typeof SCHOOL_COLUMNS)[number]['name'];

export const schoolImportResultSchema = z.object({
  dryRun: z.boolean(),
  kind: z.enum(['csv', 'xlsx']),
  rows: z.number(),
  valid: z.number(),
  errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
  errorCount: z.number(),
  /** in a dry run: what a real run would do */
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type SchoolImportResult = z.infer<typeof schoolImportResultSchema>;

const MAX_ERRORS = 1000;

export function schoolTemplateCsv(): string {
  const example = ['KZ-SCH-000001', '№ 1 жалпы білім беретін мектеп', 'Общеобразовательная школа № 1', 'School No. 1', '751110000', '', '812', '14', 'kk;ru', '43.2567', '76.9286'];
  return `\uFEFF${SCHOOL_COLUMNS.map((c) => c.name).join(',')}\r\n${example.join(',')}\r\n`;
}

type Parsed = SchoolFields & { regionCode: string };


export async function importSchools(ctx: Ctx, bytes: Buffer, dryRun: boolean): Promise<SchoolImportResult> {
  if (!can(ctx.actor, 'schools.manage')) throw forbidden('Only administrators and regional coordinators import schools.');
  const sheet = await readSheet(bytes);
  const errors: SchoolImportResult['errors'] = [];
  let errorCount = 0;
  const fail = (row: number, field: string, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push({ row, field, message });
  };

  const header = sheet.header.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const c of SCHOOL_COLUMNS) {
    const i = header.indexOf(c.name);
    if (i >= 0) index.set(c.name, i);
    else if (c.required) fail(1, c.name, 'the column is missing from the header');
  }
  header.forEach((h, i) => { if (h && !SCHOOL_COLUMNS.some((c) => c.name === h)) fail(1, sheet.header[i] ?? h, 'unknown column'); });
  // a header that does not fit: the rows are not read; a real run is refused like any other
  if (errorCount > 0 && !dryRun) throw importRefused(errorCount, errors);
  if (errorCount > 0) return { dryRun, kind: sheet.kind, rows: sheet.rows.length, valid: 0, errors, errorCount, created: 0, updated: 0, unchanged: 0 };

  const ref = await loadReference(ctx.db);
  const scope = schoolScope(ctx.actor);
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c) as number] ?? '').trim() : '');
    const before = errorCount;
    const externalId = cell('external_id');
    if (!externalId) fail(row, 'external_id', 'required');
    else if (externalId.length > 100) fail(row, 'external_id', 'longer than 100 characters');
    else if (seen.has(externalId)) fail(row, 'external_id', `repeats row ${seen.get(externalId)}`);
    else seen.set(externalId, row);
    const names = { nameKk: cell('name_kk'), nameRu: cell('name_ru'), nameEn: cell('name_en') || cell('name_ru') };
    if (!names.nameKk) fail(row, 'name_kk', 'required');
    if (!names.nameRu) fail(row, 'name_ru', 'required');
    for (const [k, v] of [['name_kk', names.nameKk], ['name_ru', names.nameRu], ['name_en', names.nameEn]] as const) if (v.length > 300) fail(row, k, 'longer than 300 characters');
    const districtCode = cell('district_code');
    if (!/^\d{9}$/.test(districtCode)) fail(row, 'district_code', 'must be a 9-digit KATO code');
    const settlementCode = cell('settlement_code') || null;
    if (settlementCode && !/^\d{9}$/.test(settlementCode)) fail(row, 'settlement_code', 'must be a 9-digit KATO code');
    const count = (c: Column, required: boolean): number => {
      const v = cell(c);
      if (v === '') {
        if (required) fail(row, c, 'required');
        return 0;
      }
      const n = parseNumber(v);
      if (n === null || !Number.isInteger(n)) fail(row, c, 'must be a whole number');
      else if (n < 0) fail(row, c, 'cannot be negative');
      else if (n > 20_000) fail(row, c, 'is too large for a school');
      return n ?? 0;
    };
    const students = count('students', true);
    const studentsSen = count('students_sen', false);
    if (students >= 0 && studentsSen > students && cell('students') !== '') fail(row, 'students_sen', 'cannot exceed the number of students');
    const languages = cell('languages').split(/[;,|\s]+/).map((l) => l.trim().toLowerCase()).filter(Boolean);
    const badLanguage = languages.find((l) => !(SCHOOL_LANGUAGES as readonly string[]).includes(l));
    if (badLanguage) fail(row, 'languages', `"${badLanguage}" is not one of ${SCHOOL_LANGUAGES.join(', ')}`);
    const coord = (c: 'lat' | 'lon', min: number, max: number): number | null => {
      const v = cell(c);
      if (v === '') return null;
      const n = parseNumber(v);
      if (n === null) fail(row, c, 'must be a number in decimal degrees');
      else if (n < min || n > max) fail(row, c, `is outside Kazakhstan (${min}–${max})`);
      return n;
    };
    const lat = coord('lat', KZ_BOUNDS.latMin, KZ_BOUNDS.latMax);
    const lon = coord('lon', KZ_BOUNDS.lonMin, KZ_BOUNDS.lonMax);
    if (errorCount > before) continue;
    const fields: SchoolFields = { externalId, ...names, districtCode, settlementCode, students, studentsSen, languages, lat, lon, active: true };
    const problems = checkSchool(ref, fields);
    const column: Record<string, string> = { districtCode: 'district_code', settlementCode: 'settlement_code', studentsSen: 'students_sen' };
    for (const p of problems) fail(row, column[p.path] ?? p.path, p.message);
    if (problems.length) continue;
    const regionCode = ref.regionOfDistrict(districtCode) as string;
    if ((scope.regionCode && regionCode !== scope.regionCode) || (scope.districtCode && districtCode !== scope.districtCode)) {
      fail(row, 'district_code', `outside your territory (${scope.regionCode ?? ''})`);
      continue;
    }
    parsed.push({ ...fields, regionCode });
  }

  // compare with what is stored
  const existing = new Map<string, typeof schools.$inferSelect>();
  const ids = parsed.map((p) => p.externalId as string);
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await ctx.db.select().from(schools).where(inArray(schools.externalId, ids.slice(i, i + 1000)))) existing.set(r.externalId as string, r);
  }
  const rowOf = new Map([...seen.entries()]);
  const toCreate: Parsed[] = [];
  const toUpdate: Parsed[] = [];
  let unchanged = 0;
  for (const p of parsed) {
    const old = existing.get(p.externalId as string);
    if (!old) { toCreate.push(p); continue; }
    if (scope.regionCode && old.regionCode !== scope.regionCode) {
      fail(rowOf.get(p.externalId as string) ?? 0, 'external_id', `the school is registered in ${old.regionCode}, outside your territory`);
      continue;
    }
    const same = old.nameKk === p.nameKk && old.nameRu === p.nameRu && old.nameEn === p.nameEn && old.districtCode === p.districtCode
      && old.settlementCode === p.settlementCode && old.students === p.students && old.studentsSen === p.studentsSen
      && JSON.stringify(old.languages) === JSON.stringify(p.languages) && old.lat === p.lat && old.lon === p.lon;
    if (same) unchanged += 1;
    else toUpdate.push(p);
  }
  errors.sort((a, b) => a.row - b.row);
  const result: SchoolImportResult = {
    dryRun, kind: sheet.kind, rows: sheet.rows.length, valid: sheet.rows.length - new Set(errors.map((e) => e.row)).size, errors, errorCount,
    created: toCreate.length, updated: toUpdate.length, unchanged,
  };
  if (dryRun) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'school_import', entityId: null, details: { dryRun: true, rows: result.rows, errors: errorCount } });
    return result;
  }
  if (errorCount > 0) throw importRefused(errorCount, errors);
  await ctx.db.transaction(async (tx) => {
    const all = [...toCreate, ...toUpdate];
    for (let i = 0; i < all.length; i += 500) {
      await tx.insert(schools).values(all.slice(i, i + 500).map((p) => ({ ...p, updatedAt: ctx.now }))).onConflictDoUpdate({
        target: schools.externalId,
        set: {
          nameKk: sql`excluded.name_kk`, nameRu: sql`excluded.name_ru`, nameEn: sql`excluded.name_en`, regionCode: sql`excluded.region_code`,
          districtCode: sql`excluded.district_code`, settlementCode: sql`excluded.settlement_code`, students: sql`excluded.students`,
          studentsSen: sql`excluded.students_sen`, languages: sql`excluded.languages`, lat: sql`excluded.lat`, lon: sql`excluded.lon`, updatedAt: sql`excluded.updated_at`,
        },
      });
    }
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'school_import', entityId: null, details: { rows: result.rows, created: result.created, updated: result.updated, unchanged } });
  });
  return result;
}
