// Fellegi–Sunter parameters of record linkage, as data: the fields compared, the agreement
// levels of each field, m and u per level, and the two thresholds. A run stores the object it
// used (linkage_runs.params), so a score can always be traced to its weights.
//
//   m = P(level | the two records are the same person)
//   u = P(level | they are two different persons)     (over all pairs, not only blocked ones)
//   weight = log2(m / u); a pair's score is the sum of its fields' weights.
//
// A level "missing" (either record lacks the field) has weight 0 and is not in the table.

export const LINK_FIELDS = ['iin', 'lastName', 'firstName', 'middleName', 'birthDate', 'sex', 'address', 'territory'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

/** Agreement levels of each field, strongest agreement first; `missing` is always last. */
export const LINK_LEVELS = {
  /** same IIN / two different IINs */
  iin: ['agree', 'disagree', 'missing'],
  /** on transliteration-folded keys: equal, Jaro–Winkler ≥ high, ≥ medium, below */
  lastName: ['exact', 'high', 'medium', 'disagree', 'missing'],
  firstName: ['exact', 'high', 'medium', 'disagree', 'missing'],
  /** the patronymic's root (Асқарұлы = Askarovich = Асқар…): equal, similar, different */
  middleName: ['exact', 'similar', 'disagree', 'missing'],
  /**
   * exact; close: one of year, month, day differs or day and month are transposed; year: only a
   * birth year is known on one side (approximate age) and the years are at most one apart
   */
  birthDate: ['exact', 'close', 'year', 'disagree', 'missing'],
  sex: ['agree', 'disagree', 'missing'],
  /** Dice overlap of folded address tokens (street words cut to 4 letters, numbers whole) */
  address: ['exact', 'high', 'partial', 'disagree', 'missing'],
  /** where the record was registered: the same district, the same region, another region */
  territory: ['district', 'region', 'disagree', 'missing'],
} as const satisfies Record<LinkField, readonly string[]>;

export type LinkLevel<F extends LinkField = LinkField> = (typeof LINK_LEVELS)[F][number];

export type MU = { m: number; u: number };
/** m and u for every level but `missing`. */
export type FieldParams<F extends LinkField> = Record<Exclude<LinkLevel<F>, 'missing'>, MU>;

export type LinkageParams = {
  /** a name for this set of weights, stored with every run */
  version: string;
  fields: { [F in LinkField]: FieldParams<F> };
  /**
   * As match probabilities: at least `upper`: likely the same person; at least `lower`: possibly
   * (shown for review); below: not kept. The score thresholds follow from the register's size and
   * the expected duplicate pairs per record (link.ts, thresholdsFor), and are never below
   * `minScore` (in a small register the prior alone would let weak pairs through).
   */
  thresholds: { upper: number; lower: number; duplicatesPerRecord: number; minScore: { upper: number; lower: number } };
  /** Jaro–Winkler cut-offs of the name levels */
  nameSimilarity: { high: number; medium: number };
  /** Dice cut-offs of the address levels */
  addressSimilarity: { high: number; partial: number };
  /** blocks larger than this are skipped (counted in the run's statistics) */
  maxBlock: number;
  /**
   * When the first names disagree, do not count the agreement of surname, patronymic, address
   * and territory (what siblings, twins among them, share); see compare.ts.
   */
  householdRule: boolean;
  /**
   * Term frequencies of exact name agreement: u of "both are Ахметов" is the share of Ахметов in
   * the register, at least `floor`; only from `minRecords` records on (smaller registers use the
   * average u above). null: off.
   */
  termFrequency: { minRecords: number; floor: number } | null;
  /**
   * Two different valid IINs are two persons: such a pair is never a candidate (a merge of it
   * would be refused), whatever else agrees. A wrong IIN must be corrected on the record first.
   */
  iinConflictExcludes: boolean;
};

/**
 * Version 1. m from the generated set with known truth (generate.ts: agencies' spellings, typos,
 * missing IINs and dates), u from random pairs of the same set, rounded; EM on the unlabelled
 * records (em.ts) recovers the same m (bench/results/linkage-quality.json). The IIN disagreement
 * weight is set by hand (and such pairs are excluded anyway: iinConflictExcludes). See
 * docs/linkage.md for how to refit them on a real register.
 */
export const LINKAGE_PARAMS_V1: LinkageParams = {
  version: 'fs-v1',
  fields: {
    iin: { agree: { m: 0.99, u: 0.000001 }, disagree: { m: 0.001, u: 1 } },
    lastName: {
      exact: { m: 0.9, u: 0.007 },
      high: { m: 0.078, u: 0.0079 },
      medium: { m: 0.007, u: 0.0027 },
      disagree: { m: 0.01, u: 0.98 },
    },
    firstName: {
      exact: { m: 0.92, u: 0.0073 },
      high: { m: 0.068, u: 0.0018 },
      medium: { m: 0.006, u: 0.0026 },
      disagree: { m: 0.01, u: 0.99 },
    },
    middleName: {
      exact: { m: 0.97, u: 0.017 },
      similar: { m: 0.01, u: 0.001 },
      disagree: { m: 0.02, u: 0.98 },
    },
    birthDate: {
      exact: { m: 0.86, u: 0.00013 },
      close: { m: 0.06, u: 0.0053 },
      year: { m: 0.075, u: 0.0037 },
      disagree: { m: 0.005, u: 0.99 },
    },
    sex: { agree: { m: 0.99, u: 0.5 }, disagree: { m: 0.01, u: 0.5 } },
    address: {
      exact: { m: 0.55, u: 0.00003 },
      high: { m: 0.27, u: 0.00004 },
      partial: { m: 0.013, u: 0.0053 },
      disagree: { m: 0.167, u: 0.9946 },
    },
    territory: {
      district: { m: 0.85, u: 0.0042 },
      region: { m: 0.12, u: 0.046 },
      disagree: { m: 0.03, u: 0.95 },
    },
  },
  thresholds: { upper: 0.95, lower: 0.01, duplicatesPerRecord: 0.2, minScore: { upper: 14, lower: 6 } },
  nameSimilarity: { high: 0.94, medium: 0.88 },
  addressSimilarity: { high: 0.7, partial: 0.4 },
  maxBlock: 2000,
  householdRule: true,
  termFrequency: { minRecords: 10_000, floor: 0.0001 },
  iinConflictExcludes: true,
};

const clampP = (p: number) => Math.min(1 - 1e-9, Math.max(1e-9, p));

/** log2(m/u) of a level; 0 for `missing`. */
export function levelWeight(params: LinkageParams, field: LinkField, level: string): number {
  if (level === 'missing') return 0;
  const mu = (params.fields[field] as Record<string, MU | undefined>)[level];
  if (!mu) throw new Error(`no m/u for ${field}.${level}`);
  return Math.log2(clampP(mu.m) / clampP(mu.u));
}

/**
 * The weights as one flat table, indexed [field][level code] with the level codes of
 * LINK_LEVELS (missing = 0 weight): the comparator's inner loop reads this, not the object.
 */
export function weightTable(params: LinkageParams): Float64Array[] {
  return LINK_FIELDS.map((f) => Float64Array.from(LINK_LEVELS[f], (level) => levelWeight(params, f, level)));
}

/** Checks a parameter object (e.g. edited by hand or fitted by EM) before it is used. */
export function validateParams(params: LinkageParams): string[] {
  const problems: string[] = [];
  for (const f of LINK_FIELDS) {
    for (const level of LINK_LEVELS[f]) {
      if (level === 'missing') continue;
      const mu = (params.fields[f] as Record<string, MU | undefined>)[level];
      if (!mu) problems.push(`${f}.${level}: m and u are required`);
      else if (!(mu.m > 0 && mu.m <= 1 && mu.u > 0 && mu.u <= 1)) problems.push(`${f}.${level}: m and u must be in (0, 1]`);
    }
  }
  const t = params.thresholds;
  if (!(t.upper > 0 && t.upper < 1 && t.lower > 0 && t.lower < 1)) problems.push('thresholds: upper and lower are probabilities in (0, 1)');
  if (!(t.upper >= t.lower)) problems.push('thresholds: upper must be ≥ lower');
  if (!(t.duplicatesPerRecord > 0)) problems.push('thresholds: duplicatesPerRecord must be > 0');
  if (!(params.nameSimilarity.high >= params.nameSimilarity.medium)) problems.push('nameSimilarity: high must be ≥ medium');
  if (!(params.addressSimilarity.high >= params.addressSimilarity.partial)) problems.push('addressSimilarity: high must be ≥ partial');
  if (!(params.maxBlock >= 2)) problems.push('maxBlock must be ≥ 2');
  if (params.termFrequency && !(params.termFrequency.floor > 0 && params.termFrequency.floor < 1)) problems.push('termFrequency.floor must be in (0, 1)');
  return problems;
}
