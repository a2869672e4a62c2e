import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { previewBody, previewSchema, versionSchema } from './schema.ts';
import { activate, createDraft, deleteDraft, getActive, getVersion, listVersions, preview, updateDraft } from './service.ts';

const versionParams = z.object({ version: z.coerce.number().int().positive() });
const draftBody = z.object({ definition: z.unknown(), note: z.string().max(500).optional() }).strict();

export function protocolRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['protocol'];

  // anyone signed in may read the protocol in force
  r.get('/api/v1/protocol', { schema: { tags, response: { 200: versionSchema } } }, async (req) => getActive(ctxOf(deps, req)));
  r.get('/api/v1/protocol/versions', { schema: { tags, response: { 200: z.object({ items: z.array(versionSchema.omit({ definition: true })) }) } } },
    async (req) => ({ items: await listVersions(ctxOf(deps, req)) }));
  r.get('/api/v1/protocol/versions/:version', { schema: { tags, params: versionParams, response: { 200: versionSchema } } },
    async (req) => getVersion(ctxOf(deps, req), req.params.version));
  r.post('/api/v1/protocol/versions', { schema: { tags, body: draftBody, response: { 201: versionSchema } } },
    async (req, reply) => reply.code(201).send(await createDraft(ctxOf(deps, req), req.body)));
  r.put('/api/v1/protocol/versions/:version', { schema: { tags, params: versionParams, body: draftBody, response: { 200: versionSchema } } },
    async (req) => updateDraft(ctxOf(deps, req), req.params.version, req.body));
  r.delete('/api/v1/protocol/versions/:version', { schema: { tags, params: versionParams } }, async (req, reply) => {
    await deleteDraft(ctxOf(deps, req), req.params.version);
    return reply.code(204).send();
  });
  r.post('/api/v1/protocol/versions/:version/activate', { schema: { tags, params: versionParams, response: { 200: versionSchema } } },
    async (req) => activate(ctxOf(deps, req), req.params.version));
  r.post('/api/v1/protocol/preview', { schema: { tags, body: previewBody, response: { 200: previewSchema } } },
    async (req) => preview(ctxOf(deps, req), req.body));
}
