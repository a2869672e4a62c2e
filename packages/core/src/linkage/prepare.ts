// Each record is folded once, before any pair is compared: names to transliteration-folded
// keys (names/key.ts) and then to ids in one vocabulary, the patronymic to its root, dates to
// numbers, the address to a set of token ids. A record's numbers are packed side by side
// (STRIDE integers per record), so that comparing a pair reads one or two cache lines per record
// instead of a dozen scattered arrays: at a million records the comparison is bound by memory.
import { parseIin } from '../iin.ts';
import { toLatinKey } from '../names/key.ts';

/** A person record as the linker sees it (the register's columns). */
export type LinkRecord = {
  id: string;
  iin?: string | null;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  /** when only an approximate age is known */
  birthYearApprox?: number | null;
  sex?: string | null;
  /** as written */
  address?: string | null;
  regionCode?: string | null;
  districtCode?: string | null;
};

// offsets in a packed record
export const P_LAST = 0;
export const P_FIRST = 1;
export const P_MIDDLE = 2;
export const P_YEAR = 3;
export const P_MONTHDAY = 4;
/** bit 0: only an approximate year; bits 1–2: sex (0 unknown, 1 male, 2 female) */
export const P_FLAGS = 5;
export const P_REGION = 6;
export const P_DISTRICT = 7;
export const P_ADDR_FROM = 8;
export const P_ADDR_TO = 9;
/** the IIN's first six and last six digits (−1: no valid IIN) */
export const P_IIN_HI = 10;
export const P_IIN_LO = 11;
export const STRIDE = 12;

export type PreparedRecords = {
  n: number;
  ids: string[];
  /** STRIDE integers per record (see P_*) */
  packed: Int32Array;
  /** folded name keys and patronymic roots by id; id 0 is '' (absent) */
  vocab: string[];
  /** how many records have each vocabulary id as last name / as first name (term frequencies) */
  lastCount: Int32Array;
  firstCount: Int32Array;
  /** address token ids, sorted, per record: addrTokens[packed[P_ADDR_FROM] .. packed[P_ADDR_TO]) */
  addrTokens: Int32Array;
};

/** Folding is the costly part of preparation; names and address words repeat, so keys are cached. */
class FoldCache {
  readonly #map = new Map<string, string>();
  readonly #limit: number;
  constructor(limit = 500_000) {
    this.#limit = limit;
  }
  get(s: string, fold: (s: string) => string): string {
    let out = this.#map.get(s);
    if (out === undefined) {
      out = fold(s);
      if (this.#map.size < this.#limit) this.#map.set(s, out);
    }
    return out;
  }
}

// Patronymic endings after folding, longest first: -ович/-евич/-овна/-евна/-ич/-ична (Russian
// style), -ұлы/-қызы (Kazakh), -оглы/-угли (Azerbaijani, Uzbek). "Сергеевич" folds to "sergevich".
const PATRONYMIC_SUFFIXES = ['inichna', 'ichna', 'ovich', 'evich', 'ovna', 'evna', 'ogli', 'ugli', 'kizi', 'uli', 'ich'];

/** The root of a folded patronymic (askarovich, askaruli, askarkizi → askar). */
export function patronymicRoot(folded: string): string {
  const word = folded.split(' ')[0] ?? '';
  for (const suffix of PATRONYMIC_SUFFIXES) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

// Address words that say what kind of place follows (street, house, flat, town …), in Russian,
// Kazakh and English, folded. Alphabetic tokens of one or two letters (ул, д, кв, г, к-сі) are
// dropped as well; numbers are kept whole.
const ADDRESS_STOP = new Set([
  'улица', 'ул', 'көшесі', 'көше', 'дом', 'үй', 'квартира', 'пәтер', 'проспект', 'просп', 'даңғылы', 'даңғ', 'микрорайон', 'мкр', 'мкрн',
  'шағынаудан', 'шағын', 'аудан', 'ауданы', 'район', 'город', 'қала', 'қаласы', 'область', 'обл', 'облысы', 'село', 'ауыл', 'ауылы', 'поселок', 'посёлок',
  'переулок', 'пер', 'тұйық', 'корпус', 'блок', 'street', 'str', 'avenue', 'ave', 'apt', 'apartment', 'house', 'district', 'city', 'region', 'village',
  'mkr', 'microdistrict', 'building',
].map((w) => toLatinKey(w)));

const WORD_KEYS = new FoldCache(100_000);

function addressWord(part: string): string {
  const key = toLatinKey(part);
  return key.length <= 2 || ADDRESS_STOP.has(key) ? '' : key.slice(0, 4);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
// letters of the scripts names and addresses are written in: Latin (with accents), Cyrillic (with Kazakh letters)
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x400 && c <= 0x4ff);

/** Folded address tokens: alphabetic words cut to 4 letters (Абай, Абая → abai), numbers whole. */
export function addressTokens(address: string): string[] {
  const out: string[] = [];
  const s = address.toLowerCase();
  // runs of letters or of digits: "15а" → "15", "а"
  let k = 0;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (isDigit(c)) {
      let e = k + 1;
      while (e < s.length && isDigit(s.charCodeAt(e))) e++;
      const num = String(Number(s.slice(k, e)));
      if (!out.includes(num)) out.push(num);
      k = e;
    } else if (isLetter(c)) {
      let e = k + 1;
      while (e < s.length && (isLetter(s.charCodeAt(e)) || (s.charCodeAt(e) >= 0x300 && s.charCodeAt(e) <= 0x36f))) e++;
      const word = WORD_KEYS.get(s.slice(k, e), addressWord);
      if (word && !out.includes(word)) out.push(word);
      k = e;
    } else k++;
  }
  return out;
}

/**
 * The folded key of a name part. Digits are not part of a name, and toLatinKey drops them; but a
 * name written with digits (a placeholder such as "Бала 2", a test record) must not equal another
 * with other digits, so the digits are kept — in front, where a difference weighs most.
 */
function nameKey(s: string): string {
  const key = toLatinKey(s);
  const digits = s.match(/\d+/g);
  return digits ? `${digits.join('')}${key}` : key;
}

function parseDate(s: string | null | undefined): [number, number, number] | null {
  if (!s || s.length < 10) return null;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  return Number.isInteger(y) && y > 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? [y, m, d] : null;
}

/**
 * Folds records one at a time into places 0, 1, 2 … (in any order; the register grows as needed):
 * the caller may stream rows from the database or a generator and drop each row once folded.
 */
export class RecordPreparer {
  #capacity: number;
  #n = 0;
  #ids: string[];
  #packed: Int32Array;
  readonly #vocabIds = new Map<string, number>([['', 0]]);
  readonly #vocab: string[] = [''];
  readonly #tokenIds = new Map<string, number>();
  readonly #regionIds = new Map<string, number>();
  readonly #districtIds = new Map<string, number>();
  // name as written → vocabulary id of its folded key (names repeat: one lookup for most records)
  readonly #nameIds = new Map<string, number>();
  readonly #rootIds = new Map<string, number>();
  #tokens: Int32Array;
  #used = 0;

