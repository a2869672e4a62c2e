// The school registry: schools with their size, languages and place, edited by administrators
// and regional coordinators within their territory, read by those who plan the workforce.
import { KZ_BOUNDS, SCHOOL_LANGUAGES } from '@qorgau/core';
import { and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { can, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { katoUnits, schools } from '../db/schema.ts';
import { territoryIndex } from '../reference/territory.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation, type ErrorDetail } from '../http/errors.ts';
import { isUuid } from '../reports/service.ts';
import { inScope, regionFilter, requireAny, schoolScope, scopeWhere } from './scope.ts';

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const schoolSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: label,
  regionCode: z.string(),
  districtCode: z.string(),
  settlementCode: z.string().nullable(),
  students: z.number(),
  studentsSen: z.number(),
  languages: z.array(z.string()),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  active: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type SchoolDto = z.infer<typeof schoolSchema>;
type Row = typeof schools.$inferSelect;

export const listSchoolsQuery = z.object({
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').optional(),
  q: z.string().trim().max(200).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const schoolListSchema = z.object({ items: z.array(schoolSchema), total: z.number(), limit: z.number(), offset: z.number() });

const name = z.string().trim().min(1, 'required').max(300);
const fields = {
  externalId: z.string().trim().min(1).max(100).nullish(),
  nameKk: name,
  nameRu: name,
  nameEn: name,
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code'),
  settlementCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').nullish(),
  students: z.number().int('must be a whole number').min(0, 'cannot be negative').max(20_000, 'is too large for a school'),
  studentsSen: z.number().int('must be a whole number').min(0, 'cannot be negative').max(20_000),
  languages: z.array(z.enum(SCHOOL_LANGUAGES, { message: `must be one of ${SCHOOL_LANGUAGES.join(', ')}` })).max(SCHOOL_LANGUAGES.length),
  lat: z.number().min(KZ_BOUNDS.latMin, 'is outside Kazakhstan').max(KZ_BOUNDS.latMax, 'is outside Kazakhstan').nullish(),
  lon: z.number().min(KZ_BOUNDS.lonMin, 'is outside Kazakhstan').max(KZ_BOUNDS.lonMax, 'is outside Kazakhstan').nullish(),
  active: z.boolean(),
};
export const createSchoolBody = z.object({ ...fields, regionCode: z.string().regex(/^KZ-\d{2}$/).optional(), studentsSen: fields.studentsSen.default(0), languages: fields.languages.default([]), active: fields.active.default(true) }).strict();
export const patchSchoolBody = z.object(fields).partial().strict();

export type SchoolFields = {
  externalId: string | null; nameKk: string; nameRu: string; nameEn: string; districtCode: string; settlementCode: string | null;
  students: number; studentsSen: number; languages: string[]; lat: number | null; lon: number | null; active: boolean;
};

/** What a check of a school needs to know about the classifier. */
export type SchoolReference = { regionOfDistrict(code: string): string | undefined; settlementExists(code: string): boolean };

export async function loadReference(ex: Executor, codes?: { districts: string[]; settlements: string[] }): Promise<SchoolReference> {
  const { districtRegion } = await territoryIndex(ex);
  const ks = codes
    ? await ex.select({ code: katoUnits.code }).from(katoUnits).where(inArray(katoUnits.code, codes.settlements.length ? codes.settlements : ['']))
    : await ex.select({ code: katoUnits.code }).from(katoUnits);
  const known = new Set(ks.map((k) => k.code));
  return { regionOfDistrict: (c) => districtRegion.get(c), settlementExists: (c) => known.has(c) };
}

/** Rules across fields and against the classifier; field rules are in the zod schemas. */
export function checkSchool(ref: SchoolReference, s: SchoolFields, regionCode?: string): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const region = ref.regionOfDistrict(s.districtCode);
  if (!region) errors.push({ path: 'districtCode', message: 'no such district in the KATO classifier' });
  else if (regionCode && region !== regionCode) errors.push({ path: 'districtCode', message: `the district is not in ${regionCode}` });
  if (s.settlementCode) {
    if (!ref.settlementExists(s.settlementCode)) errors.push({ path: 'settlementCode', message: 'no such settlement in the KATO classifier' });
    else if (s.settlementCode.slice(0, 4) !== s.districtCode.slice(0, 4)) errors.push({ path: 'settlementCode', message: 'the settlement is not in this district' });
  }
  if (s.studentsSen > s.students) errors.push({ path: 'studentsSen', message: 'cannot exceed the number of students' });
  if ((s.lat === null) !== (s.lon === null)) errors.push({ path: s.lat === null ? 'lat' : 'lon', message: 'give both latitude and longitude, or neither' });
  if (new Set(s.languages).size !== s.languages.length) errors.push({ path: 'languages', message: 'a language is listed twice' });
  return errors;
}

export function toSchoolDto(r: Row): SchoolDto {
  return {
    id: r.id, externalId: r.externalId, name: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn }, regionCode: r.regionCode, districtCode: r.districtCode,
    settlementCode: r.settlementCode, students: r.students, studentsSen: r.studentsSen, languages: r.languages, lat: r.lat, lon: r.lon,
    active: r.active, updatedAt: r.updatedAt?.toISOString() ?? null,
  };
}

function mayManage(actor: Actor, regionCode: string): boolean {
  if (!can(actor, 'schools.manage')) return false;
  const scope = schoolScope(actor);
  return !scope.regionCode || scope.regionCode === regionCode;
}

export function requireManage(actor: Actor, regionCode: string): void {
  if (!can(actor, 'schools.manage')) throw forbidden('Only administrators and regional coordinators edit the school registry.');
  if (!mayManage(actor, regionCode)) throw forbidden(`The school is in ${regionCode}, outside your territory.`);
}

export async function listSchools(ctx: Ctx, q: z.infer<typeof listSchoolsQuery>): Promise<z.infer<typeof schoolListSchema>> {
  requireAny(ctx.actor, 'workforce.read', 'schools.manage');
  const regionCode = regionFilter(ctx.actor, q.regionCode);
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    scopeWhere(schoolScope(ctx.actor)),
    regionCode ? eq(schools.regionCode, regionCode) : undefined,
    q.districtCode ? eq(schools.districtCode, q.districtCode) : undefined,
    q.active === undefined ? undefined : eq(schools.active, q.active),
    like ? or(ilike(schools.nameKk, like), ilike(schools.nameRu, like), ilike(schools.nameEn, like), eq(schools.externalId, q.q ?? '')) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(schools).where(where);
  const rows = await ctx.db.select().from(schools).where(where).orderBy(asc(schools.regionCode), asc(schools.districtCode), asc(schools.nameRu), asc(schools.id)).limit(q.limit).offset(q.offset);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'school_list', entityId: null, details: { count: rows.length, regionCode: regionCode ?? null } });
  return { items: rows.map(toSchoolDto), total: total?.n ?? 0, limit: q.limit, offset: q.offset };
}

