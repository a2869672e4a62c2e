import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/policy.ts';
import type { AuditContext } from '../audit/audit.ts';
import type { Session } from '../auth/service.ts';
import type { Deps } from '../deps.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in user (auth/plugin.ts), null for anonymous requests */
    actor: Actor | null;
    session: Session | null;
  }
}

/** Everything a domain function needs about the request it serves. */
export type Ctx = Deps & { actor: Actor; ip: string; requestId: string; now: Date };

export function auditCtx(ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>): AuditContext {
  return { userId: ctx.actor.id, username: ctx.actor.username, ip: ctx.ip, requestId: ctx.requestId, at: ctx.now };
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in first.');
  return req.actor;
}

export function ctxOf(deps: Deps, req: FastifyRequest): Ctx {
  return { ...deps, actor: requireActor(req), ip: req.ip, requestId: req.id, now: deps.clock.now() };
}
