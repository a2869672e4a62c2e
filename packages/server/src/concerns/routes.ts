import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import {
  actionBody, chronologyEntrySchema, closeBody, concernSchema, concernSummarySchema, createConcernBody, escalateBody, escalationSchema, listConcernsQuery,
} from './schema.ts';
import { addAction, chronology, closeConcern, createConcern, escalateConcern, getConcern, listConcerns } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function concernRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['concerns'];
  r.post('/api/v1/concerns', { schema: { tags, body: createConcernBody, response: { 201: concernSchema } } },
    async (req, reply) => reply.code(201).send(await createConcern(ctxOf(deps, req), req.body)));
  r.get('/api/v1/concerns', { schema: { tags, querystring: listConcernsQuery, response: { 200: z.object({ items: z.array(concernSummarySchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listConcerns(ctxOf(deps, req), req.query));
  r.get('/api/v1/concerns/:id', { schema: { tags, params: idParams, response: { 200: concernSchema } } },
    async (req) => getConcern(ctxOf(deps, req), req.params.id));
  r.post('/api/v1/concerns/:id/actions', { schema: { tags, params: idParams, body: actionBody, response: { 200: concernSchema } } },
    async (req) => addAction(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/concerns/:id/close', { schema: { tags, params: idParams, body: closeBody, response: { 200: concernSchema } } },
    async (req) => closeConcern(ctxOf(deps, req), req.params.id, req.body.reason));
  r.post('/api/v1/concerns/:id/escalate', { schema: { tags, params: idParams, body: escalateBody, response: { 200: escalationSchema, 201: escalationSchema } } },
    async (req, reply) => {
      const out = await escalateConcern(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(out.created ? 201 : 200).send(out);
    });
  r.get('/api/v1/persons/:id/chronology', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(chronologyEntrySchema) }) } } },
    async (req) => ({ items: await chronology(ctxOf(deps, req), req.params.id) }));
}
