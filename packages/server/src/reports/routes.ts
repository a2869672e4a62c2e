import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { createReportBody, listReportsQuery, reportSchema, reportSummarySchema } from './schema.ts';
import { createReport, getReport, listReports } from './service.ts';

export function reportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.post('/api/v1/reports', { schema: { tags, body: createReportBody, response: { 201: reportSchema } } },
    async (req, reply) => reply.code(201).send(await createReport(ctxOf(deps, req), req.body)));

  r.get('/api/v1/reports/:id', { schema: { tags, params: z.object({ id: z.string() }), response: { 200: reportSchema } } },
    async (req) => getReport(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/reports', { schema: { tags, querystring: listReportsQuery, response: { 200: z.object({ items: z.array(reportSummarySchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listReports(ctxOf(deps, req), req.query));
}
