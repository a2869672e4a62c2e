import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from '../audit/routes.ts';
import { registerAuth } from '../auth/plugin.ts';
import { authRoutes } from '../auth/routes.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Deps } from '../deps.ts';
import { auditCtx, ctxOf } from './context.ts';
import { healthRoutes } from './health.ts';
import { metricsRoutes } from './metrics.ts';
import { referenceRoutes } from '../reference/routes.ts';
import { userRoutes } from '../users/routes.ts';
import { personRoutes } from '../persons/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { attachmentRoutes } from '../attachments/routes.ts';
import { publicRoutes } from '../public/routes.ts';
import { importRoutes } from '../imports/routes.ts';
import { legalArticleRoutes } from '../reference/legal-articles.ts';
import { contactRoutes } from '../contacts/routes.ts';
import { NotificationHub } from '../notifications/hub.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { protocolRoutes } from '../protocol/routes.ts';
import { taskRoutes } from '../tasks/routes.ts';
import { conferenceRoutes } from '../conferences/routes.ts';
import { caseRoutes } from '../cases/routes.ts';
import { concernRoutes } from '../concerns/routes.ts';
import { statsRoutes } from '../stats/routes.ts';
import { preventionRoutes } from '../prevention/routes.ts';
import { unitRoutes } from '../units/routes.ts';
import { schoolRoutes } from '../schools/routes.ts';
import { workforceRoutes } from '../workforce/routes.ts';
import { serviceRoutes } from '../services/routes.ts';
import { referralRoutes } from '../referrals/routes.ts';
import { warningRoutes } from '../warnings/routes.ts';
import { linkageRoutes } from '../linkage/routes.ts';
import { AppError, databaseError, errorBody, type ErrorCode } from './errors.ts';

export type AppOptions = { logger?: boolean; serveWeb?: boolean };

/** Log lines carry the path only: query strings may hold names (person search). */
function requestLine(req: FastifyRequest) {
  return { method: req.method, path: req.url.split('?')[0], route: req.routeOptions.url ?? null, ip: req.ip };
}

/** PostgreSQL errors that mean the input was wrong (validation missed it), not that the server failed. */
const DB_INPUT_ERRORS: Record<string, { status: 400 | 409; message: string }> = {
  '23503': { status: 400, message: 'The request refers to a record that does not exist.' },
  '23505': { status: 409, message: 'A record with these values already exists.' },
  '23514': { status: 400, message: 'A value is outside the allowed range.' },
  '22001': { status: 400, message: 'A text is too long.' },
  '22003': { status: 400, message: 'A number is out of range.' },
  '22007': { status: 400, message: 'A date or time is not valid.' },
  '22008': { status: 400, message: 'A date or time is out of range.' },
  '22P02': { status: 400, message: 'A value has the wrong format.' },
  '22021': { status: 400, message: 'Text is not valid UTF-8.' },
};


