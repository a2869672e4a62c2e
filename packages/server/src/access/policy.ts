// The one place that answers "may this user do this to this record". Every domain function
// calls it first; list queries use reportScope(), which encodes the same rules as SQL-ready
// filters (policy.test.ts checks that the two agree).
import { roleHas, type AgencyType, type Capability, type Locale, type Role, type TerritoryScope } from '@qorgau/core';

export type Actor = {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyType: AgencyType | null;
  regionCode: string | null;
  districtCode: string | null;
  schoolId: string | null;
  /** the agency office the user works in (tasks are routed to units) */
  unitId: string | null;
  isUnitHead: boolean;
  locale: Locale;
};

/** Roles that see every record of their territory; the others see records their agency is involved in. */
const TERRITORY_WIDE: readonly Role[] = ['supervisor', 'regional_coordinator', 'commission_member'];

export type RecordScope = {
  regionCode: string | null;
  districtCode: string | null;
  schoolIds: readonly string[];
  /** agencies involved: the registering agency and the agencies with tasks */
  agencyTypes: readonly string[];
  createdBy: string | null;
  /** users the record is assigned to (tasks, case lead) */
  assignedUserIds?: readonly string[];
  sensitive: boolean;
};

export type RecordAction = 'read' | 'update' | 'create';

export type Decision =
  | { allowed: true; redactSensitive: boolean }
  | { allowed: false; reason: 'capability' | 'territory' | 'agency' };

const CAPABILITY_FOR: Record<RecordAction, Capability> = { read: 'reports.read', update: 'reports.update', create: 'reports.create' };

export function territoryOf(actor: Actor): TerritoryScope {
  if (actor.schoolId && actor.districtCode && actor.regionCode) {
    return { level: 'school', regionCode: actor.regionCode, districtCode: actor.districtCode, schoolId: actor.schoolId };
  }
  if (actor.districtCode && actor.regionCode) return { level: 'district', regionCode: actor.regionCode, districtCode: actor.districtCode };
  if (actor.regionCode) return { level: 'region', regionCode: actor.regionCode };
  return { level: 'national' };
}

export function inTerritory(actor: Actor, record: Pick<RecordScope, 'regionCode' | 'districtCode' | 'schoolIds'>): boolean {
  const t = territoryOf(actor);
  switch (t.level) {
    case 'national': return true;
    case 'region': return record.regionCode === t.regionCode;
    case 'district': return record.districtCode === t.districtCode;
    case 'school': return record.schoolIds.includes(t.schoolId);
  }
}

export function isTerritoryWide(role: Role): boolean {
  return TERRITORY_WIDE.includes(role);
}

export function authorizeRecord(actor: Actor, action: RecordAction, record: RecordScope): Decision {
  if (!roleHas(actor.role, CAPABILITY_FOR[action])) return { allowed: false, reason: 'capability' };
  // the author wrote the details and keeps them; the assignees keep access to what they work on
  if (record.createdBy === actor.id) return { allowed: true, redactSensitive: false };
  const redactSensitive = record.sensitive && !roleHas(actor.role, 'sensitive_details');
  if (record.assignedUserIds?.includes(actor.id)) return { allowed: true, redactSensitive };
  if (!inTerritory(actor, record)) return { allowed: false, reason: 'territory' };
  if (!isTerritoryWide(actor.role) && !(actor.agencyType && record.agencyTypes.includes(actor.agencyType))) {
    return { allowed: false, reason: 'agency' };
  }
  return { allowed: true, redactSensitive };
}

/** The same rules as filters for list queries: a record matches if `own` or (`territory` and `agency`). */
export type ScopeFilter = {
  userId: string;
  regionCode: string | null;
  districtCode: string | null;
  schoolId: string | null;
  /** null: any agency (territory-wide roles) */
  agencyType: string | null;
  /** the actor may not list at all */
  none: boolean;
};

export function recordScopeFilter(actor: Actor): ScopeFilter {
  const t = territoryOf(actor);
  return {
    userId: actor.id,
    regionCode: t.level === 'region' ? t.regionCode : null,
    districtCode: t.level === 'district' ? t.districtCode : null,
    schoolId: t.level === 'school' ? t.schoolId : null,
    agencyType: isTerritoryWide(actor.role) ? null : (actor.agencyType ?? '\u0000none'),
    none: !roleHas(actor.role, 'reports.read'),
  };
}

export function can(actor: Actor | null, capability: Capability): boolean {
  return actor !== null && roleHas(actor.role, capability);
}
