// The bytes of attachments live in the data directory, outside the web root, under names we
// choose (`<yyyy>/<mm>/<uuid>`): the user's file name never reaches the file system. A file is
// written to `tmp/` first and renamed into place once complete.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

export const attachmentsRoot = (dataDir: string) => path.join(dataDir, 'attachments');

function fsCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

const FS_FAILURES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EIO', 'EMFILE', 'ENFILE', 'ENOENT', 'EEXIST', 'EBUSY', 'EXDEV', 'ELOOP', 'ENAMETOOLONG']);

/** A failing disk is the server's problem, said plainly, without paths. */
export function storageError(err: unknown): AppError | null {
  const code = fsCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('insufficient_storage', 'The file store is full. The file was not saved; tell the administrator.');
  }
  if (code && FS_FAILURES.has(code)) {
    return new AppError('storage_unavailable', 'The file store cannot be written to right now. The file was not saved; try again later or tell the administrator.', [], { 'retry-after': '60' });
  }
  return null;
}

export type Received = { tmpPath: string; size: number; sha256: string };

/** Streams an upload to a temporary file, hashing it on the way. Removes the file on any failure. */
export async function receiveToTemp(dataDir: string, source: Readable): Promise<Received> {
  const dir = path.join(attachmentsRoot(dataDir), 'tmp');
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await pipeline(source, meter, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
    throw storageError(err) ?? err;
  }
  return { tmpPath, size, sha256: hash.digest('hex') };
}

/** Moves a complete temporary file to its final place; returns its storage key. */
export async function commitFile(dataDir: string, tmpPath: string, at: Date): Promise<string> {
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  const key = `${yyyy}/${mm}/${randomUUID()}`;
  try {
    await fsp.mkdir(path.join(attachmentsRoot(dataDir), yyyy, mm), { recursive: true, mode: 0o700 });
    await fsp.rename(tmpPath, pathOf(dataDir, key));
  } catch (err) {
    await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
    throw storageError(err) ?? err;
  }
  return key;
}

export function pathOf(dataDir: string, storageKey: string): string {
  // keys are ours, but a tampered row must still not reach outside the store
  if (!STORAGE_KEY.test(storageKey)) throw new Error('invalid storage key');
  return path.join(attachmentsRoot(dataDir), ...storageKey.split('/'));
}

export async function removeFile(dataDir: string, storageKey: string): Promise<void> {
  await fsp.rm(pathOf(dataDir, storageKey), { force: true });
}

/** Opens a stored file for reading; null when it is missing. */
export async function openStored(dataDir: string, storageKey: string): Promise<ReadStream | null> {
  const file = pathOf(dataDir, storageKey);
  try {
    await fsp.access(file);
  } catch {
    return null;
  }
  return createReadStream(file);
}

export async function removeTemp(tmpPath: string): Promise<void> {
  await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
}
