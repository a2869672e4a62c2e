import { AGENCY_TYPES, DEFAULT_AGENCY, LOCALES, ROLES, type Role } from '@qorgau/core';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import type { Executor } from '../db/client.ts';
import { districts, regions, roleSettings, schools, sessions, units, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { toUserDto, type UserDto } from './dto.ts';

const territoryFields = {
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').nullable().optional(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').nullable().optional(),
  schoolId: z.string().uuid().nullable().optional(),
};

const unitFields = {
  unitId: z.string().uuid().nullable().optional(),
  isUnitHead: z.boolean().optional(),
  email: z.email('must be an email address').max(254).nullable().optional(),
};

export const createUserBody = z.object({
  username: z.string().trim().min(3, 'at least 3 characters').max(64).regex(/^[A-Za-z0-9._-]+$/, 'Latin letters, digits, dot, dash, underscore'),
  password: z.string().max(500),
  fullName: z.string().trim().min(1, 'required').max(200),
  role: z.enum(ROLES),
  agencyType: z.enum(AGENCY_TYPES).nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  ...territoryFields,
  ...unitFields,
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  fullName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  agencyType: z.enum(AGENCY_TYPES).nullable().optional(),
  active: z.boolean().optional(),
  ...territoryFields,
  ...unitFields,
}).refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateUserInput = z.infer<typeof updateUserBody>;

type Territory = { regionCode: string | null; districtCode: string | null; schoolId: string | null };

/** A district must lie in the region and a school in the district; a narrower level needs the wider ones. */
export async function checkTerritory(ex: Executor, t: Territory): Promise<Territory> {
  const details: { path: string; message: string }[] = [];
  let { regionCode, districtCode } = t;
  const { schoolId } = t;
  if (schoolId) {
    const [s] = await ex.select().from(schools).where(eq(schools.id, schoolId));
    if (!s) details.push({ path: 'schoolId', message: 'no such school' });
    else {
      if (districtCode && districtCode !== s.districtCode) details.push({ path: 'schoolId', message: 'the school is not in this district' });
      districtCode = s.districtCode;
      regionCode ??= s.regionCode;
    }
  }
  if (districtCode) {
    const [d] = await ex.select().from(districts).where(eq(districts.code, districtCode));
    if (!d) details.push({ path: 'districtCode', message: 'no such district' });
    else {
      if (regionCode && regionCode !== d.regionCode) details.push({ path: 'districtCode', message: 'the district is not in this region' });
      regionCode ??= d.regionCode;
    }
  }
  if (regionCode) {
    const [r] = await ex.select().from(regions).where(eq(regions.code, regionCode));
    if (!r) details.push({ path: 'regionCode', message: 'no such region' });
  }
  if (details.length) throw validation(details, 'The territory is not valid.');
  return { regionCode: regionCode ?? null, districtCode: districtCode ?? null, schoolId: schoolId ?? null };
}

/** A user's unit must exist and belong to the user's agency. */
async function checkUnit(ex: Executor, unitId: string | null, agencyType: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [u] = await ex.select({ agencyType: units.agencyType }).from(units).where(eq(units.id, unitId));
  if (!u) throw validation([{ path: 'unitId', message: 'no such unit' }]);
  if (u.agencyType !== agencyType) throw validation([{ path: 'unitId', message: `the unit belongs to another agency (${u.agencyType})` }]);
  return unitId;
}

function requireAdmin(ctx: Ctx): void {
  if (!can(ctx.actor, 'users.manage')) throw forbidden('Only administrators manage accounts.');
}

