// Growth against the previous period of the same group, as the sources quote it
// (Almaty 90 → 143 = +58.9 %): one decimal, null where there is nothing to compare with.

export function growthPercent(previous: number | null | undefined, current: number): number | null {
  if (previous === null || previous === undefined || previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

/** Age groups of children by school stage: preschool, primary, lower and upper secondary. */
export const AGE_GROUPS = ['0-6', '7-10', '11-14', '15-17', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroupOf(age: number | null | undefined): AgeGroup {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0 || age > 17) return 'unknown';
  if (age <= 6) return '0-6';
  if (age <= 10) return '7-10';
  if (age <= 14) return '11-14';
  return '15-17';
}
