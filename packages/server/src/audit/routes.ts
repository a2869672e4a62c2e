import { kzDayEnd, kzDayStart } from '@qorgau/core';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import type { Deps } from '../deps.ts';
import { auditLog } from '../db/schema.ts';
import { ctxOf, type Ctx } from '../http/context.ts';
import { forbidden, validation } from '../http/errors.ts';
import { AUDIT_ACTIONS } from './audit.ts';
import { sealAll, verifyAudit } from './chain.ts';

const query = z.object({
  entityId: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  userId: z.string().uuid().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const item = z.object({
  id: z.string(), at: z.string(), userId: z.string().nullable(), username: z.string().nullable(), action: z.string(),
  entityType: z.string(), entityId: z.string().nullable(), details: z.record(z.string(), z.unknown()), ip: z.string().nullable(),
  requestId: z.string().nullable(), sealed: z.boolean(),
});

function requireAuditor(ctx: Ctx) {
  if (!can(ctx.actor, 'audit.read')) throw forbidden('Only administrators and auditors read the audit trail.');
}

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/v1/audit', { schema: { tags, querystring: query, response: { 200: z.object({ items: z.array(item), nextCursor: z.string().nullable() }) } } }, async (req) => {
    const ctx = ctxOf(deps, req);
    requireAuditor(ctx);
    const q = req.query;
    const where: SQL[] = [];
    if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
    if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
    if (q.userId) where.push(eq(auditLog.userId, q.userId));
    if (q.action) where.push(eq(auditLog.action, q.action));
    // a bare date is a whole Kazakhstan day; an instant is taken as it is
    const from = q.from ? (q.from.length === 10 ? kzDayStart(q.from) : new Date(q.from)) : null;
    const to = q.to ? (q.to.length === 10 ? kzDayEnd(q.to) : new Date(new Date(q.to).getTime() + 1)) : null;
    if (from) where.push(gte(auditLog.at, from));
    if (to) where.push(lt(auditLog.at, to));
    if (from && to && from >= to) throw validation([{ path: 'to', message: 'must not be before from' }]);
    if (q.cursor) where.push(lt(auditLog.id, Number(q.cursor)));
    const rows = await ctx.db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((e) => ({
        id: String(e.id), at: e.at.toISOString(), userId: e.userId, username: e.username, action: e.action, entityType: e.entityType,
        entityId: e.entityId, details: e.details, ip: e.ip, requestId: e.requestId, sealed: e.chainSeq !== null,
      })),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.id) : null,
    };
  });

  r.post('/api/v1/audit/verify', {
    schema: { tags, response: { 200: z.object({ ok: z.boolean(), checked: z.number(), headHash: z.string().nullable(), firstBadEntryId: z.string().nullable(), reason: z.string().nullable() }) } },
  }, async (req) => {
    const ctx = ctxOf(deps, req);
    requireAuditor(ctx);
    await sealAll(ctx.db, ctx.now);
    return verifyAudit(ctx.db);
  });
}
