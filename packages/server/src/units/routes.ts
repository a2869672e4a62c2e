import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AGENCY_TYPES } from '@qorgau/core';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import {
  createUnit, deleteRoute, listRouting, listUnits, routingBody, routingRuleSchema, setRoute, unitBody, unitMembers, unitSchema, updateUnit,
} from './service.ts';

const id = z.object({ id: z.string().uuid('must be an id') });
const filter = z.object({ agencyType: z.enum(AGENCY_TYPES).optional(), regionCode: z.string().regex(/^KZ-\d{2}$/).optional() });

export function unitRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get('/api/v1/units', { schema: { tags, querystring: filter, response: { 200: z.object({ items: z.array(unitSchema) }) } } },
    async (req) => ({ items: await listUnits(ctxOf(deps, req), req.query) }));
  r.post('/api/v1/units', { schema: { tags, body: unitBody, response: { 201: unitSchema } } },
    async (req, reply) => reply.code(201).send(await createUnit(ctxOf(deps, req), req.body)));
  r.put('/api/v1/units/:id', { schema: { tags, params: id, body: unitBody, response: { 200: unitSchema } } },
    async (req) => updateUnit(ctxOf(deps, req), req.params.id, req.body));
  r.get('/api/v1/units/:id/members', { schema: { tags, params: id, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), fullName: z.string(), isUnitHead: z.boolean() })) }) } } },
    async (req) => ({ items: await unitMembers(ctxOf(deps, req), req.params.id) }));
  r.get('/api/v1/routing', { schema: { tags, querystring: filter, response: { 200: z.object({ items: z.array(routingRuleSchema) }) } } },
    async (req) => ({ items: await listRouting(ctxOf(deps, req), req.query) }));
  r.put('/api/v1/routing', { schema: { tags, body: routingBody, response: { 200: routingRuleSchema } } },
    async (req) => setRoute(ctxOf(deps, req), req.body));
  r.delete('/api/v1/routing/:id', { schema: { tags, params: id } }, async (req, reply) => {
    await deleteRoute(ctxOf(deps, req), req.params.id);
    return reply.code(204).send();
  });
}
