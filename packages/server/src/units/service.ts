// Agency units (offices) and the routing table agency × territory → unit. Tasks go to a unit,
// never to a person; the unit's heads assign them.
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { routingRules, units, users } from '../db/schema.ts';
import { territoryIndex } from '../reference/territory.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';

export const unitSchema = z.object({
  id: z.string(),
  agencyType: z.enum(AGENCY_TYPES),
  name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  regionCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type UnitDto = z.infer<typeof unitSchema>;

export const unitBody = z.object({
  agencyType: z.enum(AGENCY_TYPES),
  nameKk: z.string().trim().min(1, 'required').max(200),
  nameRu: z.string().trim().min(1, 'required').max(200),
  nameEn: z.string().trim().min(1, 'required').max(200),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').nullable(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').nullable().optional(),
  email: z.email('must be an email address').max(254).nullable().optional(),
  active: z.boolean().optional(),
}).strict();

export const routingRuleSchema = z.object({
  id: z.string(), agencyType: z.enum(AGENCY_TYPES), regionCode: z.string(), districtCode: z.string().nullable(), unitId: z.string(),
});
export const routingBody = z.object({
  agencyType: z.enum(AGENCY_TYPES),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75'),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').nullable().optional(),
  unitId: z.string().uuid('must be a unit id'),
}).strict();

type UnitRow = typeof units.$inferSelect;
export const toUnitDto = (u: UnitRow): UnitDto => ({
  id: u.id, agencyType: u.agencyType, name: { kk: u.nameKk, ru: u.nameRu, en: u.nameEn },
  regionCode: u.regionCode, districtCode: u.districtCode, email: u.email, active: u.active,
});

export type RouteKey = { agencyType: AgencyType; regionCode: string; districtCode: string | null };
const keyOf = (k: RouteKey) => `${k.agencyType}|${k.regionCode}|${k.districtCode ?? ''}`;

/**
 * The unit for each (agency, region, district): the district's own rule, else the region's.
 * Keys without a rule are missing from the map (the task stays with the agency of the territory,
 * visible to its heads and to the regional coordinator, and escalates like any other).
 */
export async function resolveUnits(ex: Executor, keys: RouteKey[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!keys.length) return out;
  const agencies = [...new Set(keys.map((k) => k.agencyType))];
  const regionsList = [...new Set(keys.map((k) => k.regionCode))];
  const rows = await ex.select({ agencyType: routingRules.agencyType, regionCode: routingRules.regionCode, districtCode: routingRules.districtCode, unitId: routingRules.unitId })
    .from(routingRules).innerJoin(units, eq(units.id, routingRules.unitId))
    .where(and(inArray(routingRules.agencyType, agencies), inArray(routingRules.regionCode, regionsList), eq(units.active, true)));
  const table = new Map(rows.map((r) => [keyOf(r), r.unitId]));
  for (const k of keys) {
    const unit = (k.districtCode ? table.get(keyOf(k)) : undefined) ?? table.get(keyOf({ ...k, districtCode: null }));
    if (unit) out.set(keyOf(k), unit);
  }
  return out;
}
export const routeKey = keyOf;

export async function listUnits(ctx: Ctx, q: { agencyType?: AgencyType | undefined; regionCode?: string | undefined }): Promise<UnitDto[]> {
  const where: (SQL | undefined)[] = [];
  if (q.agencyType) where.push(eq(units.agencyType, q.agencyType));
  if (q.regionCode) where.push(or(eq(units.regionCode, q.regionCode), isNull(units.regionCode)));
  const rows = await ctx.db.select().from(units).where(and(...where)).orderBy(asc(units.regionCode), asc(units.agencyType), asc(units.nameRu)).limit(2000);
  return rows.map(toUnitDto);
}

function requireAdmin(actor: Actor): void {
  if (!can(actor, 'users.manage')) throw forbidden('Only administrators manage units and routing.');
}

async function checkTerritory(ex: Executor, regionCode: string | null, districtCode: string | null | undefined): Promise<void> {
  const index = await territoryIndex(ex);
  if (regionCode && !index.regions.has(regionCode)) throw validation([{ path: 'regionCode', message: 'no such region' }]);
  if (!districtCode) return;
  const districtRegion = index.districtRegion.get(districtCode);
  if (!districtRegion) throw validation([{ path: 'districtCode', message: 'no such district' }]);
  if (districtRegion !== regionCode) throw validation([{ path: 'districtCode', message: `the district is not in ${regionCode ?? 'the country-level unit'}` }]);
}

