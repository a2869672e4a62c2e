// The linker: fold the records, block, compare each candidate pair once, keep the pairs that
// score at least the lower threshold, with each field's contribution.
import { blockPairs, PAIR_BASE, type BlockingPass, type BlockingStats } from './blocking.ts';
import { createComparator, explainLevels, FIELD_COUNT, IIN_CONFLICT, type PairExplanation } from './compare.ts';
import { LINKAGE_PARAMS_V1, weightTable, type LinkageParams } from './params.ts';
import { prepareRecords, type LinkRecord, type PreparedRecords } from './prepare.ts';

export type LinkCandidate = {
  /** indexes into the records given */
  a: number;
  b: number;
  /** ids of the two records, `idA < idB` in string order (as the register stores a pair) */
  idA: string;
  idB: string;
  score: number;
  /** 'likely' at or above the upper threshold, else 'possible' */
  band: 'likely' | 'possible';
  fields: PairExplanation;
};

export type LinkStats = {
  records: number;
  /** distinct pairs compared (after blocking and deduplication) */
  pairsCompared: number;
  /** pairs the passes produced before deduplication */
  pairsGenerated: number;
  candidates: number;
  likely: number;
  /** the score thresholds used for this register (see thresholdsFor) */
  thresholds: { upper: number; lower: number };
  blocking: BlockingStats;
  /** milliseconds per phase */
  ms: { prepare: number; block: number; compare: number; explain: number };
};

export type LinkOptions = {
  params?: LinkageParams;
  /** keep pairs scoring at least this (default: the lower threshold for this register) */
  minScore?: number;
  passes?: readonly BlockingPass[];
  /** collect the level vectors of every compared pair (for EM), up to this many pairs */
  sampleLevels?: number;
};

export type LinkResult = {
  candidates: LinkCandidate[];
  stats: LinkStats;
  /** when sampleLevels was asked: FIELD_COUNT codes per sampled pair */
  levels?: Uint8Array;
};

/**
 * The score thresholds for a register of n records. The score is a likelihood ratio (log2); whether
 * a pair is probably the same person depends also on the prior — how many of all n(n−1)/2 pairs
 * are matches. With the expected duplicate pairs per record d, prior odds ≈ 2d/(n−1), so the
 * same match probability needs log2((n−1)/2d) more bits in a bigger register (about 5.6 more
 * at a million records than at twenty thousand). Thresholds are set as match probabilities.
 */
export function thresholdsFor(params: LinkageParams, n: number): { upper: number; lower: number } {
  const { upper, lower, duplicatesPerRecord, minScore } = params.thresholds;
  const priorBits = Math.log2(Math.max(1, n - 1) / (2 * duplicatesPerRecord));
  const bits = (p: number) => Math.log2(p / (1 - p)) + priorBits;
  return { upper: Math.round(Math.max(minScore.upper, bits(upper)) * 100) / 100, lower: Math.round(Math.max(minScore.lower, bits(lower)) * 100) / 100 };
}

/** Kept pairs, column by column (no object per pair: a million-record run keeps hundreds of thousands). */
export class ScoredPairs {
  count = 0;
  a: Int32Array;
  b: Int32Array;
  score: Float64Array;
  levels: Uint8Array;
  contributions: Float32Array;
  flags: Uint8Array;
  constructor(capacity = 1024) {
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.levels = new Uint8Array(capacity * FIELD_COUNT);
    this.contributions = new Float32Array(capacity * FIELD_COUNT);
    this.flags = new Uint8Array(capacity);
  }
  push(a: number, b: number, score: number, levels: Uint8Array, contributions: Float64Array, flags: number): void {
    if (this.count === this.a.length) this.#grow();
    const k = this.count++;
    this.a[k] = a;
    this.b[k] = b;
    this.score[k] = score;
    this.levels.set(levels, k * FIELD_COUNT);
    this.contributions.set(contributions, k * FIELD_COUNT);
    this.flags[k] = flags;
  }
  #grow(): void {
    const cap = this.a.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(cap * per);
      next.set(old);
      return next;
    };
    this.a = grow(this.a, (n) => new Int32Array(n));
    this.b = grow(this.b, (n) => new Int32Array(n));
    this.score = grow(this.score, (n) => new Float64Array(n));
    this.levels = grow(this.levels, (n) => new Uint8Array(n), FIELD_COUNT);
    this.contributions = grow(this.contributions, (n) => new Float32Array(n), FIELD_COUNT);
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
  }
}

