import type { OfficialTable } from '@qorgau/core';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { exportTable, formatGeneratedAt, sheetName } from './export.ts';

// Every Kazakh-specific letter, lower and upper case
const KAZAKH_LETTERS = 'әғқңөұүһіӘҒҚҢӨҰҮҺІ';

const TITLE = 'Балаларға қатысты зорлық-зомбылық оқиғалары өңірлер және түрлер бойынша';
const TRICKY = 'Қорлау, "буллинг" және қорқыту';

function kazakhTable(): OfficialTable {
  return {
    locale: 'kk',
    title: TITLE,
    subtitle: '2022 жылғы 1 қаңтар – 31 желтоқсан · қабылданған хабарламалар · Қазақстан Республикасы',
    rowHeader: 'Өңір',
    columns: [
      { key: 'physical', label: 'Физикалық зорлық-зомбылық' },
      { key: 'sexual', label: 'Жыныстық зорлық-зомбылық' },
      { key: 'neglect', label: 'Немқұрайлылық' },
      { key: 'bullying', label: TRICKY },
    ],
    rows: [
      { key: 'almaty_region', label: 'Алматы облысы', values: [1234, 56, 7, null], total: 1297, previousTotal: 1153, growthPercent: 12.5 },
      { key: 'turkistan', label: 'Түркістан облысы', values: [310, 42, 0, 9], total: 361, previousTotal: 374, growthPercent: -3.5 },
      { key: 'east_kz', label: 'Шығыс Қазақстан облысы', values: [88, 19, 4, 2], total: 113, previousTotal: 0, growthPercent: null },
      { key: 'ulytau', label: 'Ұлытау облысы', values: [5, 1, null, 0], total: 6, previousTotal: 6, growthPercent: 0 },
    ],
    totals: { label: 'Барлығы', values: [1637, 118, 11, 11], total: 1777, previousTotal: 1533, growthPercent: 15.9 },
    totalHeader: 'Барлығы',
    previousHeader: 'Өткен кезең',
    growthHeader: 'Өсім, %',
    note: `Бірнеше түрі бар оқиға әр түрде бір рет есептеледі. Әріптер: ${KAZAKH_LETTERS}.`,
    generatedAt: '2023-01-15T09:30:00Z',
    source: 'Qorgau',
  };
}

/** A table with `rowCount` regions and `typeCount` types, numbers from a formula. */
function bigTable(rowCount: number, typeCount: number): OfficialTable {
  const base = kazakhTable();
  const columns = Array.from({ length: typeCount }, (_, j) => ({ key: `t${j}`, label: `${['Физикалық', 'Жыныстық', 'Психологиялық', 'Экономикалық'][j % 4]} зорлық-зомбылық ${j + 1}` }));
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const values = columns.map((_, j) => (i * 31 + j * 7) % 900);
    const total = values.reduce((a, b) => a + b, 0);
    return { key: `r${i}`, label: `Шығыс Қазақстан облысы №${i + 1}`, values, total, previousTotal: total + 10, growthPercent: -0.5 };
  });
  const totals = { label: 'Барлығы', values: columns.map((_, j) => rows.reduce((a, r) => a + (r.values[j] ?? 0), 0)), total: rows.reduce((a, r) => a + r.total, 0), previousTotal: 1, growthPercent: 99.9 };
  return { ...base, columns, rows, totals };
}

async function pdfPages(body: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(body), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replaceAll('\u00a0', ' '));
  }
  await pdf.destroy();
  return pages;
}

/** Whitespace removed: wrapped (and turned) headers are cut into several text runs. */
const compact = (s: string): string => s.replace(/\s+/g, '');