export async function createUnit(ctx: Ctx, input: z.infer<typeof unitBody>): Promise<UnitDto> {
  requireAdmin(ctx.actor);
  await checkTerritory(ctx.db, input.regionCode, input.districtCode);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(units).values({
      agencyType: input.agencyType, nameKk: input.nameKk, nameRu: input.nameRu, nameEn: input.nameEn, regionCode: input.regionCode,
      districtCode: input.districtCode ?? null, email: input.email ?? null, active: input.active ?? true, createdAt: ctx.now,
    }).returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'unit', entityId: row.id });
    return toUnitDto(row);
  });
}

export async function updateUnit(ctx: Ctx, id: string, input: z.infer<typeof unitBody>): Promise<UnitDto> {
  requireAdmin(ctx.actor);
  await checkTerritory(ctx.db, input.regionCode, input.districtCode);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(units).where(eq(units.id, id)).for('update');
    if (!current) throw notFound('unit');
    if (current.agencyType !== input.agencyType) {
      const [member] = await tx.select({ id: users.id }).from(users).where(eq(users.unitId, id)).limit(1);
      if (member) throw new AppError('conflict', 'The unit has members; its agency cannot change.', [{ path: 'agencyType', message: 'unit has members' }]);
    }
    const [row] = await tx.update(units).set({
      agencyType: input.agencyType, nameKk: input.nameKk, nameRu: input.nameRu, nameEn: input.nameEn, regionCode: input.regionCode,
      districtCode: input.districtCode ?? null, email: input.email ?? null, active: input.active ?? current.active,
    }).where(eq(units.id, id)).returning();
    if (!row) throw notFound('unit');
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'unit', entityId: id });
    return toUnitDto(row);
  });
}

export async function listRouting(ctx: Ctx, q: { regionCode?: string | undefined; agencyType?: AgencyType | undefined }): Promise<z.infer<typeof routingRuleSchema>[]> {
  const where: (SQL | undefined)[] = [];
  if (q.regionCode) where.push(eq(routingRules.regionCode, q.regionCode));
  if (q.agencyType) where.push(eq(routingRules.agencyType, q.agencyType));
  return ctx.db.select().from(routingRules).where(and(...where))
    .orderBy(asc(routingRules.regionCode), asc(routingRules.agencyType), sql`${routingRules.districtCode} nulls first`).limit(5000);
}

/** Set (or replace) the unit for an agency in a territory. */
export async function setRoute(ctx: Ctx, input: z.infer<typeof routingBody>): Promise<z.infer<typeof routingRuleSchema>> {
  requireAdmin(ctx.actor);
  await checkTerritory(ctx.db, input.regionCode, input.districtCode);
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, input.unitId));
  if (!unit) throw validation([{ path: 'unitId', message: 'no such unit' }]);
  if (unit.agencyType !== input.agencyType) throw validation([{ path: 'unitId', message: `the unit belongs to another agency (${unit.agencyType})` }]);
  return ctx.db.transaction(async (tx) => {
    const district = input.districtCode ?? null;
    await tx.delete(routingRules).where(and(eq(routingRules.agencyType, input.agencyType), eq(routingRules.regionCode, input.regionCode),
      district ? eq(routingRules.districtCode, district) : isNull(routingRules.districtCode)));
    const [row] = await tx.insert(routingRules).values({ agencyType: input.agencyType, regionCode: input.regionCode, districtCode: district, unitId: input.unitId }).returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'routing_rule', entityId: row.id, details: { agencyType: input.agencyType, regionCode: input.regionCode, districtCode: district, unitId: input.unitId } });
    return row;
  });
}

export async function deleteRoute(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const gone = await tx.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id });
    if (!gone.length) throw notFound('routing rule');
    await writeAudit(tx, auditCtx(ctx), { action: 'delete', entityType: 'routing_rule', entityId: id });
  });
}

/** Members of a unit (for assigning its tasks). */
export async function unitMembers(ctx: Ctx, unitId: string): Promise<{ id: string; fullName: string; isUnitHead: boolean }[]> {
  // the unit itself, administrators, and those who coordinate or convene case conferences in the unit's region
  const [unit] = await ctx.db.select({ regionCode: units.regionCode }).from(units).where(eq(units.id, unitId));
  const inRegion = !!unit && (ctx.actor.regionCode === null || ctx.actor.regionCode === unit.regionCode);
  const allowed = can(ctx.actor, 'users.manage') || ctx.actor.unitId === unitId
    || (inRegion && (ctx.actor.role === 'regional_coordinator' || ctx.actor.role === 'supervisor' || can(ctx.actor, 'conferences.manage')));
  if (!unit || !allowed) throw notFound('unit');
  return ctx.db.select({ id: users.id, fullName: users.fullName, isUnitHead: users.isUnitHead }).from(users)
    .where(and(eq(users.unitId, unitId), eq(users.active, true))).orderBy(asc(users.fullName));
}
