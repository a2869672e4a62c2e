// Calendar days in Kazakhstan (one zone, UTC+5 since March 2024), whatever the browser's zone.

/** Today in Kazakhstan (UTC+5) as YYYY-MM-DD, the default of date fields. */
export function kzToday(): string {
  return new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar day in Kazakhstan of an instant. */
export function kzDay(iso: string): string {
  return new Date(Date.parse(iso) + 5 * 3_600_000).toISOString().slice(0, 10);
}
