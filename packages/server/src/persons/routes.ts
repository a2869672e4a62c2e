import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { isoDate, personSchema } from './schema.ts';
import { getPerson, searchPersons } from './service.ts';
import { matchBody, matchPersons } from './match.ts';

export function personRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['persons'];

  r.get('/api/v1/persons/search', {
    schema: {
      tags,
      querystring: z.object({ q: z.string().trim().min(2, 'at least 2 characters').max(200), birthDate: isoDate.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ items: z.array(personSchema.extend({ score: z.number(), age: z.number().nullable() })) }) },
    },
  }, async (req) => ({ items: await searchPersons(ctxOf(deps, req), req.query) }));

  r.get('/api/v1/persons/:id', {
    schema: {
      tags, params: z.object({ id: z.string().uuid('must be a person id') }),
      // mergedInto: this record was merged into another (record linkage); follow it
      response: { 200: personSchema.extend({ age: z.number().nullable(), mergedInto: z.string().nullable(), reports: z.array(z.object({ id: z.string(), number: z.string(), role: z.string(), status: z.string(), receivedAt: z.string() })) }) },
    },
  }, async (req) => getPerson(ctxOf(deps, req), req.params.id));

  r.post('/api/v1/persons/match', {
    schema: {
      tags, body: matchBody,
      response: { 200: z.object({ items: z.array(z.object({
        person: personSchema, score: z.number(), reasons: z.array(z.string()),
        openReports: z.array(z.object({ id: z.string(), number: z.string(), receivedAt: z.string(), status: z.string() })),
      })) }) },
    },
  }, async (req) => ({ items: await matchPersons(ctxOf(deps, req), req.body) }));
}
