import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { dryRunFlag, IMPORT_MULTIPART_LIMITS, receiveImportFile } from '../imports/upload.ts';
import { importProviders, PROVIDER_COLUMNS, providerImportResultSchema, providerTemplateCsv } from './import.ts';
import {
  createProviderBody, occupancyBody, patchProviderBody, providerDetailSchema, providerListSchema, searchProvidersQuery,
} from './schema.ts';
import { createProvider, getProvider, searchProviders, setOccupancy, updateProvider } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function serviceRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: IMPORT_MULTIPART_LIMITS });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['services'];

    r.get('/api/v1/services/providers', {
      schema: {
        tags, querystring: searchProvidersQuery, response: { 200: providerListSchema },
        description: 'The service directory (organisations only, no personal data): q searches the three names, case-insensitive; age keeps providers serving that age; available=true those with a free place or no limit. For users with cases.read, referrals.handle or services.manage.',
      },
    }, async (req) => searchProviders(ctxOf(deps, req), req.query));
    r.get('/api/v1/services/providers/:id', { schema: { tags, params: idParams, response: { 200: providerDetailSchema } } },
      async (req) => getProvider(ctxOf(deps, req), req.params.id));
    r.post('/api/v1/services/providers', { schema: { tags, body: createProviderBody, response: { 201: providerDetailSchema }, description: 'services.manage: administrators anywhere, regional coordinators in their region.' } },
      async (req, reply) => reply.code(201).send(await createProvider(ctxOf(deps, req), req.body)));
    r.patch('/api/v1/services/providers/:id', { schema: { tags, params: idParams, body: patchProviderBody, response: { 200: providerDetailSchema }, description: 'Edit a provider; active=false takes it out of the directory (its referrals stay).' } },
      async (req) => updateProvider(ctxOf(deps, req), req.params.id, req.body));
    r.put('/api/v1/services/providers/:id/occupancy', { schema: { tags, params: idParams, body: occupancyBody, response: { 200: providerDetailSchema }, description: 'Places taken now, reported by the provider\'s own staff (referrals.handle in its unit) or its managers; audited with the old and new numbers.' } },
      async (req) => setOccupancy(ctxOf(deps, req), req.params.id, req.body.occupancy));

    r.post('/api/v1/services/providers/import', {
      schema: {
        tags, consumes: ['multipart/form-data'], querystring: z.object({ dryRun: dryRunFlag }), response: { 200: providerImportResultSchema },
        description: `Providers from CSV (UTF-8) or XLSX in the multipart field \`file\`. Columns: ${PROVIDER_COLUMNS.map((c) => c.name + (c.required ? ' (required)' : '')).join(', ')}. dryRun (default true) lists every bad row; a real run upserts by external_id in one transaction, or nothing (400). See docs/services.md.`,
      },
    }, async (req) => {
      const ctx = ctxOf(deps, req);
      const { bytes } = await receiveImportFile(req);
      return importProviders(ctx, bytes, req.query.dryRun);
    });
    r.get('/api/v1/services/providers/import/template.csv', { schema: { tags, description: 'The header row of the provider import and one example row (UTF-8 CSV with BOM).' } }, async (req, reply) => {
      ctxOf(deps, req);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="qorgau-providers-template.csv"').send(providerTemplateCsv());
    });
  });
}
