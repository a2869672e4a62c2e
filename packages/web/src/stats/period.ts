import { kzLocal, type Locale } from '@qorgau/core';

// Periods of the statistics screens: presets counted from today's date in Kazakhstan, and the
// months or days of a trend (the server leaves out those without figures).

export const PRESETS = ['thisYear', 'lastYear', 'last12', 'quarter', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

export const isPreset = (value: unknown): value is Preset => PRESETS.includes(value as Preset);

/** Today's date in Kazakhstan (UTC+5), `YYYY-MM-DD`. */
export function kzToday(now = new Date()): string {
  return kzLocal(now).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The dates of a preset, counted from `today`; custom keeps what it is given (else this year). */
export function presetPeriod(preset: Preset, today: string, custom?: Partial<Period>): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'last12': {
      // twelve whole months with this one: the trend then shows twelve points
      const start = month === 12 ? `${year}-01-01` : `${year - 1}-${pad(month + 1)}-01`;
      return { from: start, to: today };
    }
    case 'quarter':
      return { from: `${year}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'custom': {
      const from = custom?.from && ISO_DATE.test(custom.from) ? custom.from : `${year}-01-01`;
      const to = custom?.to && ISO_DATE.test(custom.to) ? custom.to : today;
      return { from, to };
    }
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/** As the server groups a trend: by day up to 62 days, else by month. */
export function trendByDay(period: Period): boolean {
  return dayNumber(period.to) - dayNumber(period.from) <= 62;
}

/** Every month (or day) of the period, with zeros where the server sent nothing. */
export function fillTrend<T extends { period: string; incidents: number; reports: number }>(trend: T[], period: Period): { period: string; incidents: number; reports: number }[] {
  const byKey = new Map(trend.map((p) => [p.period, p]));
  const keys: string[] = [];
  if (trendByDay(period)) {
    for (let d = dayNumber(period.from); d <= dayNumber(period.to); d += 1) keys.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  } else {
    let y = Number(period.from.slice(0, 4));
    let m = Number(period.from.slice(5, 7));
    const end = period.to.slice(0, 7);
    for (let guard = 0; guard < 400; guard += 1) {
      const key = `${y}-${pad(m)}`;
      if (key > end) break;
      keys.push(key);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  // a period the server sent that falls outside (should not happen) is kept rather than lost
  for (const key of byKey.keys()) if (!keys.includes(key)) keys.push(key);
  keys.sort();
  return keys.map((key) => ({ period: key, incidents: byKey.get(key)?.incidents ?? 0, reports: byKey.get(key)?.reports ?? 0 }));
}

/** The first and last day of a trend point (`YYYY-MM` or `YYYY-MM-DD`), clipped to the period. */
export function pointPeriod(point: string, period: Period): Period {
  if (point.length === 10) return { from: point, to: point };
  const y = Number(point.slice(0, 4));
  const m = Number(point.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const from = `${point}-01`;
  const to = `${point}-${pad(last)}`;
  return { from: from < period.from ? period.from : from, to: to > period.to ? period.to : to };
}

const KK_MONTHS = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];
const RU_MONTHS = ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS: Record<Locale, string[]> = { kk: KK_MONTHS, ru: RU_MONTHS, en: EN_MONTHS };

/** A trend point as an axis label: `қар. 2026`, `нояб. 2026`, `Nov 2026`; a day as `23.11`. */
export function pointLabel(point: string, locale: Locale): string {
  const month = MONTHS[locale][Number(point.slice(5, 7)) - 1] ?? point.slice(5, 7);
  if (point.length === 10) return locale === 'en' ? `${Number(point.slice(8, 10))} ${month}` : `${point.slice(8, 10)}.${point.slice(5, 7)}`;
  return locale === 'kk' ? `${point.slice(0, 4)} ж. ${month}` : `${month} ${point.slice(0, 4)}`;
}

const TAGS: Record<Locale, string> = { kk: 'ru-RU', ru: 'ru-RU', en: 'en-GB' };

/** Growth as the sources quote it: one decimal with its sign, `+58,9 %` (kk, ru) or `+58.9%` (en); null is `—`. */
export function formatGrowth(growth: number | null, locale: Locale): string {
  if (growth === null) return '—';
  const n = new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(growth);
  return locale === 'en' ? `${n}%` : `${n} %`;
}

/** A rate or share with one decimal: `12,3` (kk, ru), `12.3` (en). */
export function formatDecimal(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** Whole numbers with the reader's grouping: `12 345` (kk, ru), `12,345` (en). */
export function formatCount(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 0 }).format(value);
}