/** Used by the API (with an administrator) and by the CLI and first start (actor null). */
export async function insertUser(ex: Executor, input: CreateUserInput, now: Date): Promise<UserDto> {
  checkPasswordPolicy(input.password);
  const territory = await checkTerritory(ex, { regionCode: input.regionCode ?? null, districtCode: input.districtCode ?? null, schoolId: input.schoolId ?? null });
  const [existing] = await ex.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
  if (existing) throw new AppError('username_taken', `The username "${input.username}" is taken.`, [{ path: 'username', message: 'taken' }]);
  const [row] = await ex.insert(users).values({
    username: input.username,
    fullName: input.fullName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    agencyType: input.agencyType === undefined ? DEFAULT_AGENCY[input.role] : input.agencyType,
    ...territory,
    unitId: await checkUnit(ex, input.unitId ?? null, input.agencyType === undefined ? DEFAULT_AGENCY[input.role] : input.agencyType),
    isUnitHead: input.isUnitHead ?? false,
    email: input.email ?? null,
    locale: input.locale ?? 'ru',
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
  }).returning();
  if (!row) throw new Error('insert returned nothing');
  return toUserDto(row);
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserDto> {
  requireAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx, input, ctx.now);
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'user', entityId: user.id, details: { role: user.role } });
    return user;
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserDto> {
  requireAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!current) throw notFound('user');
    if (id === ctx.actor.id && (input.active === false || (input.role && input.role !== current.role))) {
      throw new AppError('conflict', 'You cannot deactivate yourself or change your own role.');
    }
    const touchesTerritory = input.regionCode !== undefined || input.districtCode !== undefined || input.schoolId !== undefined;
    const territory = touchesTerritory
      ? await checkTerritory(tx, {
        regionCode: input.regionCode === undefined ? null : input.regionCode,
        districtCode: input.districtCode === undefined ? null : input.districtCode,
        schoolId: input.schoolId === undefined ? null : input.schoolId,
      })
      : {};
    const changes = {
      ...(input.fullName !== undefined && { fullName: input.fullName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.agencyType !== undefined && { agencyType: input.agencyType }),
      ...(input.active !== undefined && { active: input.active }),
      ...territory,
      ...(input.unitId !== undefined && { unitId: await checkUnit(tx, input.unitId, input.agencyType === undefined ? current.agencyType : input.agencyType) }),
      ...(input.isUnitHead !== undefined && { isUnitHead: input.isUnitHead }),
      ...(input.email !== undefined && { email: input.email }),
    };
    const [row] = await tx.update(users).set({ ...changes, updatedAt: ctx.now }).where(eq(users.id, id)).returning();
    if (!row) throw notFound('user');
    // deactivation or a new role/territory ends the sessions that carried the old rights
    if (input.active === false || input.role !== undefined || touchesTerritory) await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'user', entityId: id, details: { fields: Object.keys(changes) } });
    return toUserDto(row);
  });
}

export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  requireAdmin(ctx);
  checkPasswordPolicy(password);
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ passwordHash: hash, passwordChangedAt: ctx.now, updatedAt: ctx.now }).where(eq(users.id, id)).returning({ id: users.id });
    if (!row) throw notFound('user');
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'user', entityId: id, details: { fields: ['password'], reset: true } });
  });
}

export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  regionCode: z.string().regex(/^KZ-\d{2}$/).optional(),
});

export async function listUsers(ctx: Ctx, q: z.infer<typeof listUsersQuery>): Promise<UserDto[]> {
  requireAdmin(ctx);
  const where: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cond = or(ilike(users.username, like), ilike(users.fullName, like));
    if (cond) where.push(cond);
  }
  if (q.role) where.push(eq(users.role, q.role));
  if (q.active !== undefined) where.push(eq(users.active, q.active));
  if (q.regionCode) where.push(eq(users.regionCode, q.regionCode));
  const rows = await ctx.db.select().from(users).where(and(...where)).orderBy(asc(users.username)).limit(1000);
  return rows.map(toUserDto);
}

export async function listRoleSettings(ctx: Ctx): Promise<{ role: Role; requireTotp: boolean }[]> {
  requireAdmin(ctx);
  const rows = await ctx.db.select().from(roleSettings);
  const byRole = new Map(rows.map((r) => [r.role, r.requireTotp]));
  return ROLES.map((role) => ({ role, requireTotp: byRole.get(role) ?? false }));
}

export async function setRoleSetting(ctx: Ctx, role: Role, requireTotp: boolean): Promise<{ role: Role; requireTotp: boolean }> {
  requireAdmin(ctx);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(roleSettings).values({ role, requireTotp }).onConflictDoUpdate({ target: roleSettings.role, set: { requireTotp } });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'role_settings', entityId: role, details: { requireTotp } });
  });
  return { role, requireTotp };
}
