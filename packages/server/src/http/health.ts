import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseReachable } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';
import { errorBody } from './errors.ts';

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() }) } },
    config: { rateLimit: false },
  }, async () => ({ status: 'ok' as const, database: deps.database.kind, version: deps.config.version }));

  // readiness: the database answers (a load balancer takes the instance out when it does not)
  r.get('/api/ready', { schema: { tags: ['operations'] }, config: { rateLimit: false } }, async (_req, reply) => {
    if (await databaseReachable(deps.database)) return { status: 'ready' };
    return reply.code(503).send(errorBody('unavailable', 'The database does not answer.'));
  });
}
