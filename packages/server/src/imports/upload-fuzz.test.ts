// Property-based fuzzing of everything that takes a file (issue 8): the three spreadsheet imports
// (legacy reports, schools, service providers) with CSV and XLSX built from their own templates and
// then damaged — odd cells, SQL and markup, quotes and line breaks, shuffled or missing columns,
// other delimiters and encodings, cells of every XLSX type, flipped and truncated zip bytes — and
// both attachment uploads with content that does or does not match its name. The multipart
// envelope itself is fuzzed too. Whatever arrives:
//   - never a 5xx;
//   - a dry run, or a refused run, changes nothing; an accepted run stores exactly what it reports;
//   - free text that was accepted is stored verbatim (the narrative, the school's and provider's name);
//   - an attachment is stored only when its content is an accepted type, byte for byte, and a
//     refused one leaves no file behind;
//   - afterwards the register's invariants hold and the audit chain verifies.
//   FUZZ_RUNS=100 npx vitest run packages/server/src/imports/upload-fuzz.test.ts   (default 20 per property)
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentsRoot } from '../attachments/storage.ts';
import { rows } from '../db/client.ts';
import { createHarness, multipartFile, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { registerViolations } from '../test/invariants.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const NASTY = [
  "'; drop table reports; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")', '+1+1', '@SUM(A1)',
  '../../etc/passwd', '%00', '{{7*7}}', 'null', '-1', '1e309', 'ä'.repeat(300), 'Қ'.repeat(5000), '\u0000', '\uFEFF', '"', '""', ';', ',', '\t',
  'строка\nс переносом', 'a\r\nb', '  пробелы  ', '2021-02-30', '31.12.1899', '99999999999999999999', 'KZ-99', '000000000000',
];

type Kind = {
  name: string; url: string; template: string; idColumn: string; textColumn: string;
  table: 'reports' | 'schools' | 'service_providers'; textField: 'narrative' | 'name_ru'; upsert: boolean;
};
const KINDS: Kind[] = [
  { name: 'reports', url: '/api/v1/imports/reports', template: '/api/v1/imports/template.csv', idColumn: 'externalId', textColumn: 'narrative', table: 'reports', textField: 'narrative', upsert: false },
  { name: 'schools', url: '/api/v1/schools/import', template: '/api/v1/schools/import/template.csv', idColumn: 'external_id', textColumn: 'name_ru', table: 'schools', textField: 'name_ru', upsert: true },
  { name: 'providers', url: '/api/v1/services/providers/import', template: '/api/v1/services/providers/import/template.csv', idColumn: 'external_id', textColumn: 'name_ru', table: 'service_providers', textField: 'name_ru', upsert: true },
];

/** A damaged copy of the template's example row: most cells as in the example, a few replaced. */
type Row = { cells: string[] };
type Sheet = { header: string[]; rows: Row[] };

function sheetArb(header: string[], example: string[], idIndex: number): fc.Arbitrary<Sheet> {
  const cell = (i: number) => fc.oneof(
    { weight: 8, arbitrary: fc.constant(example[i] ?? '') },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constant('') },
  );
  // a row damages at most two cells, and most rows none, so that many files import and the rest are refused
  const damage = fc.oneof({ weight: 4, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat({ max: header.length - 1 }), { minLength: 1, maxLength: 2 }) });
  const row = damage
    .chain((damaged) => fc.tuple(...damaged.map((i) => cell(i))).map((values) => {
      const cells = [...example];
      damaged.forEach((i, k) => { cells[i] = values[k] as string; });
      return cells;
    }));
  // the sheet's columns: [label, the template column it holds (-1: none)]
  const same = header.map((h, i) => [h, i] as [string, number]);
  const headerArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant(same) },
    { weight: 1, arbitrary: fc.constant(same.map(([h, i]) => [h.toUpperCase(), i] as [string, number])) },
    { weight: 1, arbitrary: fc.nat({ max: header.length - 1 }).map((drop) => same.filter(([, i]) => i !== drop)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((extra) => [...same, [extra, -1] as [string, number]]) },
    { weight: 1, arbitrary: fc.shuffledSubarray(same, { minLength: header.length, maxLength: header.length }) },
  );
  return fc.tuple(headerArb, fc.array(row, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1e9 })).map(([columns, body, salt]) => ({
    header: columns.map(([label]) => label),
    // unique external ids, so that accepted rows are new; each row's cells re-ordered to the sheet's columns
    rows: body.map((cells, n) => {
      const withId = cells.map((c, i) => (i === idIndex && c === example[idIndex] ? `FZ-${salt}-${n}` : c));
      return { cells: columns.map(([, i]) => (i < 0 ? '' : withId[i] ?? '')) };
    }),
  }));
}

