// Bulk load of the service directory from CSV or XLSX (one row per provider, keyed by
// external_id), the way schools are imported: a dry run lists every bad cell; a real run is all
// or nothing and may be repeated — rows are upserted by external_id, and a row equal to the
// stored provider counts as unchanged. Each row passes the same field rules as the form.
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { serviceProviders } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { csvFile } from '../http/csv.ts';
import { importRefused, parseNumber, readSheet } from '../imports/parse.ts';
import { territoryIndex } from '../reference/territory.ts';
import { createProviderBody } from './schema.ts';
import { checkProviderFields, managesPlace, type ProviderFields, type ProviderRow } from './service.ts';

export const PROVIDER_COLUMNS = [
  { name: 'external_id', required: true, field: 'externalId' },
  { name: 'kind', required: true, field: 'kind' },
  { name: 'name_kk', required: true, field: 'nameKk' },
  { name: 'name_ru', required: true, field: 'nameRu' },
  { name: 'name_en', required: false, field: 'nameEn' },
  { name: 'services', required: true, field: 'services' },
  { name: 'region_code', required: true, field: 'regionCode' },
  { name: 'district_code', required: false, field: 'districtCode' },
  { name: 'address', required: false, field: 'address' },
  { name: 'phone', required: false, field: 'phone' },
  { name: 'email', required: false, field: 'email' },
  { name: 'lat', required: false, field: 'lat' },
  { name: 'lon', required: false, field: 'lon' },
  { name: 'age_min', required: false, field: 'ageMin' },
  { name: 'age_max', required: false, field: 'ageMax' },
  { name: 'languages', required: false, field: 'languages' },
  { name: 'capacity', required: false, field: 'capacity' },
  { name: 'occupancy', required: false, field: 'occupancy' },
  { name: 'active', required: false, field: 'active' },
] as const;
type Column = (typeof PROVIDER_COLUMNS)[number]['name'];
const COLUMN_OF = new Map<string, Column>(PROVIDER_COLUMNS.map((c) => [c.field, c.name]));

