import { AGENCY_TYPES, LOCALES, ROLES, type AgencyType, type Locale, type Role } from '@qorgau/core';
import { z } from 'zod';
import type { Actor } from '../access/policy.ts';
import type { users } from '../db/schema.ts';

export const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  agencyType: z.enum(AGENCY_TYPES).nullable(),
  regionCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  schoolId: z.string().nullable(),
  unitId: z.string().nullable(),
  isUnitHead: z.boolean(),
  email: z.string().nullable(),
  locale: z.enum(LOCALES),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof userSchema>;

type UserRow = typeof users.$inferSelect;

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role as Role,
    agencyType: (u.agencyType as AgencyType | null) ?? null,
    regionCode: u.regionCode,
    districtCode: u.districtCode,
    schoolId: u.schoolId,
    unitId: u.unitId,
    isUnitHead: u.isUnitHead,
    email: u.email,
    locale: u.locale as Locale,
    active: u.active,
    totpEnabled: u.totpEnabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

export function toActor(u: UserRow): Actor {
  const { id, username, fullName, role, agencyType, regionCode, districtCode, schoolId, unitId, isUnitHead, locale } = toUserDto(u);
  return { id, username, fullName, role, agencyType, regionCode, districtCode, schoolId, unitId, isUnitHead, locale };
}
