// Working days in Kazakhstan (five-day week, as state bodies use), for deadlines in working days.
//
// Input rows are those of reference/calendar-kz.csv (see calendar-kz.SOURCE.md):
//   holiday              — a holiday's calendar date (also listed when it falls on a weekend)
//   day_off_transfer     — a weekday that becomes non-working (weekend rule or transfer order)
//   working_day_transfer — a Saturday or Sunday that becomes a working day
// A working day is (Mon–Fri and not holiday/day_off_transfer) or a working_day_transfer.
// Dates outside the rows' years are judged by the weekday alone.
//
// All instants are read in Asia/Almaty, fixed UTC+05:00 with no daylight saving time
// (Kazakhstan uses one time zone, UTC+5, since 1 March 2024).
//
// Pure code, no I/O: the caller loads the rows.

export type CalendarDayKind = 'holiday' | 'day_off_transfer' | 'working_day_transfer';

export type CalendarRow = { date: string; kind: CalendarDayKind };

/** Offset of Asia/Almaty from UTC, in minutes (fixed, no DST). */
export const ALMATY_OFFSET_MINUTES = 5 * 60;

/** Local time of day at which the working day starts, for deadlines counted from a non-working day. */
export const WORKDAY_START_HOUR = 9;

const DAY_MS = 86_400_000;
const OFFSET_MS = ALMATY_OFFSET_MINUTES * 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws RangeError if it is not a real date. */
function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

export class WorkingCalendar {
  readonly #kinds: ReadonlyMap<number, CalendarDayKind>;

  /** Rows with the same date: the last one wins. Throws RangeError on a malformed date. */
  constructor(rows: Iterable<CalendarRow>) {
    const kinds = new Map<number, CalendarDayKind>();
    for (const row of rows) kinds.set(toDayNumber(row.date), row.kind);
    this.#kinds = kinds;
  }

  #isWorking(day: number): boolean {
    const kind = this.#kinds.get(day);
    if (kind === 'working_day_transfer') return true;
    if (kind === 'holiday' || kind === 'day_off_transfer') return false;
    const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** Steps |n| working days forward (n > 0) or backward (n < 0); n = 0 returns the day itself. */
  #addDays(day: number, n: number): number {
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let d = day;
    while (remaining > 0) {
      d += step;
      if (this.#isWorking(d)) remaining--;
    }
    return d;
  }

  isWorkingDay(date: string): boolean {
    return this.#isWorking(toDayNumber(date));
  }

  /**
   * The date n working days after `date` (n > 0), i.e. the n-th working day strictly after it,
   * whether or not `date` itself is a working day; before it for n < 0; `date` itself for n = 0.
   */
  addWorkingDays(date: string, n: number): string {
    assertInteger(n, 'n');
    return fromDayNumber(this.#addDays(toDayNumber(date), n));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string): string {
    const day = toDayNumber(date);
    return this.#isWorking(day) ? date : fromDayNumber(this.#addDays(day, 1));
  }

  /**
   * Working days in the half-open range (from, to]: `from` not counted, `to` counted; so that
   * addWorkingDays(from, workingDaysBetween(from, to)) === to when `to` is a working day.
   * Negative when `to` is before `from` (then counts (to, from] with a minus sign); 0 when equal.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.#isWorking(d)) count++;
    return sign * count;
  }

  /** Number of working days from 1 January to 31 December of `year`. */
  countWorkingDays(year: number): number {
    assertInteger(year, 'year');
    const first = Date.UTC(year, 0, 1) / DAY_MS;
    const last = Date.UTC(year, 11, 31) / DAY_MS;
    let count = 0;
    for (let d = first; d <= last; d++) if (this.#isWorking(d)) count++;
    return count;
  }

  /**
   * A deadline n working days after an instant, in Asia/Almaty local time (UTC+05:00):
   *  - if the instant falls on a working day (local date), the deadline is the same local
   *    time of day on the date `addWorkingDays(localDate, n)`; the hour is not checked against
   *    office hours (a report at 22:40 on a Monday with n = 1 is due Tuesday 22:40);
   *  - if it falls on a non-working day, the clock starts at 09:00 local on the next working day,
   *    and the deadline is 09:00 local n working days after that day (n = 0: that start itself).
   *    So a report on Saturday 15:00 with n = 1 is due at 09:00 on the working day after Monday.
   * For n < 0 the same rule runs backwards from the local date (a non-working start still moves to
   * the next working day's 09:00 first). Seconds and milliseconds are kept on working-day starts.
   */
  addWorkingDaysToInstant(instant: Date, n: number): Date {
    assertInteger(n, 'n');
    const t = instant.getTime();
    if (Number.isNaN(t)) throw new RangeError('Invalid instant');
    const localMs = t + OFFSET_MS;
    const day = Math.floor(localMs / DAY_MS);
    if (this.#isWorking(day)) {
      const timeOfDay = localMs - day * DAY_MS;
      return new Date(this.#addDays(day, n) * DAY_MS + timeOfDay - OFFSET_MS);
    }
    const start = this.#addDays(day, 1);
    return new Date(this.#addDays(start, n) * DAY_MS + WORKDAY_START_HOUR * 3_600_000 - OFFSET_MS);
  }
}

/** Parses the text of calendar-kz.csv (header `date,kind,…`) into rows; other columns are ignored. */
export function parseCalendarCsv(text: string): CalendarRow[] {
  const rows: CalendarRow[] = [];
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const dateCol = header.indexOf('date');
  const kindCol = header.indexOf('kind');
  if (dateCol < 0 || kindCol < 0) throw new Error('calendar CSV: missing date or kind column');
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    // date and kind never contain commas or quotes; later quoted columns are not parsed
    const cells = line.split(',');
    const date = cells[dateCol] ?? '';
    const kind = cells[kindCol] ?? '';
    if (kind !== 'holiday' && kind !== 'day_off_transfer' && kind !== 'working_day_transfer') {
      throw new Error(`calendar CSV: unknown kind ${JSON.stringify(kind)} on ${date}`);
    }
    toDayNumber(date);
    rows.push({ date, kind });
  }
  return rows;
}
