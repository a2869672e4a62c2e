import { kzLocal, type Locale } from '@qorgau/core';
import type { LocalisedName } from './types.ts';

// Dates and numbers in the reader's language. Instants are shown in Kazakhstan time (one zone,
// UTC+5, since March 2024) whatever the browser's zone, so that a deadline reads the same for
// everyone; the instant is shifted by five hours and formatted as UTC (older ICU data in some
// browsers still puts Asia/Almaty at UTC+6).
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
const KZ_OFFSET_MS = 5 * 3_600_000;
const inKz = (date: Date) => new Date(date.getTime() + KZ_OFFSET_MS);

/** `2026 ж. 23 қар., 05:07` — the CLDR medium pattern for kk. */
export function formatKazakhDateTime(instant: Date, withSeconds = false): string {
  const date = inKz(instant);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${withSeconds ? `:${pad(date.getUTCSeconds())}` : ''}`;
  return `${date.getUTCFullYear()} ж. ${date.getUTCDate()} ${KK_MONTHS_SHORT[date.getUTCMonth()]}, ${time}`;
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
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(inKz(date));
}

export function formatDateTimeSeconds(iso: string | null | undefined, locale: Locale): string {
  const date = parse(iso);
  if (!date) return iso ?? '—';
  if (locale === 'kk' && !HAS_KAZAKH) return formatKazakhDateTime(date, true);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC',
  }).format(inKz(date));
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

/** A datetime-local input's value (`YYYY-MM-DDTHH:mm`) for an instant, in Kazakhstan time. */
export function kzInputValue(instant: Date): string {
  return kzLocal(instant).toISOString().slice(0, 16);
}

/** The instant (ISO) of a datetime-local value read as Kazakhstan time; null when incomplete. */
export function fromKzInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+05:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
