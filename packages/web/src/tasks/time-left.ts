import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

// How much time a task has left, in words and colour: "1 h 20 min left" (orange under two
// hours), "overdue by 3 h" (red).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Under this much time left a task is shown as urgent. */
export const SOON_MS = 2 * HOUR;

export type Urgency = 'overdue' | 'soon' | 'later';

/** Whole days, hours and minutes of a duration, rounded down to the minute; the two largest parts are enough. */
export function durationParts(ms: number): { d: number; h: number; min: number } {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const min = minutes % 60;
  // "2 d 3 h" and not "2 d 3 h 12 min": past a day minutes do not matter
  return d > 0 ? { d, h, min: 0 } : { d, h, min };
}

export function urgency(dueAt: string, now: number): Urgency {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return 'overdue';
  if (left < SOON_MS) return 'soon';
  return 'later';
}

export const URGENCY_COLORS: Record<Urgency, string> = { overdue: 'red.8', soon: 'orange.8', later: 'dimmed' };

/** `1 h 20 min`, `2 d 3 h`, `less than a minute` in the reader's language. */
export function useDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const { d, h, min } = durationParts(ms);
    const parts: string[] = [];
    if (d) parts.push(t('tasks.time.days', { n: d }));
    if (h) parts.push(t('tasks.time.hours', { n: h }));
    if (min) parts.push(t('tasks.time.minutes', { n: min }));
    return parts.length ? parts.join(' ') : t('tasks.time.lessThanMinute');
  };
}

/** "1 h 20 min left" / "overdue by 3 h". */
export function useTimeLeftText(): (dueAt: string, now: number) => string {
  const { t } = useTranslation();
  const duration = useDuration();
  return (dueAt, now) => {
    const left = Date.parse(dueAt) - now;
    if (Number.isNaN(left)) return '';
    return left >= 0 ? t('tasks.time.left', { duration: duration(left) }) : t('tasks.time.overdue', { duration: duration(left) });
  };
}

/** The current time, renewed every `everyMs` so that "time left" stays honest on a page left open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
