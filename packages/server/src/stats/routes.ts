import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { dashboard, dashboardQuery, dashboardSchema, mapData, mapQuery, mapSchema } from './dashboard.ts';
import { incidentStats, incidentStatsQuery, incidentStatsSchema } from './incidents.ts';
import { listPopulation, loadPopulation, populationBody, populationListQuery, populationListSchema, populationResultSchema } from './population.ts';
import { publicStats, publicStatsQuery, publicStatsSchema, regionTypeTable, tableQuery } from './tables.ts';
import { exportTable } from './export.ts';

export function statsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];
  r.get('/api/v1/stats/incidents', {
    schema: {
      tags, querystring: incidentStatsQuery, response: { 200: incidentStatsSchema },
      description: 'Incidents counted by the date the report was received (Kazakhstan time). groupBy: region (regionCode), district (districtCode), type, channel, place, sex and ageGroup (of the victims), relation (of the alleged perpetrators). growthPercent: against the previous period of the same group, one decimal, null where there is none or it was 0. Only what the caller may see.',
    },
  }, async (req) => incidentStats(ctxOf(deps, req), req.query));

  r.get('/api/v1/stats/dashboard', {
    schema: { tags, querystring: dashboardQuery, response: { 200: dashboardSchema }, description: 'Counts for the dashboard from the statistics rollup (seconds behind the register; `pending` says how many days are being recounted).' },
  }, async (req) => dashboard(ctxOf(deps, req), req.query));

  r.get('/api/v1/stats/map', {
    schema: { tags, querystring: mapQuery, response: { 200: mapSchema }, description: 'Regions, or the districts of `regionCode`, with count, rate per 10,000 children (when population figures are loaded) and growth.' },
  }, async (req) => mapData(ctxOf(deps, req), req.query));

  r.get('/api/v1/stats/tables/region-type', {
    schema: { tags, querystring: tableQuery, description: 'The official table region × type for a period, as JSON or exported (format=xlsx|csv|pdf) in the chosen language.' },
  }, async (req, reply) => {
    const table = await regionTypeTable(ctxOf(deps, req), req.query);
    if (req.query.format === 'json') return table;
    const file = await exportTable(table, req.query.format);
    const name = `qorgau-region-type-${req.query.from}-${req.query.to}.${file.extension}`;
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
  });

  r.post('/api/v1/stats/population', {
    schema: { tags, body: populationBody, response: { 200: populationResultSchema }, description: 'Child population CSV (year,region_code,district_code,children[,source]); dryRun (default true) lists every bad line; a real load is all or nothing.' },
  }, async (req) => loadPopulation(ctxOf(deps, req), req.body));
  r.get('/api/v1/stats/population', { schema: { tags, querystring: populationListQuery, response: { 200: populationListSchema } } },
    async (req) => listPopulation(ctxOf(deps, req), req.query));

  // the public figures: no sign-in, small counts suppressed, no personal data
  r.get('/api/v1/public/stats', {
    schema: { tags: ['public'], querystring: publicStatsQuery, response: { 200: publicStatsSchema }, description: 'Incidents by region × type for a year; values 1–4 shown as "<5" (mark small), values hidden to protect them marked protect.' },
  }, async (req) => publicStats(deps.db, req.query, deps.clock.now()));
}
