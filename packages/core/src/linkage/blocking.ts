// Blocking: only records that share a key in at least one pass are compared. Each pass catches
// what the others miss; a pair found by several passes is compared once (pairs are collected as
// numbers, sorted and deduplicated). Names are the folded keys (Асқар = Askar = Asqar).
//
//   iin               the same IIN
//   birth_last        the same full birth date and the first two letters of the last name
//   birth_first       the same full birth date and the first two letters of the first name
//                     (a typo early in the last name, a changed surname)
//   names_year        the first 4 letters of the last and of the first name, as an unordered pair
//                     (so swapped names meet), and the birth year; a record that knows only an
//                     approximate year is keyed under year−1, year and year+1
//   names_day         the same name pair and month-day (a mistyped or approximate birth year)
//   last_year         the whole last name, the first two letters of the first name and the year
//                     (±1 when approximate): a typo early in the first name and a changed date
//   first_year        the whole first name, the first two letters of the last name and the year
//   names_undated, last_undated, first_undated
//                     the three name keys above with the region instead of the year, pairing only
//                     records without any birth date with the others (no date to block on)
import { P_FIRST, P_IIN_HI, P_IIN_LO, P_LAST, rec as r, STRIDE, type PreparedRecords } from './prepare.ts';

export const BLOCKING_PASSES = [
  'iin', 'birth_last', 'birth_first', 'names_year', 'names_day', 'last_year', 'first_year', 'names_undated', 'last_undated', 'first_undated',
] as const;
export type BlockingPass = (typeof BLOCKING_PASSES)[number];

/** i·PAIR_BASE + j with i < j: exact in a double for up to 2^26 records. */
export const PAIR_BASE = 2 ** 26;

export type BlockingStats = Record<BlockingPass, { blocks: number; pairs: number; skippedBlocks: number; skippedRecords: number }>;

