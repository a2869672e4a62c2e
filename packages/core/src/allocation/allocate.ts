// Recommended allocation of specialist positions (FTE) to schools against a staffing norm.
//
// need_i = students_i / studentsPerFte, gap_i = max(0, need_i − have_i − x_i). We minimise
// Σ gap_i²: a squared shortfall weighs the most under-served schools first (one school short
// by 2 positions counts 4, two schools short by 1 count 2). Each f_i(x) = max(0, r_i − x)² is
// convex in x, and the objective is separable with one budget constraint Σ x_i ≤ K (x_i in
// whole steps). For such problems a greedy that gives every step to the school whose term it
// reduces most is exactly optimal (Gross 1956; Ibaraki & Katoh, "Resource Allocation
// Problems", 1988): marginal reductions of a convex term never increase, so an exchange of one
// step between two schools can never beat the greedy choice. allocate.test.ts checks this
// against a brute force over all allocations.

export type AllocationMode = 'new' | 'reassign';

export type AllocationSchool = { id: string; students: number; haveFte: number };

export type AllocationInput = {
  schools: readonly AllocationSchool[];
  /** the norm: students one full-time specialist serves */
  studentsPerFte: number;
  /** new positions (FTE) to place */
  positions: number;
  /** FTE granularity of a placement; default 0.5 */
  step?: number;
  /** 'reassign' may also move up to `maxMoved` FTE (default: `positions`) away from schools above the norm */
  mode?: AllocationMode;
  maxMoved?: number;
};

export type AllocationRow = {
  id: string;
  students: number;
  haveFte: number;
  needFte: number;
  /** FTE recommended to add (new or moved in) */
  add: number;
  /** FTE recommended to move away (reassign mode, only from schools above their need) */
  remove: number;
  afterFte: number;
  gapBefore: number;
  gapAfter: number;
  /** null when the school has no specialist */
  studentsPerFteBefore: number | null;
  studentsPerFteAfter: number | null;
  /** reduction of the squared shortfall by the school's first step (0 when it got none) */
  firstReduction: number;
};

export type ExplanationRule =
  | { code: 'greedy_largest_reduction'; step: number; steps: number }
  | { code: 'tie_break' }
  | { code: 'moved_from_surplus'; fte: number; donors: number }
  | { code: 'never_below_need' }
  | { code: 'all_gaps_closed'; unallocatedFte: number }
  | { code: 'no_gap' };

export type AllocationExplanation = {
  objective: 'sum_squared_gap';
  rules: ExplanationRule[];
  /** the first placements in order, to show how the rule works */
  firstSteps: { order: number; schoolId: string; gapBefore: number; gapAfter: number; reduction: number }[];
};

export type AllocationResult = {
  mode: AllocationMode;
  step: number;
  studentsPerFte: number;
  positions: number;
  /** new FTE placed in schools */
  allocatedNew: number;
  /** FTE moved from surplus schools */
  moved: number;
  /** new FTE not needed because every gap is closed */
  unallocated: number;
  objectiveBefore: number;
  objectiveAfter: number;
  shortfallBefore: number;
  shortfallAfter: number;
  underServedBefore: number;
  underServedAfter: number;
  schools: AllocationRow[];
  explanation: AllocationExplanation;
};

/** Gaps below this are rounding noise (1e-9 FTE). */
const EPS = 1e-9;
const FIRST_STEPS = 10;

function checkInput(input: AllocationInput, step: number): void {
  if (!(input.studentsPerFte > 0)) throw new RangeError('studentsPerFte must be positive');
  if (!(step > 0)) throw new RangeError('step must be positive');
  if (!(input.positions >= 0) || !Number.isFinite(input.positions)) throw new RangeError('positions must be a non-negative number');
  for (const s of input.schools) {
    if (!(s.students >= 0) || !(s.haveFte >= 0)) throw new RangeError(`school ${s.id}: students and haveFte must be non-negative`);
  }
}

/** Whole steps in an amount of FTE (tolerant of 0.1 + 0.2 style noise). */
export function stepsIn(fte: number, step: number): number {
  return Math.floor(fte / step + EPS);
}

const round = (v: number, digits = 6) => Math.round(v * 10 ** digits) / 10 ** digits;
const sq = (v: number) => v * v;
const gapOf = (need: number, have: number) => Math.max(0, need - have);

