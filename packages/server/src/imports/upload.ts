// Receiving a spreadsheet for an import (legacy reports, schools): one file in the multipart
// field `file`, at most MAX_IMPORT_BYTES, read into memory for the parser.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, validation } from '../http/errors.ts';
import { MAX_IMPORT_BYTES } from './parse.ts';

/** Limits for @fastify/multipart in a scope that takes imports. */
export const IMPORT_MULTIPART_LIMITS = { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 };

/** `?dryRun=` — true unless said otherwise: an import checks before it writes. */
export const dryRunFlag = z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1');

function fileTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE';
}

export async function receiveImportFile(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".', [{ path: 'file', message: 'required' }]);
  const part = await req.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw validation([{ path: 'file', message: 'required: send the file in the multipart field "file"' }]);
  }
  try {
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (err) {
    if (fileTooLarge(err)) throw new AppError('payload_too_large', 'The file is larger than 10 MB. Split it into several files.');
    throw err;
  }
}
