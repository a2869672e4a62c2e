// Small-count suppression for public tables. Values 1–4 are suppressed and published as "<5"
// (primary suppression). Further values are then hidden (complementary suppression, published as
// "×") until no small value can be worked out from what is published — the shown cells, the row
// and column totals, and what a reader knows from the rule itself: a "<5" is 1–4, a "×" is 5 or
// more (zeros are never hidden: a hidden zero protects nothing once its other line is known).
//
// Two checks decide that a small value is still exposed, each sound: (1) the equations of the
// table (every line sums to its total) determine it — linear algebra over the hidden values;
// (2) bounds propagation along the lines pins it to one value. While one is exposed, the
// smallest shown non-zero value of one of its lines (or else that line's total) is hidden too.

export const SMALL_COUNT_MAX = 4;

export type SuppressedTable = {
  /** the cells, row by row; null where suppressed */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
  /** per cell (same shape as cells, then totals): 'small' for "<5", 'protect' for "×", null when shown */
  marks: { cells: (Mark | null)[][]; rowTotals: (Mark | null)[]; columnTotals: (Mark | null)[]; grandTotal: Mark | null };
  /** how many values were suppressed as small counts, and how many to protect them */
  primary: number;
  complementary: number;
};
export type Mark = 'small' | 'protect';

const isSmall = (v: number) => v >= 1 && v <= SMALL_COUNT_MAX;
type Cell = [number, number];

/**
 * Which unknowns the system of line equations determines: Gaussian elimination to a reduced
 * basis of the row space, then e_target in that space ⇔ the unknown is determined.
 */
function determinedBy(lines: Cell[][], unknownIndex: Map<string, number>): (target: number) => boolean {
  const n = unknownIndex.size;
  const rows: number[][] = [];
  for (const line of lines) {
    const v = new Array<number>(n).fill(0);
    let any = false;
    line.forEach(([r, c], i) => {
      const k = unknownIndex.get(`${r},${c}`);
      if (k === undefined) return;
      v[k] = (v[k] ?? 0) + (i === line.length - 1 ? -1 : 1);
      any = true;
    });
    if (any) rows.push(v);
  }
  // reduce the rows to echelon form, then reduce e_target against them
  const basis: { pivot: number; row: number[] }[] = [];
  for (const row0 of rows) {
    const row = [...row0];
    for (const b of basis) {
      const f = row[b.pivot] ?? 0;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < n; j += 1) row[j] = (row[j] ?? 0) - f * (b.row[j] ?? 0);
    }
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const p = row[pivot] ?? 1;
    for (let j = 0; j < n; j += 1) row[j] = (row[j] ?? 0) / p;
    for (const b of basis) {
      const f = b.row[pivot] ?? 0;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < n; j += 1) b.row[j] = (b.row[j] ?? 0) - f * (row[j] ?? 0);
    }
    basis.push({ pivot, row });
  }
  return (target) => {
    const e = new Array<number>(n).fill(0);
    e[target] = 1;
    for (const b of basis) {
      const f = e[b.pivot] ?? 0;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < n; j += 1) e[j] = (e[j] ?? 0) - f * (b.row[j] ?? 0);
    }
    return e.every((x) => Math.abs(x) < 1e-9);
  };
}

/** Bounds propagation: the interval each hidden value can take; true if a small value is pinned. */
function pinnedByBounds(grid: number[][], hidden: boolean[][], small: boolean[][], lines: Cell[][], grand: number): Set<string> {
  const lo = grid.map((row, r) => row.map((v, c) => (hidden[r]?.[c] ? (small[r]?.[c] ? 1 : SMALL_COUNT_MAX + 1) : v)));
  const hi = grid.map((row, r) => row.map((v, c) => (hidden[r]?.[c] ? (small[r]?.[c] ? SMALL_COUNT_MAX : grand) : v)));
  const get = (m: number[][], [r, c]: Cell) => m[r]?.[c] ?? 0;
  const set = (m: number[][], [r, c]: Cell, v: number) => { (m[r] as number[])[c] = v; };
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds += 1) {
    changed = false;
    for (const line of lines) {
      const total = line[line.length - 1] as Cell;
      const inner = line.slice(0, -1);
      const sumLo = inner.reduce((s, x) => s + get(lo, x), 0);
      const sumHi = inner.reduce((s, x) => s + get(hi, x), 0);
      // total within [sumLo, sumHi]
      if (sumLo > get(lo, total)) { set(lo, total, sumLo); changed = true; }
      if (sumHi < get(hi, total)) { set(hi, total, sumHi); changed = true; }
      for (const x of inner) {
        const l = get(lo, total) - (sumHi - get(hi, x));
        const h = get(hi, total) - (sumLo - get(lo, x));
        if (l > get(lo, x)) { set(lo, x, l); changed = true; }
        if (h < get(hi, x)) { set(hi, x, h); changed = true; }
      }
    }
  }
  const out = new Set<string>();
  grid.forEach((row, r) => row.forEach((_, c) => { if (small[r]?.[c] && get(lo, [r, c]) >= get(hi, [r, c])) out.add(`${r},${c}`); }));
  return out;
}

