import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { PUBLIC_BODY_LIMIT, publicReportBody, publicReportStatus, submitPublicReport } from './service.ts';

/** Per address, counted from the first byte (onRequest), so refused and oversize requests count too. */
export const PUBLIC_LIMITS = {
  submit: { max: 5, timeWindow: 10 * 60_000 },
  lookup: { max: 60, timeWindow: 10 * 60_000 },
};

const byAddress = (prefix: string) => (req: FastifyRequest) => `${prefix}:${req.ip}`;

export function publicRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];

  r.post('/api/v1/public/reports', {
    bodyLimit: PUBLIC_BODY_LIMIT,
    config: { rateLimit: { ...PUBLIC_LIMITS.submit, hook: 'onRequest', keyGenerator: byAddress('public-submit') } },
    schema: {
      tags, body: publicReportBody,
      description: 'No sign-in. Registers a report (channel `online`, no victims: the hotline identifies the child) and returns a tracking code. At most 5 per address in 10 minutes; body at most 32 KB.',
      response: { 201: z.object({ trackingCode: z.string() }) },
    },
  }, async (req, reply) => reply.code(201).send(await submitPublicReport(deps, req.id, req.body)));

  r.get('/api/v1/public/reports/:trackingCode', {
    config: { rateLimit: { ...PUBLIC_LIMITS.lookup, hook: 'onRequest', keyGenerator: byAddress('public-lookup') } },
    schema: {
      tags, params: z.object({ trackingCode: z.string().max(64) }),
      description: 'No sign-in. The status of a report sent through the public form, and nothing else. Case, spaces and dashes in the code do not matter. At most 60 per address in 10 minutes.',
      response: { 200: z.object({ status: z.string() }) },
    },
  }, async (req) => publicReportStatus(deps, req.id, req.params.trackingCode));
}
