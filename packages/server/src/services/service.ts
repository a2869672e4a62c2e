// The service directory: who offers which service to which children, where, in which languages,
// and how many places are free. It lists organisations, never children, so everyone who works on
// cases, answers referrals or keeps the directory may search it; administrators edit it
// nationally, regional coordinators within their territory; a provider's own staff report its
// occupancy.
import type { ProviderKind } from '@qorgau/core';
import { and, asc, count, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { referrals, serviceProviders, units } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation, type ErrorDetail } from '../http/errors.ts';
import { territoryIndex, type TerritoryIndex } from '../reference/territory.ts';
import { isUuid } from '../reports/service.ts';
import type {
  CreateProviderInput, PatchProviderInput, ProviderDetailDto, ProviderDto, SearchProvidersQuery,
} from './schema.ts';

export type ProviderRow = typeof serviceProviders.$inferSelect;

// ---------------------------------------------------------------- who may do what

/** Searching the directory: it holds organisations only, so any of the three capabilities will do. */
export function usesDirectory(actor: Actor): boolean {
  return can(actor, 'cases.read') || can(actor, 'referrals.handle') || can(actor, 'services.manage');
}

function requireDirectory(actor: Actor): void {
  if (!usesDirectory(actor)) throw forbidden('Your role does not use the service directory.');
}

/** services.manage over this place: administrators everywhere, coordinators in their region (or district). */
export function managesPlace(actor: Actor, place: { regionCode: string; districtCode: string | null }): boolean {
  if (!can(actor, 'services.manage')) return false;
  const t = territoryOf(actor);
  switch (t.level) {
    case 'national': return true;
    case 'region': return place.regionCode === t.regionCode;
    case 'district':
    case 'school': return place.districtCode === t.districtCode;
  }
}

function requireManage(actor: Actor, place: { regionCode: string; districtCode: string | null }): void {
  if (!can(actor, 'services.manage')) throw forbidden('Only administrators and regional coordinators edit the service directory.');
  if (!managesPlace(actor, place)) throw forbidden(`The provider is in ${place.districtCode ?? place.regionCode}, outside your territory.`);
}

/** The provider's own staff (referrals.handle in its unit) report its occupancy; so do its managers. */
export function reportsOccupancy(actor: Actor, p: Pick<ProviderRow, 'unitId' | 'regionCode' | 'districtCode'>): boolean {
  return (can(actor, 'referrals.handle') && !!actor.unitId && actor.unitId === p.unitId) || managesPlace(actor, p);
}

// ---------------------------------------------------------------- presenting

export function freePlaces(p: Pick<ProviderRow, 'capacity' | 'occupancy'>): number | null {
  return p.capacity === null ? null : Math.max(0, p.capacity - p.occupancy);
}

export function isFull(p: Pick<ProviderRow, 'capacity' | 'occupancy'>): boolean {
  return p.capacity !== null && p.occupancy >= p.capacity;
}

type Counts = { active: number; waiting: number };

/** Referrals accepted and not delivered, and those not answered yet, per provider. */
async function referralCounts(ex: Executor, ids: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (!ids.length) return out;
  const rows = await ex.select({ providerId: referrals.providerId, status: referrals.status, n: count() }).from(referrals)
    .where(and(inArray(referrals.providerId, ids), inArray(referrals.status, ['sent', 'accepted'])))
    .groupBy(referrals.providerId, referrals.status);
  for (const r of rows) {
    const c = out.get(r.providerId) ?? { active: 0, waiting: 0 };
    if (r.status === 'accepted') c.active = r.n;
    else c.waiting = r.n;
    out.set(r.providerId, c);
  }
  return out;
}

export function toProviderDto(r: ProviderRow, c: Counts = { active: 0, waiting: 0 }): ProviderDto {
  return {
    id: r.id, externalId: r.externalId, kind: r.kind as ProviderKind, name: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
    services: r.services, regionCode: r.regionCode, districtCode: r.districtCode, address: r.address, phone: r.phone, email: r.email,
    lat: r.lat, lon: r.lon, ageMin: r.ageMin, ageMax: r.ageMax, languages: r.languages, capacity: r.capacity, occupancy: r.occupancy,
    occupancyUpdatedAt: r.occupancyUpdatedAt?.toISOString() ?? null, freePlaces: freePlaces(r), activeReferrals: c.active, waitingReferrals: c.waiting,
    unitId: r.unitId, active: r.active, updatedAt: r.updatedAt.toISOString(),
  };
}

