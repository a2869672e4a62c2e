import { describe, expect, it } from 'vitest';
import { createRng, weightedSampler } from './rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    const sb = Array.from({ length: 20 }, () => b.uint32());
    const sc = Array.from({ length: 20 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('is pinned: a change of algorithm would change every demo data set', () => {
    const r = createRng(1);
    expect(Array.from({ length: 3 }, () => r.uint32())).toMatchInlineSnapshot(`
      [
        986517678,
        2672681029,
        625981019,
      ]
    `);
  });

  it('forks streams that depend on the seed path only, not on what the parent consumed', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 1000; i++) b.next();
    const fa = a.fork('reports');
    const fb = b.fork('reports');
    expect(Array.from({ length: 10 }, () => fa.next())).toEqual(Array.from({ length: 10 }, () => fb.next()));
    const other = createRng(7).fork('persons');
    expect(other.next()).not.toBe(createRng(7).fork('reports').next());
    expect(createRng(7).fork('a').fork('b').path).toBe('7/a/b');
  });

  it('keeps int() within bounds, both ends reachable', () => {
    const r = createRng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = r.int(-2, 3);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(3);
      seen.add(v);
    }
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => r.int(3, 2)).toThrow(RangeError);
  });

  it('picks by weight, skips zero weights, and chance(p) hits about p', () => {
    const r = createRng('weights');
    const n = 40_000;
    const counts = { a: 0, b: 0, c: 0 };
    const sample = weightedSampler<'a' | 'b' | 'c'>([['a', 1], ['b', 3], ['c', 0]]);
    let hits = 0;
    for (let i = 0; i < n; i++) {
      counts[r.weighted<'a' | 'b' | 'c'>([['a', 1], ['b', 3], ['c', 0]])]++;
      counts[sample(r)]++;
      if (r.chance(0.2)) hits++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / (2 * n)).toBeCloseTo(0.75, 1);
    expect(hits / n).toBeCloseTo(0.2, 1);
    expect(r.weightedKey({ x: 0, y: 2 })).toBe('y');
    expect(() => r.weighted([['x', 0]])).toThrow(RangeError);
  });

  it('normal() has about the requested mean and spread; shuffle() permutes', () => {
    const r = createRng('normal');
    const xs = Array.from({ length: 20_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(r.normalInt(5, 100, 0, 9)).toBeLessThanOrEqual(9);
  });
});
