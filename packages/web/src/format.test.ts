import { describe, expect, it } from 'vitest';
import { formatDateTime, formatKazakhDateTime, localName } from './format.ts';

describe('format', () => {
  it('writes Kazakh dates with Kazakh month names', () => {
    // instants are shown in Kazakhstan time (UTC+5), whatever the machine's zone
    expect(formatKazakhDateTime(new Date('2026-11-23T00:07:09Z'))).toBe('2026 ж. 23 қар., 05:07');
    expect(formatKazakhDateTime(new Date('2026-01-02T10:00:01Z'), true)).toBe('2026 ж. 2 қаң., 15:00:01');
    expect(formatKazakhDateTime(new Date('2026-12-31T20:30:00Z'))).toBe('2027 ж. 1 қаң., 01:30');
  });

  it('formats in each language and tolerates missing values', () => {
    const iso = new Date(2026, 10, 23, 5, 7).toISOString();
    expect(formatDateTime(iso, 'kk')).toContain('қар.');
    expect(formatDateTime(iso, 'ru')).toContain('нояб');
    expect(formatDateTime(iso, 'en')).toContain('Nov');
    expect(formatDateTime('2026-11-23T19:30:00Z', 'en')).toBe('24 Nov 2026, 00:30');
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('picks the name in the reader language', () => {
    const name = { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' };
    expect(localName(name, 'kk')).toBe('Алматы облысы');
    expect(localName(name, 'en')).toBe('Almaty Region');
    expect(localName('School 5', 'ru')).toBe('School 5');
  });
});