/** A growable list of numbers. */
class NumberList {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

// Keys are numbers, not strings (a million records, ten passes: string keys cost seconds of
// hashing and garbage). Folded names are a–z, so a prefix of up to 4 letters is a 20-bit code;
// whole names are their vocabulary id; every key fits the 53 bits of a double exactly.
const letter = (s: string, k: number): number => (k < s.length ? s.charCodeAt(k) - 96 : 0) & 31;
const prefix2 = (s: string): number => (letter(s, 0) << 5) | letter(s, 1);
const prefix4 = (s: string): number => (letter(s, 0) << 15) | (letter(s, 1) << 10) | (letter(s, 2) << 5) | letter(s, 3);
const B10 = 2 ** 10;
const B12 = 2 ** 12;
const B20 = 2 ** 20;
const B22 = 2 ** 22;

/** The unordered pair of 4-letter prefixes of last and first name (40 bits), or −1. */
function namePair(p: PreparedRecords, i: number): number {
  const l = r.last(p, i);
  const f = r.first(p, i);
  if (!l || !f) return -1;
  const a = prefix4(l);
  const b = prefix4(f);
  return a < b ? a * B20 + b : b * B20 + a;
}

/** Whole last name and the first two letters of the first name (32 bits), or −1. */
function lastKey(p: PreparedRecords, i: number): number {
  const l = p.packed[i * STRIDE + P_LAST] as number;
  const f = r.first(p, i);
  return l && f ? l * B10 + prefix2(f) : -1;
}

function firstKey(p: PreparedRecords, i: number): number {
  const l = r.last(p, i);
  const f = p.packed[i * STRIDE + P_FIRST] as number;
  return l && f ? f * B10 + prefix2(l) : -1;
}

/** Keys of a name key and the birth year: ±1 when only an approximate year is known. */
function withYear(p: PreparedRecords, i: number, name: number, out: number[]): void {
  const year = r.year(p, i);
  if (name < 0 || year === 0) return;
  const y = (year - 1800) & (B12 - 1);
  if (!r.approx(p, i)) out.push(name * B12 + y);
  else out.push(name * B12 + y - 1, name * B12 + y, name * B12 + y + 1);
}

/** The keys of record i in a pass (none, one, or several). */
function keysOf(p: PreparedRecords, pass: BlockingPass, i: number, out: number[]): void {
  out.length = 0;
  const year = r.year(p, i);
  const fullDate = year !== 0 && !r.approx(p, i);
  const date = year * 10_000 + r.monthDay(p, i);
  switch (pass) {
    case 'iin': {
      const o = i * STRIDE;
      const hi = p.packed[o + P_IIN_HI] as number;
      if (hi >= 0) out.push(hi * 1e6 + (p.packed[o + P_IIN_LO] as number));
      return;
    }
    case 'birth_last': {
      const l = r.last(p, i);
      if (fullDate && l) out.push(date * B10 + prefix2(l));
      return;
    }
    case 'birth_first': {
      const f = r.first(p, i);
      if (fullDate && f) out.push(date * B10 + prefix2(f));
      return;
    }
    case 'names_year':
      withYear(p, i, namePair(p, i), out);
      return;
    case 'last_year':
      withYear(p, i, lastKey(p, i), out);
      return;
    case 'first_year':
      withYear(p, i, firstKey(p, i), out);
      return;
    case 'names_day': {
      const np = namePair(p, i);
      if (np >= 0 && fullDate) out.push(np * 2048 + r.monthDay(p, i));
      return;
    }
    case 'names_undated':
    case 'last_undated':
    case 'first_undated': {
      const key = pass === 'names_undated' ? namePair(p, i) : pass === 'last_undated' ? lastKey(p, i) : firstKey(p, i);
      if (key >= 0) out.push(key * B12 + (r.region(p, i) & (B12 - 1)));
      return;
    }
  }
}

/** A 32-bit mix of a key of up to 53 bits (murmur3's finaliser over both halves). */
function hashKey(key: number): number {
  const hi = Math.floor(key / 4294967296);
  let h = (key >>> 0) ^ Math.imul(hi, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Candidate pairs of a folded register: every pass, then sorted and deduplicated. Returns the
 * pair numbers (i·PAIR_BASE + j, i < j) in ascending order, and per-pass statistics.
 */
export function blockPairs(rec: PreparedRecords, opts: { maxBlock: number; passes?: readonly BlockingPass[] }): { pairs: Float64Array; stats: BlockingStats } {
  if (rec.n >= PAIR_BASE) throw new Error(`at most ${PAIR_BASE - 1} records can be linked in one run`);
  const passes = opts.passes ?? BLOCKING_PASSES;
  if (rec.vocab.length >= B22) throw new Error(`at most ${B22} distinct name keys can be blocked`);
  // large buffers are allocated once and reused by every pass: each allocation of a big typed array
  // can start a full garbage collection, which at a million records costs a second or more
  const list = new NumberList(Math.max(1 << 16, rec.n * 8));
  const stats = Object.fromEntries(BLOCKING_PASSES.map((p) => [p, { blocks: 0, pairs: 0, skippedBlocks: 0, skippedRecords: 0 }])) as BlockingStats;
  const keys: number[] = [];
  // Grouping without a hash map: each (key, record) entry becomes one number, hash(key)·2^recordBits
  // + record, and a native sort of those numbers puts every block's records side by side. Two keys
  // with the same hash merge their blocks — a few extra pairs to compare, never a lost one.
  const recordBits = Math.max(1, Math.ceil(Math.log2(rec.n + 1)));
  const hashBits = Math.min(32, 53 - recordBits);
  const recordBase = 2 ** recordBits;
  const hashMask = hashBits >= 32 ? 0xffffffff : 2 ** hashBits - 1;
  const entries = new NumberList(rec.n * 3 + 16); // at most three keys per record and pass
  let members = new Int32Array(rec.n * 3 + 16);
  let start = new Int32Array(rec.n * 3 + 17);
  for (const pass of passes) {
    entries.length = 0;
    for (let i = 0; i < rec.n; i++) {
      keysOf(rec, pass, i, keys);
      for (const k of keys) entries.push(((hashKey(k) & hashMask) >>> 0) * recordBase + i);
    }
    const sorted = entries.data.subarray(0, entries.length).sort();
    if (members.length < sorted.length) {
      members = new Int32Array(sorted.length);
      start = new Int32Array(sorted.length + 1);
    }
    let blocks = 0;
    let previous = -1;
    for (let e = 0; e < sorted.length; e++) {
      const v = sorted[e] as number;
      const h = Math.floor(v / recordBase);
      members[e] = v - h * recordBase;
      if (h !== previous) {
        start[blocks++] = e;
        previous = h;
      }
    }
    start[blocks] = sorted.length;
    const s = stats[pass];
    const undatedOnly = pass.endsWith('_undated');
    for (let b = 0; b < blocks; b++) {
      const from = start[b] as number;
      const to = start[b + 1] as number;
      const size = to - from;
      if (size < 2) continue;
      if (size > opts.maxBlock) {
        s.skippedBlocks++;
        s.skippedRecords += size;
        continue;
      }
      if (undatedOnly) {
        // each undated record against every other record of the block
        let any = false;
        for (let x = from; x < to; x++) {
          const i = members[x] as number;
          if (r.year(rec, i) !== 0) continue;
          any = true;
          for (let y = from; y < to; y++) {
            const j = members[y] as number;
            // a pair of two undated records once (from its smaller index)
            if (j === i || (r.year(rec, j) === 0 && j < i)) continue;
            list.push(i < j ? i * PAIR_BASE + j : j * PAIR_BASE + i);
            s.pairs++;
          }
        }
        if (any) s.blocks++;
        continue;
      }
      s.blocks++;
      for (let x = from; x < to; x++) {
        const i = members[x] as number;
        for (let y = x + 1; y < to; y++) {
          const j = members[y] as number;
          list.push(i < j ? i * PAIR_BASE + j : j * PAIR_BASE + i);
          s.pairs++;
        }
      }
    }
  }
  const all = list.data.subarray(0, list.length).sort();
  let unique = 0;
  for (let k = 0; k < all.length; k++) {
    if (k === 0 || all[k] !== all[k - 1]) all[unique++] = all[k] as number;
  }
  return { pairs: all.subarray(0, unique), stats };
}
