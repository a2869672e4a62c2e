import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { actionBody, assignBody, cancelBody, completeBody, inboxQuery, taskDetailSchema, taskSchema } from './schema.ts';
import { acceptTask, assignTask, cancelTask, completeTask, getTask, inbox, inboxCounts, recordAction } from './service.ts';
import { timeliness, timelinessQuery, timelinessSchema } from './timeliness.ts';

const idParams = z.object({ id: z.string().max(100) });

export function taskRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];
  r.get('/api/v1/tasks', {
    schema: {
      tags, querystring: inboxQuery,
      description: 'The inbox, most urgent first. scope=mine|unit|territory; status=active (open and accepted, default)|open|accepted|done|cancelled.',
      response: { 200: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable(), counts: z.object({ active: z.number(), overdue: z.number() }) }) },
    },
  }, async (req) => inbox(ctxOf(deps, req), req.query));
  r.get('/api/v1/tasks/counts', {
    schema: { tags, querystring: z.object({ scope: inboxQuery.shape.scope }), response: { 200: z.object({ active: z.number(), overdue: z.number() }) } },
  }, async (req) => inboxCounts(ctxOf(deps, req), req.query.scope));
  r.get('/api/v1/tasks/:id', { schema: { tags, params: idParams, response: { 200: taskDetailSchema } } }, async (req) => getTask(ctxOf(deps, req), req.params.id));
  r.post('/api/v1/tasks/:id/accept', { schema: { tags, params: idParams, response: { 200: taskDetailSchema } } }, async (req) => acceptTask(ctxOf(deps, req), req.params.id));
  r.post('/api/v1/tasks/:id/assign', { schema: { tags, params: idParams, body: assignBody, response: { 200: taskDetailSchema } } },
    async (req) => assignTask(ctxOf(deps, req), req.params.id, req.body.userId));
  r.post('/api/v1/tasks/:id/actions', { schema: { tags, params: idParams, body: actionBody, response: { 200: taskDetailSchema } } },
    async (req) => recordAction(ctxOf(deps, req), req.params.id, req.body.note));
  r.post('/api/v1/tasks/:id/complete', { schema: { tags, params: idParams, body: completeBody, response: { 200: taskDetailSchema } } },
    async (req) => completeTask(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/tasks/:id/cancel', { schema: { tags, params: idParams, body: cancelBody, response: { 200: taskDetailSchema } } },
    async (req) => cancelTask(ctxOf(deps, req), req.params.id, req.body.reason));
  r.get('/api/v1/stats/timeliness', {
    schema: {
      tags: ['stats'], querystring: timelinessQuery, response: { 200: timelinessSchema },
      description: 'Tasks due in the period by agency or region: done on time, late, open past due; onTimePercent = done on time ÷ (done + open past due), one decimal.',
    },
  }, async (req) => timeliness(ctxOf(deps, req), req.query));
}