function csvText(sheet: Sheet, delimiter: string, quoteAll: boolean, eol: string): string {
  const q = (v: string) => (quoteAll || v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [sheet.header, ...sheet.rows.map((r) => r.cells)].map((cells) => cells.map(q).join(delimiter)).join(eol) + eol;
}

/** verbatim: the file is UTF-8, so accepted text must come back exactly (trimmed) */
type CsvFile = { bytes: Buffer; sheet: Sheet; name: string; verbatim: boolean };
const csvArb = (header: string[], example: string[], idIndex: number): fc.Arbitrary<CsvFile> => fc.record({
  sheet: sheetArb(header, example, idIndex),
  delimiter: fc.constantFrom(',', ';', '\t'),
  quoteAll: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n'),
  bom: fc.boolean(),
  encoding: fc.oneof({ weight: 8, arbitrary: fc.constant('utf8' as const) }, { weight: 1, arbitrary: fc.constantFrom('utf16le' as const, 'latin1' as const) }),
  unterminatedQuote: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
}).map(({ sheet, delimiter, quoteAll, eol, bom, encoding, unterminatedQuote }) => {
  let text = csvText(sheet, delimiter, quoteAll, eol);
  if (unterminatedQuote) text += '"never closed';
  return { bytes: Buffer.from((bom ? '\uFEFF' : '') + text, encoding), sheet, name: 'fuzz.csv', verbatim: encoding === 'utf8' };
});

/** A cell of any type a workbook can hold, the sheet's text most of the time. */
const xlsxCellArb = (text: string): fc.Arbitrary<ExcelJS.CellValue> => fc.oneof(
  { weight: 4, arbitrary: fc.constant(text) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1899-12-31'), max: new Date('2100-01-01'), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant<ExcelJS.CellValue>({ formula: 'A1&"x"', result: text }) },
  { weight: 1, arbitrary: fc.constant<ExcelJS.CellValue>({ richText: [{ text }, { text: '<b>x</b>', font: { bold: true } }] }) },
  { weight: 1, arbitrary: fc.constant<ExcelJS.CellValue>({ text, hyperlink: 'javascript:alert(1)' }) },
  { weight: 1, arbitrary: fc.constant<ExcelJS.CellValue>({ error: ExcelJS.ErrorValue.NotApplicable }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

async function workbook(header: string[], cells: ExcelJS.CellValue[][], extraSheetFirst: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (extraSheetFirst) wb.addWorksheet('empty');
  const ws = wb.addWorksheet('data');
  ws.addRow(header);
  for (const r of cells) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type XlsxPlan = { sheet: Sheet; typed: ExcelJS.CellValue[][]; extraSheetFirst: boolean; damage: { flips: [number, number][]; cutAt: number | null } };
const xlsxArb = (header: string[], example: string[], idIndex: number): fc.Arbitrary<XlsxPlan> => sheetArb(header, example, idIndex).chain((sheet) => fc.record({
  sheet: fc.constant(sheet),
  // most rows are plain text, the others get cells of every type; the id column stays text, so that accepted rows can be found again
  typed: fc.tuple(...sheet.rows.map((r) => fc.oneof(
    { weight: 3, arbitrary: fc.constant<ExcelJS.CellValue[]>(r.cells) },
    { weight: 1, arbitrary: fc.tuple(...r.cells.map((c, k) => (k === sheet.header.indexOf(header[idIndex] as string) ? fc.constant<ExcelJS.CellValue>(c) : xlsxCellArb(c)))) },
  ))),
  extraSheetFirst: fc.boolean(),
  damage: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ flips: [] as [number, number][], cutAt: null }) },
    { weight: 1, arbitrary: fc.record({ flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }), cutAt: fc.constant(null) }) },
    { weight: 1, arbitrary: fc.record({ flips: fc.constant([] as [number, number][]), cutAt: fc.nat() }) },
  ),
}));

