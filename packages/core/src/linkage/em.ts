// Fitting m and u. m comes from expectation–maximisation over the blocked pairs, a mixture of
// matches and non-matches; the non-matches among blocked pairs agree far more often than random
// pairs do (that is what blocking is for), so EM fits their own u as well (u_blocked):
//
//   E: for each pair, P(match | levels) = λ·Πm / (λ·Πm + (1−λ)·Πu_b)   (fields at "missing" left out)
//   M: m[f][l] = Σ P·[level f = l] / Σ P·[f not missing];  u_b likewise with 1−P;  λ = mean P
//
// The weights need u over all pairs, not blocked ones: that u comes from random pairs of the
// register (estimateU) — nearly all of them are different persons.
// No labels are needed; a reviewer's decisions (merged / distinct) can later check the fit.
import { blockPairs } from './blocking.ts';
import { createComparator, FIELD_COUNT, MISSING_CODE } from './compare.ts';
import { LINK_FIELDS, LINK_LEVELS, type LinkageParams, type MU } from './params.ts';
import { prepareRecords, type LinkRecord, type PreparedRecords } from './prepare.ts';
import { scorePairs } from './link.ts';

type Counts = number[][];

const zeros = (): Counts => LINK_FIELDS.map((f) => new Array<number>(LINK_LEVELS[f].length).fill(0));

/** Level frequencies among `samples` random pairs (u), smoothed so that no level has 0. */
export function estimateU(rec: PreparedRecords, params: LinkageParams, opts: { samples: number; seed?: number }): number[][] {
  const cmp = createComparator(rec, params);
  const levels = new Uint8Array(FIELD_COUNT);
  const counts = zeros();
  // xorshift32: enough for choosing pairs
  let s = (opts.seed ?? 1) >>> 0 || 1;
  const rand = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  if (rec.n < 2) return counts;
  for (let k = 0; k < opts.samples; k++) {
    const i = Math.floor(rand() * rec.n);
    let j = Math.floor(rand() * (rec.n - 1));
    if (j >= i) j++;
    cmp.compare(i, j, levels);
    for (let f = 0; f < FIELD_COUNT; f++) (counts[f] as number[])[levels[f] as number]! += 1;
  }
  return counts.map((row, f) => normalise(row, MISSING_CODE[f] as number, 0.5));
}

/** Proportions over the non-missing levels, with `prior` pseudo-counts each. */
function normalise(row: number[], missing: number, prior: number): number[] {
  let total = 0;
  row.forEach((c, l) => { if (l !== missing) total += c + prior; });
  return row.map((c, l) => (l === missing ? 0 : (c + prior) / total));
}

export type EmResult = { params: LinkageParams; lambda: number; iterations: number; converged: boolean };

/**
 * EM for m, the blocked pairs' u and λ (the share of matches among the pairs). `levels` holds
 * FIELD_COUNT level codes per pair (linkRecords with sampleLevels, or scorePairs). The returned
 * parameters carry the fitted m and `opts.u` (u over all pairs, from estimateU) when given.
 */
export function estimateParameters(levels: Uint8Array, start: LinkageParams, opts: { u?: number[][]; iterations?: number; lambda?: number; tolerance?: number } = {}): EmResult {
  const pairs = levels.length / FIELD_COUNT;
  const mu = (f: number, l: number): MU => (start.fields[LINK_FIELDS[f] as keyof LinkageParams['fields']] as Record<string, MU>)[LINK_LEVELS[LINK_FIELDS[f] as keyof typeof LINK_LEVELS][l] as string] as MU;
  let m: number[][] = LINK_FIELDS.map((f, fi) => LINK_LEVELS[f].map((_, l) => (l === MISSING_CODE[fi] ? 0 : mu(fi, l).m)));
  // u of the blocked non-matches starts as the agreement of random pairs, raised towards m
  let ub: number[][] = LINK_FIELDS.map((f, fi) => LINK_LEVELS[f].map((_, l) => (l === MISSING_CODE[fi] ? 0 : (mu(fi, l).u + mu(fi, l).m) / 2)));
  const u: number[][] = opts.u ?? LINK_FIELDS.map((f, fi) => LINK_LEVELS[f].map((_, l) => (l === MISSING_CODE[fi] ? 0 : mu(fi, l).u)));
  let lambda = opts.lambda ?? 0.3;
  const maxIter = opts.iterations ?? 50;
  const tol = opts.tolerance ?? 1e-5;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIter && !converged; iterations++) {
    const mCounts = zeros();
    const uCounts = zeros();
    let pSum = 0;
    for (let k = 0; k < pairs; k++) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[k * FIELD_COUNT + f] as number;
        if (l === MISSING_CODE[f]) continue;
        lm += Math.log(Math.max(1e-12, (m[f] as number[])[l] as number));
        lu += Math.log(Math.max(1e-12, (ub[f] as number[])[l] as number));
      }
      const p = 1 / (1 + Math.exp(lu - lm));
      pSum += p;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[k * FIELD_COUNT + f] as number;
        (mCounts[f] as number[])[l]! += p;
        (uCounts[f] as number[])[l]! += 1 - p;
      }
    }
    const next = mCounts.map((row, f) => normalise(row, MISSING_CODE[f] as number, 0.01));
    const nextLambda = Math.min(0.999, Math.max(1e-6, pSum / Math.max(1, pairs)));
    let delta = Math.abs(nextLambda - lambda);
    next.forEach((row, f) => row.forEach((v, l) => { delta = Math.max(delta, Math.abs(v - ((m[f] as number[])[l] as number))); }));
    m = next;
    ub = uCounts.map((row, f) => normalise(row, MISSING_CODE[f] as number, 0.01));
    lambda = nextLambda;
    converged = delta < tol;
  }
  const fields = Object.fromEntries(LINK_FIELDS.map((f, fi) => [f, Object.fromEntries(LINK_LEVELS[f]
    .map((level, l) => [level, l]).filter(([, l]) => l !== MISSING_CODE[fi])
    .map(([level, l]) => [level, { m: round6((m[fi] as number[])[l as number] as number), u: round6((u[fi] as number[])[l as number] as number) }]))]));
  return { params: { ...start, version: `${start.version}+em`, fields: fields as LinkageParams['fields'] }, lambda, iterations, converged };
}

const round6 = (x: number) => Math.max(1e-6, Math.round(x * 1e6) / 1e6);

/**
 * Fits m and u on an unlabelled register: u from random pairs, m by EM over a sample of the
 * blocked pairs. The thresholds and cut-offs are kept from `start`.
 */
export function fitLinkageParams(records: readonly LinkRecord[], start: LinkageParams, opts: { randomPairs?: number; emPairs?: number; seed?: number } = {}): EmResult & { u: number[][] } {
  const rec = prepareRecords(records);
  const u = estimateU(rec, start, { samples: opts.randomPairs ?? 200_000, seed: opts.seed ?? 1 });
  const { pairs } = blockPairs(rec, { maxBlock: start.maxBlock });
  const { sample } = scorePairs(rec, pairs, start, Number.POSITIVE_INFINITY, opts.emPairs ?? 200_000);
  return { ...estimateParameters(sample, start, { u }), u };
}
