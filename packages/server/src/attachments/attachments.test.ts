import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachments } from '../db/schema.ts';
import { createHarness, sampleReport, type Harness, type TestUser, multipartFile } from '../test/harness.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('attachments', () => {
  let h: Harness;
  let operator: TestUser;
  let reportId: string;
  let dataDir: string;

  const upload = async (user: TestUser | null, id: string, fileName: string, content: Buffer, opts: { field?: string; type?: string } = {}) => {
    const body = multipartFile(fileName, content, opts);
    const res = await h.app.inject({
      method: 'POST', url: `/api/v1/reports/${id}/attachments`,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), 'content-type': body.contentType },
      payload: body.payload,
    });
    return { status: res.statusCode, json: JSON.parse(res.body || 'null'), headers: res.headers };
  };
  const download = (user: TestUser, id: string) => h.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: { authorization: `Bearer ${user.token}` } });
  const rowCount = async () => (await h.deps.db.select().from(attachments)).length;

  beforeAll(async () => {
    dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'qorgau-att-'));
    h = await createHarness({ config: { dataDir } });
    operator = await h.user('hotline_operator');
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    expect(res.status).toBe(201);
    reportId = res.json.id;
  });
  afterAll(async () => {
    await h.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  });

  it('accepts a PDF and a PNG, stores them under data/attachments/yyyy/mm/uuid and lists them', async () => {
    const pdf = await upload(operator, reportId, 'акт обследования.pdf', PDF, { type: 'application/pdf' });
    expect(pdf.status).toBe(201);
    expect(pdf.json).toMatchObject({ reportId, fileName: 'акт обследования.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length });
    // the declared type does not matter; the content does
    const png = await upload(operator, reportId, 'photo.PNG', PNG, { type: 'application/pdf' });
    expect(png.status).toBe(201);
    expect(png.json.mimeType).toBe('image/png');

    const stored = filesUnder(path.join(dataDir, 'attachments')).map((f) => path.relative(path.join(dataDir, 'attachments'), f));
    expect(stored).toHaveLength(2);
    for (const f of stored) expect(f).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);

    const list = await h.call(operator, 'GET', `/api/v1/reports/${reportId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((a: { id: string }) => a.id)).toEqual([pdf.json.id, png.json.id]);

    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${pdf.json.id}`);
    const created = audit.json.items.find((e: { action: string }) => e.action === 'create');
    expect(created).toMatchObject({ entityType: 'attachment', details: { reportId, size: PDF.length, mimeType: 'application/pdf' } });
    expect(JSON.stringify(audit.json)).not.toContain('обследования');
  });

  it('returns the same bytes on download, as an attachment with a safely encoded name, and audits it', async () => {
    const up = await upload(operator, reportId, "Заключение врача; ш' (копия) 100%.pdf", PDF);
    expect(up.status).toBe(201);
    const res = await download(operator, up.json.id);
    expect(res.statusCode).toBe(200);
    expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[^\x20-\x7e]/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1] ?? '')).toBe("Заключение врача; ш' (копия) 100%.pdf");
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${up.json.id}&action=download`);
    expect(audit.json.items).toHaveLength(1);
    expect(audit.json.items[0]).toMatchObject({ userId: operator.id, entityType: 'attachment', details: { reportId } });
  });

  it('accepts UTF-8 text and an XLSX workbook, and decides by content', async () => {
    const text = await upload(operator, reportId, 'notes.txt', Buffer.from('Звонок в 10:15, ребёнок плакал.\n'));
    expect(text.status).toBe(201);
    expect(text.json.mimeType).toBe('text/plain');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x', 1]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await upload(operator, reportId, 'table.xlsx', xlsx);
    expect(ok.status).toBe(201);
    expect(ok.json.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const asDocx = await upload(operator, reportId, 'letter.docx', xlsx);
    expect(asDocx.status).toBe(415);
    // a name without extension gets the one of its content
    const bare = await upload(operator, reportId, 'scan', PNG);
    expect(bare.status).toBe(201);
    expect(bare.json.fileName).toBe('scan.png');
  });

  it('refuses content that is not an accepted type, or does not match its extension, with 415', async () => {
    const before = await rowCount();
    const cases: [string, Buffer, RegExp][] = [
      ['report.pdf', EXE, /x-msdownload|exe/],
      ['report.pdf', HTML, /HTML/],
      ['notes.txt', HTML, /HTML/],
      ['report.pdf', PNG, /PNG image/],
      ['image.png', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array(60).fill(0)]), /elf/i],
      ['data.txt', Buffer.from([0x41, 0x00, 0x42, 0xff, 0xfe]), /binary/],
      ['img.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG|HTML|xml/i],
    ];
    for (const [name, content, detected] of cases) {
      const res = await upload(operator, reportId, name, content, { type: 'application/pdf' });
      expect(res.status, name).toBe(415);
      expect(res.json.error.code).toBe('unsupported_media_type');
      expect(res.json.error.message, name).toMatch(detected);
    }
    expect(await rowCount()).toBe(before);
    expect(filesUnder(path.join(dataDir, 'attachments', 'tmp'))).toEqual([]);
  });

  it('refuses a file over 20 MB with 413 and keeps nothing', async () => {
    const before = await rowCount();
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const res = await upload(operator, reportId, 'big.pdf', big);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
    expect(await rowCount()).toBe(before);
    expect(filesUnder(path.join(dataDir, 'attachments', 'tmp'))).toEqual([]);
  });

  it('answers 400 for a missing file, an empty file or a request that is not multipart', async () => {
    expect((await upload(operator, reportId, 'a.pdf', PDF, { field: 'document' })).status).toBe(400);
    const empty = await upload(operator, reportId, 'a.txt', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json.error.details[0].path).toBe('file');
    const json = await h.call(operator, 'POST', `/api/v1/reports/${reportId}/attachments`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await upload(null, reportId, 'a.pdf', PDF)).status).toBe(401);
  });

  it('keeps a path-traversal file name harmless', async () => {
    const before = filesUnder(dataDir).length;
    const res = await upload(operator, reportId, '../../../../etc/passwd.txt', Buffer.from('root:x:0:0\n'));
    expect(res.status).toBe(201);
    expect(res.json.fileName).toBe('passwd.txt');
    const res2 = await upload(operator, reportId, '..\\..\\evil\u202egnp.txt', Buffer.from('hello'));
    expect(res2.status).toBe(201);
    expect(res2.json.fileName).not.toMatch(/[\\/]|\.\./);
    expect(res2.json.fileName).not.toContain('\u202e');
    const after = filesUnder(dataDir);
    expect(after.length).toBe(before + 2);
    for (const f of after) expect(f.startsWith(path.join(dataDir, 'attachments') + path.sep)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, '..', 'etc'))).toBe(false);
  });

  it('hides the report and its files from users of another region: 404, audited as denied', async () => {
    const other = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    const own = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const up = await upload(operator, reportId, 'x.pdf', PDF);
    expect((await upload(other, reportId, 'y.pdf', PDF)).status).toBe(404);
    expect((await h.call(other, 'GET', `/api/v1/reports/${reportId}/attachments`)).status).toBe(404);
    const dl = await download(other, up.json.id);
    expect(dl.statusCode).toBe(404);
    expect(JSON.parse(dl.body).error.code).toBe('not_found');
    // a missing attachment looks the same
    expect((await download(other, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const denied = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${up.json.id}&action=denied`);
    expect(denied.json.items[0]).toMatchObject({ userId: other.id, entityType: 'attachment', details: { reason: 'territory' } });
    const deniedReport = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${reportId}&action=denied`);
    expect(deniedReport.json.items.length).toBeGreaterThanOrEqual(2);
    // the region's coordinator sees them
    expect((await download(own, up.json.id)).statusCode).toBe(200);
    expect((await upload(own, reportId, 'z.png', PNG)).status).toBe(201);
  });

  it('lets only roles that register or update reports add files', async () => {
    const provider = await h.user('service_provider', { regionCode: 'KZ-75', agencyType: 'hotline' });
    expect((await h.call(provider, 'GET', `/api/v1/reports/${reportId}/attachments`)).status).toBe(200);
    const res = await upload(provider, reportId, 'a.pdf', PDF);
    expect(res.status).toBe(403);
  });

  it('removes the file when the database write fails, and saves nothing when the disk fails', async () => {
    const before = filesUnder(path.join(dataDir, 'attachments')).length;
    const rows = await rowCount();
    const spy = vi.spyOn(h.deps.db, 'transaction').mockRejectedValueOnce(new Error('simulated database failure'));
    try {
      const res = await upload(operator, reportId, 'a.pdf', PDF);
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(filesUnder(path.join(dataDir, 'attachments')).length).toBe(before);

    const full = vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    try {
      const res = await upload(operator, reportId, 'a.pdf', PDF);
      expect(res.status).toBe(507);
      expect(res.json.error.code).toBe('insufficient_storage');
    } finally {
      full.mockRestore();
    }
    expect(await rowCount()).toBe(rows);
    expect(filesUnder(path.join(dataDir, 'attachments')).length).toBe(before);
  });
});