export async function visibleSchool(ctx: Ctx, id: string): Promise<Row> {
  requireAny(ctx.actor, 'workforce.read', 'schools.manage');
  if (!isUuid(id)) throw notFound('school');
  const [row] = await ctx.db.select().from(schools).where(eq(schools.id, id));
  if (!row || !inScope(schoolScope(ctx.actor), row)) throw notFound('school');
  return row;
}

export async function getSchool(ctx: Ctx, id: string): Promise<SchoolDto & { rights: { manage: boolean } }> {
  const row = await visibleSchool(ctx, id);
  return { ...toSchoolDto(row), rights: { manage: mayManage(ctx.actor, row.regionCode) } };
}

async function externalIdTaken(ex: Executor, externalId: string | null | undefined, except?: string): Promise<boolean> {
  if (!externalId) return false;
  const [other] = await ex.select({ id: schools.id }).from(schools).where(eq(schools.externalId, externalId));
  return !!other && other.id !== except;
}

export async function createSchool(ctx: Ctx, input: z.infer<typeof createSchoolBody>): Promise<SchoolDto> {
  if (!can(ctx.actor, 'schools.manage')) throw forbidden('Only administrators and regional coordinators edit the school registry.');
  const s: SchoolFields = { ...input, externalId: input.externalId ?? null, settlementCode: input.settlementCode ?? null, lat: input.lat ?? null, lon: input.lon ?? null };
  const ref = await loadReference(ctx.db, { districts: [s.districtCode], settlements: s.settlementCode ? [s.settlementCode] : [] });
  const errors = checkSchool(ref, s, input.regionCode);
  if (errors.length) throw validation(errors);
  const regionCode = ref.regionOfDistrict(s.districtCode) as string;
  requireManage(ctx.actor, regionCode);
  if (await externalIdTaken(ctx.db, s.externalId)) throw validation([{ path: 'externalId', message: 'another school has this external id' }]);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(schools).values({ ...s, regionCode, updatedAt: ctx.now }).returning();
    if (!r) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'school', entityId: r.id, details: { regionCode, districtCode: r.districtCode } });
    return r;
  });
  return toSchoolDto(row);
}

export async function updateSchool(ctx: Ctx, id: string, input: z.infer<typeof patchSchoolBody>): Promise<SchoolDto> {
  const current = await visibleSchool(ctx, id);
  requireManage(ctx.actor, current.regionCode);
  const merged: SchoolFields = {
    externalId: current.externalId, nameKk: current.nameKk, nameRu: current.nameRu, nameEn: current.nameEn, districtCode: current.districtCode,
    settlementCode: current.settlementCode, students: current.students, studentsSen: current.studentsSen, languages: current.languages,
    lat: current.lat, lon: current.lon, active: current.active,
  };
  const changed: string[] = [];
  for (const [k, v] of Object.entries(input) as [keyof SchoolFields, unknown][]) {
    if (v === undefined) continue;
    const value = v ?? null;
    if (JSON.stringify(merged[k]) !== JSON.stringify(value)) changed.push(k);
    (merged as Record<string, unknown>)[k] = value;
  }
  const ref = await loadReference(ctx.db, { districts: [merged.districtCode], settlements: merged.settlementCode ? [merged.settlementCode] : [] });
  const errors = checkSchool(ref, merged);
  if (errors.length) throw validation(errors);
  const regionCode = ref.regionOfDistrict(merged.districtCode) as string;
  // moving a school to another region needs rights over both
  requireManage(ctx.actor, regionCode);
  if (await externalIdTaken(ctx.db, merged.externalId, id)) throw validation([{ path: 'externalId', message: 'another school has this external id' }]);
  if (changed.length === 0) return toSchoolDto(current);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.update(schools).set({ ...merged, regionCode, updatedAt: ctx.now }).where(eq(schools.id, id)).returning();
    if (!r) throw new AppError('conflict', 'The school was removed meanwhile.');
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'school', entityId: id, details: { fields: changed } });
    return r;
  });
  return toSchoolDto(row);
}
