// Renders an OfficialTable (core/stats/official-table.ts) as a file a ministry analyst can open: XLSX (Excel,
// formatted as a report table), CSV (RFC 4180, UTF-8 with BOM, for machines and spreadsheets) and
// PDF (landscape A4, for printing and signing off).
//
// Pure: the output depends only on the table (and the fonts committed in ../../assets/fonts).
// No database, no clock: document dates come from table.generatedAt.
import type { OfficialTable } from '@qorgau/core';
import path from 'node:path';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { csvFile } from '../http/csv.ts';
import { kzLocal } from '@qorgau/core';

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export type ExportedFile = {
  body: Buffer;
  /** for the Content-Type header */
  contentType: string;
  /** file name extension without the dot */
  extension: string;
};

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'pdf'];

/** Renders the table in the given format. Throws RangeError if a row's values do not match the columns. */
export async function exportTable(table: OfficialTable, format: ExportFormat): Promise<ExportedFile> {
  checkShape(table);
  switch (format) {
    case 'xlsx':
      return { body: await renderXlsx(table), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
    case 'csv':
      return { body: renderCsv(table), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' };
    case 'pdf':
      return { body: await renderPdf(table), contentType: 'application/pdf', extension: 'pdf' };
  }
}

function checkShape(table: OfficialTable): void {
  const n = table.columns.length;
  for (const row of [...table.rows, table.totals]) {
    if (row.values.length !== n) {
      throw new RangeError(`row "${row.label}" has ${row.values.length} values for ${n} columns`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// shared helpers

type Line = { label: string; values: (number | null)[]; total: number | null; previousTotal: number | null; growthPercent: number | null };

function headerCells(table: OfficialTable): string[] {
  return [table.rowHeader, ...table.columns.map((c) => c.label), table.totalHeader, table.previousHeader, table.growthHeader];
}

/** The numbers of a line in column order (types, total, previous), then the growth. */
function lineNumbers(line: Line): { counts: (number | null)[]; growth: number | null } {
  return { counts: [...line.values, line.total, line.previousTotal].map(finite), growth: finite(line.growthPercent) };
}

function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** generatedAt in Kazakhstan time (UTC+05:00), e.g. "15.01.2023 14:30 (UTC+5)"; ISO order for English. */
export function formatGeneratedAt(iso: string, locale: OfficialTable['locale']): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const t = kzLocal(instant);
  const y = t.getUTCFullYear();
  const mo = pad2(t.getUTCMonth() + 1);
  const d = pad2(t.getUTCDate());
  const time = `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
  const date = locale === 'en' ? `${y}-${mo}-${d}` : `${d}.${mo}.${y}`;
  return `${date} ${time} (UTC+5)`;
}

function footerText(table: OfficialTable): string {
  return `${table.source} · ${formatGeneratedAt(table.generatedAt, table.locale)}`;
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

function renderCsv(table: OfficialTable): Buffer {
  const lines: (string | number | null)[][] = [headerCells(table)];
  for (const line of [...table.rows, table.totals]) {
    const { counts, growth } = lineNumbers(line);
    lines.push([line.label, ...counts, growth]);
  }
  return csvFile(lines);
}

// ---------------------------------------------------------------------------------------------
// XLSX

const FORBIDDEN_SHEET_CHARS = /[\\/?*[\]:]/g;
const SHEET_NAME_MAX = 31;

/** An Excel worksheet name from the title: no \ / ? * [ ] :, at most 31 characters, cut at a word. */
export function sheetName(title: string): string {
  let name = title.replace(FORBIDDEN_SHEET_CHARS, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  const chars = [...name];
  if (chars.length > SHEET_NAME_MAX) {
    const cut = chars.slice(0, SHEET_NAME_MAX + 1).join('');
    const space = cut.lastIndexOf(' ');
    name = space >= 10 ? cut.slice(0, space) : chars.slice(0, SHEET_NAME_MAX).join('');
    name = name.replace(/[\s,;.·–—-]+$/u, '').replace(/'+$/, '');
  }
  if (name === '' || name.toLowerCase() === 'history') return 'Table';
  return name;
}

const COUNT_FMT = '#,##0';
const GROWTH_FMT = '0.0';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB0B7C3' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
const TOTALS_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } };
const LINE_HEIGHT_PT = 15;

/** Lines a text needs when wrapped at `width` characters (Excel's width unit is about one digit). */
function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let current = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const len = [...word].length;
      if (current === 0) {
        current = len;
      } else if (current + 1 + len <= width) {
        current += 1 + len;
      } else {
        lines += 1;
        current = len;
      }
      while (current > width) {
        lines += 1;
        current -= width;
      }
    }
  }
  return lines;
}

const longestWord = (text: string): number => Math.max(0, ...text.split(/\s+/).map((w) => [...w].length));
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

async function renderXlsx(table: OfficialTable): Promise<Buffer> {
  const generated = new Date(table.generatedAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = table.source;
  wb.lastModifiedBy = table.source;
  wb.title = table.title;
  wb.subject = table.subtitle;
  if (!Number.isNaN(generated.getTime())) {
    wb.created = generated;
    wb.modified = generated;
  }

  const headers = headerCells(table);
  const nCols = headers.length;
  const TITLE_ROW = 1;
  const SUBTITLE_ROW = 2;
  const HEADER_ROW = 4;
  const firstDataRow = HEADER_ROW + 1;
  const totalsRow = firstDataRow + table.rows.length;
  const growthCol = nCols;

  const ws = wb.addWorksheet(sheetName(table.title), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW, topLeftCell: `B${firstDataRow}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&R&P / &N' },
  });

  // column widths: the first fits the longest label; the others fit their numbers and the longest
  // word of their header, which wraps
  const labels = [table.rowHeader, ...table.rows.map((r) => r.label), table.totals.label];
  const firstWidth = clamp(Math.max(...labels.map((l) => [...l].length)) + 3, 14, 60);
  const widths = [firstWidth];
  for (let c = 1; c < nCols; c++) {
    const header = headers[c] ?? '';
    let digits = 0;
    for (const line of [...table.rows, table.totals]) {
      const { counts, growth } = lineNumbers(line);
      const n = c === nCols - 1 ? growth : counts[c - 1];
      if (n !== null && n !== undefined) {
        digits = Math.max(digits, c === nCols - 1 ? n.toFixed(1).length : Math.round(n).toLocaleString('en').length);
      }
    }
    widths.push(clamp(Math.max(longestWord(header) + 2, digits + 3), 10, 22));
  }
  widths.forEach((width, i) => { ws.getColumn(i + 1).width = width; });
  const tableWidth = widths.reduce((a, b) => a + b, 0);

  const mergedText = (rowNumber: number, text: string, font: Partial<ExcelJS.Font>, wrap: boolean): void => {
    ws.mergeCells(rowNumber, 1, rowNumber, nCols);
    const row = ws.getRow(rowNumber);
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: wrap };
    const scale = (font.size ?? 11) / 11;
    if (wrap) row.height = Math.max(1, wrappedLines(text, Math.floor((tableWidth * 0.95) / scale))) * LINE_HEIGHT_PT * scale;
  };

  mergedText(TITLE_ROW, table.title, { bold: true, size: 14 }, true);
  mergedText(SUBTITLE_ROW, table.subtitle, { size: 11, color: { argb: 'FF44546A' } }, true);

  const header = ws.getRow(HEADER_ROW);
  headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BOX;
    cell.alignment = { horizontal: i === 0 ? 'left' : 'center', vertical: 'middle', wrapText: true };
  });
  header.height = Math.max(...headers.map((text, i) => wrappedLines(text, (widths[i] ?? 10) - 1))) * LINE_HEIGHT_PT + 4;

  const writeLine = (rowNumber: number, line: Line, isTotals: boolean): void => {
    const row = ws.getRow(rowNumber);
    const { counts, growth } = lineNumbers(line);
    const label = row.getCell(1);
    label.value = line.label;
    label.alignment = { horizontal: 'left', vertical: 'middle' };
    counts.forEach((n, i) => {
      const cell = row.getCell(i + 2);
      if (n !== null) cell.value = n;
      cell.numFmt = COUNT_FMT;
    });
    const g = row.getCell(growthCol);
    if (growth !== null) g.value = growth;
    g.numFmt = GROWTH_FMT;
    for (let c = 1; c <= nCols; c++) {
      const cell = row.getCell(c);
      cell.border = isTotals ? { ...BOX, top: { style: 'medium' } } : BOX;
      if (isTotals) {
        cell.font = { bold: true };
        cell.fill = TOTALS_FILL;
      }
    }
  };
  table.rows.forEach((line, i) => writeLine(firstDataRow + i, line, false));
  writeLine(totalsRow, table.totals, true);

  let next = totalsRow + 2;
  if (table.note !== null && table.note.trim() !== '') {
    mergedText(next, table.note, { italic: true, size: 10 }, true);
    next += 1;
  }
  mergedText(next, footerText(table), { size: 9, color: { argb: 'FF6B7280' } }, false);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// PDF

const FONT_DIR = path.resolve(import.meta.dirname, '../../assets/fonts');
/** DejaVu Sans: Latin, Cyrillic and the Kazakh letters (ә ғ қ ң ө ұ ү һ і). */
export const PDF_FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
export const PDF_FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const MARGIN = 36; // 0.5 in
const PAD = 2.5;
const FOOTER_SIZE = 7.5;
const MAX_FONT = 9;
/** below this, horizontal headers are not tried: the number columns get vertical headers instead */
const MIN_HORIZONTAL_FONT = 6.5;
const MIN_FONT = 5.5;
const MAX_NUMBER_COL = 72;
const MAX_ROTATED_NUMBER_COL = 44;
const MIN_FIRST_COL = 80;
const MAX_ROTATED_HEADER = 150;
const GRID = '#9aa3af';
const HEADER_BG = '#e8ecf2';
const ZEBRA_BG = '#f6f7f9';
const TOTALS_BG = '#e8ecf2';

type Doc = PDFKit.PDFDocument;

type PdfCell = { text: string; align: 'left' | 'right' | 'center' };

/**
 * Font size and column widths of the table. `rotated`: the headers of the number columns are
 * turned 90° (read bottom to top), for tables whose type names do not fit side by side.
 */
type Layout = { size: number; widths: number[]; rotated: boolean };

/** Words a header can be broken into: after spaces and after hyphens. */
function headerWords(text: string): string[] {
  return text.split(/\s+/).flatMap((w) => w.split(/(?<=[-‐–/])/)).filter(Boolean);
}

/**
 * The largest font size at which the table fits the content width: first with horizontal headers
 * wrapped between words (MAX_FONT … MIN_HORIZONTAL_FONT), then with vertical headers over the
 * number columns (MAX_FONT … MIN_FONT).
 */
function chooseLayout(doc: Doc, header: string[], body: PdfCell[][], contentWidth: number): Layout {
  const nNum = header.length - 1;
  const labels = [header[0] ?? '', ...body.map((r) => r[0]?.text ?? '')];
  const widest = (texts: string[]): number => Math.max(0, ...texts.map((t) => doc.widthOfString(t)));
  const fit = (size: number, rotated: boolean): Layout | null => {
    // bold is the wider face: measure everything in it (header and totals are bold)
    doc.font(PDF_FONT_BOLD).fontSize(size);
    const numberNeeds = Array.from({ length: nNum }, (_, i) => {
      const numbers = widest(body.map((r) => r[i + 1]?.text ?? ''));
      const headerNeed = rotated ? doc.currentLineHeight(true) : widest(headerWords(header[i + 1] ?? ''));
      return Math.max(numbers, headerNeed) + 2 * PAD + 0.5;
    });
    const numbersWidth = numberNeeds.reduce((a, b) => a + b, 0);
    const firstMin = Math.max(MIN_FIRST_COL, widest(labels.flatMap(headerWords)) + 2 * PAD + 0.5);
    if (firstMin + numbersWidth > contentWidth) return null;
    // it fits: give the labels their natural width (up to a third of the page), then widen the
    // number columns evenly up to a maximum
    const first = clamp(widest(labels) + 2 * PAD + 0.5, firstMin, Math.max(firstMin, Math.min(contentWidth / 3, contentWidth - numbersWidth)));
    const spare = (contentWidth - first - numbersWidth) / nNum;
    const max = rotated ? MAX_ROTATED_NUMBER_COL : MAX_NUMBER_COL;
    return { size, rotated, widths: [first, ...numberNeeds.map((w) => Math.max(w, Math.min(max, w + spare)))] };
  };
  for (let size = MAX_FONT; size >= MIN_HORIZONTAL_FONT; size -= 0.5) {
    const layout = fit(size, false);
    if (layout) return layout;
  }
  for (let size = MAX_FONT; size >= MIN_FONT; size -= 0.5) {
    const layout = fit(size, true);
    if (layout) return layout;
  }
  // nothing fits even so: equal number columns, numbers may wrap
  const first = Math.max(60, contentWidth * 0.16);
  return { size: MIN_FONT, rotated: true, widths: [first, ...Array.from({ length: nNum }, () => (contentWidth - first) / nNum)] };
}

function pdfCells(table: OfficialTable): { header: string[]; body: PdfCell[][] } {
  const count = new Intl.NumberFormat(table.locale, { maximumFractionDigits: 0 });
  const growthFmt = new Intl.NumberFormat(table.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const dash = '—';
  const body = [...table.rows, table.totals].map((line): PdfCell[] => {
    const { counts, growth } = lineNumbers(line);
    return [
      { text: line.label, align: 'left' },
      ...counts.map((n): PdfCell => ({ text: n === null ? dash : count.format(n), align: 'right' })),
      { text: growth === null ? dash : growthFmt.format(growth), align: 'right' },
    ];
  });
  return { header: headerCells(table), body };
}

async function renderPdf(table: OfficialTable): Promise<Buffer> {
  const generated = new Date(table.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    font: PDF_FONT_REGULAR, // never load the standard Helvetica (no Cyrillic)
    lang: table.locale,
    displayTitle: true,
    info: {
      Title: table.title,
      Subject: table.subtitle,
      Author: table.source,
      Creator: table.source,
      ...(Number.isNaN(generated.getTime()) ? {} : { CreationDate: generated, ModDate: generated }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const pageHeight = doc.page.height;
  const contentWidth = doc.page.width - 2 * MARGIN;
  const footerTop = pageHeight - MARGIN + 8;
  const bottom = pageHeight - MARGIN;
  const { header, body } = pdfCells(table);
  const { size, widths, rotated } = chooseLayout(doc, header, body, contentWidth);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const innerWidth = (i: number): number => (widths[i] ?? 0) - 2 * PAD;
  const textHeight = (text: string, width: number): number => doc.heightOfString(text === '' ? ' ' : text, { width });

  // rows are placed against `bottom` here; pdfkit's own page breaking (at its bottom margin) is
  // moved out of the way so that rounding in text heights never starts a page by itself
  const relaxBottomMargin = (): void => { doc.page.margins.bottom = MARGIN / 2; };
  const newPage = (): number => {
    doc.addPage();
    relaxBottomMargin();
    return MARGIN;
  };
  relaxBottomMargin();

  // title and subtitle (first page only)
  let y = MARGIN;
  doc.fillColor('#000000').font(PDF_FONT_BOLD).fontSize(13);
  doc.text(table.title, MARGIN, y, { width: contentWidth });
  y = doc.y + 3;
  doc.font(PDF_FONT_REGULAR).fontSize(9.5).fillColor('#374151');
  doc.text(table.subtitle, MARGIN, y, { width: contentWidth });
  y = doc.y + 10;

  // header height; vertical headers wrap at the smallest length that keeps their lines inside the column
  doc.font(PDF_FONT_BOLD).fontSize(size);
  let rotatedLength = 0;
  if (rotated) {
    for (let i = 1; i < header.length; i++) {
      const text = header[i] ?? '';
      let length = Math.min(MAX_ROTATED_HEADER, Math.max(...headerWords(text).map((w) => doc.widthOfString(w))) + 1);
      while (length < MAX_ROTATED_HEADER && textHeight(text, length) > innerWidth(i)) length += 4;
      rotatedLength = Math.max(rotatedLength, length);
    }
  }
  const headerHeight = Math.max(
    textHeight(header[0] ?? '', innerWidth(0)) + 2 * PAD,
    ...header.slice(1).map((text, j) => (rotated ? rotatedLength : textHeight(text, innerWidth(j + 1))) + 2 * PAD),
  );

  const drawGrid = (top: number, height: number): void => {
    doc.lineWidth(0.4).strokeColor(GRID);
    for (const x of [...xs, MARGIN + tableWidth]) doc.moveTo(x, top).lineTo(x, top + height).stroke();
    doc.moveTo(MARGIN, top + height).lineTo(MARGIN + tableWidth, top + height).stroke();
  };
  const drawRow = (cells: PdfCell[], top: number, height: number, font: string, background: string | null): void => {
    if (background !== null) doc.rect(MARGIN, top, tableWidth, height).fill(background);
    doc.fillColor('#000000').font(font).fontSize(size);
    cells.forEach((cell, i) => {
      const h = textHeight(cell.text, innerWidth(i));
      doc.text(cell.text, (xs[i] ?? MARGIN) + PAD, top + (height - h) / 2, { width: innerWidth(i), align: cell.align });
    });
    drawGrid(top, height);
  };
  const drawHeader = (top: number): number => {
    if (!rotated) {
      drawRow(header.map((text, i) => ({ text, align: i === 0 ? 'left' : 'center' })), top, headerHeight, PDF_FONT_BOLD, HEADER_BG);
    } else {
      doc.rect(MARGIN, top, tableWidth, headerHeight).fill(HEADER_BG);
      doc.fillColor('#000000').font(PDF_FONT_BOLD).fontSize(size);
      const first = header[0] ?? '';
      doc.text(first, MARGIN + PAD, top + headerHeight - PAD - textHeight(first, innerWidth(0)), { width: innerWidth(0) });
      header.slice(1).forEach((text, j) => {
        const i = j + 1;
        // turned 90° counter-clockwise: lines run bottom to top and follow each other left to right
        const x = (xs[i] ?? MARGIN) + PAD + (innerWidth(i) - textHeight(text, rotatedLength)) / 2;
        const yBottom = top + headerHeight - PAD;
        doc.save().rotate(-90, { origin: [x, yBottom] });
        doc.text(text, x, yBottom, { width: rotatedLength, align: 'left' });
        doc.restore();
      });
      drawGrid(top, headerHeight);
    }
    doc.lineWidth(0.4).strokeColor(GRID).moveTo(MARGIN, top).lineTo(MARGIN + tableWidth, top).stroke();
    return top + headerHeight;
  };

  y = drawHeader(y);
  body.forEach((cells, r) => {
    const isTotals = r === body.length - 1;
    const font = isTotals ? PDF_FONT_BOLD : PDF_FONT_REGULAR;
    doc.font(font).fontSize(size);
    const height = Math.max(...cells.map((c, i) => textHeight(c.text, innerWidth(i)))) + 2 * PAD;
    if (y + height > bottom) y = drawHeader(newPage());
    drawRow(cells, y, height, font, isTotals ? TOTALS_BG : r % 2 === 1 ? ZEBRA_BG : null);
    if (isTotals) doc.lineWidth(1).strokeColor('#000000').moveTo(MARGIN, y).lineTo(MARGIN + tableWidth, y).stroke();
    y += height;
  });

  if (table.note !== null && table.note.trim() !== '') {
    doc.font(PDF_FONT_REGULAR).fontSize(8);
    const noteHeight = textHeight(table.note, contentWidth);
    y += 8;
    if (y + noteHeight > bottom) y = newPage();
    doc.fillColor('#374151').text(table.note, MARGIN, y, { width: contentWidth });
  }

  // footer on every page: source and time on the left, "page / pages" on the right
  const footer = footerText(table);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // writing below the bottom margin would otherwise make pdfkit start a new page
    doc.page.margins.bottom = 0;
    doc.font(PDF_FONT_REGULAR).fontSize(FOOTER_SIZE).fillColor('#6b7280');
    doc.text(footer, MARGIN, footerTop, { width: contentWidth * 0.8, lineBreak: false });
    doc.text(`${i - range.start + 1} / ${range.count}`, MARGIN, footerTop, { width: contentWidth, align: 'right', lineBreak: false });
  }

  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
