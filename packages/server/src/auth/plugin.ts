// Resolves who is calling (Bearer token for scripts, session cookie for browsers) and enforces
// CSRF protection on cookie-authenticated writes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { resolveSession } from './service.ts';
import { safeEqual } from './tokens.ts';

export const SESSION_COOKIE = 'qorgau_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Reachable while the role requires a second factor the user has not set up yet. */
const ENROLMENT_PATHS = new Set(['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/totp/setup', '/api/v1/auth/totp/enable', '/api/v1/auth/me/locale']);

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m?.[1]) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return m[1];
}

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (req) => {
    // the public side needs no account: a staff session in the same browser is not consulted
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/v1/public/')) return;
    const fromHeader = bearer(req);
    const token = fromHeader ?? req.cookies[SESSION_COOKIE] ?? null;
    if (!token) return;
    const resolved = await resolveSession(deps, token);
    if (!resolved) {
      if (fromHeader) throw new AppError('unauthenticated', 'The token is invalid or expired. Sign in again.');
      return; // a stale cookie is the same as none
    }
    if (!fromHeader && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, resolved.session.csrfToken)) {
        throw new AppError('csrf_failed', 'The request lacks a valid X-CSRF-Token header. Reload the page and try again.');
      }
    }
    const path = req.url.split('?')[0] ?? '';
    if (resolved.session.totpEnrollmentRequired && !ENROLMENT_PATHS.has(path)) {
      throw new AppError('totp_enrollment_required', 'Your role requires a second factor: set up the authenticator app first.');
    }
    req.actor = resolved.actor;
    req.session = resolved.session;
  });
}