describe('exportTable — xlsx', () => {
  it('renders a formatted worksheet that reads back intact', async () => {
    const table = kazakhTable();
    const out = await exportTable(table, 'xlsx');
    expect(out.extension).toBe('xlsx');
    expect(out.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(out.body.subarray(0, 2).toString('latin1')).toBe('PK');

    const wb = new ExcelJS.Workbook();
    // exceljs types want its own Buffer interface; hand it the underlying bytes
    await wb.xlsx.load(out.body.buffer.slice(out.body.byteOffset, out.body.byteOffset + out.body.byteLength) as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Балаларға қатысты');

    expect(ws.getCell('A1').value).toBe(TITLE);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe(table.subtitle);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2']));

    const header = ws.getRow(4);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => header.getCell(c).value)).toEqual([
      'Өңір', 'Физикалық зорлық-зомбылық', 'Жыныстық зорлық-зомбылық', 'Немқұрайлылық', TRICKY, 'Барлығы', 'Өткен кезең', 'Өсім, %',
    ]);
    expect(header.getCell(2).font.bold).toBe(true);

    // data rows 5…8: label, values, total, previous, growth
    expect(ws.getCell('A5').value).toBe('Алматы облысы');
    expect(ws.getCell('B5').value).toBe(1234);
    expect(ws.getCell('B5').numFmt).toBe('#,##0');
    expect(ws.getCell('E5').value).toBeNull(); // null stays empty
    expect(ws.getCell('H5').value).toBe(12.5);
    expect(ws.getCell('H5').numFmt).toBe('0.0');
    expect(ws.getCell('A6').value).toBe('Түркістан облысы');
    expect(ws.getCell('H6').value).toBe(-3.5);
    expect(ws.getCell('A7').value).toBe('Шығыс Қазақстан облысы');
    expect(ws.getCell('G7').value).toBe(0);
    expect(ws.getCell('H7').value).toBeNull();
    expect(ws.getCell('H8').value).toBe(0);

    // totals row 9, bold
    const totals = ws.getRow(9);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => totals.getCell(c).value)).toEqual(['Барлығы', 1637, 118, 11, 11, 1777, 1533, 15.9]);
    expect(totals.getCell(1).font.bold).toBe(true);
    expect(totals.getCell(6).font.bold).toBe(true);
    expect(totals.getCell(8).numFmt).toBe('0.0');

    // note and footer under the table
    expect(ws.getCell('A11').value).toBe(table.note);
    expect(ws.getCell('A11').text).toContain(KAZAKH_LETTERS);
    expect(ws.getCell('A12').value).toBe('Qorgau · 15.01.2023 14:30 (UTC+5)');

    // frozen header and first column; widths set
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Шығыс Қазақстан облысы'.length);
    for (let c = 2; c <= 8; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);

    expect(wb.creator).toBe('Qorgau');
    expect(wb.created.toISOString()).toBe('2023-01-15T09:30:00.000Z');
  });

  it('names sheets within Excel’s rules', () => {
    expect(sheetName('Қысқа: кесте [2022]')).toBe('Қысқа кесте 2022');
    expect(sheetName('a/b\\c?d*e')).toBe('a b c d e');
    expect([...sheetName('Ұзыныдан-ұзақ-атауы-бар-сөз-бос-орынсыз-кесте-2022')].length).toBe(31);
    expect(sheetName("'''")).toBe('Table');
    expect(sheetName('History')).toBe('Table');
    const name = sheetName(TITLE);
    expect([...name].length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[\\/?*[\]:]/);
  });
});

