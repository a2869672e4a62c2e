import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { createReportBody, incidentInput, listReportsQuery, REPORT_STATUSES, reportSchema, reportSummarySchema } from './schema.ts';
import { addIncident, changeStatus, reportHistory } from './workflow.ts';
import { createReport, getReport, listReports } from './service.ts';
import { reportTimeline, timelineItemSchema } from './timeline.ts';

export function reportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.post('/api/v1/reports', { schema: { tags, body: createReportBody, response: { 201: reportSchema } } },
    async (req, reply) => reply.code(201).send(await createReport(ctxOf(deps, req), req.body)));

  r.get('/api/v1/reports/:id', { schema: { tags, params: z.object({ id: z.string() }), response: { 200: reportSchema } } },
    async (req) => getReport(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/reports', { schema: { tags, querystring: listReportsQuery, response: { 200: z.object({ items: z.array(reportSummarySchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listReports(ctxOf(deps, req), req.query));

  const idParams = z.object({ id: z.string() });

  r.post('/api/v1/reports/:id/incidents', { schema: { tags, params: idParams, body: incidentInput, response: { 201: reportSchema } } },
    async (req, reply) => reply.code(201).send(await addIncident(ctxOf(deps, req), req.params.id, req.body)));

  r.patch('/api/v1/reports/:id', {
    schema: { tags, params: idParams, body: z.object({ status: z.enum(REPORT_STATUSES), statusReason: z.string().trim().max(2000).optional() }), response: { 200: reportSchema } },
  }, async (req) => changeStatus(ctxOf(deps, req), req.params.id, req.body));

  r.get('/api/v1/reports/:id/history', {
    schema: {
      tags, params: idParams,
      response: { 200: z.object({ items: z.array(z.object({ at: z.string(), userId: z.string().nullable(), username: z.string().nullable(), action: z.string(), entityType: z.string(), entityId: z.string().nullable(), details: z.record(z.string(), z.unknown()) })) }) },
    },
  }, async (req) => ({ items: await reportHistory(ctxOf(deps, req), req.params.id) }));

  r.get('/api/v1/reports/:id/timeline', {
    schema: {
      tags, params: idParams,
      description: 'Everything done on the report by every agency, oldest first. Notes are withheld (noteWithheld) outside need-to-know.',
      response: { 200: z.object({ items: z.array(timelineItemSchema) }) },
    },
  }, async (req) => ({ items: await reportTimeline(ctxOf(deps, req), req.params.id) }));
}