/**
 * Suppress a table of non-negative counts whose totals are the sums of its rows and columns.
 * Cell (r, c) is `values[r][c]`; totals are computed here.
 */
export function suppressTable(values: readonly (readonly number[])[]): SuppressedTable {
  const rows = values.length;
  const cols = rows ? (values[0]?.length ?? 0) : 0;
  for (const row of values) {
    if (row.length !== cols) throw new RangeError('every row needs the same number of columns');
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new RangeError('counts must be non-negative integers');
  }
  // one grid with the margins: column `cols` holds row totals, row `rows` holds column totals
  const grid: number[][] = values.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  grid.push(Array.from({ length: cols + 1 }, (_, c) => grid.reduce((s, row) => s + (row[c] ?? 0), 0)));
  const grand = grid[rows]?.[cols] ?? 0;
  const small = grid.map((row) => row.map(isSmall));
  const hidden = small.map((row) => [...row]);
  const primary = small.flat().filter(Boolean).length;
  const lines: Cell[][] = [];
  for (let r = 0; r <= rows; r += 1) lines.push(Array.from({ length: cols + 1 }, (_, c) => [r, c] as Cell));
  for (let c = 0; c <= cols; c += 1) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as Cell));
  const linesOf = (r: number, c: number) => [lines[r] as Cell[], lines[rows + 1 + c] as Cell[]];
  const value = ([r, c]: Cell) => grid[r]?.[c] ?? 0;
  let complementary = 0;
  /** hide one more value in a line of (r, c): the smallest shown non-zero cell, else the total */
  const protect = (r: number, c: number): boolean => {
    for (const line of linesOf(r, c)) {
      const candidates = line.slice(0, -1).filter(([x, y]) => !hidden[x]?.[y] && value([x, y]) > 0).sort((a, b) => value(a) - value(b));
      const total = line[line.length - 1] as Cell;
      const pick = candidates[0] ?? (hidden[total[0]]?.[total[1]] ? undefined : total);
      if (pick) {
        (hidden[pick[0]] as boolean[])[pick[1]] = true;
        complementary += 1;
        return true;
      }
    }
    // both lines are spent: hide the smallest shown value of any line that holds hidden values
    const wider = lines.filter((line) => line.some(([x, y]) => hidden[x]?.[y])).flat()
      .filter(([x, y]) => !hidden[x]?.[y] && value([x, y]) > 0).sort((a, b) => value(a) - value(b))[0];
    if (!wider) return false;
    (hidden[wider[0]] as boolean[])[wider[1]] = true;
    complementary += 1;
    return true;
  };
  for (let guard = 0; guard < 10_000; guard += 1) {
    // a line with exactly one hidden value gives it away at once
    const single = lines.find((line) => line.filter(([r, c]) => hidden[r]?.[c]).length === 1);
    if (single) {
      const [r, c] = single.find(([x, y]) => hidden[x]?.[y]) as Cell;
      if (!protect(r, c)) break;
      continue;
    }
    const unknowns = new Map<string, number>();
    grid.forEach((row, r) => row.forEach((_, c) => { if (hidden[r]?.[c]) unknowns.set(`${r},${c}`, unknowns.size); }));
    const pinned = pinnedByBounds(grid, hidden, small, lines, grand);
    const determined = determinedBy(lines, unknowns);
    let exposed: Cell | undefined;
    for (const [key, k] of unknowns) {
      const [r, c] = key.split(',').map(Number) as Cell;
      if (!small[r]?.[c]) continue;
      if (pinned.has(key) || determined(k)) { exposed = [r, c]; break; }
    }
    if (!exposed || !protect(exposed[0], exposed[1])) break;
  }
  const show = (r: number, c: number) => (hidden[r]?.[c] ? null : (grid[r]?.[c] ?? 0));
  const mark = (r: number, c: number): Mark | null => (!hidden[r]?.[c] ? null : small[r]?.[c] ? 'small' : 'protect');
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => show(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => show(r, cols)),
    columnTotals: Array.from({ length: cols }, (_, c) => show(rows, c)),
    grandTotal: show(rows, cols),
    marks: {
      cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => mark(r, c))),
      rowTotals: Array.from({ length: rows }, (_, r) => mark(r, cols)),
      columnTotals: Array.from({ length: cols }, (_, c) => mark(rows, c)),
      grandTotal: mark(rows, cols),
    },
    primary,
    complementary,
  };
}