// ---------------------------------------------------------------- searching

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filters of a directory search as SQL (also used by the referral form's suggestions). */
export function providerFilter(q: Omit<SearchProvidersQuery, 'limit' | 'offset'>): SQL | undefined {
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  return and(
    like ? or(ilike(serviceProviders.nameKk, like), ilike(serviceProviders.nameRu, like), ilike(serviceProviders.nameEn, like), eq(serviceProviders.externalId, q.q ?? '')) : undefined,
    q.kind ? eq(serviceProviders.kind, q.kind) : undefined,
    q.service ? sql`${q.service} = any(${serviceProviders.services})` : undefined,
    q.regionCode ? eq(serviceProviders.regionCode, q.regionCode) : undefined,
    q.districtCode ? eq(serviceProviders.districtCode, q.districtCode) : undefined,
    q.age !== undefined ? and(sql`${serviceProviders.ageMin} <= ${q.age}`, sql`${serviceProviders.ageMax} >= ${q.age}`) : undefined,
    q.language ? sql`${q.language} = any(${serviceProviders.languages})` : undefined,
    q.available ? or(isNull(serviceProviders.capacity), lt(serviceProviders.occupancy, serviceProviders.capacity)) : undefined,
    q.active === 'all' ? undefined : eq(serviceProviders.active, q.active === 'true'),
    q.unitId ? eq(serviceProviders.unitId, q.unitId) : undefined,
  );
}

const NAME_COLUMN = { kk: serviceProviders.nameKk, ru: serviceProviders.nameRu, en: serviceProviders.nameEn } as const;

export async function searchProviders(ctx: Ctx, q: SearchProvidersQuery): Promise<{ items: ProviderDto[]; total: number; limit: number; offset: number }> {
  requireDirectory(ctx.actor);
  const where = providerFilter(q);
  const [total] = await ctx.db.select({ n: count() }).from(serviceProviders).where(where);
  const rows = await ctx.db.select().from(serviceProviders).where(where)
    .orderBy(asc(serviceProviders.regionCode), asc(NAME_COLUMN[ctx.actor.locale]), asc(serviceProviders.id)).limit(q.limit).offset(q.offset);
  const counts = await referralCounts(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toProviderDto(r, counts.get(r.id))), total: total?.n ?? 0, limit: q.limit, offset: q.offset };
}

export async function providerRow(ex: Executor, id: string): Promise<ProviderRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(serviceProviders).where(eq(serviceProviders.id, id));
  return row;
}

async function existingProvider(ctx: Ctx, id: string): Promise<ProviderRow> {
  const row = await providerRow(ctx.db, id);
  if (!row) throw notFound('provider');
  return row;
}

export async function getProvider(ctx: Ctx, id: string): Promise<ProviderDetailDto> {
  requireDirectory(ctx.actor);
  const row = await existingProvider(ctx, id);
  const counts = await referralCounts(ctx.db, [row.id]);
  const [unit] = row.unitId ? await ctx.db.select().from(units).where(eq(units.id, row.unitId)) : [];
  return {
    ...toProviderDto(row, counts.get(row.id)),
    unitName: unit ? { kk: unit.nameKk, ru: unit.nameRu, en: unit.nameEn } : null,
    rights: { manage: managesPlace(ctx.actor, row), occupancy: reportsOccupancy(ctx.actor, row) },
  };
}

// ---------------------------------------------------------------- editing

export type ProviderFields = {
  externalId: string | null; kind: ProviderKind; nameKk: string; nameRu: string; nameEn: string; services: string[];
  regionCode: string; districtCode: string | null; address: string | null; phone: string | null; email: string | null;
  lat: number | null; lon: number | null; ageMin: number; ageMax: number; languages: string[]; capacity: number | null;
  unitId: string | null; active: boolean;
};

/** Rules across fields and against the territory classifier and the units (field rules are in the zod schemas). */
export async function checkProvider(ex: Executor, p: ProviderFields, exceptId?: string): Promise<ErrorDetail[]> {
  const errors = checkProviderFields(await territoryIndex(ex), p);
  if (p.unitId) {
    const [unit] = await ex.select({ id: units.id, regionCode: units.regionCode, active: units.active }).from(units).where(eq(units.id, p.unitId));
    if (!unit) errors.push({ path: 'unitId', message: 'no such unit' });
    else if (!unit.active) errors.push({ path: 'unitId', message: 'the unit is closed' });
    else if (unit.regionCode && unit.regionCode !== p.regionCode) errors.push({ path: 'unitId', message: `the unit works in ${unit.regionCode}, not in ${p.regionCode}` });
  }
  if (p.externalId) {
    const [other] = await ex.select({ id: serviceProviders.id }).from(serviceProviders).where(eq(serviceProviders.externalId, p.externalId));
    if (other && other.id !== exceptId) errors.push({ path: 'externalId', message: 'another provider has this external id' });
  }
  return errors;
}

