// Which schools a user sees in the registry and the workforce figures: national users all,
// regional (and district) users their territory, a school's own staff only their school.
import { and, eq, type SQL } from 'drizzle-orm';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { schools } from '../db/schema.ts';
import { forbidden } from '../http/errors.ts';

export type SchoolScope = { regionCode?: string; districtCode?: string; schoolId?: string };

export function schoolScope(actor: Actor): SchoolScope {
  // a school specialist is tied to a school even when the account carries no district
  if (actor.schoolId && !can(actor, 'schools.manage')) return { schoolId: actor.schoolId };
  const t = territoryOf(actor);
  switch (t.level) {
    case 'national': return {};
    case 'region': return { regionCode: t.regionCode };
    case 'district': return { regionCode: t.regionCode, districtCode: t.districtCode };
    case 'school': return { schoolId: t.schoolId };
  }
}

export function scopeWhere(scope: SchoolScope): SQL | undefined {
  return and(
    scope.regionCode ? eq(schools.regionCode, scope.regionCode) : undefined,
    scope.districtCode ? eq(schools.districtCode, scope.districtCode) : undefined,
    scope.schoolId ? eq(schools.id, scope.schoolId) : undefined,
  );
}

export function inScope(scope: SchoolScope, school: { id: string; regionCode: string; districtCode: string }): boolean {
  return (!scope.regionCode || scope.regionCode === school.regionCode)
    && (!scope.districtCode || scope.districtCode === school.districtCode)
    && (!scope.schoolId || scope.schoolId === school.id);
}

/** A region filter the user may apply (throws when it lies outside the user's territory). */
export function regionFilter(actor: Actor, regionCode: string | undefined): string | undefined {
  const scope = schoolScope(actor);
  if (regionCode && scope.regionCode && regionCode !== scope.regionCode) throw forbidden(`Your territory is ${scope.regionCode}; you cannot see ${regionCode}.`);
  return regionCode ?? scope.regionCode;
}

export function requireAny(actor: Actor, ...capabilities: Parameters<typeof can>[1][]): void {
  if (!capabilities.some((c) => can(actor, c))) throw forbidden('Your role does not give access to the school registry and workforce.');
}
