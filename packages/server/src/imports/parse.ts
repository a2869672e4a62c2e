// Reads a legacy file into rows of text cells. The kind is decided by content: a zip is read as
// XLSX, anything else must be UTF-8 CSV (comma, semicolon or tab separated).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { literalCell } from '../http/csv.ts';
import { AppError, validation } from '../http/errors.ts';
import { checkZipBudget, MAX_XLSX_UNPACKED } from './zip-guard.ts';

export const MAX_IMPORT_ROWS = 50_000;

/** A number as typed in a sheet (decimal comma, spaces as thousands separators); null when empty or not a number. */
export function parseNumber(v: string): number | null {
  const n = Number(v.replace(',', '.').replace(/\s/g, ''));
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
}
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A data row with its number as a spreadsheet shows it (the header is row 1). */
export type SheetRow = { row: number; cells: string[] };
export type Sheet = { kind: 'csv' | 'xlsx'; header: string[]; rows: SheetRow[] };

/** A real import with problems writes nothing: 400 with the problems (the first 200), the dry run lists them all. */
export function importRefused(errorCount: number, errors: readonly { row: number; field: string; message: string }[]): AppError {
  return new AppError('validation_failed', `The file has ${errorCount} problem(s); nothing was imported. Run a dry run to see them all.`,
    errors.slice(0, 200).map((e) => ({ path: `row ${e.row}.${e.field}`, message: e.message })));
}

const tooMany = () => new AppError('payload_too_large', `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Split it into several files.`);
const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

function readCsv(bytes: Buffer): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw validation([{ path: 'file', message: 'the file is neither XLSX nor UTF-8 text: save the CSV as "CSV UTF-8"' }], 'The file is neither an XLSX workbook nor UTF-8 CSV.');
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw validation([{ path: 'file', message: 'the file holds binary data, not CSV text' }]);
  const delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, to: MAX_IMPORT_ROWS + 2 }) as unknown as typeof records;
  } catch (err) {
    const line = typeof err === 'object' && err !== null && 'lines' in err ? Number(err.lines) : null;
    throw validation([{ path: 'file', message: `CSV syntax error${line ? ` near line ${line}` : ''}: ${err instanceof Error ? err.message.replace(/^Invalid\s+/i, '') : 'unreadable'}` }], 'The CSV file cannot be read.');
  }
  const [head, ...rest] = records;
  if (!head) throw validation([{ path: 'file', message: 'the file is empty' }]);
  if (rest.length > MAX_IMPORT_ROWS) throw tooMany();
  return {
    kind: 'csv',
    header: head.record,
    rows: rest.filter((r) => !isBlank(r.record)).map((r) => ({ row: r.info.lines, cells: r.record })),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores wall-clock times: a date cell comes back as that wall time in UTC. */
function excelDate(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : excelDate(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((t) => (typeof t.text === 'string' ? t.text : '')).join('').trim();
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
  }
  return '';
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const unpacked = await checkZipBudget(bytes);
  if (!unpacked.ok && unpacked.reason === 'too_large') {
    throw new AppError('payload_too_large', `The workbook unpacks to more than ${MAX_XLSX_UNPACKED / 1024 / 1024} MB. Split it into several files.`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw validation([{ path: 'file', message: 'the file is a zip archive but not a readable XLSX workbook' }], 'The XLSX file cannot be read.');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw validation([{ path: 'file', message: 'the workbook has no rows' }]);
  if (ws.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooMany();
  const all: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    all.push({ row: n, cells: Array.from(values, (v) => cellText(v)) });
  });
  const rows = all.filter((r) => !isBlank(r.cells));
  const [head, ...rest] = rows;
  if (!head) throw validation([{ path: 'file', message: 'the workbook has no rows' }]);
  return { kind: 'xlsx', header: head.cells, rows: rest };
}

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw validation([{ path: 'file', message: 'the file is empty' }]);
  // a zip (PK\3\4) is read as XLSX whatever its name; everything else as CSV
  const sheet = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? await readXlsx(bytes) : readCsv(bytes);
  // our own downloads (templates, exports) mark text that looks like a formula with an apostrophe
  for (const r of sheet.rows) r.cells = r.cells.map(literalCell);
  return sheet;
}
