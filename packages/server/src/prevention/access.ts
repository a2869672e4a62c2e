// Who sees and records what in prevention: a school specialist works for their own school, police
// inspectors and regional coordinators within their region (or district), analysts read the whole
// country, national roles do everything. Programmes themselves are national and readable by all.
import type { Role } from '@qorgau/core';
import { eq, sql, type SQL } from 'drizzle-orm';
import { can, territoryOf } from '../access/policy.ts';
import { schools } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';

export type PreventionScope =
  | { level: 'national' }
  | { level: 'region'; regionCode: string }
  | { level: 'district'; regionCode: string; districtCode: string }
  | { level: 'school'; regionCode: string; districtCode: string; schoolId: string };

/** Roles that manage programmes and any session of their territory, not only their own. */
const MANAGERS: readonly Role[] = ['admin', 'regional_coordinator'];

export const isManager = (ctx: Ctx): boolean => can(ctx.actor, 'prevention.manage') && MANAGERS.includes(ctx.actor.role);

/**
 * The actor's territory for prevention. A user attached to a school works for that school, even
 * when the account carries only the region (the demo's school specialist does); analysts read all.
 */
export async function scopeOf(ctx: Ctx, purpose: 'read' | 'manage'): Promise<PreventionScope> {
  if (!can(ctx.actor, purpose === 'read' ? 'prevention.read' : 'prevention.manage')) {
    throw forbidden(purpose === 'read' ? 'Your role does not see prevention work.' : 'Your role does not record prevention work.');
  }
  if (ctx.actor.schoolId) {
    const [s] = await ctx.db.select({ regionCode: schools.regionCode, districtCode: schools.districtCode }).from(schools).where(eq(schools.id, ctx.actor.schoolId));
    if (s) return { level: 'school', regionCode: s.regionCode, districtCode: s.districtCode, schoolId: ctx.actor.schoolId };
  }
  if (purpose === 'read' && ctx.actor.role === 'analyst') return { level: 'national' };
  const t = territoryOf(ctx.actor);
  if (t.level === 'school' || t.level === 'district') return { level: 'district', regionCode: t.regionCode, districtCode: t.districtCode };
  return t;
}

/** Whether a place (a school, or a district or region without one) lies in the scope. */
export function inScope(scope: PreventionScope, place: { regionCode: string; districtCode: string | null; schoolId: string | null }): boolean {
  switch (scope.level) {
    case 'national': return true;
    case 'region': return place.regionCode === scope.regionCode;
    case 'district': return place.districtCode === scope.districtCode;
    // a school's staff record for their school; things without a school (trainings, groups) for its district
    case 'school': return place.schoolId ? place.schoolId === scope.schoolId : place.districtCode === scope.districtCode;
  }
}

/** The scope as a filter on a table alias with region_code, district_code and (optionally) a school column. */
export function scopeSql(scope: PreventionScope, alias: string, schoolColumn: string | null = 'school_id'): SQL {
  const a = sql.raw(alias);
  switch (scope.level) {
    case 'national': return sql`true`;
    case 'region': return sql`${a}.region_code = ${scope.regionCode}`;
    case 'district': return sql`${a}.district_code = ${scope.districtCode}`;
    case 'school': return schoolColumn ? sql`${a}.${sql.raw(schoolColumn)} = ${scope.schoolId}` : sql`${a}.district_code = ${scope.districtCode}`;
  }
}
