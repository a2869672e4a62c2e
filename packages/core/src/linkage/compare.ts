// Comparators: for a pair of folded records, the agreement level of each field (codes are the
// indexes in LINK_LEVELS) and the pair's score, the sum of the levels' weights.
import { LINK_FIELDS, LINK_LEVELS, weightTable, type LinkageParams, type LinkField } from './params.ts';
import { P_ADDR_FROM, P_ADDR_TO, P_DISTRICT, P_FIRST, P_FLAGS, P_IIN_HI, P_IIN_LO, P_LAST, P_MIDDLE, P_MONTHDAY, P_REGION, P_YEAR, STRIDE, type PreparedRecords } from './prepare.ts';

// field positions in a level vector
export const F_IIN = 0;
export const F_LAST = 1;
export const F_FIRST = 2;
export const F_MIDDLE = 3;
export const F_BIRTH = 4;
export const F_SEX = 5;
export const F_ADDRESS = 6;
export const F_TERRITORY = 7;
export const FIELD_COUNT = LINK_FIELDS.length;

const code = <F extends LinkField>(field: F, level: (typeof LINK_LEVELS)[F][number]): number => (LINK_LEVELS[field] as readonly string[]).indexOf(level);

const IIN_AGREE = code('iin', 'agree');
const IIN_DISAGREE = code('iin', 'disagree');
const IIN_MISSING = code('iin', 'missing');
const NAME_EXACT = code('lastName', 'exact');
const NAME_HIGH = code('lastName', 'high');
const NAME_MEDIUM = code('lastName', 'medium');
const NAME_DISAGREE = code('lastName', 'disagree');
const NAME_MISSING = code('lastName', 'missing');
const MID_EXACT = code('middleName', 'exact');
const MID_SIMILAR = code('middleName', 'similar');
const MID_DISAGREE = code('middleName', 'disagree');
const MID_MISSING = code('middleName', 'missing');
const BD_EXACT = code('birthDate', 'exact');
const BD_CLOSE = code('birthDate', 'close');
const BD_YEAR = code('birthDate', 'year');
const BD_DISAGREE = code('birthDate', 'disagree');
const BD_MISSING = code('birthDate', 'missing');
const SEX_AGREE = code('sex', 'agree');
const SEX_DISAGREE = code('sex', 'disagree');
const SEX_MISSING = code('sex', 'missing');
const ADDR_EXACT = code('address', 'exact');
const ADDR_HIGH = code('address', 'high');
const ADDR_PARTIAL = code('address', 'partial');
const ADDR_DISAGREE = code('address', 'disagree');
const ADDR_MISSING = code('address', 'missing');
const TERR_DISTRICT = code('territory', 'district');
const TERR_REGION = code('territory', 'region');
const TERR_DISAGREE = code('territory', 'disagree');
const TERR_MISSING = code('territory', 'missing');

// Jaro–Winkler without allocation: the register's names are short, so two flag buffers serve
// every comparison (the linker runs on one thread per process).
const FLAGS_A = new Uint8Array(256);
const FLAGS_B = new Uint8Array(256);

/** Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters), as in names/similarity.ts. */
export function fastJaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > 256 || lb > 256) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  FLAGS_A.fill(0, 0, la);
  FLAGS_B.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > window ? i - window : 0;
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (FLAGS_B[j] === 0 && b.charCodeAt(j) === ca) {
        FLAGS_A[i] = 1;
        FLAGS_B[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (FLAGS_A[i] === 0) continue;
    while (FLAGS_B[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const max = Math.min(4, la, lb);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Whether two strings are at most one keying error apart (optimal string alignment: one letter
 * wrong, missing, added, or two neighbours swapped). Short names lose much Jaro–Winkler to one
 * typo (Жансая/Жнсая, Иван/Иавн); this keeps them at the "high" level.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  const tailEqual = (x: number, y: number): boolean => {
    if (la - x !== lb - y) return false;
    for (; x < la; x++, y++) if (a.charCodeAt(x) !== b.charCodeAt(y)) return false;
    return true;
  };
  if (la === lb) {
    if (tailEqual(i + 1, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && tailEqual(i + 2, i + 2);
  }
  return la > lb ? tailEqual(i + 1, i) : tailEqual(i, i + 1);
}

/**
 * Levels of name pairs already compared, by vocabulary ids: a million records have a few tens of
 * thousands of distinct folded names, so the same pair of spellings is met again and again.
 * Open addressing over typed arrays (no garbage); when full, it is cleared and refilled.
 */
class PairLevelCache {
  readonly #keys: Float64Array;
  readonly #values: Uint8Array;
  readonly #mask: number;
  #size = 0;
  constructor(bits = 20) {
    this.#keys = new Float64Array(1 << bits).fill(-1);
    this.#values = new Uint8Array(1 << bits);
    this.#mask = (1 << bits) - 1;
  }
  #slot(key: number): number {
    let h = Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.#mask;
    while (this.#keys[i] !== -1 && this.#keys[i] !== key) i = (i + 1) & this.#mask;
    return i;
  }
  get(key: number): number {
    const i = this.#slot(key);
    return this.#keys[i] === key ? (this.#values[i] as number) : -1;
  }
  set(key: number, value: number): void {
    if (this.#size * 2 > this.#mask) {
      this.#keys.fill(-1);
      this.#size = 0;
    }
    const i = this.#slot(key);
    if (this.#keys[i] !== key) this.#size++;
    this.#keys[i] = key;
    this.#values[i] = value;
  }
}

/** Flags of a comparison. */
export const SWAPPED_NAMES = 1;
/** the first names disagree: household fields' agreement was not counted */
export const HOUSEHOLD_ONLY = 2;
/** two different valid IINs */
export const IIN_CONFLICT = 4;

/**
 * Fields a sibling shares (surname, patronymic, address, territory). When the first names
 * disagree, agreement on these says "same family", not "same person": twins agree on everything
 * but the first name. Their positive weights are then not counted (disagreement still counts).
 */
export const HOUSEHOLD_FIELDS: readonly number[] = [F_LAST, F_MIDDLE, F_ADDRESS, F_TERRITORY];

/** A comparator bound to one folded register and one parameter set. */
export type Comparator = {
  /** fills `levels` (length FIELD_COUNT) and `contributions` (each field's weight as counted) and returns the score */
  compare(i: number, j: number, levels: Uint8Array, contributions?: Float64Array): number;
  /** flags of the last comparison: SWAPPED_NAMES, HOUSEHOLD_ONLY, IIN_CONFLICT */
  lastFlags(): number;
  weights: Float64Array[];
};

function yearsClose(a: number, b: number): boolean {
  if (Math.abs(a - b) <= 1) return true;
  // one mistyped digit: 2014 ↔ 2016, 2009 ↔ 2000
  let diff = 0;
  for (let x = a, y = b; x > 0 || y > 0; x = Math.floor(x / 10), y = Math.floor(y / 10)) if (x % 10 !== y % 10) diff++;
  return diff === 1;
}

/**
 * Weight of exact agreement on each name value: with term frequencies, u of "both are Ахметов"
 * is the share of Ахметов in the register (a common surname says less than a rare one), never
 * below the floor; without (a small register), the average u of the parameters.
 */
function exactWeights(counts: Int32Array, n: number, params: LinkageParams, field: 'lastName' | 'firstName'): Float64Array {
  const { m, u } = params.fields[field].exact;
  const tf = params.termFrequency;
  const out = new Float64Array(counts.length);
  const average = Math.log2(m / u);
  for (let id = 0; id < counts.length; id++) {
    out[id] = tf && n >= tf.minRecords ? Math.log2(m / Math.max(tf.floor, (counts[id] as number) / n)) : average;
  }
  return out;
}

export function createComparator(p: PreparedRecords, params: LinkageParams): Comparator {
  const weights = weightTable(params);
  const W = weights;
  const wIin = W[F_IIN] as Float64Array;
  const wLast = W[F_LAST] as Float64Array;
  const wFirst = W[F_FIRST] as Float64Array;
  const wMid = W[F_MIDDLE] as Float64Array;
  const wBirth = W[F_BIRTH] as Float64Array;
  const wSex = W[F_SEX] as Float64Array;
  const wAddr = W[F_ADDRESS] as Float64Array;
  const wTerr = W[F_TERRITORY] as Float64Array;
  // a value written as a last name in some records and as a first name in others (Роман, Ахмет;
  // swapped records) is as common as its commoner use
  const counts = p.lastCount.map((c, id) => Math.max(c, p.firstCount[id] as number));
  const lastExact = exactWeights(counts, p.n, params, 'lastName');
  const firstExact = exactWeights(counts, p.n, params, 'firstName');
  const high = params.nameSimilarity.high;
  const medium = params.nameSimilarity.medium;
  const addrHigh = params.addressSimilarity.high;
  const addrPartial = params.addressSimilarity.partial;
  const household = params.householdRule;
  const { packed, vocab, addrTokens } = p;
  const own = new Float64Array(FIELD_COUNT);
  let flags = 0;

  const cache = new PairLevelCache();
  // key of an unordered pair of vocabulary ids (< 2^22 each), doubled for the kind of comparison
  const pairKey = (a: number, b: number, kind: number) => ((a < b ? a * 4194304 + b : b * 4194304 + a) * 2) + kind;

  const nameLevel = (a: number, b: number): number => {
    if (a === 0 || b === 0) return NAME_MISSING;
    if (a === b) return NAME_EXACT;
    const key = pairKey(a, b, 0);
    const known = cache.get(key);
    if (known >= 0) return known;
    const sa = vocab[a] as string;
    const sb = vocab[b] as string;
    const s = fastJaroWinkler(sa, sb);
    const level = s >= high || (sa.length >= 4 && sb.length >= 4 && withinOneEdit(sa, sb)) ? NAME_HIGH : s >= medium ? NAME_MEDIUM : NAME_DISAGREE;
    cache.set(key, level);
    return level;
  };

  const middleLevel = (a: number, b: number): number => {
    if (a === 0 || b === 0) return MID_MISSING;
    if (a === b) return MID_EXACT;
    const key = pairKey(a, b, 1);
    const known = cache.get(key);
    if (known >= 0) return known;
    const sa = vocab[a] as string;
    const sb = vocab[b] as string;
    const level = fastJaroWinkler(sa, sb) >= high || sa.startsWith(sb) || sb.startsWith(sa) ? MID_SIMILAR : MID_DISAGREE;
    cache.set(key, level);
    return level;
  };

  const compare = (i: number, j: number, levels: Uint8Array, contributions?: Float64Array): number => {
    const c = contributions ?? own;
    const oa = i * STRIDE;
    const ob = j * STRIDE;

    // IIN
    const ia = packed[oa + P_IIN_HI] as number;
    const ib = packed[ob + P_IIN_HI] as number;
    const lIin = ia < 0 || ib < 0 ? IIN_MISSING : ia === ib && packed[oa + P_IIN_LO] === packed[ob + P_IIN_LO] ? IIN_AGREE : IIN_DISAGREE;
    levels[F_IIN] = lIin;
    c[F_IIN] = wIin[lIin] as number;

    // names, straight and — when both disagree — crossed (first and last written the other way round)
    const la = packed[oa + P_LAST] as number;
    const lb = packed[ob + P_LAST] as number;
    const fa = packed[oa + P_FIRST] as number;
    const fb = packed[ob + P_FIRST] as number;
    let lLast = nameLevel(la, lb);
    let lFirst = nameLevel(fa, fb);
    let wl = lLast === NAME_EXACT ? (lastExact[la] as number) : (wLast[lLast] as number);
    let wf = lFirst === NAME_EXACT ? (firstExact[fa] as number) : (wFirst[lFirst] as number);
    flags = 0;
    if (lLast >= NAME_MEDIUM && lFirst >= NAME_MEDIUM && la !== 0 && fa !== 0 && lb !== 0 && fb !== 0) {
      const cLast = nameLevel(la, fb);
      const cFirst = nameLevel(fa, lb);
      const cwl = cLast === NAME_EXACT ? (lastExact[la] as number) : (wLast[cLast] as number);
      const cwf = cFirst === NAME_EXACT ? (firstExact[fa] as number) : (wFirst[cFirst] as number);
      if (cwl + cwf > wl + wf) {
        lLast = cLast;
        lFirst = cFirst;
        wl = cwl;
        wf = cwf;
        flags = SWAPPED_NAMES;
      }
    }
    levels[F_LAST] = lLast;
    levels[F_FIRST] = lFirst;
    c[F_LAST] = wl;
    c[F_FIRST] = wf;

    // patronymic root
    const lMid = middleLevel(packed[oa + P_MIDDLE] as number, packed[ob + P_MIDDLE] as number);
    levels[F_MIDDLE] = lMid;
    c[F_MIDDLE] = wMid[lMid] as number;

    // birth date
    const ya = packed[oa + P_YEAR] as number;
    const yb = packed[ob + P_YEAR] as number;
    const flagsA = packed[oa + P_FLAGS] as number;
    const flagsB = packed[ob + P_FLAGS] as number;
    let lBirth: number;
    if (ya === 0 || yb === 0) lBirth = BD_MISSING;
    else if ((flagsA & 1) === 1 || (flagsB & 1) === 1) lBirth = Math.abs(ya - yb) <= 1 ? BD_YEAR : BD_DISAGREE;
    else {
      const mda = packed[oa + P_MONTHDAY] as number;
      const mdb = packed[ob + P_MONTHDAY] as number;
      if (ya === yb && mda === mdb) lBirth = BD_EXACT;
      else {
        const ma2 = (mda / 100) | 0;
        const da = mda % 100;
        const mb2 = (mdb / 100) | 0;
        const db = mdb % 100;
        const diffs = (ya !== yb ? 1 : 0) + (ma2 !== mb2 ? 1 : 0) + (da !== db ? 1 : 0);
        if (diffs === 1 && (ya === yb || yearsClose(ya, yb))) lBirth = BD_CLOSE;
        else if (ya === yb && ma2 === db && da === mb2) lBirth = BD_CLOSE;
        else lBirth = BD_DISAGREE;
      }
    }
    levels[F_BIRTH] = lBirth;
    c[F_BIRTH] = wBirth[lBirth] as number;

    // sex
    const sa = flagsA >> 1;
    const sb = flagsB >> 1;
    const lSex = sa === 0 || sb === 0 ? SEX_MISSING : sa === sb ? SEX_AGREE : SEX_DISAGREE;
    levels[F_SEX] = lSex;
    c[F_SEX] = wSex[lSex] as number;

    // address: Dice overlap of sorted token ids
    const a0 = packed[oa + P_ADDR_FROM] as number;
    const a1 = packed[oa + P_ADDR_TO] as number;
    const b0 = packed[ob + P_ADDR_FROM] as number;
    const b1 = packed[ob + P_ADDR_TO] as number;
    let lAddr: number;
    if (a0 === a1 || b0 === b1) lAddr = ADDR_MISSING;
    else {
      let x = a0;
      let y = b0;
      let common = 0;
      while (x < a1 && y < b1) {
        const tx = addrTokens[x] as number;
        const ty = addrTokens[y] as number;
        if (tx === ty) { common++; x++; y++; } else if (tx < ty) x++; else y++;
      }
      const na = a1 - a0;
      const nb = b1 - b0;
      const dice = (2 * common) / (na + nb);
      lAddr = common === na && common === nb ? ADDR_EXACT : dice >= addrHigh ? ADDR_HIGH : dice >= addrPartial ? ADDR_PARTIAL : ADDR_DISAGREE;
    }
    levels[F_ADDRESS] = lAddr;
    c[F_ADDRESS] = wAddr[lAddr] as number;

    // territory of registration
    const da2 = packed[oa + P_DISTRICT] as number;
    const db2 = packed[ob + P_DISTRICT] as number;
    const ra = packed[oa + P_REGION] as number;
    const rb = packed[ob + P_REGION] as number;
    const lTerr = da2 !== 0 && da2 === db2 ? TERR_DISTRICT : ra === 0 || rb === 0 ? TERR_MISSING : ra === rb ? TERR_REGION : TERR_DISAGREE;
    levels[F_TERRITORY] = lTerr;
    c[F_TERRITORY] = wTerr[lTerr] as number;

    if (lIin === IIN_DISAGREE) flags |= IIN_CONFLICT;
    if (household && lFirst === NAME_DISAGREE) {
      flags |= HOUSEHOLD_ONLY;
      for (const f of HOUSEHOLD_FIELDS) if ((c[f] as number) > 0) c[f] = 0;
    }
    let score = 0;
    for (let f = 0; f < FIELD_COUNT; f++) score += c[f] as number;
    return score;
  };
  return { compare, lastFlags: () => flags, weights };
}

export type FieldContribution = { level: string; weight: number; notCounted?: true };
/**
 * Each field's level and the weight it added to the score. `swappedNames`: last and first name
 * were compared crosswise. `householdOnly`: the first names disagree, so the agreement of the
 * household fields was not counted (those entries carry `notCounted` and weight 0).
 */
export type PairExplanation = Record<LinkField, FieldContribution> & { swappedNames?: true; householdOnly?: true };

export function explainLevels(levels: ArrayLike<number>, contributions: ArrayLike<number>, weights: Float64Array[], flags = 0): PairExplanation {
  const out = {} as Record<LinkField, FieldContribution>;
  LINK_FIELDS.forEach((f, k) => {
    const c = levels[k] as number;
    const level = LINK_LEVELS[f][c] as string;
    const w = contributions[k] as number;
    const uncapped = (weights[k] as Float64Array)[c] as number;
    out[f] = (flags & HOUSEHOLD_ONLY) !== 0 && HOUSEHOLD_FIELDS.includes(k) && w === 0 && uncapped > 0
      ? { level, weight: 0, notCounted: true }
      : { level, weight: Math.round(w * 100) / 100 };
  });
  return {
    ...out,
    ...((flags & SWAPPED_NAMES) !== 0 ? { swappedNames: true as const } : {}),
    ...((flags & HOUSEHOLD_ONLY) !== 0 ? { householdOnly: true as const } : {}),
  };
}

// exported for the EM estimator and tests
export const MISSING_CODE: readonly number[] = LINK_FIELDS.map((f) => LINK_LEVELS[f].length - 1);
export const LEVEL_CODES = {
  IIN_AGREE, IIN_DISAGREE, NAME_EXACT, NAME_HIGH, NAME_MEDIUM, NAME_DISAGREE, MID_EXACT, MID_SIMILAR, MID_DISAGREE,
  BD_EXACT, BD_CLOSE, BD_YEAR, BD_DISAGREE, SEX_AGREE, SEX_DISAGREE, ADDR_EXACT, ADDR_HIGH, ADDR_PARTIAL, ADDR_DISAGREE,
  TERR_DISTRICT, TERR_REGION, TERR_DISAGREE,
} as const;
