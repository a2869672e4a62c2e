// Calendar arithmetic on day numbers (days since 1970-01-01) in the proleptic Gregorian
// calendar, with integer arithmetic only (H. Hinnant's days_from_civil / civil_from_days):
// fast enough for millions of birth dates, and pure — it never reads the clock.

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1–12, day 1–31] of a day number. */
export function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a `YYYY-MM-DD` date; throws on anything else. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`not a real date: ${date}`);
  return daysFromCivil(y, mo, d);
}

const PAD2: readonly string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

export function isoDate(day: number): string {
  const [y, m, d] = civil(day);
  return `${y}-${PAD2[m] ?? ''}-${PAD2[d] ?? ''}`;
}

/** The day `years` years after `day` (29 February becomes 1 March in a common year). */
export function addYears(day: number, years: number): number {
  const [y, m, d] = civil(day);
  const ty = y + years;
  return m === 2 && d === 29 && daysInMonth(ty, 2) === 28 ? daysFromCivil(ty, 3, 1) : daysFromCivil(ty, m, d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** 1 … 12. */
export function monthOf(day: number): number {
  return civil(day)[1];
}

/** Whole years between a birth day and a later day. */
export function ageOn(birthDay: number, day: number): number {
  const [by, bm, bd] = civil(birthDay);
  const [y, m, d] = civil(day);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** First and last possible birth day of someone aged exactly `age` on `day`. */
export function birthDayRange(day: number, age: number): [number, number] {
  return [addYears(day, -(age + 1)) + 1, addYears(day, -age)];
}
