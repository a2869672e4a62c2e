import { describe, expect, it } from 'vitest';
import { Rng } from '../demo/rng.ts';
import { allocatePositions, proportionalAllocation, squaredShortfall, stepsIn, type AllocationSchool } from './allocate.ts';

const addOf = (r: ReturnType<typeof allocatePositions>) => Object.fromEntries(r.schools.filter((s) => s.add > 0).map((s) => [s.id, s.add]));

/** The minimum Σ gap² over every allocation of at most `units` steps: an exhaustive search. */
function bruteForce(schools: AllocationSchool[], norm: number, units: number, step: number): number {
  let best = Infinity;
  const x = new Array<number>(schools.length).fill(0);
  const walk = (i: number, left: number) => {
    if (i === schools.length) {
      best = Math.min(best, squaredShortfall(schools, norm, new Map(schools.map((s, j) => [s.id, x[j]! * step]))));
      return;
    }
    for (let k = 0; k <= left; k += 1) {
      x[i] = k;
      walk(i + 1, left - k);
    }
    x[i] = 0;
  };
  walk(0, units);
  return best;
}

function randomSchools(rng: Rng, n: number, step: number): AllocationSchool[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `s${String(i).padStart(2, '0')}`,
    students: rng.chance(0.2) ? 500 * rng.int(0, 3) : rng.int(0, 1800),
    haveFte: rng.int(0, 8) * (rng.chance(0.5) ? step : 0.25),
  }));
}