/** The rules that need no query beyond the (cached) territory index: region and district, ages, coordinates. */
export function checkProviderFields({ regions, districtRegion }: TerritoryIndex, p: Pick<ProviderFields, 'regionCode' | 'districtCode' | 'ageMin' | 'ageMax' | 'lat' | 'lon'>): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!regions.has(p.regionCode)) errors.push({ path: 'regionCode', message: 'no such region' });
  if (p.districtCode) {
    const region = districtRegion.get(p.districtCode);
    if (!region) errors.push({ path: 'districtCode', message: 'no such district in the KATO classifier' });
    else if (region !== p.regionCode) errors.push({ path: 'districtCode', message: `the district is not in ${p.regionCode}` });
  }
  if (p.ageMin > p.ageMax) errors.push({ path: 'ageMax', message: 'must not be below the lowest age (ageMin)' });
  if ((p.lat === null) !== (p.lon === null)) errors.push({ path: p.lat === null ? 'lat' : 'lon', message: 'give both latitude and longitude, or neither' });
  return errors;
}

function fieldsOf(r: ProviderRow): ProviderFields {
  return {
    externalId: r.externalId, kind: r.kind as ProviderKind, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, services: r.services,
    regionCode: r.regionCode, districtCode: r.districtCode, address: r.address, phone: r.phone, email: r.email, lat: r.lat, lon: r.lon,
    ageMin: r.ageMin, ageMax: r.ageMax, languages: r.languages, capacity: r.capacity, unitId: r.unitId, active: r.active,
  };
}

export async function createProvider(ctx: Ctx, input: CreateProviderInput): Promise<ProviderDetailDto> {
  if (!can(ctx.actor, 'services.manage')) throw forbidden('Only administrators and regional coordinators edit the service directory.');
  const p: ProviderFields = {
    ...input, externalId: input.externalId ?? null, districtCode: input.districtCode ?? null, address: input.address || null,
    phone: input.phone ?? null, email: input.email ?? null, lat: input.lat ?? null, lon: input.lon ?? null, capacity: input.capacity ?? null, unitId: input.unitId ?? null,
  };
  requireManage(ctx.actor, p);
  const errors = await checkProvider(ctx.db, p);
  if (errors.length) throw validation(errors);
  const id = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(serviceProviders).values({
      ...p, occupancy: input.occupancy, occupancyUpdatedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning({ id: serviceProviders.id });
    if (!r) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), {
      action: 'create', entityType: 'service_provider', entityId: r.id,
      details: { kind: p.kind, regionCode: p.regionCode, districtCode: p.districtCode, capacity: p.capacity, occupancy: input.occupancy },
    });
    return r.id;
  });
  return getProvider(ctx, id);
}

export async function updateProvider(ctx: Ctx, id: string, input: PatchProviderInput): Promise<ProviderDetailDto> {
  requireDirectory(ctx.actor);
  const current = await existingProvider(ctx, id);
  requireManage(ctx.actor, current);
  const merged = fieldsOf(current);
  const changed: string[] = [];
  for (const [k, v] of Object.entries(input) as [keyof ProviderFields, unknown][]) {
    if (v === undefined) continue;
    const value = v === '' ? null : v ?? null;
    if (JSON.stringify(merged[k]) !== JSON.stringify(value)) changed.push(k);
    (merged as Record<string, unknown>)[k] = value;
  }
  // moving a provider to another territory needs rights over both
  requireManage(ctx.actor, merged);
  const errors = await checkProvider(ctx.db, merged, id);
  if (errors.length) throw validation(errors);
  if (!changed.length) return getProvider(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx.update(serviceProviders).set({ ...merged, updatedAt: ctx.now }).where(eq(serviceProviders.id, id)).returning({ id: serviceProviders.id });
    if (!r) throw new AppError('conflict', 'The provider was removed meanwhile.');
    await writeAudit(tx, auditCtx(ctx), {
      action: 'update', entityType: 'service_provider', entityId: id,
      details: { fields: changed, ...(changed.includes('active') ? { active: merged.active } : {}), ...(changed.includes('capacity') ? { capacity: { from: current.capacity, to: merged.capacity } } : {}) },
    });
  });
  return getProvider(ctx, id);
}

/** The provider's staff (or its managers) report how many places are taken; audited with both numbers. */
export async function setOccupancy(ctx: Ctx, id: string, occupancy: number): Promise<ProviderDetailDto> {
  requireDirectory(ctx.actor);
  const current = await existingProvider(ctx, id);
  if (!reportsOccupancy(ctx.actor, current)) {
    throw forbidden('Only the provider\'s own staff, administrators and the regional coordinator report its occupancy.');
  }
  await ctx.db.transaction(async (tx) => {
    // read again under a row lock: two reports at once must both be audited with the right "from"
    const [locked] = await tx.select({ occupancy: serviceProviders.occupancy }).from(serviceProviders).where(eq(serviceProviders.id, id)).for('update');
    if (!locked) throw new AppError('conflict', 'The provider was removed meanwhile.');
    await tx.update(serviceProviders).set({ occupancy, occupancyUpdatedAt: ctx.now, updatedAt: ctx.now }).where(eq(serviceProviders.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'update', entityType: 'service_provider', entityId: id,
      details: { fields: ['occupancy'], occupancy: { from: locked.occupancy, to: occupancy }, capacity: current.capacity },
    });
  });
  return getProvider(ctx, id);
}
