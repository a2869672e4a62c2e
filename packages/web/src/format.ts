import type { Locale } from '@qorgau/core';
import type { LocalisedName } from './types.ts';

// Dates and numbers in the reader's language. Times are shown in the browser's own time zone
// (Kazakhstan has one, UTC+5, since 2024).
const INTL_TAGS: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

// Some browsers (Debian's Chromium among them) claim Kazakh in Intl but ship no Kazakh data and
// print "2026 M11 23". Then we write Kazakh dates ourselves, with the CLDR pattern and month names.
const KK_MONTHS_SHORT = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];

function intlHasKazakh(): boolean {
  try {
    return new Intl.DateTimeFormat('kk-KZ', { month: 'short' }).format(new Date(2026, 10, 15)) === 'қар.';
  } catch {
    return false;
  }
}
const HAS_KAZAKH = intlHasKazakh();

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026 ж. 23 қар., 05:07` — the CLDR medium pattern for kk. */
export function formatKazakhDateTime(date: Date, withSeconds = false): string {
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${withSeconds ? `:${pad(date.getSeconds())}` : ''}`;
  return `${date.getFullYear()} ж. ${date.getDate()} ${KK_MONTHS_SHORT[date.getMonth()]}, ${time}`;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  const date = parse(iso);
  if (!date) return iso ?? '—';
  if (locale === 'kk' && !HAS_KAZAKH) return formatKazakhDateTime(date);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDateTimeSeconds(iso: string | null | undefined, locale: Locale): string {
  const date = parse(iso);
  if (!date) return iso ?? '—';
  if (locale === 'kk' && !HAS_KAZAKH) return formatKazakhDateTime(date, true);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(date);
}

/** A calendar date `YYYY-MM-DD` (no time zone involved): `23 Nov 2026`, `23 нояб. 2026 г.`, `2026 ж. 23 қар.`. */
export function formatDate(isoDate: string | null | undefined, locale: Locale): string {
  const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
  if (!m) return isoDate ?? '—';
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (locale === 'kk' && !HAS_KAZAKH) return `${date.getFullYear()} ж. ${date.getDate()} ${KK_MONTHS_SHORT[date.getMonth()]}`;
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  // Kazakh groups digits as Russian does (12 345,5)
  return new Intl.NumberFormat(locale === 'kk' && !HAS_KAZAKH ? 'ru-RU' : INTL_TAGS[locale]).format(value);
}

export function localName(name: LocalisedName | string | null | undefined, locale: Locale): string {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[locale] || name.ru || name.kk || name.en;
}