describe('allocatePositions', () => {
  const schools: AllocationSchool[] = [
    { id: 'a', students: 1000, haveFte: 0 }, // need 2, gap 2
    { id: 'b', students: 500, haveFte: 0 }, // need 1, gap 1
    { id: 'c', students: 250, haveFte: 1.5 }, // need 0.5, surplus 1
  ];

  it('gives each step where it reduces the squared shortfall most (hand case)', () => {
    const r = allocatePositions({ schools, studentsPerFte: 500, positions: 1, step: 0.5 });
    // a: 4 → 2.25 (−1.75), then a: 2.25 → 1 (−1.25) beats b: 1 → 0.25 (−0.75)
    expect(addOf(r)).toEqual({ a: 1 });
    expect(r.objectiveBefore).toBe(5);
    expect(r.objectiveAfter).toBe(2);
    expect(r.shortfallBefore).toBe(3);
    expect(r.shortfallAfter).toBe(2);
    expect(r.explanation.firstSteps.map((s) => [s.schoolId, s.reduction])).toEqual([['a', 1.75], ['a', 1.25]]);
    expect(r.explanation.rules.map((x) => x.code)).toEqual(['greedy_largest_reduction', 'tie_break']);
    const a = r.schools.find((s) => s.id === 'a');
    expect(a).toMatchObject({ needFte: 2, afterFte: 1, gapBefore: 2, gapAfter: 1, studentsPerFteBefore: null, studentsPerFteAfter: 1000 });
    // three positions: a 2 → gap 0 and b 1 → gap 0; the rest stays unallocated
    const all = allocatePositions({ schools, studentsPerFte: 500, positions: 4, step: 0.5 });
    expect(addOf(all)).toEqual({ a: 2, b: 1 });
    expect(all.unallocated).toBe(1);
    expect(all.objectiveAfter).toBe(0);
    expect(all.explanation.rules.at(-1)).toEqual({ code: 'all_gaps_closed', unallocatedFte: 1 });
  });

  it('breaks ties by more students, then by id', () => {
    // equal gaps of 1: the school with more students first
    const r = allocatePositions({ schools: [{ id: 'z', students: 500, haveFte: 0 }, { id: 'y', students: 1000, haveFte: 1 }], studentsPerFte: 500, positions: 0.5 });
    expect(addOf(r)).toEqual({ y: 0.5 });
    // equal gaps and students: the smaller id, whatever the input order
    const same = [{ id: 'b', students: 500, haveFte: 0 }, { id: 'a', students: 500, haveFte: 0 }];
    expect(addOf(allocatePositions({ schools: same, studentsPerFte: 500, positions: 0.5 }))).toEqual({ a: 0.5 });
    expect(addOf(allocatePositions({ schools: [...same].reverse(), studentsPerFte: 500, positions: 0.5 }))).toEqual({ a: 0.5 });
  });

  it('handles fractional needs and steps of 0.25 and 1', () => {
    // need 1.46 with 1 FTE: a gap of 0.46, closed by one step of 0.5
    const r = allocatePositions({ schools: [{ id: 'a', students: 730, haveFte: 1 }], studentsPerFte: 500, positions: 1, step: 0.5 });
    expect(r.schools[0]).toMatchObject({ add: 0.5, gapBefore: 0.46, gapAfter: 0, firstReduction: 0.2116 });
    expect(r.unallocated).toBe(0.5);
    const quarter = allocatePositions({ schools, studentsPerFte: 500, positions: 0.75, step: 0.25 });
    expect(addOf(quarter)).toEqual({ a: 0.75 });
    expect(stepsIn(0.3 + 0.6, 0.3)).toBe(3);
  });

  it('reassigns only from schools above their need, never below it, and only while a gap remains', () => {
    const r = allocatePositions({ schools, studentsPerFte: 500, positions: 1, step: 0.5, mode: 'reassign' });
    // 1 new + up to 1 moved from c (surplus 1): a gets 1.5, b 0.5 or a 2? a 2.25→1→0.25 (−1.25, −0.75) ties b (−0.75): more students → a
    expect(r.moved).toBe(1);
    expect(r.schools.find((s) => s.id === 'c')).toMatchObject({ remove: 1, afterFte: 0.5, gapAfter: 0 });
    expect(r.objectiveAfter).toBe(bruteForce(schools, 500, 4, 0.5));
    expect(r.explanation.rules.map((x) => x.code)).toContain('never_below_need');
    // nothing to move when no gap remains after the new positions
    const enough = allocatePositions({ schools, studentsPerFte: 500, positions: 3, step: 0.5, mode: 'reassign' });
    expect(enough.moved).toBe(0);
    expect(enough.schools.find((s) => s.id === 'c')?.remove).toBe(0);
    // maxMoved caps the moves
    expect(allocatePositions({ schools, studentsPerFte: 500, positions: 0, step: 0.5, mode: 'reassign', maxMoved: 0.5 }).moved).toBe(0.5);
  });

  it('equals the brute-force optimum and is never worse than the proportional split (seeded random instances)', () => {
    const rng = new Rng('allocation-property');
    for (let run = 0; run < 400; run += 1) {
      const step = rng.pick([0.25, 0.5, 1]);
      const n = rng.int(1, 5);
      const units = rng.int(0, 6);
      const norm = rng.pick([250, 500, 400]);
      const list = randomSchools(rng, n, step);
      const r = allocatePositions({ schools: list, studentsPerFte: norm, positions: units * step, step });
      const best = bruteForce(list, norm, units, step);
      expect(r.objectiveAfter, JSON.stringify({ list, units, step, norm })).toBeCloseTo(best, 5);
      const used = r.schools.reduce((t, s) => t + s.add, 0);
      expect(used + r.unallocated).toBeCloseTo(units * step, 9);
      const prop = proportionalAllocation({ schools: list, studentsPerFte: norm, positions: units * step, step });
      expect(r.objectiveAfter).toBeLessThanOrEqual(prop.objectiveAfter + 1e-5);
      // the proportional split places every step when there is a gap
      const placed = [...prop.add.values()].reduce((a, b) => a + b, 0);
      if (r.objectiveBefore > 0) expect(placed).toBeCloseTo(units * step, 9);

      // reassign: the optimum with the moves available, donors never below need
      const maxMoved = rng.int(0, 3) * step;
      const re = allocatePositions({ schools: list, studentsPerFte: norm, positions: units * step, step, mode: 'reassign', maxMoved });
      const movable = Math.min(stepsIn(maxMoved, step), list.reduce((t, s) => t + stepsIn(s.haveFte - s.students / norm, step) * (s.haveFte > s.students / norm ? 1 : 0), 0));
      expect(re.objectiveAfter).toBeCloseTo(bruteForce(list, norm, units + movable, step), 5);
      expect(re.moved).toBeLessThanOrEqual(maxMoved + 1e-9);
      for (const s of re.schools) {
        if (s.remove > 0) {
          expect(s.afterFte).toBeGreaterThanOrEqual(s.needFte - 1e-9);
          expect(s.add).toBe(0);
        }
      }
      expect(re.schools.reduce((t, s) => t + s.add, 0)).toBeCloseTo(re.allocatedNew + re.moved, 9);
    }
  });

  it('is deterministic and fast for a country (7,500 schools, 1,000 positions)', () => {
    const rng = new Rng('country');
    const list = Array.from({ length: 7500 }, (_, i) => ({ id: `s${i}`, students: rng.int(20, 2500), haveFte: rng.int(0, 6) * 0.5 }));
    const t0 = performance.now();
    const a = allocatePositions({ schools: list, studentsPerFte: 500, positions: 1000, step: 0.5 });
    const ms = performance.now() - t0;
    const b = allocatePositions({ schools: [...list].reverse(), studentsPerFte: 500, positions: 1000, step: 0.5 });
    expect(addOf(a)).toEqual(addOf(b));
    expect(ms).toBeLessThan(1000);
  });

  it('rejects nonsense input', () => {
    expect(() => allocatePositions({ schools, studentsPerFte: 0, positions: 1 })).toThrow(RangeError);
    expect(() => allocatePositions({ schools, studentsPerFte: 500, positions: -1 })).toThrow(RangeError);
    expect(() => allocatePositions({ schools: [{ id: 'x', students: -1, haveFte: 0 }], studentsPerFte: 500, positions: 1 })).toThrow(RangeError);
    const none = allocatePositions({ schools: [{ id: 'x', students: 100, haveFte: 1 }], studentsPerFte: 500, positions: 1 });
    expect(none.explanation.rules[0]).toEqual({ code: 'no_gap' });
  });
});

describe('proportionalAllocation', () => {
  it('splits by gap share with largest-remainder rounding to the step', () => {
    const list = [{ id: 'a', students: 1000, haveFte: 0 }, { id: 'b', students: 500, haveFte: 0 }, { id: 'c', students: 250, haveFte: 1.5 }];
    // quotas of 3 steps: a 2, b 1 → a 1, b 0.5
    const p = proportionalAllocation({ schools: list, studentsPerFte: 500, positions: 1.5, step: 0.5 });
    expect(Object.fromEntries(p.add)).toEqual({ a: 1, b: 0.5 });
    expect(p.objectiveAfter).toBe(1.25);
    // quotas of 1 step: a 0.667, b 0.333 → a
    expect(Object.fromEntries(proportionalAllocation({ schools: list, studentsPerFte: 500, positions: 0.5 }).add)).toEqual({ a: 0.5 });
  });
});
