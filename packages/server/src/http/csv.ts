// CSV files for download (RFC 4180, UTF-8 with a byte-order mark so that Excel reads Cyrillic,
// CRLF line ends). Cells are data, never formulas: text a spreadsheet would evaluate (starting
// with = + - @, a tab or a carriage return) gets a leading apostrophe; numbers stay numbers.

/** Text a spreadsheet would evaluate is made literal. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The reverse of safeCell, for files coming back in (a template filled in, an export edited): the apostrophe goes. */
export function literalCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = safeCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvFile(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('')}`, 'utf8');
}
