import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { AppError, validation } from '../http/errors.ts';
import { MAX_IMPORT_BYTES } from '../imports/parse.ts';
import { importSchools, SCHOOL_COLUMNS, schoolImportResultSchema, schoolTemplateCsv } from './import.ts';
import { createSchool, createSchoolBody, getSchool, listSchools, listSchoolsQuery, patchSchoolBody, schoolListSchema, schoolSchema, updateSchool } from './service.ts';

const idParams = z.object({ id: z.string().max(100) });
const flag = z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1');

export function schoolRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
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
        tags, consumes: ['multipart/form-data'], querystring: z.object({ dryRun: flag }), response: { 200: schoolImportResultSchema },
        description: `Schools from CSV (UTF-8) or XLSX in the multipart field \`file\`. Columns: ${SCHOOL_COLUMNS.map((c) => c.name + (c.required ? ' (required)' : '')).join(', ')}. dryRun (default true) lists every bad row; a real run upserts by external_id in one transaction, or nothing (400). See docs/workforce.md.`,
      },
    }, async (req) => {
      const ctx = ctxOf(deps, req);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".', [{ path: 'file', message: 'required' }]);
      const part = await req.file();
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw validation([{ path: 'file', message: 'required: send the file in the multipart field "file"' }]);
      }
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (err) {
        if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'The file is larger than 10 MB. Split it into several files.');
        throw err;
      }
      return importSchools(ctx, bytes, req.query.dryRun);
    });

    r.get('/api/v1/schools/import/template.csv', { schema: { tags, description: 'The header row of the school import and one example row (UTF-8 CSV with BOM).' } }, async (req, reply) => {
      ctxOf(deps, req);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="qorgau-schools-template.csv"').send(schoolTemplateCsv());
    });
  });
}
