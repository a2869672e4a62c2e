// Keyset pagination cursors: (instant, id) of the last row of a page, opaque to clients.
import { validation } from './errors.ts';

export type Cursor = { at: string; id: string };

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');

export function decodeCursor(s: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { at, id };
  } catch {
    throw validation([{ path: 'cursor', message: 'must be a cursor returned by a previous page' }]);
  }
}
