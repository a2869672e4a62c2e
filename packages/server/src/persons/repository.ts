import { personNameKey } from '@qorgau/core';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ScopeFilter } from '../access/policy.ts';
import { rows, type Executor } from '../db/client.ts';
import { nameWords, persons } from '../db/schema.ts';
import type { NewPerson, PersonDto } from './schema.ts';

export type PersonRow = typeof persons.$inferSelect;

export function toPersonDto(p: PersonRow): PersonDto {
  return {
    id: p.id, iin: p.iin, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName,
    birthDate: p.birthDate, birthYearApprox: p.birthYearApprox, sex: (p.sex as PersonDto['sex']) ?? null,
  };
}

export async function insertPersons(ex: Executor, list: NewPerson[], meta: { regionCode: string; districtCode: string | null; createdBy: string | null; now: Date }): Promise<PersonRow[]> {
  if (list.length === 0) return [];
  const inserted = await ex.insert(persons).values(list.map((p) => ({
    iin: p.iin || null,
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName ?? null,
    birthDate: p.birthDate ?? null,
    birthYearApprox: !p.birthDate && p.approxAge != null ? meta.now.getUTCFullYear() - p.approxAge : null,
    sex: p.sex ?? null,
    nameKey: personNameKey({ lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? null }),
    regionCode: meta.regionCode,
    districtCode: meta.districtCode,
    createdBy: meta.createdBy,
    createdAt: meta.now,
    updatedAt: meta.now,
  }))).returning();
  await addNameWords(ex, inserted.map((p) => p.nameKey));
  return inserted;
}

/** Keep the dictionary of name words in step with the persons (sorted: concurrent inserts lock in one order). */
export async function addNameWords(ex: Executor, keys: string[]): Promise<void> {
  const words = [...new Set(keys.flatMap((k) => k.split(' ')).filter(Boolean))].sort();
  if (words.length) await ex.insert(nameWords).values(words.map((word) => ({ word }))).onConflictDoNothing();
}

export async function personsByIds(ex: Executor, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(persons).where(inArray(persons.id, ids));
}

/** Persons an actor may look up: registered in their territory, or by them. */
export function personScopeSql(scope: ScopeFilter): SQL | undefined {
  const territory = scope.regionCode ? eq(persons.regionCode, scope.regionCode)
    : scope.districtCode ? eq(persons.districtCode, scope.districtCode)
      : scope.schoolId ? sql`exists (select 1 from incident_persons ip join incidents i on i.id = ip.incident_id where ip.person_id = ${persons.id} and i.school_id = ${scope.schoolId})`
        : undefined;
  return territory ? or(territory, eq(persons.createdBy, scope.userId)) : undefined;
}

export type Candidate = PersonRow & { trgm: number };

const wordsArray = (words: string[]) => sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`;

/**
 * Candidates for a folded name key. Whole words first: persons whose folded words include every
 * word of the query (GIN over the word array — every spelling of a full name). Only when that
 * finds fewer than `fuzzyBelow`, each query word is corrected against the dictionary of name
 * words (trigram similarity, and prefixes for a word still being typed), and persons having one
 * of the corrections for every word are added.
 */
export async function nameCandidates(ex: Executor, key: string, scope: SQL | undefined, limit: number, fuzzyBelow = limit): Promise<Candidate[]> {
  const words = key.split(' ').filter(Boolean);
  if (!words.length) return [];
  const personWords = sql`string_to_array(${persons.nameKey}, ' ')`;
  // a record merged into another (record linkage) is found as the survivor only
  const found: Candidate[] = (await ex.select().from(persons).where(and(sql`${personWords} @> ${wordsArray(words)}`, isNull(persons.mergedInto), scope)).limit(limit))
    .map((p) => ({ ...p, trgm: 1 }));
  if (found.length < fuzzyBelow) {
    const alternatives = await Promise.all(words.map(async (w) => (await rows<{ word: string; s: number }>(ex, sql`
      select ${nameWords.word} as word, greatest(similarity(${nameWords.word}, ${w}), word_similarity(${w}, ${nameWords.word})) as s
      from ${nameWords} where ${nameWords.word} % ${w} or ${w} <% ${nameWords.word}
      order by s desc limit 8`)).map((r) => r.word)));
    if (alternatives.every((a) => a.length > 0)) {
      const seen = new Set(found.map((p) => p.id));
      const fuzzy = await ex.select().from(persons)
        .where(and(...alternatives.map((alts) => sql`${personWords} && ${wordsArray(alts)}`), isNull(persons.mergedInto), scope)).limit(limit);
      for (const p of fuzzy) if (!seen.has(p.id)) found.push({ ...p, trgm: 0.5 });
    }
  }
  return found;
}

/**
 * Candidates for a duplicate check that knows the birth date: only persons born that day, or of
 * unknown birth, can be the same child. Everyone born that day (a short btree range: a few
 * hundred even in a national register), scored by the caller, which also catches typos and
 * spellings the name key does not fold; and persons without a birth date who have every word
 * of the name (a partial index). No intersection of two common names' posting lists over the
 * whole register.
 */
export async function birthDateCandidates(
  ex: Executor, key: string, birthDate: string, scope: SQL | undefined, keep: (nameKey: string) => boolean,
): Promise<Candidate[]> {
  const words = key.split(' ').filter(Boolean);
  const personWords = sql`string_to_array(${persons.nameKey}, ' ')`;
  const [sameDay, unknownBirth] = await Promise.all([
    // keys only, then whole rows of those whose name is close enough
    ex.select({ id: persons.id, nameKey: persons.nameKey }).from(persons).where(and(eq(persons.birthDate, birthDate), isNull(persons.mergedInto), scope)).limit(5000),
    words.length ? ex.select().from(persons).where(and(sql`${persons.birthDate} is null`, sql`${personWords} @> ${wordsArray(words)}`, isNull(persons.mergedInto), scope)).limit(50) : [],
  ]);
  const close = sameDay.filter((p) => keep(p.nameKey)).map((p) => p.id);
  const rowsOfClose = close.length ? await ex.select().from(persons).where(inArray(persons.id, close)) : [];
  return [...rowsOfClose, ...unknownBirth].map((p) => ({ ...p, trgm: 1 }));
}

export async function byIin(ex: Executor, iin: string, scope: SQL | undefined): Promise<PersonRow[]> {
  return ex.select().from(persons).where(and(eq(persons.iin, iin), isNull(persons.mergedInto), scope)).limit(20);
}
