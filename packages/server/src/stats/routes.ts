import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { incidentStats, incidentStatsQuery, incidentStatsSchema } from './incidents.ts';

export function statsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/stats/incidents', {
    schema: {
      tags: ['stats'], querystring: incidentStatsQuery, response: { 200: incidentStatsSchema },
      description: 'Incidents counted by the date the report was received (Kazakhstan time). groupBy: region (regionCode), district (districtCode), type, channel, place, sex and ageGroup (of the victims), relation (of the alleged perpetrators). growthPercent: against the previous period of the same group, one decimal, null where there is none or it was 0. Only what the caller may see.',
    },
  }, async (req) => incidentStats(ctxOf(deps, req), req.query));
}