async function xlsxFile(plan: XlsxPlan): Promise<{ bytes: Buffer; damaged: boolean }> {
  let bytes = await workbook(plan.sheet.header, plan.typed, plan.extraSheetFirst);
  const damaged = plan.damage.flips.length > 0 || plan.damage.cutAt !== null;
  if (plan.damage.flips.length) {
    bytes = Buffer.from(bytes);
    for (const [at, value] of plan.damage.flips) bytes[4 + (at % (bytes.length - 4))] = value; // keep PK\3\4: still read as a zip
  }
  if (plan.damage.cutAt !== null) bytes = bytes.subarray(0, 4 + (plan.damage.cutAt % (bytes.length - 4)));
  return { bytes, damaged };
}

/** Files whose first bytes say one thing, with names that say another. */
const MAGIC: Record<string, Buffer> = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  exe: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  elf: Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'),
  html: Buffer.from('<!doctype html><html><script>alert(1)</script>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  xml: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
  zip: Buffer.from('504b0304140000000000', 'hex'),
  text: Buffer.from('Акт обследования. Ребёнок осмотрен.\n'),
  none: Buffer.alloc(0),
};
const NAMES = ['акт.pdf', 'photo.png', 'photo.jpg', 'scan.jpeg', 'notes.txt', 'run.exe', 'page.html', 'image.svg', 'doc.docx', 'no-extension', '../../etc/passwd', 'a'.repeat(300) + '.pdf', 'report.pdf.exe', '.htaccess', 'файл.PDF'];

