import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { auditCtx, ctxOf } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { can } from '../access/policy.ts';
import { startLinkage } from './run.ts';
import {
  candidateSchema, candidateSummarySchema, distinctBody, listCandidatesQuery, listMergesQuery, mergeBody, mergeSchema, runBody, runSchema, undoBody,
} from './schema.ts';
import { getCandidate, listCandidates, listMerges, listRuns, markDistinct, mergeCandidate, undoMerge } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });
const thresholds = z.object({ upper: z.number(), lower: z.number() });
const runStarted = z.object({ id: z.string(), finishedAt: z.string().nullable(), candidates: z.number() });

export function linkageRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['linkage'];

  r.get('/api/v1/linkage/candidates', {
    schema: { tags, querystring: listCandidatesQuery, response: { 200: z.object({ items: z.array(candidateSummarySchema), nextCursor: z.string().nullable(), thresholds }) } },
  }, async (req) => listCandidates(ctxOf(deps, req), req.query));

  r.get('/api/v1/linkage/candidates/:id', { schema: { tags, params: idParams, response: { 200: candidateSchema } } },
    async (req) => getCandidate(ctxOf(deps, req), req.params.id));

  r.post('/api/v1/linkage/candidates/:id/merge', { schema: { tags, params: idParams, body: mergeBody, response: { 200: mergeSchema } } },
    async (req) => mergeCandidate(ctxOf(deps, req), req.params.id, req.body));

  r.post('/api/v1/linkage/candidates/:id/distinct', { schema: { tags, params: idParams, body: distinctBody, response: { 200: candidateSchema } } },
    async (req) => markDistinct(ctxOf(deps, req), req.params.id, req.body));

  r.get('/api/v1/linkage/merges', { schema: { tags, querystring: listMergesQuery, response: { 200: z.object({ items: z.array(mergeSchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listMerges(ctxOf(deps, req), req.query));

  r.post('/api/v1/linkage/merges/:id/undo', { schema: { tags, params: idParams, body: undoBody, response: { 200: mergeSchema } } },
    async (req) => undoMerge(ctxOf(deps, req), req.params.id, req.body));

  r.get('/api/v1/linkage/runs', { schema: { tags, response: { 200: z.object({ items: z.array(runSchema) }) } } },
    async (req) => ({ items: await listRuns(ctxOf(deps, req)) }));

  // a run over the whole register; without `wait` it continues in the background (202), GET /runs shows when it is done
  r.post('/api/v1/linkage/runs', {
    schema: { tags, body: runBody, response: { 200: runStarted, 202: runStarted } },
  }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    if (!can(ctx.actor, 'linkage.review')) throw forbidden('Your role does not review record linkage.');
    const { id, done } = await startLinkage(deps, { startedBy: ctx.actor.id, audit: auditCtx(ctx) });
    if (req.body.wait) {
      const run = await done;
      return reply.code(200).send({ id: run.id, finishedAt: run.finishedAt, candidates: run.candidates });
    }
    done.catch((err: unknown) => deps.log.warn({ runId: id, err: { message: (err as Error).message } }, 'linkage run failed'));
    return reply.code(202).send({ id, finishedAt: null, candidates: 0 });
  });
}