describe('exportTable — csv', () => {
  it('writes RFC 4180 with a UTF-8 BOM and reads back cell for cell', async () => {
    const table = kazakhTable();
    const out = await exportTable(table, 'csv');
    expect(out.extension).toBe('csv');
    expect(out.contentType).toMatch(/^text\/csv; charset=utf-8/);
    expect([...out.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = out.body.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/); // CRLF only
    expect(text).toContain('"Қорлау, ""буллинг"" және қорқыту"');

    const records: string[][] = parse(out.body, { bom: true });
    expect(records).toEqual([
      ['Өңір', 'Физикалық зорлық-зомбылық', 'Жыныстық зорлық-зомбылық', 'Немқұрайлылық', TRICKY, 'Барлығы', 'Өткен кезең', 'Өсім, %'],
      ['Алматы облысы', '1234', '56', '7', '', '1297', '1153', '12.5'],
      ['Түркістан облысы', '310', '42', '0', '9', '361', '374', '-3.5'],
      ['Шығыс Қазақстан облысы', '88', '19', '4', '2', '113', '0', ''],
      ['Ұлытау облысы', '5', '1', '', '0', '6', '6', '0'],
      ['Барлығы', '1637', '118', '11', '11', '1777', '1533', '15.9'],
    ]);
  });

  it('quotes newlines inside a field', async () => {
    const table = kazakhTable();
    table.rows[0]!.label = 'Алматы\nоблысы';
    const out = await exportTable(table, 'csv');
    expect(out.body.toString('utf8')).toContain('\r\n"Алматы\nоблысы",1234,');
    const records: string[][] = parse(out.body, { bom: true });
    expect(records[1]![0]).toBe('Алматы\nоблысы');
  });
});

describe('exportTable — pdf', () => {
  it('embeds a Kazakh-capable font and carries the labels and numbers', async () => {
    const table = kazakhTable();
    const out = await exportTable(table, 'pdf');
    expect(out.extension).toBe('pdf');
    expect(out.contentType).toBe('application/pdf');
    const raw = out.body.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).not.toContain('/Helvetica');

    const pages = await pdfPages(out.body);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    for (const label of [TITLE, table.subtitle, 'Алматы облысы', 'Түркістан облысы', 'Шығыс Қазақстан облысы', 'Ұлытау облысы', 'Өңір', 'Өсім, %']) {
      expect(compact(text)).toContain(compact(label));
    }
    expect(compact(text)).toContain(compact(TRICKY));
    // numbers as a Kazakh reader writes them: grouped thousands, decimal comma, signed growth
    expect(text).toContain('1 234');
    expect(text).toContain('1 777');
    expect(text).toContain('+12,5');
    expect(text).toContain('-3,5');
    expect(text).toContain('+15,9');
    expect(text).toContain('—'); // nulls
    expect(text).toContain('Qorgau · 15.01.2023 14:30 (UTC+5)');
    expect(text).toContain('1 / 1');
  });

  it('fits 17 types across a landscape page', async () => {
    const table = bigTable(20, 17);
    const pdf = await getDocument({ data: new Uint8Array((await exportTable(table, 'pdf')).body), verbosity: 0 }).promise;
    const margin = 36;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const [, , pageWidth] = page.view;
      expect(pageWidth).toBeGreaterThan(800); // landscape A4: 841.89 × 595.28
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item)) continue;
        text += ` ${item.str}`;
        const [, b, , , x] = item.transform as number[];
        expect(x).toBeGreaterThanOrEqual(margin - 0.5);
        // horizontal runs end inside the right margin; turned headers (b ≠ 0) run upwards
        expect(b === 0 ? x! + item.width : x!).toBeLessThanOrEqual(pageWidth! - margin + 0.5);
      }
    }
    await pdf.destroy();
    const all = compact(text.replaceAll('\u00a0', ' '));
    for (const column of table.columns) expect(all).toContain(compact(column.label));
    for (const row of table.rows) expect(all).toContain(compact(row.label));
    expect(all).toContain(compact(new Intl.NumberFormat('kk').format(table.totals.total!)));
  });

  it('breaks 60 rows across pages and repeats the header on each', async () => {
    const table = bigTable(60, 6);
    const pages = await pdfPages((await exportTable(table, 'pdf')).body);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const text = compact(page);
      expect(text).toContain(compact('Өңір'));
      for (const column of table.columns) expect(text).toContain(compact(column.label));
      expect(text).toContain(compact('Өткен кезең'));
      expect(page).toContain(`${i + 1} / ${pages.length}`);
    });
    // every row once, in order; the title only on the first page
    const all = compact(pages.join(' '));
    let from = 0;
    for (const row of table.rows) {
      const at = all.indexOf(compact(row.label) + compact(new Intl.NumberFormat('kk').format(row.values[0]!)), from);
      expect(at, row.label).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(compact(pages[0]!)).toContain(compact(TITLE));
    expect(compact(pages[1]!)).not.toContain(compact(TITLE));
  });

  it('is deterministic', async () => {
    const a = await exportTable(kazakhTable(), 'pdf');
    const b = await exportTable(kazakhTable(), 'pdf');
    expect(a.body.equals(b.body)).toBe(true);
  });
});

describe('exportTable — input checks', () => {
  it('rejects rows whose values do not match the columns', async () => {
    const table = kazakhTable();
    table.rows[1]!.values.pop();
    await expect(exportTable(table, 'csv')).rejects.toThrow(RangeError);
  });

  it('formats the generation time in Kazakhstan time', () => {
    expect(formatGeneratedAt('2023-12-31T20:15:00Z', 'ru')).toBe('01.01.2024 01:15 (UTC+5)');
    expect(formatGeneratedAt('2023-12-31T20:15:00Z', 'en')).toBe('2024-01-01 01:15 (UTC+5)');
  });
});
