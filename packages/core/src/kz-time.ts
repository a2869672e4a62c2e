// Kazakhstan has kept one time zone, UTC+05:00 without daylight saving, since March 2024.
// Dates without a time (filters, registration years, ages) are read in it.

export const KZ_OFFSET_MS = 5 * 3_600_000;

/** The instant a Kazakhstan calendar day (YYYY-MM-DD) begins. */
export function kzDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+05:00`);
}

/** The instant the next Kazakhstan day begins: the exclusive end of `date`. */
export function kzDayEnd(date: string): Date {
  return new Date(kzDayStart(date).getTime() + 86_400_000);
}

/** An instant shifted so that its UTC fields (getUTCFullYear, …) read Kazakhstan local time. */
export function kzLocal(instant: Date): Date {
  return new Date(instant.getTime() + KZ_OFFSET_MS);
}
