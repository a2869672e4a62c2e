import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { cleanFileName } from '../attachments/service.ts';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { COLUMNS, templateCsv } from './layout.ts';
import { importReports } from './service.ts';
import { dryRunFlag, IMPORT_MULTIPART_LIMITS, receiveImportFile } from './upload.ts';

const resultSchema = z.object({
  batchId: z.string().nullable(),
  dryRun: z.boolean(),
  kind: z.enum(['csv', 'xlsx']),
  rows: z.number(),
  valid: z.number(),
  errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
  errorCount: z.number(),
  wouldCreate: z.number(),
  alreadyImported: z.number(),
  created: z.number(),
});


export function importRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: IMPORT_MULTIPART_LIMITS });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['imports'];

    r.post('/api/v1/imports/reports', {
      schema: {
        tags, consumes: ['multipart/form-data'], querystring: z.object({ dryRun: dryRunFlag }),
        description: `Legacy reports from CSV (UTF-8) or XLSX in the multipart field \`file\` (at most 10 MB, 50,000 rows). One row = one report; columns: ${COLUMNS.map((c) => c.name + (c.required ? ' (required)' : '')).join(', ')} — see GET /api/v1/imports/template.csv and docs/import-attachments-public.md. \`dryRun\` (default true) checks every row and writes nothing but the batch record; a real run imports all rows in one transaction, or nothing (400 with every problem) — rows whose externalId was imported before are skipped.`,
        response: { 200: resultSchema, 201: resultSchema },
      },
    }, async (req, reply) => {
      const ctx = ctxOf(deps, req);
      if (!can(ctx.actor, 'reports.import')) throw forbidden('Your role does not import records.');
      const { fileName, bytes } = await receiveImportFile(req);
      const result = await importReports(ctx, { name: cleanFileName(fileName), bytes }, req.query.dryRun);
      return reply.code(result.dryRun ? 200 : 201).send(result);
    });

    r.get('/api/v1/imports/template.csv', {
      schema: { tags, description: 'The header row of the import layout and one example row (UTF-8 CSV with BOM).' },
    }, async (req, reply) => {
      ctxOf(deps, req);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="qorgau-reports-template.csv"').send(templateCsv());
    });
  });
}
