import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import {
  cancelConference, conferenceSchema, conferencesOfReport, getConference, listConferences, listConferencesQuery, recordBody, recordConference,
  scheduleBody, scheduleConference,
} from './service.ts';

const idParams = z.object({ id: z.string().max(100) });
const list = z.object({ items: z.array(conferenceSchema) });

export function conferenceRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['conferences'];
  r.post('/api/v1/reports/:id/conferences', { schema: { tags, params: idParams, body: scheduleBody, response: { 201: conferenceSchema } } },
    async (req, reply) => reply.code(201).send(await scheduleConference(ctxOf(deps, req), req.params.id, req.body)));
  r.get('/api/v1/reports/:id/conferences', { schema: { tags, params: idParams, response: { 200: list } } },
    async (req) => ({ items: await conferencesOfReport(ctxOf(deps, req), req.params.id) }));
  r.get('/api/v1/conferences', { schema: { tags, querystring: listConferencesQuery, response: { 200: list } } },
    async (req) => ({ items: await listConferences(ctxOf(deps, req), req.query) }));
  r.get('/api/v1/conferences/:id', { schema: { tags, params: idParams, response: { 200: conferenceSchema } } },
    async (req) => getConference(ctxOf(deps, req), req.params.id));
  r.post('/api/v1/conferences/:id/record', { schema: { tags, params: idParams, body: recordBody, response: { 200: conferenceSchema } } },
    async (req) => recordConference(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/conferences/:id/cancel', { schema: { tags, params: idParams, body: z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) }).strict(), response: { 200: conferenceSchema } } },
    async (req) => cancelConference(ctxOf(deps, req), req.params.id, req.body.reason));
}
