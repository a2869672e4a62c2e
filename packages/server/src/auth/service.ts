import { and, count, eq, gt, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Deps } from '../deps.ts';
import { loginAttempts, roleSettings, sessions, users } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { toActor, toUserDto, type UserDto } from '../users/dto.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { newToken, tokenHash } from './tokens.ts';

export const LOCKOUT = { windowMinutes: 15, perAccount: 5, perAddress: 30 };

export type Session = { id: string; csrfToken: string; totpEnrollmentRequired: boolean };

export type LoginInput = { username: string; password: string; totp?: string | undefined };
export type LoginResult = { token: string; csrfToken: string; user: UserDto; totpEnrollmentRequired: boolean };

async function tooManyAttempts(deps: Deps, username: string, ip: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const failures = (where: ReturnType<typeof and>) =>
    deps.db.select({ n: count(), last: sql<Date | string | null>`max(${loginAttempts.at})` }).from(loginAttempts).where(where);
  const [byAccount] = await failures(and(eq(loginAttempts.username, username), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  const [byAddress] = await failures(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  const over = (r: { n: number; last: Date | string | null } | undefined, limit: number) => {
    if (!r || r.n < limit || !r.last) return null;
    const last = new Date(r.last).getTime();
    return Math.max(1, Math.ceil((last + LOCKOUT.windowMinutes * 60_000 - now.getTime()) / 1000));
  };
  return over(byAccount, LOCKOUT.perAccount) ?? over(byAddress, LOCKOUT.perAddress);
}

export function totpFor(username: string, secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'Qorgau', label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function checkTotp(username: string, secret: string, code: string, now: Date): boolean {
  return totpFor(username, secret).validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 }) !== null;
}

export async function login(deps: Deps, input: LoginInput, meta: { ip: string; userAgent: string | null; requestId: string }): Promise<LoginResult> {
  const now = deps.clock.now();
  const username = input.username.trim().toLowerCase();
  const retryAfter = await tooManyAttempts(deps, username, meta.ip, now);
  if (retryAfter !== null) {
    throw new AppError('too_many_attempts', `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, [], { 'retry-after': String(retryAfter) });
  }
  const [user] = await deps.db.select().from(users).where(eq(sql`lower(${users.username})`, username)).limit(1);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));

  const fail = async (code: 'invalid_credentials' | 'totp_invalid', reason: string) => {
    await deps.db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({ username, ip: meta.ip, at: now, success: false });
      await writeAudit(tx, { userId: user?.id ?? null, username, ip: meta.ip, requestId: meta.requestId, at: now }, {
        action: 'login_failed', entityType: 'user', entityId: user?.id ?? null, details: { reason },
      });
    });
    return new AppError(code, code === 'invalid_credentials' ? 'Wrong username or password.' : 'The one-time code is wrong or expired.');
  };

  if (!user || !passwordOk) throw await fail('invalid_credentials', user ? 'password' : 'unknown_user');
  if (!user.active) throw new AppError('account_disabled', 'This account is deactivated. Ask an administrator.');
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('totp_required', 'Enter the one-time code from your authenticator app.', [{ path: 'totp', message: 'required' }]);
    if (!checkTotp(user.username, user.totpSecret, input.totp, now)) throw await fail('totp_invalid', 'totp');
  }
  const [setting] = await deps.db.select().from(roleSettings).where(eq(roleSettings.role, user.role));
  const totpEnrollmentRequired = Boolean(setting?.requireTotp) && !user.totpEnabled;

  const token = newToken();
  const csrfToken = newToken();
  await deps.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: tokenHash(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000),
      totpEnrollmentRequired, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await tx.insert(loginAttempts).values({ username, ip: meta.ip, at: now, success: true });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await writeAudit(tx, { userId: user.id, username: user.username, ip: meta.ip, requestId: meta.requestId, at: now }, {
      action: 'login', entityType: 'user', entityId: user.id,
    });
  });
  return { token, csrfToken, user: toUserDto({ ...user, lastLoginAt: now }), totpEnrollmentRequired };
}

export async function resolveSession(deps: Deps, token: string): Promise<{ actor: Actor; session: Session } | null> {
  const now = deps.clock.now();
  const idleSince = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000);
  const [row] = await deps.db.select({ s: sessions, u: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince))).limit(1);
  if (!row || !row.u.active) return null;
  // touch at most once a minute: a read-mostly hot path should not write on every request
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
  }
  return { actor: toActor(row.u), session: { id: row.s.id, csrfToken: row.s.csrfToken, totpEnrollmentRequired: row.s.totpEnrollmentRequired } };
}

export async function logout(deps: Deps, actor: Actor, sessionId: string, meta: { ip: string; requestId: string }): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await writeAudit(tx, { userId: actor.id, username: actor.username, ip: meta.ip, requestId: meta.requestId, at: now }, {
      action: 'logout', entityType: 'user', entityId: actor.id,
    });
  });
}

