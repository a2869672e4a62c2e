import { LOCALES } from '@qorgau/core';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as OTPAuth from 'otpauth';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { writeAudit } from '../audit/audit.ts';
import type { Deps } from '../deps.ts';
import { sessions, users } from '../db/schema.ts';
import { auditCtx, ctxOf, requireActor } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { toUserDto, userSchema } from '../users/dto.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { SESSION_COOKIE } from './plugin.ts';
import { checkTotp, login, logout, totpFor } from './service.ts';

const loginBody = z.object({
  username: z.string().trim().min(1, 'required').max(100),
  password: z.string().min(1, 'required').max(500),
  totp: z.string().regex(/^\d{6}$/, 'must be 6 digits').optional(),
});

function loginName(body: unknown): string {
  const name = typeof body === 'object' && body !== null && 'username' in body ? body.username : null;
  return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 100) : '';
}

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post('/api/v1/auth/login', {
    schema: { tags, body: loginBody, response: { 200: z.object({ token: z.string(), csrfToken: z.string(), user: userSchema, totpEnrollmentRequired: z.boolean() }) } },
    // 20 a minute per address *and account*: a contact centre signs in many operators from one
    // address at a shift change; guessing is limited by the failed-attempt lockout (per account and per address)
    config: { rateLimit: { max: 20, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `login:${req.ip}:${loginName(req.body)}` } },
  }, async (req, reply) => {
    const result = await login(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id });
    void reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, maxAge: deps.config.sessionMaxHours * 3600,
    });
    return result;
  });

  r.post('/api/v1/auth/logout', { schema: { tags } }, async (req, reply) => {
    const actor = requireActor(req);
    if (req.session) await logout(deps, actor, req.session.id, { ip: req.ip, requestId: req.id });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.get('/api/v1/auth/me', {
    schema: { tags, response: { 200: z.object({ user: userSchema, csrfToken: z.string().nullable(), totpEnrollmentRequired: z.boolean() }) } },
  }, async (req) => {
    const actor = requireActor(req);
    const [u] = await deps.db.select().from(users).where(eq(users.id, actor.id));
    if (!u) throw new AppError('unauthenticated', 'Sign in first.');
    return { user: toUserDto(u), csrfToken: req.session?.csrfToken ?? null, totpEnrollmentRequired: req.session?.totpEnrollmentRequired ?? false };
  });

  r.put('/api/v1/auth/me/locale', {
    schema: { tags, body: z.object({ locale: z.enum(LOCALES) }), response: { 200: z.object({ user: userSchema }) } },
  }, async (req) => {
    const actor = requireActor(req);
    const [u] = await deps.db.update(users).set({ locale: req.body.locale, updatedAt: deps.clock.now() }).where(eq(users.id, actor.id)).returning();
    if (!u) throw new AppError('unauthenticated', 'Sign in first.');
    return { user: toUserDto(u) };
  });

  r.post('/api/v1/auth/me/password', {
    schema: { tags, body: z.object({ currentPassword: z.string().min(1).max(500), newPassword: z.string().max(500) }) },
  }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    const [u] = await deps.db.select().from(users).where(eq(users.id, ctx.actor.id));
    if (!u || !(await verifyPassword(req.body.currentPassword, u.passwordHash))) {
      throw new AppError('validation_failed', 'The current password is wrong.', [{ path: 'currentPassword', message: 'wrong password' }]);
    }
    checkPasswordPolicy(req.body.newPassword, 'newPassword');
    const hash = await hashPassword(req.body.newPassword);
    await deps.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: hash, passwordChangedAt: ctx.now, updatedAt: ctx.now }).where(eq(users.id, u.id));
      await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'user', entityId: u.id, details: { fields: ['password'] } });
    });
    return reply.code(204).send();
  });

  r.post('/api/v1/auth/totp/setup', {
    schema: { tags, response: { 200: z.object({ secret: z.string(), uri: z.string() }) } },
  }, async (req) => {
    const actor = requireActor(req);
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    // stored unconfirmed; it only takes effect once a code from it is confirmed
    await deps.db.update(users).set({ totpSecret: secret, totpEnabled: false }).where(eq(users.id, actor.id));
    return { secret, uri: totpFor(actor.username, secret).toString() };
  });

  r.post('/api/v1/auth/totp/enable', {
    schema: { tags, body: z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }), response: { 200: z.object({ user: userSchema }) } },
  }, async (req) => {
    const ctx = ctxOf(deps, req);
    const [u] = await deps.db.select().from(users).where(eq(users.id, ctx.actor.id));
    if (!u?.totpSecret) throw new AppError('bad_request', 'Start the set-up first.');
    if (!checkTotp(u.username, u.totpSecret, req.body.code, ctx.now)) {
      throw new AppError('totp_invalid', 'The one-time code is wrong or expired.', [{ path: 'code', message: 'wrong code' }]);
    }
    const updated = await deps.db.transaction(async (tx) => {
      const [row] = await tx.update(users).set({ totpEnabled: true, updatedAt: ctx.now }).where(eq(users.id, u.id)).returning();
      await tx.update(sessions).set({ totpEnrollmentRequired: false }).where(eq(sessions.userId, u.id));
      await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'user', entityId: u.id, details: { fields: ['totpEnabled'] } });
      return row;
    });
    if (!updated) throw new AppError('not_found', 'User not found.');
    return { user: toUserDto(updated) };
  });
}
