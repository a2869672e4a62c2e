// A zip bomb stops here: an XLSX is a zip, and 10 MB of deflate can unpack to gigabytes, which the
// workbook reader would hold in memory. Before the reader sees the file, every entry is inflated
// as a stream, counting bytes and keeping none, with a ceiling on what it may produce (so sizes
// that lie in the headers do not help), and the total is held to a budget. Structures this
// reader cannot follow are left to the workbook reader, which refuses them with its own error.
import zlib from 'node:zlib';

/** What a workbook of 50,000 rows needs, with room to spare. */
export const MAX_XLSX_UNPACKED = 200 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64 = 0xffffffff;

export type ZipCheck = { ok: true; unpacked: number } | { ok: false; reason: 'too_large'; unpacked: number } | { ok: false; reason: 'unreadable' };

function endOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/** What a deflate stream unpacks to, counted chunk by chunk (nothing kept), stopping past the limit. */
function inflatedSize(data: Buffer, limit: number): Promise<number | 'too_large' | 'unreadable'> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve('too_large');
      }
    });
    inflate.on('error', () => resolve('unreadable'));
    inflate.on('end', () => resolve(size));
    inflate.end(data);
  });
}

/** Inflates every entry of the zip within the budget; says how much it unpacks to, or why it stopped. */
export async function checkZipBudget(buf: Buffer, budget = MAX_XLSX_UNPACKED): Promise<ZipCheck> {
  if (buf.length < 22) return { ok: false, reason: 'unreadable' };
  const eocd = endOfCentralDirectory(buf);
  if (eocd < 0) return { ok: false, reason: 'unreadable' };
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: 'unreadable' };
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const local = buf.readUInt32LE(at + 42);
    const next = at + 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (compressed === ZIP64 || declared === ZIP64 || local === ZIP64) return { ok: false, reason: 'too_large', unpacked };
    if (unpacked + declared > budget) return { ok: false, reason: 'too_large', unpacked: unpacked + declared };
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'unreadable' };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return { ok: false, reason: 'unreadable' };
    const data = buf.subarray(start, start + compressed);
    if (method === 0) unpacked += data.length;
    else if (method === 8) {
      const size = await inflatedSize(data, budget - unpacked);
      if (size === 'unreadable') return { ok: false, reason: 'unreadable' };
      if (size === 'too_large') return { ok: false, reason: 'too_large', unpacked: budget + 1 };
      unpacked += size;
    } else return { ok: false, reason: 'unreadable' };
    if (unpacked > budget) return { ok: false, reason: 'too_large', unpacked };
    at = next;
  }
  return { ok: true, unpacked };
}