/** Where in a parsed request a string holds U+0000 (`body.incidents.0.narrative`), or null. */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${path}.${k.replaceAll('\u0000', '\\0')}`;
    const found = nulPath(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function statusCode(code: number): ErrorCode {
  switch (code) {
    case 400: return 'bad_request';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'unavailable';
    default: return 'bad_request';
  }
}

/**
 * Every refusal of a signed-in user is audited as `denied` (issue 8): the services audit the refusals
 * of a record's read themselves, with its id; any other 403 (a write, an action the role may not take)
 * is written here, with the route and the record's id from the path. A failing audit write does not
 * turn the 403 into a 500: it is logged.
 */
async function auditRefusal(deps: Deps, req: FastifyRequest): Promise<void> {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const id = typeof params.id === 'string' && params.id.length <= 100 ? params.id : null;
  try {
    await writeAudit(deps.db, auditCtx(ctxOf(deps, req)), {
      action: 'denied', entityType: 'request', entityId: id,
      details: { method: req.method, route: req.routeOptions.url ?? null, reason: 'forbidden' },
    });
  } catch (e) {
    req.log.error({ err: { message: e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : 'unknown' } }, 'could not audit a refusal');
  }
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : deps.log,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{8,64}$/.test(h) ? h : randomUUID();
    },
    ajv: undefined,
    // fastify's own request lines would carry the full URL, query string included (names in a
    // person search): one line per request is written below, with the path only
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (opts.logger !== false) {
    app.addHook('onResponse', async (req, reply) => {
      req.log.info({ request: requestLine(req), status: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 10) / 10, userId: req.actor?.id ?? null }, 'request completed');
    });
  }

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status === 403 && !err.audited && req.actor) await auditRefusal(deps, req);
      return reply.code(err.status).headers(err.headers).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        path: [where === 'body' ? null : where, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.') || where,
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send(errorBody('validation_failed', `Invalid ${where}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return reply.code(400).send(errorBody('bad_request', 'The request body is not valid JSON.'));
    }
    // busboy's own errors (no boundary, a cut or malformed body): the client sent something unreadable
    if (/^(Multipart: Boundary not found|Malformed part header|Unexpected end of (form|file|multipart data)|Part terminated early|Malformed urlencoded form)/.test(err.message)) {
      return reply.code(400).send(errorBody('bad_request', `The multipart body cannot be read (${err.message.replace(/\.$/, '')}). Send the file as multipart/form-data in the field "file".`));
    }
    if (err.statusCode === 429) {
      return reply.code(429).headers({ 'retry-after': String(reply.getHeader('retry-after') ?? 1) }).send(errorBody('rate_limited', 'Too many requests. Slow down and try again shortly.'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody(statusCode(err.statusCode), err.message));
    }
    // a database error: log its code, table and constraint, never its message or the query's
    // parameters (they hold what the user typed: names, narratives)
    const db = databaseError(err);
    if (db) {
      const known = DB_INPUT_ERRORS[db.code];
      if (known) {
        req.log.warn({ db }, 'database refused the input');
        return reply.code(known.status).send(errorBody(known.status === 409 ? 'conflict' : 'validation_failed', known.message));
      }
    }
    if (isResponseSerializationError(err)) req.log.error({ err: { message: err.message } }, 'response did not match its schema');
    else if (db) req.log.error({ db, stack: err.stack }, 'request failed in the database');
    // drizzle's "Failed query: … params: …" carries what users typed: log the driver's own error instead
    else if (err.message.startsWith('Failed query')) {
      const cause = err.cause instanceof Error ? err.cause : null;
      req.log.error({ err: { message: cause?.message ?? 'query failed', code: (cause as { code?: unknown } | null)?.code, stack: err.stack?.split('\n').slice(1).join('\n') } }, 'request failed');
    } else req.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'request failed');
    // a database that is down is a temporary condition, not a bug
    let text = '';
    for (let e: unknown = err, i = 0; e instanceof Error && i < 4; e = e.cause, i++) {
      const code = (e as { code?: unknown }).code;
      text += ` ${e.message} ${typeof code === 'string' ? code : ''}`;
    }
    if (/ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|not queryable|timeout exceeded when trying to connect|57P0[123]|08\d\d\d|the database system is/i.test(text)) {
      return reply.code(503).headers({ 'retry-after': '5' }).send(errorBody('unavailable', 'The database is unavailable. Try again in a few seconds.'));
    }
    return reply.code(500).send(errorBody('internal', 'Something went wrong on our side. The error has been logged.'));
  });

  // PostgreSQL text cannot hold the NUL character: refuse it at the door, naming where it was,
  // instead of failing deep inside a query
  app.addHook('preValidation', async (req) => {
    const where = nulPath(req.params, 'params') ?? nulPath(req.query, 'query') ?? nulPath(req.body, 'body');
    if (where) throw new AppError('validation_failed', `Text must not contain the NUL character (${where}).`, [{ path: where.replace(/^(body|query|params)\.?/, '') || where, message: 'contains the NUL character' }]);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    else reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    return payload;
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: 'Qorgau API', version: deps.config.version, description: 'Child-protection information system. See shared API.md for the stable core.' } },
    transform: jsonSchemaTransform,
  });
  registerAuth(app, deps);
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    // signed-in work is limited per user (operators share one address), the rest per address
    keyGenerator: (req) => (req.actor ? `u:${req.actor.id}` : `ip:${req.ip}`),
    max: (req) => (req.actor ? 6000 : 600),
    timeWindow: 60_000,
    allowList: (req) => !req.url.startsWith('/api/'),
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, deps);
  metricsRoutes(app, deps);
  authRoutes(app, deps);
  userRoutes(app, deps);
  auditRoutes(app, deps);
  referenceRoutes(app, deps);
  personRoutes(app, deps);
  reportRoutes(app, deps);
  attachmentRoutes(app, deps);
  publicRoutes(app, deps);
  importRoutes(app, deps);
  legalArticleRoutes(app, deps);
  contactRoutes(app, deps);
  const notificationHub = new NotificationHub(deps);
  notificationRoutes(app, deps, notificationHub);
  app.addHook('onReady', () => notificationHub.start());
  // before the server closes: open event streams would keep it from closing
  app.addHook('preClose', () => notificationHub.stop());
  protocolRoutes(app, deps);
  unitRoutes(app, deps);
  taskRoutes(app, deps);
  conferenceRoutes(app, deps);
  concernRoutes(app, deps);
  caseRoutes(app, deps);
  statsRoutes(app, deps);
  schoolRoutes(app, deps);
  workforceRoutes(app, deps);
  preventionRoutes(app, deps);
  linkageRoutes(app, deps);
  serviceRoutes(app, deps);
  referralRoutes(app, deps);
  warningRoutes(app, deps);

  const webDir = deps.config.webDir;
  const serveWeb = opts.serveWeb !== false && fs.existsSync(path.join(webDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    // client-side routes get the app; a missing asset is a plain 404, not the app with 200
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('not_found', `No such endpoint: ${req.method} ${req.url.split('?')[0]}`));
  });
  return app;
}
