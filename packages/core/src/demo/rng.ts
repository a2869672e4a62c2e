// Seeded pseudo-random numbers for demo data. sfc32 (Chris Doty-Humphrey's "small fast
// counting" generator) seeded by the cyrb128 string hash: a few integer operations per draw,
// identical on every platform, no Math.random.
//
// `fork(label)` derives a stream from the *seed path* (not from the parent's current state), so
// a forked stream is the same however much the parent or its siblings have been consumed:
// generating more persons never changes the reports generated from the same seed.

/** cyrb128: a 128-bit string hash (public domain), used only to seed sfc32. */
function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit hash of a string, for stable per-key choices (e.g. a district's weight). */
export function hash32(key: string): number {
  return cyrb128(key)[0];
}

/** Entries of weight tables passed to `weightedKey` (static tables are reused many times). */
const ENTRIES = new WeakMap<object, [string, number][]>();

export type WeightedEntries<T> = readonly (readonly [T, number])[];

export class Rng {
  readonly #path: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    this.#path = String(seed);
    const [a, b, c, d] = cyrb128(this.#path);
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    // Discard the first outputs, as the sfc32 author recommends.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The seed path this stream was derived from (for diagnostics). */
  get path(): string {
    return this.#path;
  }

  /** An independent stream for `label`, a function of the seed path only. */
  fork(label: string): Rng {
    return new Rng(`${this.#path}/${label}`);
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An element chosen with probability proportional to its weight. */
  weighted<T>(entries: WeightedEntries<T>): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    // Rounding can leave r at 0 after the last entry: return the last positive one.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry && entry[1] > 0) return entry[0];
    }
    throw new RangeError('unreachable');
  }

  /** A key of `weights` chosen with probability proportional to its value. */
  weightedKey<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    let entries = ENTRIES.get(weights);
    if (!entries) {
      entries = Object.entries(weights);
      ENTRIES.set(weights, entries);
    }
    return this.weighted(entries as [K, number][]);
  }

  /** Approximately normal (Irwin–Hall sum of six uniforms), exact arithmetic only. */
  normal(mean = 0, sd = 1): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return mean + (s - 3) * Math.SQRT2 * sd;
  }

  /** Normal-ish, rounded and clamped to [min, max]. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, Math.round(this.normal(mean, sd))));
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}

export function createRng(seed: number | string): Rng {
  return new Rng(seed);
}

/**
 * A precomputed weighted sampler (cumulative table, binary search) for hot paths such as
 * name choice over a million persons.
 */
export function weightedSampler<T>(entries: WeightedEntries<T>): (rng: Rng) => T {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, w] of entries) {
    if (!(w > 0)) continue;
    total += w;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError('weightedSampler needs a positive weight');
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
}
