import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from './parse.ts';
import { checkZipBudget } from './zip-guard.ts';

/** A one-entry zip; `declared` is what the headers claim the entry unpacks to. */
function zip(name: string, content: Buffer, declared = content.length): Buffer {
  const data = zlib.deflateRawSync(content, { level: 9 });
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(declared, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20); central.writeUInt32LE(declared, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

describe('zip guard', () => {
  it('passes a real workbook and says what it unpacks to', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('data').addRows([['a', 'b'], ['1', '2']]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const check = await checkZipBudget(bytes);
    expect(check.ok).toBe(true);
    expect(check.ok && check.unpacked).toBeGreaterThan(bytes.length);
  });

  it('stops an entry that unpacks beyond the budget, also when its header lies about the size', async () => {
    const bomb = Buffer.alloc(8 * 1024 * 1024, 0x20);
    expect(await checkZipBudget(zip('xl/worksheets/sheet1.xml', bomb), 1024 * 1024)).toMatchObject({ ok: false, reason: 'too_large' });
    // the headers claim 100 bytes: inflating finds the truth
    expect(await checkZipBudget(zip('xl/worksheets/sheet1.xml', bomb, 100), 1024 * 1024)).toMatchObject({ ok: false, reason: 'too_large' });
    expect(await checkZipBudget(zip('xl/worksheets/sheet1.xml', bomb), 16 * 1024 * 1024)).toEqual({ ok: true, unpacked: bomb.length });
  });

  it('leaves what it cannot follow to the workbook reader', async () => {
    expect(await checkZipBudget(Buffer.from('PK\x03\x04 not really a zip'))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('an import refuses a zip bomb with 413 before reading it', async () => {
    // 300 MB of spaces deflate to about 300 KB
    const bomb = zip('xl/worksheets/sheet1.xml', Buffer.alloc(300 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(readSheet(bomb)).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
