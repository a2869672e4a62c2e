// Kazakhstan IIN (individual identification number) and BIN (business identification number).
//
// IIN layout (12 digits): YYMMDD, then a century-and-sex digit (1/2: 1800s, 3/4: 1900s,
// 5/6: 2000s; odd = male, even = female), 4 serial digits and 1 check digit.
// Check digit: Σ dᵢ·wᵢ mod 11 over the first 11 digits with weights 1…11; if that is 10,
// recompute with weights 3,4,5,6,7,8,9,10,11,1,2; if it is still 10 the number is invalid
// (such numbers are never issued). The 12-digit BIN of organisations uses the same rule.
//
// Pure functions, no I/O.

export type IinSex = 'female' | 'male';

export type IinParseResult =
  | { ok: true; birthDate: string; sex: IinSex }
  | { ok: false; reason: 'format' | 'checksum' | 'date' | 'century' };

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum % 11;
}

/** The check digit for the first 11 digits, or null when the digits cannot have one
 *  (not 11 digits, or both passes give 10). */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const first = weightedMod11(first11, WEIGHTS_1);
  if (first !== 10) return first;
  const second = weightedMod11(first11, WEIGHTS_2);
  return second === 10 ? null : second;
}

function hasValidCheckDigit(twelve: string): boolean {
  if (!/^\d{12}$/.test(twelve)) return false;
  const check = iinCheckDigit(twelve.slice(0, 11));
  return check !== null && check === Number(twelve[11]);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; our years are always ≥ 1800, so no trap here.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Parses and validates an IIN. Checks, in this order: format (exactly 12 ASCII digits; surrounding
 * whitespace is not trimmed), check digit, century-and-sex digit (must be 1–6), and that YYMMDD is a
 * real calendar date in that century.
 */
export function parseIin(iin: string): IinParseResult {
  if (!/^\d{12}$/.test(iin)) return { ok: false, reason: 'format' };
  if (!hasValidCheckDigit(iin)) return { ok: false, reason: 'checksum' };
  const centuryDigit = Number(iin[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return { ok: false, reason: 'century' };
  const century = 1800 + 100 * Math.floor((centuryDigit - 1) / 2);
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'date' };
  return {
    ok: true,
    birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    sex: centuryDigit % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Compares an IIN with a stated birth date and sex (either may be absent). Assumes the IIN
 * already passed `parseIin`; an unparsable IIN yields null (nothing to compare). Returns the
 * first problem: birth date is checked before sex.
 */
export function checkIinAgainst(
  iin: string,
  stated: { birthDate?: string | null; sex?: IinSex | null },
): null | 'birth_date_mismatch' | 'sex_mismatch' {
  const parsed = parseIin(iin);
  if (!parsed.ok) return null;
  if (stated.birthDate != null && stated.birthDate !== parsed.birthDate) return 'birth_date_mismatch';
  if (stated.sex != null && stated.sex !== parsed.sex) return 'sex_mismatch';
  return null;
}

/**
 * Builds a valid IIN for a birth date (YYYY-MM-DD, years 1800–2099), sex and serial (0–9999).
 * Returns null for bad input, or when that serial gives check digit 10 in both passes
 * (such numbers do not exist; callers try the next serial).
 */
export function makeIin(birthDate: string, sex: IinSex, serial: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1800 || year > 2099 || !isRealDate(year, month, day)) return null;
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) return null;
  const centuryDigit = 1 + 2 * Math.floor((year - 1800) / 100) + (sex === 'female' ? 1 : 0);
  const first11 = `${pad2(year % 100)}${pad2(month)}${pad2(day)}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit(first11);
  return check === null ? null : `${first11}${check}`;
}

/** Whether a 12-digit BIN passes the check-digit rule (the structure of the first 11 digits is not checked). */
export function isValidBin(bin: string): boolean {
  return hasValidCheckDigit(bin);
}