  constructor(capacity = 1024) {
    this.#capacity = Math.max(1, capacity);
    this.#ids = new Array<string>(this.#capacity).fill('');
    this.#packed = new Int32Array(this.#capacity * STRIDE);
    this.#tokens = new Int32Array(Math.max(16, this.#capacity * 4));
  }

  /** Records folded so far (the highest place + 1). */
  get size(): number {
    return this.#n;
  }

  #idOf(map: Map<string, number>, key: string | null | undefined): number {
    if (!key) return 0;
    let id = map.get(key);
    if (id === undefined) {
      id = map.size + 1;
      map.set(key, id);
    }
    return id;
  }

  #word(key: string): number {
    let id = this.#vocabIds.get(key);
    if (id === undefined) {
      id = this.#vocab.length;
      this.#vocab.push(key);
      this.#vocabIds.set(key, id);
    }
    return id;
  }

  #nameId(s: string): number {
    let id = this.#nameIds.get(s);
    if (id === undefined) {
      id = this.#word(nameKey(s));
      if (this.#nameIds.size < 2_000_000) this.#nameIds.set(s, id);
    }
    return id;
  }

  #rootId(s: string): number {
    let id = this.#rootIds.get(s);
    if (id === undefined) {
      id = this.#word(patronymicRoot(toLatinKey(s)));
      if (this.#rootIds.size < 2_000_000) this.#rootIds.set(s, id);
    }
    return id;
  }

  /** Folds record `r` into place `i` (a place left empty stays a record without any field). */
  put(i: number, r: LinkRecord): void {
    if (!(Number.isInteger(i) && i >= 0)) throw new RangeError(`place ${i} is not a record number`);
    if (i >= this.#capacity) {
      const capacity = Math.max(i + 1, this.#capacity * 2);
      const packed = new Int32Array(capacity * STRIDE);
      packed.set(this.#packed);
      this.#packed = packed;
      for (let k = this.#capacity; k < capacity; k++) this.#ids.push('');
      this.#capacity = capacity;
    }
    if (i >= this.#n) this.#n = i + 1;
    const packed = this.#packed;
    const o = i * STRIDE;
    this.#ids[i] = r.id;
    packed[o + P_LAST] = r.lastName ? this.#nameId(r.lastName) : 0;
    packed[o + P_FIRST] = r.firstName ? this.#nameId(r.firstName) : 0;
    packed[o + P_MIDDLE] = r.middleName ? this.#rootId(r.middleName) : 0;

    let date = parseDate(r.birthDate);
    let sex = r.sex === 'male' ? 1 : r.sex === 'female' ? 2 : 0;
    packed[o + P_IIN_HI] = -1;
    packed[o + P_IIN_LO] = -1;
    if (r.iin && r.iin.length === 12) {
      const parsed = parseIin(r.iin);
      if (parsed.ok) {
        packed[o + P_IIN_HI] = Number(r.iin.slice(0, 6));
        packed[o + P_IIN_LO] = Number(r.iin.slice(6));
        date ??= parseDate(parsed.birthDate);
        if (sex === 0) sex = parsed.sex === 'male' ? 1 : 2;
      }
    }
    let flags = sex << 1;
    packed[o + P_YEAR] = 0;
    packed[o + P_MONTHDAY] = 0;
    if (date) {
      packed[o + P_YEAR] = date[0];
      packed[o + P_MONTHDAY] = date[1] * 100 + date[2];
    } else if (r.birthYearApprox && r.birthYearApprox > 1800 && r.birthYearApprox < 2200) {
      packed[o + P_YEAR] = r.birthYearApprox;
      flags |= 1;
    }
    packed[o + P_FLAGS] = flags;

    const from = this.#used;
    if (r.address) {
      const list = addressTokens(r.address);
      if (this.#used + list.length > this.#tokens.length) {
        const grown = new Int32Array(this.#tokens.length * 2 + list.length);
        grown.set(this.#tokens);
        this.#tokens = grown;
      }
      // insertion sort of a handful of token ids
      const tokens = this.#tokens;
      for (const t of list) {
        const id = this.#idOf(this.#tokenIds, t);
        let k = this.#used++;
        while (k > from && (tokens[k - 1] as number) > id) {
          tokens[k] = tokens[k - 1] as number;
          k--;
        }
        tokens[k] = id;
      }
    }
    packed[o + P_ADDR_FROM] = from;
    packed[o + P_ADDR_TO] = this.#used;
    packed[o + P_REGION] = this.#idOf(this.#regionIds, r.regionCode);
    packed[o + P_DISTRICT] = this.#idOf(this.#districtIds, r.districtCode);
  }

  finish(): PreparedRecords {
    const n = this.#n;
    const packed = this.#packed;
    const lastCount = new Int32Array(this.#vocab.length);
    const firstCount = new Int32Array(this.#vocab.length);
    for (let i = 0; i < n; i++) {
      // a place never filled has no IIN (zeros would read as IIN 000000000000)
      if (this.#ids[i] === '') packed[i * STRIDE + P_IIN_HI] = -1;
      (lastCount[packed[i * STRIDE + P_LAST] as number] as number)++;
      (firstCount[packed[i * STRIDE + P_FIRST] as number] as number)++;
    }
    return {
      n, ids: this.#ids.slice(0, n), packed: packed.subarray(0, n * STRIDE), vocab: this.#vocab, lastCount, firstCount,
      addrTokens: this.#tokens.subarray(0, this.#used),
    };
  }
}

/** Folds every record once. */
export function prepareRecords(records: readonly LinkRecord[]): PreparedRecords {
  const preparer = new RecordPreparer(records.length);
  for (let i = 0; i < records.length; i++) preparer.put(i, records[i] as LinkRecord);
  return preparer.finish();
}

/** Readable accessors (for blocking and tests; the comparator reads `packed` directly). */
export const rec = {
  last: (p: PreparedRecords, i: number): string => p.vocab[p.packed[i * STRIDE + P_LAST] as number] as string,
  first: (p: PreparedRecords, i: number): string => p.vocab[p.packed[i * STRIDE + P_FIRST] as number] as string,
  middle: (p: PreparedRecords, i: number): string => p.vocab[p.packed[i * STRIDE + P_MIDDLE] as number] as string,
  year: (p: PreparedRecords, i: number): number => p.packed[i * STRIDE + P_YEAR] as number,
  monthDay: (p: PreparedRecords, i: number): number => p.packed[i * STRIDE + P_MONTHDAY] as number,
  approx: (p: PreparedRecords, i: number): boolean => ((p.packed[i * STRIDE + P_FLAGS] as number) & 1) === 1,
  sex: (p: PreparedRecords, i: number): number => (p.packed[i * STRIDE + P_FLAGS] as number) >> 1,
  region: (p: PreparedRecords, i: number): number => p.packed[i * STRIDE + P_REGION] as number,
  district: (p: PreparedRecords, i: number): number => p.packed[i * STRIDE + P_DISTRICT] as number,
  /** the IIN as a 12-digit string, or null */
  iin: (p: PreparedRecords, i: number): string | null => {
    const hi = p.packed[i * STRIDE + P_IIN_HI] as number;
    return hi < 0 ? null : `${String(hi).padStart(6, '0')}${String(p.packed[i * STRIDE + P_IIN_LO]).padStart(6, '0')}`;
  },
};
