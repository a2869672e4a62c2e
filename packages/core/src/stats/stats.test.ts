import { describe, expect, it } from 'vitest';
import { ageGroupOf, growthPercent } from './growth.ts';
import { suppressTable, type SuppressedTable } from './suppression.ts';

describe('growth', () => {
  it('reproduces the sources: Almaty 90 → 143 is +58.9 %', () => {
    expect(growthPercent(90, 143)).toBe(58.9);
    expect(growthPercent(143, 90)).toBe(-37.1);
    expect(growthPercent(0, 5)).toBeNull();
    expect(growthPercent(null, 5)).toBeNull();
    expect(growthPercent(200, 200)).toBe(0);
  });
  it('groups ages by school stage', () => {
    expect([0, 6, 7, 10, 11, 14, 15, 17, 18, null].map(ageGroupOf)).toEqual(['0-6', '0-6', '7-10', '7-10', '11-14', '11-14', '15-17', '15-17', 'unknown', 'unknown']);
  });
});

/**
 * Every value each suppressed cell could take, given everything published (shown cells and
 * totals) and that counts are non-negative integers: an attacker's exhaustive search.
 */
function feasibleValues(t: SuppressedTable, bound: number): Map<string, Set<number>> {
  const marks: (string | null)[][] = t.marks.cells.map((row, r) => [...row, t.marks.rowTotals[r] ?? null]);
  marks.push([...t.marks.columnTotals, t.marks.grandTotal]);
  const rows = t.cells.length;
  const cols = t.cells[0]?.length ?? 0;
  const grid: (number | null)[][] = t.cells.map((row, r) => [...row, t.rowTotals[r] ?? null]);
  grid.push([...t.columnTotals, t.grandTotal]);
  const lines: [number, number][][] = [];
  for (let r = 0; r <= rows; r += 1) lines.push(Array.from({ length: cols + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= cols; c += 1) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as [number, number]));
  const unknowns: [number, number][] = [];
  grid.forEach((row, r) => row.forEach((v, c) => { if (v === null) unknowns.push([r, c]); }));
  const seen = new Map(unknowns.map(([r, c]) => [`${r},${c}`, new Set<number>()]));
  const value = grid.map((row) => row.map((v) => v));
  const consistent = (): boolean => lines.every((line) => {
    const vals = line.map(([r, c]) => value[r]?.[c] ?? null);
    const total = vals[vals.length - 1] ?? null;
    const inner = vals.slice(0, -1);
    const known = inner.filter((v): v is number => v !== null).reduce((a, b) => a + b, 0);
    if (inner.every((v) => v !== null) && total !== null) return known === total;
    return total === null || known <= total;
  });
  const dfs = (i: number) => {
    if (i === unknowns.length) {
      for (const [r, c] of unknowns) seen.get(`${r},${c}`)?.add(value[r]?.[c] as number);
      return;
    }
    const [r, c] = unknowns[i] as [number, number];
    // what the published marks tell: "<5" is 1–4, "×" is 5 or more
    const small = marks[r]?.[c] === 'small';
    for (let v = small ? 1 : 5; v <= (small ? 4 : bound); v += 1) {
      (value[r] as (number | null)[])[c] = v;
      if (consistent()) dfs(i + 1);
    }
    (value[r] as (number | null)[])[c] = null;
  };
  dfs(0);
  return seen;
}

// a deterministic pseudo-random generator for the property test
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('small-count suppression', () => {
  it('shows 1–4 as suppressed and protects them with complementary cells', () => {
    const t = suppressTable([[10, 3, 7], [12, 9, 0], [8, 11, 6]]);
    expect(t.cells[0]?.[1]).toBeNull();
    expect(t.primary).toBe(1);
    // the 3 needs a partner in its row and its column
    expect(t.cells[0]?.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    expect(t.cells.map((row) => row[1]).filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    expect(t.complementary).toBeGreaterThan(0);
    // nothing is suppressed that need not be
    expect(suppressTable([[10, 30], [12, 9]]).cells).toEqual([[10, 30], [12, 9]]);
    expect(suppressTable([[0, 0], [0, 7]]).cells).toEqual([[0, 0], [0, 7]]);
  });

  it('suppresses a small total too', () => {
    const t = suppressTable([[1, 2, 0], [20, 30, 40]]);
    expect(t.rowTotals[0]).toBeNull();
    expect(t.cells[0]?.slice(0, 2)).toEqual([null, null]);
  });

  it('never lets a suppressed value be worked out from what is published (exhaustive search on 300 random tables)', () => {
    const rand = rng(20261123);
    let checked = 0;
    for (let n = 0; n < 300; n += 1) {
      const rows = 2 + Math.floor(rand() * 2);
      const cols = 2 + Math.floor(rand() * 2);
      const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => {
        const x = rand();
        return x < 0.2 ? 0 : x < 0.55 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 6);
      }));
      const t = suppressTable(values);
      if (t.primary === 0) continue;
      const grand = values.flat().reduce((a, b) => a + b, 0);
      const feasible = feasibleValues(t, grand);
      const truth = [...values.map((row) => [...row, row.reduce((a, b) => a + b, 0)]), [...Array.from({ length: cols }, (_, c) => values.reduce((s, row) => s + (row[c] ?? 0), 0)), grand]];
      for (const [key, vals] of feasible) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        const v = truth[r]?.[c] ?? 0;
        expect(v, `cell ${key} is suppressed but not a small count or its protection`).toBeGreaterThan(0);
        expect(vals.has(v)).toBe(true);
        if (v > 4) continue; // a complementary cell: only the small counts must stay unknown
        expect(vals.size, `cell ${key} of ${JSON.stringify(values)} is determined: ${[...vals].join(',')}`).toBeGreaterThan(1);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('rejects what is not a table of counts', () => {
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[-1]])).toThrow(RangeError);
  });
});

describe('suppression at national scale', () => {
  it('handles 20 regions × 17 types quickly and leaves no line with a single hidden value', () => {
    const rand = rng(7);
    const values = Array.from({ length: 20 }, () => Array.from({ length: 17 }, () => (rand() < 0.3 ? Math.floor(rand() * 5) : Math.floor(rand() * 200))));
    const started = performance.now();
    const t = suppressTable(values);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(t.primary).toBeGreaterThan(10);
    const rowsHidden = t.cells.map((row, r) => row.filter((v) => v === null).length + (t.rowTotals[r] === null ? 1 : 0));
    expect(rowsHidden.every((n) => n !== 1)).toBe(true);
  });
});