export const providerImportResultSchema = z.object({
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
export type ProviderImportResult = z.infer<typeof providerImportResultSchema>;

const MAX_ERRORS = 1000;

export function providerTemplateCsv(): string {
  const example = [
    'ALM-PSY-001', 'psychological_support', 'Балалар мен жасөспірімдерге психологиялық көмек орталығы', 'Центр психологической помощи детям и подросткам',
    'Psychological Support Centre for Children and Adolescents', 'psychological_counselling;psychotherapy', 'KZ-75', '', 'ул. Толе би, 101', '+7 727 300 00 00',
    'info@example.kz', '43.2551', '76.9126', '3', '18', 'kk;ru', '40', '31', 'yes',
  ];
  return csvFile([PROVIDER_COLUMNS.map((c) => c.name), example]).toString('utf8');
}

type Parsed = ProviderFields & { occupancy: number | null; activeGiven: boolean };

const number = parseNumber;
const list = (v: string) => v.split(/[;,|\s]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
const YES = new Set(['yes', 'true', '1', 'да', 'иә']);
const NO = new Set(['no', 'false', '0', 'нет', 'жоқ']);

function same(old: ProviderRow, p: Parsed): boolean {
  return old.kind === p.kind && old.nameKk === p.nameKk && old.nameRu === p.nameRu && old.nameEn === p.nameEn
    && JSON.stringify(old.services) === JSON.stringify(p.services) && old.regionCode === p.regionCode && old.districtCode === p.districtCode
    && old.address === p.address && old.phone === p.phone && old.email === p.email && old.lat === p.lat && old.lon === p.lon
    && old.ageMin === p.ageMin && old.ageMax === p.ageMax && JSON.stringify(old.languages) === JSON.stringify(p.languages)
    && old.capacity === p.capacity && (p.occupancy === null || old.occupancy === p.occupancy) && (!p.activeGiven || old.active === p.active);
}

export async function importProviders(ctx: Ctx, bytes: Buffer, dryRun: boolean): Promise<ProviderImportResult> {
  if (!can(ctx.actor, 'services.manage')) throw forbidden('Only administrators and regional coordinators import providers.');
  const sheet = await readSheet(bytes);
  const errors: ProviderImportResult['errors'] = [];
  let errorCount = 0;
  const fail = (row: number, field: string, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push({ row, field, message });
  };

  const header = sheet.header.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const c of PROVIDER_COLUMNS) {
    const i = header.indexOf(c.name);
    if (i >= 0) index.set(c.name, i);
    else if (c.required) fail(1, c.name, 'the column is missing from the header');
  }
  header.forEach((h, i) => { if (h && !PROVIDER_COLUMNS.some((c) => c.name === h)) fail(1, sheet.header[i] ?? h, 'unknown column'); });
  // a header that does not fit: the rows are not read; a real run is refused like any other
  if (errorCount > 0 && !dryRun) throw importRefused(errorCount, errors);
  if (errorCount > 0) return { dryRun, kind: sheet.kind, rows: sheet.rows.length, valid: 0, errors, errorCount, created: 0, updated: 0, unchanged: 0 };

  const territory = await territoryIndex(ctx.db);
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c) as number] ?? '').trim() : '');
    const before = errorCount;
    // one message per cell: the first problem found in it
    const bad = new Set<string>();
    const failCell = (field: string, message: string) => {
      if (bad.has(field)) return;
      bad.add(field);
      fail(row, field, message);
    };
    const externalId = cell('external_id');
    if (externalId && seen.has(externalId)) failCell('external_id', `repeats row ${seen.get(externalId)}`);
    else if (externalId) seen.set(externalId, row);

    const numeric = (c: Column): number | undefined => {
      const v = cell(c);
      if (v === '') return undefined;
      const n = number(v);
      if (n === null) failCell(c, 'must be a number');
      return n ?? undefined;
    };
    const activeText = cell('active').toLowerCase();
    if (activeText && !YES.has(activeText) && !NO.has(activeText)) failCell('active', 'must be yes or no');
    const raw = {
      externalId, kind: cell('kind').toLowerCase(), nameKk: cell('name_kk'), nameRu: cell('name_ru'), nameEn: cell('name_en') || cell('name_ru'),
      services: list(cell('services')), regionCode: cell('region_code').toUpperCase(), districtCode: cell('district_code') || null,
      address: cell('address') || null, phone: cell('phone') || null, email: cell('email') || null,
      lat: numeric('lat') ?? null, lon: numeric('lon') ?? null, ageMin: numeric('age_min'), ageMax: numeric('age_max'),
      languages: cell('languages') ? list(cell('languages')) : undefined,
      capacity: numeric('capacity') ?? null, occupancy: numeric('occupancy'), active: activeText ? YES.has(activeText) : true,
    };
    if (!externalId) failCell('external_id', 'required');
    // the form's field rules, then the rules across fields — all of them, so that a dry run shows every problem of the row
    const check = createProviderBody.safeParse(raw);
    if (!check.success) {
      for (const issue of check.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        failCell(COLUMN_OF.get(field) ?? field, issue.message);
      }
    }
    const across = checkProviderFields(territory, {
      regionCode: raw.regionCode, districtCode: raw.districtCode, ageMin: raw.ageMin ?? 0, ageMax: raw.ageMax ?? 18, lat: raw.lat, lon: raw.lon,
    });
    for (const p of across) failCell(COLUMN_OF.get(p.path) ?? p.path, p.message);
    if (errorCount > before || !check.success) continue;
    const v = check.data;
    const fields: ProviderFields = {
      externalId, kind: v.kind, nameKk: v.nameKk, nameRu: v.nameRu, nameEn: v.nameEn, services: v.services, regionCode: v.regionCode,
      districtCode: v.districtCode ?? null, address: v.address || null, phone: v.phone ?? null, email: v.email ?? null, lat: v.lat ?? null, lon: v.lon ?? null,
      ageMin: v.ageMin, ageMax: v.ageMax, languages: v.languages, capacity: v.capacity ?? null, unitId: null, active: v.active,
    };
    if (!managesPlace(ctx.actor, fields)) {
      failCell('region_code', `outside your territory (${ctx.actor.regionCode ?? ''})`);
      continue;
    }
    parsed.push({ ...fields, occupancy: raw.occupancy ?? null, activeGiven: activeText !== '' });
  }

  // compare with what is stored
  const existing = new Map<string, ProviderRow>();
  const ids = parsed.map((p) => p.externalId as string);
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await ctx.db.select().from(serviceProviders).where(inArray(serviceProviders.externalId, ids.slice(i, i + 1000)))) existing.set(r.externalId as string, r);
  }
  const toCreate: Parsed[] = [];
  const toUpdate: { p: Parsed; old: ProviderRow }[] = [];
  let unchanged = 0;
  for (const p of parsed) {
    const old = existing.get(p.externalId as string);
    if (!old) { toCreate.push(p); continue; }
    if (!managesPlace(ctx.actor, old)) {
      fail(seen.get(p.externalId as string) ?? 0, 'external_id', `the provider is registered in ${old.regionCode}, outside your territory`);
      continue;
    }
    if (same(old, p)) unchanged += 1;
    else toUpdate.push({ p, old });
  }
  errors.sort((a, b) => a.row - b.row);
  const result: ProviderImportResult = {
    dryRun, kind: sheet.kind, rows: sheet.rows.length, valid: sheet.rows.length - new Set(errors.map((e) => e.row)).size, errors, errorCount,
    created: toCreate.length, updated: toUpdate.length, unchanged,
  };
  if (dryRun) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'service_provider_import', entityId: null, details: { dryRun: true, rows: result.rows, errors: errorCount } });
    return result;
  }
  if (errorCount > 0) throw importRefused(errorCount, errors);
  await ctx.db.transaction(async (tx) => {
    const values = ({ occupancy: _o, activeGiven: _a, ...p }: Parsed) => p;
    for (let i = 0; i < toCreate.length; i += 500) {
      await tx.insert(serviceProviders).values(toCreate.slice(i, i + 500).map((p) => ({
        ...values(p), occupancy: p.occupancy ?? 0, occupancyUpdatedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now,
      })));
    }
    // an update keeps the unit link, and the occupancy and status when the file leaves them blank
    for (const { p, old } of toUpdate) {
      const { unitId: _u, ...rest } = values(p);
      await tx.update(serviceProviders).set({
        ...rest, active: p.activeGiven ? p.active : old.active, updatedAt: ctx.now,
        ...(p.occupancy !== null && p.occupancy !== old.occupancy ? { occupancy: p.occupancy, occupancyUpdatedAt: ctx.now } : {}),
      }).where(inArray(serviceProviders.id, [old.id]));
    }
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'service_provider_import', entityId: null, details: { rows: result.rows, created: result.created, updated: result.updated, unchanged } });
  });
  return result;
}
