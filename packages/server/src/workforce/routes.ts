import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { allocationCsv, allocationXlsx } from './export.ts';
import {
  allocationBody, allocationQuery, allocationSchema, createSpecialist, createSpecialistBody, getNorms, listSpecialists, listSpecialistsQuery, normsSchema,
  patchSpecialistBody, planAllocation, putNorms, putNormsBody, schoolMetrics, schoolMetricsListSchema, schoolMetricsQuery, specialistListSchema,
  specialistSchema, summaryQuery, summarySchema, updateSpecialist, workforceSummary,
} from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function workforceRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workforce'];
  r.get('/api/v1/workforce/specialists', { schema: { tags, querystring: listSpecialistsQuery, response: { 200: specialistListSchema } } },
    async (req) => listSpecialists(ctxOf(deps, req), req.query));
  r.post('/api/v1/workforce/specialists', { schema: { tags, body: createSpecialistBody, response: { 201: specialistSchema } } },
    async (req, reply) => reply.code(201).send(await createSpecialist(ctxOf(deps, req), req.body)));
  r.patch('/api/v1/workforce/specialists/:id', { schema: { tags, params: idParams, body: patchSpecialistBody, response: { 200: specialistSchema } } },
    async (req) => updateSpecialist(ctxOf(deps, req), req.params.id, req.body));

  r.get('/api/v1/workforce/norms', { schema: { tags, response: { 200: normsSchema } } }, async (req) => getNorms(ctxOf(deps, req)));
  r.put('/api/v1/workforce/norms', { schema: { tags, body: putNormsBody, response: { 200: normsSchema }, description: 'National staffing norms (administrators of national scope).' } },
    async (req) => putNorms(ctxOf(deps, req), req.body));

  r.get('/api/v1/workforce/schools', {
    schema: {
      tags, querystring: schoolMetricsQuery, response: { 200: schoolMetricsListSchema },
      description: 'Per active school: students, FTE by kind, students per FTE, need and gap against the norm, open caseload (open concerns + reports not closed naming the school — a proxy until family cases exist). Largest gap first.',
    },
  }, async (req) => schoolMetrics(ctxOf(deps, req), req.query));
  r.get('/api/v1/workforce/summary', {
    schema: { tags, querystring: summaryQuery, response: { 200: summarySchema }, description: 'Totals per region (or per district of regionCode) for one specialist kind: students, FTE, need, gap, under-served schools.' },
  }, async (req) => workforceSummary(ctxOf(deps, req), req.query));

  r.post('/api/v1/workforce/allocation', {
    schema: {
      tags, body: allocationBody, response: { 200: allocationSchema },
      description: 'The recommended placement of `positions` FTE in steps of `step` that minimises the sum of squared gaps (docs/workforce.md); reassign mode may also move up to maxMoved (default positions) FTE from schools above the norm. Saves nothing.',
    },
  }, async (req) => planAllocation(ctxOf(deps, req), req.body));

  for (const ext of ['xlsx', 'csv'] as const) {
    r.get(`/api/v1/workforce/allocation.${ext}`, { schema: { tags, querystring: allocationQuery, description: `The recommended allocation as ${ext.toUpperCase()}.` } }, async (req, reply) => {
      const ctx = ctxOf(deps, req);
      const { lang, ...body } = req.query;
      const plan = await planAllocation(ctx, body, 'export');
      const locale = lang ?? ctx.actor.locale;
      const name = `qorgau-allocation-${plan.regionCode ?? 'KZ'}-${plan.kind}.${ext}`;
      const file = ext === 'xlsx' ? await allocationXlsx(plan, locale) : allocationCsv(plan, locale);
      return reply.type(ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`).send(file);
    });
  }
}
