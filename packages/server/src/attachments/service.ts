// Files attached to reports: only those who may read the report see or add them; every upload
// and download is audited (ids, sizes and types only — never file names).
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import { authorizeRecord, can, type Decision } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { attachments, reports, taskEvents } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, auditedForbidden, validation } from '../http/errors.ts';
import { denyAsNotFound, isUuid, reportScope } from '../reports/service.ts';
import { ACCEPTED_SUMMARY, extensionOf, sniffFile } from './sniff.ts';
import { commitFile, openStored, receiveToTemp, removeFile, removeTemp } from './storage.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export type AttachmentDto = {
  id: string; reportId: string; taskId: string | null; fileName: string; mimeType: string; sizeBytes: number; sha256: string; uploadedBy: string | null; uploadedAt: string;
};

const toDto = (a: AttachmentRow): AttachmentDto => ({
  id: a.id, reportId: a.reportId, taskId: a.taskId, fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, sha256: a.sha256,
  uploadedBy: a.uploadedBy, uploadedAt: a.uploadedAt.toISOString(),
});

/**
 * A file name as shown and offered on download: no directories, no control or bidi-override
 * characters, at most 200 characters (the extension kept).
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/^[.\s]+/, '').trim();
  if (name.length > 200) {
    const ext = extensionOf(name);
    name = ext ? `${name.slice(0, 199 - ext.length)}.${ext}` : name.slice(0, 200);
  }
  return name || 'file';
}

/** The report a user wants to work with, if they may read it; otherwise a 404 audited as denied. */
async function readableReport(ctx: Ctx, reportId: string, entityType = 'report'): Promise<{ row: typeof reports.$inferSelect; decision: Extract<Decision, { allowed: true }> }> {
  if (!isUuid(reportId)) throw new AppError('not_found', `The ${entityType} does not exist or is not visible to you.`);
  const [row] = await ctx.db.select().from(reports).where(eq(reports.id, reportId));
  if (!row) return denyAsNotFound(ctx, entityType, reportId, 'missing');
  const decision = authorizeRecord(ctx.actor, 'read', reportScope(row));
  if (!decision.allowed) return denyAsNotFound(ctx, entityType, reportId, decision.reason);
  return { row, decision };
}

export type Upload = { fileName: string | undefined; stream: Readable; truncated(): boolean };

/**
 * Checks access before a byte is read: `next()` yields the upload only once the caller may add
 * files to the report.
 */
