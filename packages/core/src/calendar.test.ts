import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCalendarCsv, WorkingCalendar } from './calendar.ts';

const csv = readFileSync(fileURLToPath(new URL('../../../reference/calendar-kz.csv', import.meta.url)), 'utf8');
const rows = parseCalendarCsv(csv);
const cal = new WorkingCalendar(rows);

describe('reference calendar', () => {
  it('loads every row', () => {
    expect(rows.length).toBe(61);
  });
  it('has the official yearly totals', () => {
    expect(cal.countWorkingDays(2024)).toBe(249);
    expect(cal.countWorkingDays(2025)).toBe(246);
    expect(cal.countWorkingDays(2026)).toBe(247);
  });
  it('Nauryz 2026: 21–25 March off, 26 March back to work', () => {
    for (const d of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.isWorkingDay('2026-03-20')).toBe(true);
    expect(cal.isWorkingDay('2026-03-26')).toBe(true);
    expect(cal.nextWorkingDay('2026-03-20')).toBe('2026-03-26');
    expect(cal.addWorkingDays('2026-03-20', 2)).toBe('2026-03-27');
    expect(cal.workingDaysBetween('2026-03-20', '2026-03-27')).toBe(2);
  });
  it('2025-01-03 transfer: Friday off, Sunday 5 January worked', () => {
    expect(cal.isWorkingDay('2025-01-03')).toBe(false);
    expect(cal.isWorkingDay('2025-01-04')).toBe(false);
    expect(cal.isWorkingDay('2025-01-05')).toBe(true);
    expect(cal.isWorkingDay('2025-01-06')).toBe(true);
    expect(cal.isWorkingDay('2025-01-07')).toBe(false); // Orthodox Christmas
    expect(cal.nextWorkingDay('2024-12-31')).toBe('2025-01-05');
    expect(cal.addWorkingDays('2024-12-31', 2)).toBe('2025-01-06');
    expect(cal.addWorkingDays('2024-12-31', 3)).toBe('2025-01-08');
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-08')).toBe(3);
  });
  it('2026-08-31 is a working day (Constitution Day moved)', () => {
    expect(cal.isWorkingDay('2026-08-31')).toBe(true);
  });
  it('a holiday on a weekend is not a working day and its substitute is off', () => {
    expect(cal.isWorkingDay('2025-03-08')).toBe(false);
    expect(cal.isWorkingDay('2025-03-10')).toBe(false);
  });
});

describe('WorkingCalendar basics', () => {
  const plain = new WorkingCalendar([]);
  it('uses the five-day week', () => {
    expect(plain.isWorkingDay('2030-01-04')).toBe(true); // Friday
    expect(plain.isWorkingDay('2030-01-05')).toBe(false); // Saturday
    expect(plain.isWorkingDay('2030-01-06')).toBe(false); // Sunday
    expect(plain.countWorkingDays(2030)).toBe(261);
  });
  it('adds, subtracts and counts consistently', () => {
    expect(plain.addWorkingDays('2030-01-04', 0)).toBe('2030-01-04');
    expect(plain.addWorkingDays('2030-01-05', 0)).toBe('2030-01-05');
    expect(plain.addWorkingDays('2030-01-04', 1)).toBe('2030-01-07');
    expect(plain.addWorkingDays('2030-01-05', 1)).toBe('2030-01-07');
    expect(plain.addWorkingDays('2030-01-07', -1)).toBe('2030-01-04');
    expect(plain.addWorkingDays('2030-01-07', 45)).toBe('2030-03-11');
    expect(plain.workingDaysBetween('2030-01-07', '2030-03-11')).toBe(45);
    expect(plain.workingDaysBetween('2030-03-11', '2030-01-07')).toBe(-45);
    expect(plain.workingDaysBetween('2030-01-07', '2030-01-07')).toBe(0);
    expect(plain.workingDayOnOrAfter('2030-01-05')).toBe('2030-01-07');
    expect(plain.workingDayOnOrAfter('2030-01-07')).toBe('2030-01-07');
  });
  it('round-trips addWorkingDays and workingDaysBetween over the reference years', () => {
    for (let n = 1; n <= 300; n += 7) {
      const to = cal.addWorkingDays('2024-02-29', n);
      expect(cal.isWorkingDay(to)).toBe(true);
      expect(cal.workingDaysBetween('2024-02-29', to)).toBe(n);
      expect(cal.addWorkingDays(to, -n)).toBe('2024-02-29');
    }
  });
  it('crosses year boundaries', () => {
    expect(plain.addWorkingDays('2030-12-31', 1)).toBe('2031-01-01');
  });
  it('rejects bad input', () => {
    expect(() => plain.isWorkingDay('2030-02-30')).toThrow(RangeError);
    expect(() => plain.isWorkingDay('30-01-01')).toThrow(RangeError);
    expect(() => plain.addWorkingDays('2030-01-01', 1.5)).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ date: 'x', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => parseCalendarCsv('date,kind\n2030-01-01,feast\n')).toThrow();
  });
});

describe('addWorkingDaysToInstant (Asia/Almaty, UTC+05:00)', () => {
  const at = (iso: string): Date => new Date(iso);
  it('keeps the local time of day from a working day', () => {
    expect(cal.addWorkingDaysToInstant(at('2026-11-20T10:15:00+05:00'), 1).toISOString()).toBe(
      at('2026-11-23T10:15:00+05:00').toISOString(),
    );
    // 23:30 local on Monday 2026-11-23 is 18:30Z: the local date decides, not the UTC one
    expect(cal.addWorkingDaysToInstant(at('2026-11-23T23:30:00+05:00'), 1).toISOString()).toBe(
      at('2026-11-24T23:30:00+05:00').toISOString(),
    );
    // 02:00 local on Tuesday is still Monday in UTC
    expect(cal.addWorkingDaysToInstant(at('2026-11-24T02:00:00+05:00'), 1).toISOString()).toBe(
      at('2026-11-25T02:00:00+05:00').toISOString(),
    );
    expect(cal.addWorkingDaysToInstant(at('2026-11-20T10:15:00+05:00'), 0).toISOString()).toBe(
      at('2026-11-20T10:15:00+05:00').toISOString(),
    );
  });
  it('starts from 09:00 on the next working day when received on a non-working day', () => {
    // Saturday 21 March 2026 (Nauryz): clock starts Thursday 26 March 09:00
    expect(cal.addWorkingDaysToInstant(at('2026-03-21T15:00:00+05:00'), 0).toISOString()).toBe(
      at('2026-03-26T09:00:00+05:00').toISOString(),
    );
    expect(cal.addWorkingDaysToInstant(at('2026-03-21T15:00:00+05:00'), 1).toISOString()).toBe(
      at('2026-03-27T09:00:00+05:00').toISOString(),
    );
    // Saturday 2025-01-04 → Sunday 2025-01-05 (working) 09:00, +1 → Monday 09:00
    expect(cal.addWorkingDaysToInstant(at('2025-01-04T12:00:00+05:00'), 1).toISOString()).toBe(
      at('2025-01-06T09:00:00+05:00').toISOString(),
    );
  });
  it('skips holidays like addWorkingDays', () => {
    expect(cal.addWorkingDaysToInstant(at('2026-03-20T16:00:00+05:00'), 1).toISOString()).toBe(
      at('2026-03-26T16:00:00+05:00').toISOString(),
    );
  });
  it('rejects an invalid instant', () => {
    expect(() => cal.addWorkingDaysToInstant(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});