/** Σ max(0, need − have − x)² for an allocation x (in FTE). */
export function squaredShortfall(schools: readonly AllocationSchool[], studentsPerFte: number, add: ReadonlyMap<string, number> = new Map()): number {
  let total = 0;
  for (const s of schools) total += sq(gapOf(s.students / studentsPerFte, s.haveFte + (add.get(s.id) ?? 0)));
  return total;
}

type Entry = { index: number; reduction: number; students: number; id: string };

/** True when a goes before b: larger reduction, then more students, then the smaller id. */
function before(a: Entry, b: Entry): boolean {
  if (Math.abs(a.reduction - b.reduction) > EPS) return a.reduction > b.reduction;
  if (a.students !== b.students) return a.students > b.students;
  return a.id < b.id;
}

/** A binary max-heap ordered by `before`. */
class Heap {
  readonly #items: Entry[] = [];
  get size(): number { return this.#items.length; }
  peek(): Entry | undefined { return this.#items[0]; }
  push(e: Entry): void {
    const a = this.#items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i] as Entry, a[p] as Entry)) break;
      [a[i], a[p]] = [a[p] as Entry, a[i] as Entry];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as Entry, a[m] as Entry)) m = l;
        if (r < a.length && before(a[r] as Entry, a[m] as Entry)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Entry, a[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The optimal allocation (minimum Σ gap²) of `positions` new FTE in whole steps; in 'reassign'
 * mode up to `maxMoved` FTE more may come from schools above their need, which never fall
 * below it. New positions are placed first, moves only while a gap remains (fewest moves).
 */
export function allocatePositions(input: AllocationInput): AllocationResult {
  const step = input.step ?? 0.5;
  const mode = input.mode ?? 'new';
  checkInput(input, step);
  const norm = input.studentsPerFte;
  const n = input.schools.length;
  const need = input.schools.map((s) => s.students / norm);
  const addSteps = new Array<number>(n).fill(0);
  const removeSteps = new Array<number>(n).fill(0);
  const firstReduction = new Array<number>(n).fill(0);
  const residual = (i: number) => need[i]! - input.schools[i]!.haveFte - addSteps[i]! * step;
  const reductionAt = (i: number) => {
    const r = residual(i);
    return sq(Math.max(0, r)) - sq(Math.max(0, r - step));
  };

  const heap = new Heap();
  input.schools.forEach((s, index) => {
    const reduction = reductionAt(index);
    if (reduction > EPS) heap.push({ index, reduction, students: s.students, id: s.id });
  });

  // donors: schools above their need, the largest surplus first (then fewer students, then id)
  const donors = mode === 'reassign'
    ? input.schools.map((s, i) => ({ i, id: s.id, students: s.students, surplus: s.haveFte - need[i]!, steps: stepsIn(s.haveFte - need[i]!, step) }))
      .filter((d) => d.steps > 0)
      .sort((a, b) => b.surplus - a.surplus || a.students - b.students || (a.id < b.id ? -1 : 1))
    : [];
  let donor = 0;
  const newSteps = stepsIn(input.positions, step);
  let movableSteps = mode === 'reassign' ? stepsIn(input.maxMoved ?? input.positions, step) : 0;

  const firstSteps: AllocationExplanation['firstSteps'] = [];
  let usedNew = 0;
  let usedMoved = 0;
  for (;;) {
    const top = heap.peek();
    if (!top) break;
    if (usedNew < newSteps) {
      usedNew += 1;
    } else {
      // a move: the next donor with a whole step of surplus left
      while (donor < donors.length && removeSteps[donors[donor]!.i]! >= donors[donor]!.steps) donor += 1;
      if (movableSteps === 0 || donor >= donors.length) break;
      removeSteps[donors[donor]!.i]! += 1;
      movableSteps -= 1;
      usedMoved += 1;
    }
    heap.pop();
    const i = top.index;
    const gapBefore = Math.max(0, residual(i));
    if (addSteps[i] === 0) firstReduction[i] = top.reduction;
    addSteps[i]! += 1;
    if (firstSteps.length < FIRST_STEPS) {
      firstSteps.push({ order: firstSteps.length + 1, schoolId: top.id, gapBefore: round(gapBefore), gapAfter: round(Math.max(0, residual(i))), reduction: round(top.reduction) });
    }
    const next = reductionAt(i);
    if (next > EPS) heap.push({ ...top, reduction: next });
  }

  const rows: AllocationRow[] = input.schools.map((s, i) => {
    const add = addSteps[i]! * step;
    const remove = removeSteps[i]! * step;
    const after = s.haveFte + add - remove;
    return {
      id: s.id, students: s.students, haveFte: s.haveFte, needFte: round(need[i]!), add: round(add), remove: round(remove), afterFte: round(after),
      gapBefore: round(gapOf(need[i]!, s.haveFte)), gapAfter: round(gapOf(need[i]!, after)),
      studentsPerFteBefore: s.haveFte > 0 ? round(s.students / s.haveFte, 1) : null,
      studentsPerFteAfter: after > 0 ? round(s.students / after, 1) : null,
      firstReduction: round(firstReduction[i]!),
    };
  });
  const sum = (f: (r: AllocationRow) => number) => rows.reduce((t, r) => t + f(r), 0);
  // objectives from unrounded gaps
  let objectiveBefore = 0;
  let objectiveAfter = 0;
  input.schools.forEach((s, i) => {
    objectiveBefore += sq(gapOf(need[i]!, s.haveFte));
    objectiveAfter += sq(gapOf(need[i]!, s.haveFte + (addSteps[i]! - removeSteps[i]!) * step));
  });
  const unallocated = (newSteps - usedNew) * step;
  const rules: ExplanationRule[] = [];
  if (objectiveBefore <= EPS) rules.push({ code: 'no_gap' });
  else rules.push({ code: 'greedy_largest_reduction', step, steps: usedNew + usedMoved }, { code: 'tie_break' });
  if (mode === 'reassign') {
    rules.push({ code: 'moved_from_surplus', fte: round(usedMoved * step), donors: removeSteps.filter((v) => v > 0).length }, { code: 'never_below_need' });
  }
  if (unallocated > EPS) rules.push({ code: 'all_gaps_closed', unallocatedFte: round(unallocated) });
  return {
    mode, step, studentsPerFte: norm, positions: input.positions,
    allocatedNew: round(usedNew * step), moved: round(usedMoved * step), unallocated: round(unallocated),
    objectiveBefore: round(objectiveBefore), objectiveAfter: round(objectiveAfter),
    shortfallBefore: round(sum((r) => r.gapBefore)), shortfallAfter: round(sum((r) => r.gapAfter)),
    underServedBefore: rows.filter((r) => r.gapBefore > EPS).length, underServedAfter: rows.filter((r) => r.gapAfter > EPS).length,
    schools: rows,
    explanation: { objective: 'sum_squared_gap', rules, firstSteps },
  };
}

export type ProportionalResult = { add: Map<string, number>; objectiveAfter: number; shortfallAfter: number };

/**
 * The baseline: `positions` split by each school's share of the total gap, rounded to whole
 * steps by largest remainder (ties: more students, then id). Placements beyond a school's gap
 * are kept: that is what a proportional split does.
 */
export function proportionalAllocation(input: Pick<AllocationInput, 'schools' | 'studentsPerFte' | 'positions' | 'step'>): ProportionalResult {
  const step = input.step ?? 0.5;
  checkInput(input, step);
  const units = stepsIn(input.positions, step);
  const gaps = input.schools.map((s) => gapOf(s.students / input.studentsPerFte, s.haveFte));
  const total = gaps.reduce((a, b) => a + b, 0);
  const add = new Map<string, number>();
  if (total > EPS && units > 0) {
    const quota = gaps.map((g) => (units * g) / total);
    const whole = quota.map((q) => Math.floor(q + EPS));
    let left = units - whole.reduce((a, b) => a + b, 0);
    const order = quota.map((q, i) => ({ i, rem: q - whole[i]!, s: input.schools[i]! }))
      .filter((o) => gaps[o.i]! > EPS)
      .sort((a, b) => (Math.abs(b.rem - a.rem) > EPS ? b.rem - a.rem : b.s.students - a.s.students || (a.s.id < b.s.id ? -1 : 1)));
    for (const o of order) {
      if (left <= 0) break;
      whole[o.i]! += 1;
      left -= 1;
    }
    input.schools.forEach((s, i) => { if (whole[i]! > 0) add.set(s.id, whole[i]! * step); });
  }
  let objectiveAfter = 0;
  let shortfallAfter = 0;
  input.schools.forEach((s) => {
    const g = gapOf(s.students / input.studentsPerFte, s.haveFte + (add.get(s.id) ?? 0));
    objectiveAfter += sq(g);
    shortfallAfter += g;
  });
  return { add, objectiveAfter: round(objectiveAfter), shortfallAfter: round(shortfallAfter) };
}
