import type { Person } from './types.ts';

/** "Last First Middle", as written; empty parts left out. */
export function personName(p: Pick<Person, 'lastName' | 'firstName' | 'middleName'>): string {
  return [p.lastName, p.firstName, p.middleName].filter((s) => s && s.trim()).join(' ');
}

/** Only the last four digits of an IIN are shown in lists: `•••••••• 0012`. */
export function maskIin(iin: string | null | undefined): string {
  if (!iin) return '';
  const tail = iin.slice(-4);
  return `${'•'.repeat(Math.max(0, iin.length - 4))}${tail}`;
}

/** Whole years between a birth date (YYYY-MM-DD) and today (or `at`). */
export function ageOn(birthDate: string | null | undefined, at: Date = new Date()): number | null {
  if (!birthDate) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  let age = at.getFullYear() - y;
  if (at.getMonth() + 1 < mo || (at.getMonth() + 1 === mo && at.getDate() < d)) age -= 1;
  return age >= 0 ? age : null;
}
