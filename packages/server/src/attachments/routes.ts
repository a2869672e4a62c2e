import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { contentDisposition, listAttachments, openAttachment, uploadAttachment, type Upload } from './service.ts';
import { MAX_ATTACHMENT_BYTES } from './storage.ts';
import { taskForUpload } from '../tasks/service.ts';

const attachmentSchema = z.object({
  id: z.string(), reportId: z.string(), taskId: z.string().nullable(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number(), sha256: z.string(),
  uploadedBy: z.string().nullable(), uploadedAt: z.string(),
});

const idParams = z.object({ id: z.string().max(100) });

/** The one file of a multipart upload, read only when the service asks for it (after access checks). */
async function nextFile(req: FastifyRequest): Promise<Upload | null> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".', [{ path: 'file', message: 'required' }]);
  const part = await req.file();
  if (!part) return null;
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new AppError('validation_failed', 'The file must be sent in the multipart field "file".', [{ path: 'file', message: 'required' }]);
  }
  return { fileName: part.filename, stream: part.file, truncated: () => part.file.truncated };
}

export function attachmentRoutes(app: FastifyInstance, deps: Deps): void {
  // multipart parsing only in this scope, with its own limits
  void app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['attachments'];

    r.post('/api/v1/reports/:id/attachments', {
      schema: {
        tags, params: idParams, consumes: ['multipart/form-data'],
        description: `One file in the multipart field \`file\`, at most 20 MB. The type is decided by the content; PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, UTF-8 text, MP3, M4A and OGG are accepted (415 otherwise, also when the name's extension disagrees with the content).`,
        response: { 201: attachmentSchema },
      },
    }, async (req, reply) => {
      return reply.code(201).send(await uploadAttachment(ctxOf(deps, req), req.params.id, () => nextFile(req)));
    });

    r.post('/api/v1/tasks/:id/attachments', {
      schema: {
        tags, params: idParams, consumes: ['multipart/form-data'],
        description: 'A document of the action taken on a task (same rules as report attachments); listed with the report\'s attachments with its taskId.',
        response: { 201: attachmentSchema },
      },
    }, async (req, reply) => {
      const ctx = ctxOf(deps, req);
      const { reportId } = await taskForUpload(ctx, req.params.id);
      return reply.code(201).send(await uploadAttachment(ctx, reportId, () => nextFile(req), { taskId: req.params.id }));
    });

    r.get('/api/v1/reports/:id/attachments', {
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(attachmentSchema), redacted: z.boolean() }) } },
    }, async (req) => listAttachments(ctxOf(deps, req), req.params.id));

    r.get('/api/v1/attachments/:id', {
      schema: { tags, params: idParams, description: 'The file, as a download (`Content-Disposition: attachment`). Audited.' },
    }, async (req, reply) => {
      const { row, stream } = await openAttachment(ctxOf(deps, req), req.params.id);
      return reply
        .type(row.mimeType.startsWith('text/') ? `${row.mimeType}; charset=utf-8` : row.mimeType)
        .header('content-length', String(row.sizeBytes))
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    });
  });
}