/** Compares the given pairs (pair numbers of blockPairs) and keeps those at or above minScore. */
export function scorePairs(
  rec: PreparedRecords, pairs: Float64Array, params: LinkageParams, minScore: number, sampleLevels = 0,
): { kept: ScoredPairs; sample: Uint8Array } {
  const cmp = createComparator(rec, params);
  const excludeConflicts = params.iinConflictExcludes;
  const levels = new Uint8Array(FIELD_COUNT);
  const contributions = new Float64Array(FIELD_COUNT);
  const kept = new ScoredPairs(Math.max(1024, rec.n >> 2));
  const every = sampleLevels > 0 ? Math.max(1, Math.ceil(pairs.length / sampleLevels)) : 0;
  const sample = new Uint8Array(every ? Math.ceil(pairs.length / every) * FIELD_COUNT : 0);
  let sampled = 0;
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k] as number;
    const a = Math.floor(p / PAIR_BASE);
    const b = p - a * PAIR_BASE;
    const score = cmp.compare(a, b, levels, contributions);
    if (every && k % every === 0) sample.set(levels, (sampled++) * FIELD_COUNT);
    if (score < minScore) continue;
    const flags = cmp.lastFlags();
    if (excludeConflicts && (flags & IIN_CONFLICT) !== 0) continue;
    kept.push(a, b, score, levels, contributions, flags);
  }
  return { kept, sample: sample.subarray(0, sampled * FIELD_COUNT) };
}

/** The k-th kept pair as a candidate with its explanation. */
export function candidateAt(rec: PreparedRecords, kept: ScoredPairs, k: number, weights: Float64Array[], upper: number): LinkCandidate {
  const ka = kept.a[k] as number;
  const kb = kept.b[k] as number;
  const ida = rec.ids[ka] as string;
  const idb = rec.ids[kb] as string;
  const [a, b, idA, idB] = ida < idb ? [ka, kb, ida, idb] : [kb, ka, idb, ida];
  const score = kept.score[k] as number;
  return {
    a, b, idA, idB,
    score: Math.round(score * 100) / 100,
    band: score >= upper ? 'likely' : 'possible',
    fields: explainLevels(kept.levels.subarray(k * FIELD_COUNT, (k + 1) * FIELD_COUNT), kept.contributions.subarray(k * FIELD_COUNT, (k + 1) * FIELD_COUNT), weights, kept.flags[k]),
  };
}

export function linkRecords(records: readonly LinkRecord[], opts: LinkOptions = {}): LinkResult {
  const params = opts.params ?? LINKAGE_PARAMS_V1;
  const thresholds = thresholdsFor(params, records.length);
  const minScore = opts.minScore ?? thresholds.lower;
  let t = performance.now();
  const rec = prepareRecords(records);
  const prepareMs = performance.now() - t;
  t = performance.now();
  const { pairs, stats: blocking } = blockPairs(rec, { maxBlock: params.maxBlock, ...(opts.passes ? { passes: opts.passes } : {}) });
  const blockMs = performance.now() - t;
  t = performance.now();
  const { kept, sample } = scorePairs(rec, pairs, params, minScore, opts.sampleLevels ?? 0);
  const compareMs = performance.now() - t;
  t = performance.now();
  const weights = weightTable(params);
  const candidates: LinkCandidate[] = [];
  for (let k = 0; k < kept.count; k++) candidates.push(candidateAt(rec, kept, k, weights, thresholds.upper));
  candidates.sort((x, y) => y.score - x.score);
  const explainMs = performance.now() - t;
  return {
    candidates,
    stats: {
      records: rec.n,
      pairsCompared: pairs.length,
      pairsGenerated: Object.values(blocking).reduce((s, p) => s + p.pairs, 0),
      candidates: candidates.length,
      likely: candidates.filter((c) => c.band === 'likely').length,
      thresholds,
      blocking,
      ms: { prepare: Math.round(prepareMs), block: Math.round(blockMs), compare: Math.round(compareMs), explain: Math.round(explainMs) },
    },
    ...(opts.sampleLevels ? { levels: sample } : {}),
  };
}

/**
 * Compares two records directly (no blocking), for explaining a pair or checking a decision.
 * Term frequencies are not used (two records say nothing about how common a name is).
 */
export function compareRecords(x: LinkRecord, y: LinkRecord, params: LinkageParams = LINKAGE_PARAMS_V1): { score: number; fields: PairExplanation } {
  const rec = prepareRecords([x, y]);
  const cmp = createComparator(rec, params);
  const levels = new Uint8Array(FIELD_COUNT);
  const contributions = new Float64Array(FIELD_COUNT);
  const score = cmp.compare(0, 1, levels, contributions);
  return { score: Math.round(score * 100) / 100, fields: explainLevels(levels, contributions, weightTable(params), cmp.lastFlags()) };
}
