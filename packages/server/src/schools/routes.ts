import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { dryRunFlag, IMPORT_MULTIPART_LIMITS, receiveImportFile } from '../imports/upload.ts';
import { importSchools, SCHOOL_COLUMNS, schoolImportResultSchema, schoolTemplateCsv } from './import.ts';
import { createSchool, createSchoolBody, getSchool, listSchools, listSchoolsQuery, patchSchoolBody, schoolListSchema, schoolSchema, updateSchool } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function schoolRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: IMPORT_MULTIPART_LIMITS });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['schools'];

    r.get('/api/v1/schools', {
      schema: { tags, querystring: listSchoolsQuery, response: { 200: schoolListSchema }, description: 'The school registry within the caller\'s territory; q searches the three names (case-insensitive) and the external id.' },
    }, async (req) => listSchools(ctxOf(deps, req), req.query));
    r.get('/api/v1/schools/:id', { schema: { tags, params: idParams, response: { 200: schoolSchema.extend({ rights: z.object({ manage: z.boolean() }) }) } } },
      async (req) => getSchool(ctxOf(deps, req), req.params.id));
    r.post('/api/v1/schools', { schema: { tags, body: createSchoolBody, response: { 201: schoolSchema } } },
      async (req, reply) => reply.code(201).send(await createSchool(ctxOf(deps, req), req.body)));
    r.patch('/api/v1/schools/:id', { schema: { tags, params: idParams, body: patchSchoolBody, response: { 200: schoolSchema } } },
      async (req) => updateSchool(ctxOf(deps, req), req.params.id, req.body));

    r.post('/api/v1/schools/import', {
      schema: {
        tags, consumes: ['multipart/form-data'], querystring: z.object({ dryRun: dryRunFlag }), response: { 200: schoolImportResultSchema },
        description: `Schools from CSV (UTF-8) or XLSX in the multipart field \`file\`. Columns: ${SCHOOL_COLUMNS.map((c) => c.name + (c.required ? ' (required)' : '')).join(', ')}. dryRun (default true) lists every bad row; a real run upserts by external_id in one transaction, or nothing (400). See docs/workforce.md.`,
      },
    }, async (req) => {
      const ctx = ctxOf(deps, req);
      const { bytes } = await receiveImportFile(req);
      return importSchools(ctx, bytes, req.query.dryRun);
    });

    r.get('/api/v1/schools/import/template.csv', { schema: { tags, description: 'The header row of the school import and one example row (UTF-8 CSV with BOM).' } }, async (req, reply) => {
      ctxOf(deps, req);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="qorgau-schools-template.csv"').send(schoolTemplateCsv());
    });
  });
}
