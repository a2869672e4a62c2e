import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { exportProfiles, profiles } from './profiles.ts';
import { caseFlagsSchema, personFlagsSchema, profilesQuery, profilesSchema, registerQuery, registerSchema } from './schema.ts';
import { caseFlags, personFlags, riskRegister } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function warningRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['early warning'];
  r.get('/api/v1/persons/:id/flags', {
    schema: { tags, params: idParams, response: { 200: personFlagsSchema }, description: 'A child\'s early-warning flags, each with why (codes, numbers, ids and dates). For whoever may read the person or a case they are a member of.' },
  }, async (req) => personFlags(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/cases/:id/flags', {
    schema: { tags, params: idParams, response: { 200: caseFlagsSchema }, description: 'The flags of the case\'s members (those now in the household), for whoever may read the case.' },
  }, async (req) => caseFlags(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/risk-register', {
    schema: {
      tags, querystring: registerQuery, response: { 200: registerSchema },
      description: 'Children with flags in the caller\'s territory (school, district, region or the country), with counts per district and school. Case readers (cases.read) get the children with their flags, most flags first (limit/offset); analysts (stats.read) the counts only.',
    },
  }, async (req) => riskRegister(ctxOf(deps, req), req.query));

  r.get('/api/v1/stats/profiles', {
    schema: {
      tags: ['stats'], querystring: profilesQuery,
      description: 'Over the cases closed in the period: subject children by age group and sex, each risk factor\'s share, and the factor pairs seen together most (count, share, lift). Values 1–4 are suppressed ("small"), others hidden to protect them ("protect"). format=csv|xlsx downloads a file in `locale`.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    const result = profilesSchema.parse(await profiles(ctx, req.query));
    if (req.query.format === 'json') return result;
    const file = await exportProfiles(result, req.query.format, req.query.locale);
    const name = `qorgau-profiles-${req.query.from}-${req.query.to}.${file.extension}`;
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
  });
}
