import type { AgencyType, Locale, Role } from '@qorgau/core';

// Shapes of the server's answers as the web uses them.

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyType: AgencyType | null;
  regionCode: string | null;
  districtCode: string | null;
  schoolId: string | null;
  /** the agency unit the user works in: its tasks reach them */
  unitId?: string | null;
  /** heads of a unit assign its tasks and are told first when they are late */
  isUnitHead?: boolean;
  email?: string | null;
  locale: Locale;
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface LocalisedName {
  kk: string;
  ru: string;
  en: string;
}

export interface Region {
  code: string;
  katoPrefix: string;
  name: LocalisedName;
}

export interface District {
  code: string;
  regionCode: string;
  name: LocalisedName;
}

export interface School {
  id: string;
  /** localised by the server; a plain string is accepted too */
  name: LocalisedName | string;
  districtCode: string;
  students?: number;
}

export interface Items<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RoleSetting {
  role: Role;
  requireTotp: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: unknown;
  ip?: string | null;
  requestId?: string | null;
  sealed?: boolean;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadEntryId: string | null;
  reason: string | null;
}