export async function uploadAttachment(ctx: Ctx, reportId: string, next: () => Promise<Upload | null>, opts: { taskId?: string } = {}): Promise<AttachmentDto> {
  // a document of a task's action: the task's own rights were checked by the caller (tasks/service.ts)
  if (!opts.taskId) await readableReport(ctx, reportId);
  if (!opts.taskId && !can(ctx.actor, 'reports.create') && !can(ctx.actor, 'reports.update')) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'attachment', entityId: null, details: { reportId, reason: 'capability' } });
    throw auditedForbidden('Your role does not add files to reports.');
  }
  const upload = await next();
  if (!upload) throw validation([{ path: 'file', message: 'required: send the file as multipart/form-data in the field "file"' }]);
  const fileName = cleanFileName(upload.fileName);
  const received = await receiveToTemp(ctx.config.dataDir, upload.stream);
  let committed: string | null = null;
  try {
    if (upload.truncated()) throw new AppError('payload_too_large', 'The file is larger than 20 MB.');
    if (received.size === 0) throw validation([{ path: 'file', message: 'the file is empty' }]);
    const sniffed = await sniffFile(received.tmpPath);
    if (!sniffed.ok) {
      throw new AppError('unsupported_media_type', `This kind of file is not accepted: its content is ${sniffed.detected}. Accepted: ${ACCEPTED_SUMMARY}.`, [{ path: 'file', message: `content is ${sniffed.detected}` }]);
    }
    const ext = extensionOf(fileName);
    if (ext && !sniffed.extensions.includes(ext)) {
      throw new AppError('unsupported_media_type', `The file's name ends in .${ext} but its content is ${sniffed.label}. Upload the right file, or name it .${sniffed.extensions[0] ?? ''}.`,
        [{ path: 'file', message: `content is ${sniffed.label}, not .${ext}` }]);
    }
    const storedName = ext ? fileName : `${fileName}.${sniffed.extensions[0] ?? 'bin'}`;
    committed = await commitFile(ctx.config.dataDir, received.tmpPath, ctx.now);
    const storageKey = committed;
    const row = await ctx.db.transaction(async (tx) => {
      const [a] = await tx.insert(attachments).values({
        reportId, taskId: opts.taskId ?? null, fileName: storedName, mimeType: sniffed.mimeType, sizeBytes: received.size, sha256: received.sha256, storageKey,
        uploadedBy: ctx.actor.id, uploadedAt: ctx.now,
      }).returning();
      if (!a) throw new Error('attachment insert returned nothing');
      await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'attachment', entityId: a.id, details: { reportId, size: received.size, mimeType: sniffed.mimeType, ...(opts.taskId ? { taskId: opts.taskId } : {}) } });
      if (opts.taskId) {
        await tx.insert(taskEvents).values({ taskId: opts.taskId, reportId, at: ctx.now, userId: ctx.actor.id, kind: 'action', note: null, details: { attachmentId: a.id } });
      }
      return a;
    });
    committed = null;
    return toDto(row);
  } finally {
    await removeTemp(received.tmpPath);
    // the database write failed: the file must not stay behind without its row
    if (committed) await removeFile(ctx.config.dataDir, committed).catch(() => undefined);
  }
}

export async function listAttachments(ctx: Ctx, reportId: string): Promise<{ items: AttachmentDto[]; redacted: boolean }> {
  const { decision } = await readableReport(ctx, reportId);
  const rows = await ctx.db.select().from(attachments).where(eq(attachments.reportId, reportId)).orderBy(asc(attachments.uploadedAt), asc(attachments.id));
  // the files of a sensitive report are details: withheld like its narrative, except from their uploader
  const items = decision.redactSensitive ? rows.filter((a) => a.uploadedBy === ctx.actor.id) : rows;
  await writeAudit(ctx.db, auditCtx(ctx), {
    action: 'read', entityType: 'report_attachments', entityId: reportId,
    details: { ids: items.map((a) => a.id), ...(decision.redactSensitive ? { redacted: true } : {}) },
  });
  return { items: items.map(toDto), redacted: decision.redactSensitive };
}

export async function openAttachment(ctx: Ctx, id: string): Promise<{ row: AttachmentRow; stream: ReadStream }> {
  if (!isUuid(id)) throw new AppError('not_found', 'The attachment does not exist or is not visible to you.');
  const [row] = await ctx.db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) return denyAsNotFound(ctx, 'attachment', id, 'missing');
  const [report] = await ctx.db.select().from(reports).where(eq(reports.id, row.reportId));
  if (!report) return denyAsNotFound(ctx, 'attachment', id, 'missing');
  const decision = authorizeRecord(ctx.actor, 'read', reportScope(report));
  if (!decision.allowed) return denyAsNotFound(ctx, 'attachment', id, decision.reason);
  if (decision.redactSensitive && row.uploadedBy !== ctx.actor.id) return denyAsNotFound(ctx, 'attachment', id, 'sensitive');
  const stream = await openStored(ctx.config.dataDir, row.storageKey);
  if (!stream) {
    ctx.log.error({ attachmentId: id }, 'attachment file missing from the store');
    throw new AppError('not_found', 'The file is missing from the file store. The administrator can find the details in the log.');
  }
  try {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'download', entityType: 'attachment', entityId: id, details: { reportId: row.reportId, size: row.sizeBytes } });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { row, stream };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 8187): safe for any name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
