import { KZ_OFFSET_MS, kzLocal, type Locale } from '@qorgau/core';
import { formatDateTime } from '../format.ts';

/**
 * An instant in Kazakhstan time (UTC+5) whatever the browser's zone, with the app's usual
 * formatting: the instant is shifted so that the browser's local fields read Kazakhstan time.
 */
export function formatKz(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const browserOffsetMs = -date.getTimezoneOffset() * 60_000;
  return formatDateTime(new Date(date.getTime() + KZ_OFFSET_MS - browserOffsetMs).toISOString(), locale);
}

/** `YYYY-MM-DDTHH:mm` of an instant in Kazakhstan time (for a datetime-local input). */
export function kzInputValue(instant: Date): string {
  return kzLocal(instant).toISOString().slice(0, 16);
}

/** The instant of a datetime-local value read as Kazakhstan time; null when incomplete. */
export function fromKzInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+05:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