describe('upload fuzzing', () => {
  let h: Harness;
  let coordinator: TestUser;
  let reportId: string;
  let taskId: string | null = null;
  const templates = new Map<string, { header: string[]; example: string[] }>();
  /** external id → the free text a real import stored for it (what the table must hold) */
  const expected = new Map<string, Map<string, string>>(KINDS.map((k) => [k.name, new Map()]));
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);

  type Counts = { reports: number; persons: number; incidents: number; schools: number; providers: number; attachments: number; tasks: number };
  const counts = async () => (await rows<Counts>(h.deps.db, sql`select
    (select count(*)::int from reports) as reports, (select count(*)::int from persons) as persons, (select count(*)::int from incidents) as incidents,
    (select count(*)::int from schools) as schools, (select count(*)::int from service_providers) as providers, (select count(*)::int from attachments) as attachments,
    (select count(*)::int from tasks) as tasks`))[0] as Counts;

  const post = async (url: string, body: { payload: Buffer; contentType: string }) => {
    const res = await h.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${coordinator.token}`, 'content-type': body.contentType }, payload: body.payload });
    let json: any = null;
    try { json = JSON.parse(res.body); } catch { /* not JSON */ }
    return { status: res.statusCode, json, body: res.body };
  };

  beforeAll(async () => {
    // the harness's own data directory: the files on disk are counted against the attachments stored
    h = await createHarness();
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const created = await h.call(coordinator, 'POST', '/api/v1/reports', sampleReport());
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    reportId = created.json.id;
    const tasks = await rows<{ id: string }>(h.deps.db, sql`select id::text from tasks where report_id = ${reportId} limit 1`);
    taskId = tasks[0]?.id ?? null;
    for (const kind of KINDS) {
      const res = await h.app.inject({ method: 'GET', url: kind.template, headers: { authorization: `Bearer ${coordinator.token}` } });
      expect(res.statusCode).toBe(200);
      const parsed: string[][] = parse(res.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
      const [header, example] = parsed;
      templates.set(kind.name, { header: header as string[], example: example as string[] });
    }
  }, 120_000);

  afterAll(() => h.close());

  /** Sends one file to an import and checks the outcome against the database. */
  async function importAndCheck(kind: Kind, file: { bytes: Buffer; name: string }, sheet: Sheet, dryRun: boolean, opts: { damaged: boolean; verbatim: boolean }): Promise<void> {
    const before = await counts();
    const res = await post(`${kind.url}?dryRun=${dryRun}`, multipartFile(file.name, file.bytes));
    count(`${kind.name} ${file.name.endsWith('.xlsx') ? 'xlsx' : 'csv'} ${dryRun ? 'dry' : 'real'} ${res.status}`);
    expect(res.status, `${kind.name}: ${res.body.slice(0, 500)}`).toBeLessThan(500);
    expect([200, 201, 400, 413], `${kind.name}: ${res.status} ${res.body.slice(0, 300)}`).toContain(res.status);
    if (res.status === 400) {
      expect(res.json?.error?.message, 'a refusal says what is wrong').toBeTruthy();
      expect(Array.isArray(res.json?.error?.details) && res.json.error.details.length > 0 || typeof res.json?.error?.message === 'string').toBe(true);
    }
    const after = await counts();
    if (dryRun || res.status >= 400) {
      expect(after, 'a dry run or a refused import changes nothing').toEqual(before);
      return;
    }
    // an accepted real import: exactly the rows it reports, none with an error
    expect(res.json.errorCount).toBe(0);
    if (kind.name === 'reports') {
      expect(after.reports - before.reports).toBe(res.json.created);
      expect(after.incidents - before.incidents).toBe(res.json.created);
    } else {
      const table = kind.name === 'schools' ? 'schools' : 'providers';
      expect(after[table] - before[table]).toBe(res.json.created);
    }
    if (!opts.damaged) expect(res.json.rows, 'every row was read').toBe(sheet.rows.length);
    if (!opts.verbatim) return;
    const idAt = sheet.header.indexOf(kind.idColumn);
    const textAt = sheet.header.indexOf(kind.textColumn);
    const seen = expected.get(kind.name) as Map<string, string>;
    for (const r of sheet.rows) {
      const id = r.cells[idAt]?.trim();
      if (!id || textAt < 0) continue;
      if (!kind.upsert && seen.has(id)) continue; // imported before: skipped
      seen.set(id, (r.cells[textAt] ?? '').trim());
    }
    if (seen.size === 0) return;
    const stored = await rows<{ external_id: string; text: string }>(h.deps.db,
      sql`select external_id, ${sql.raw(kind.textField)} as text from ${sql.raw(kind.table)} where external_id in ${[...seen.keys()]}`);
    const got = new Map(stored.map((s) => [s.external_id, s.text]));
    for (const [id, text] of seen) expect(got.get(id), `${kind.name} ${id}: stored verbatim`).toBe(text);
  }

  for (const kind of KINDS) {
    it(`${kind.name}: CSV of every shape is checked, never half-imported, stored verbatim`, async () => {
      const t = templates.get(kind.name) as { header: string[]; example: string[] };
      await fc.assert(fc.asyncProperty(csvArb(t.header, t.example, t.header.indexOf(kind.idColumn)), fc.boolean(), async (file, dryRun) => {
        await importAndCheck(kind, file, file.sheet, dryRun, { damaged: false, verbatim: file.verbatim });
      }), { numRuns: RUNS * 2, seed: 20261123 + kind.name.length, endOnFailure: true });
    }, 300_000);

    it(`${kind.name}: XLSX with cells of every type, flipped and truncated bytes`, async () => {
      const t = templates.get(kind.name) as { header: string[]; example: string[] };
      await fc.assert(fc.asyncProperty(xlsxArb(t.header, t.example, t.header.indexOf(kind.idColumn)), fc.boolean(), async (plan, dryRun) => {
        const { bytes, damaged } = await xlsxFile(plan);
        // typed cells are not the sheet's text: the verbatim check holds when the free-text column stayed plain strings
        const textAt = plan.sheet.header.indexOf(kind.textColumn);
        const verbatim = !damaged && plan.typed.every((r) => textAt < 0 || typeof r[textAt] === 'string');
        await importAndCheck(kind, { bytes, name: 'fuzz.xlsx' }, plan.sheet, dryRun, { damaged, verbatim });
      }), { numRuns: RUNS * 2, seed: 20261124 + kind.name.length, endOnFailure: true });
    }, 300_000);
  }

  it('attachments: stored only when the content is an accepted type that agrees with the name, byte for byte', async () => {
    const root = attachmentsRoot(h.deps.config.dataDir);
    const filesOnDisk = async () => {
      const all = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return all.filter((d) => d.isFile() && !d.parentPath.startsWith(path.join(root, 'tmp'))).length;
    };
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...Object.keys(MAGIC)), fc.uint8Array({ maxLength: 2000 }), fc.boolean(), fc.constantFrom(...NAMES),
      fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/octet-stream', 'image/svg+xml'), fc.boolean(), fc.constantFrom('file', 'other'),
      async (magic, tail, keepTail, name, declared, toTask, field) => {
        const content = Buffer.concat([MAGIC[magic] as Buffer, keepTail ? Buffer.from(tail) : Buffer.alloc(0)]);
        const url = toTask && taskId ? `/api/v1/tasks/${taskId}/attachments` : `/api/v1/reports/${reportId}/attachments`;
        const before = await counts();
        const res = await post(url, multipartFile(name, content, { type: declared, field }));
        count(`attachment ${magic} ${res.status}`);
        expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
        expect([201, 400, 413, 415], res.body.slice(0, 300)).toContain(res.status);
        const after = await counts();
        if (res.status !== 201) {
          expect(after.attachments).toBe(before.attachments);
        } else {
          expect(after.attachments).toBe(before.attachments + 1);
          expect(['exe', 'elf', 'html', 'svg', 'xml', 'zip'], `${magic} must not be accepted`).not.toContain(magic);
          const download = await h.app.inject({ method: 'GET', url: `/api/v1/attachments/${res.json.id}`, headers: { authorization: `Bearer ${coordinator.token}` } });
          expect(download.statusCode).toBe(200);
          expect(download.rawPayload.equals(content), 'the stored file is the uploaded one').toBe(true);
          expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
        }
        expect(await filesOnDisk(), 'a file on disk for every attachment, no leftovers').toBe(after.attachments);
      },
    ), { numRuns: RUNS * 4, seed: 20261125, endOnFailure: true });
  }, 300_000);

  it('the multipart envelope itself: garbage, wrong boundaries, wrong types', async () => {
    const urls = [...KINDS.map((k) => `${k.url}?dryRun=false`), `/api/v1/reports/${reportId}/attachments`];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...urls), fc.uint8Array({ maxLength: 3000 }),
      fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=----qorgau-test-boundary', 'multipart/mixed; boundary=x', 'text/csv', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream'),
      fc.constantFrom('garbage', 'truncated', 'two-files', 'no-file'),
      async (url, bytes, contentType, shape) => {
        // a file no endpoint accepts (an executable), so that every call must be refused
        const body = multipartFile('x.exe', MAGIC.exe as Buffer);
        const closing = Buffer.from('------qorgau-test-boundary--\r\n');
        let payload: Buffer = Buffer.from(bytes);
        if (shape === 'truncated') payload = body.payload.subarray(0, Math.max(1, bytes.length % body.payload.length));
        if (shape === 'two-files') payload = Buffer.concat([body.payload.subarray(0, body.payload.length - closing.length), body.payload]);
        if (shape === 'no-file') payload = Buffer.from('------qorgau-test-boundary\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n------qorgau-test-boundary--\r\n');
        const before = await counts();
        const res = await post(url, { payload, contentType });
        count(`envelope ${res.status}`);
        expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
        expect(res.status, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(await counts()).toEqual(before);
      },
    ), { numRuns: RUNS * 4, seed: 20261126, endOnFailure: true });
  }, 300_000);

  it('left the register intact and the audit chain whole', async () => {
    // the fuzzing reached the handlers: some files imported, some were refused, some attachments stored
    const summary = JSON.stringify([...statuses].sort());
    const seen = (prefix: string) => [...statuses].filter(([k]) => k.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
    for (const kind of KINDS) {
      for (const format of ['csv', 'xlsx']) {
        expect(seen(`${kind.name} ${format} real 20`), `${kind.name} ${format} accepted: ${summary}`).toBeGreaterThan(0);
        expect(seen(`${kind.name} ${format} real 400`), `${kind.name} ${format} refused: ${summary}`).toBeGreaterThan(0);
      }
    }
    expect(statuses.get('attachment pdf 201') ?? statuses.get('attachment png 201') ?? statuses.get('attachment text 201'), summary).toBeGreaterThan(0);
    expect(await registerViolations(h.deps.db)).toEqual([]);
  }, 120_000);
});
