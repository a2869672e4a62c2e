import { personNameKey } from '@qorgau/core';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ScopeFilter } from '../access/policy.ts';
import { rows, type Executor } from '../db/client.ts';
import { persons } from '../db/schema.ts';
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
  return ex.insert(persons).values(list.map((p) => ({
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

/**
 * Candidates for a folded name key, best first. Whole words first: persons whose folded words
 * include every word of the query (GIN over the word array — every spelling of a full name).
 * Only when that finds fewer than `fuzzyBelow`, trigram similarity adds typos and partly typed words,
 * with thresholds raised above pg_trgm's defaults so that common endings (-ov, -ova) do not
 * flood the index scan.
 */
export async function nameCandidates(ex: Executor, key: string, scope: SQL | undefined, limit: number, fuzzyBelow = limit): Promise<Candidate[]> {
  const words = key.split(' ').filter(Boolean);
  const hits = new Map<string, number>();
  if (words.length) {
    const exact = await rows<{ id: string }>(ex, sql`
      select ${persons.id} as id from ${persons}
      where string_to_array(${persons.nameKey}, ' ') @> ${sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`} ${scope ? sql`and ${scope}` : sql``}
      limit ${limit}`);
    for (const h of exact) hits.set(h.id, 1);
  }
  if (hits.size < fuzzyBelow) {
    const fuzzy = await ex.transaction(async (tx) => {
      await tx.execute(sql`set local pg_trgm.similarity_threshold = 0.45`);
      await tx.execute(sql`set local pg_trgm.word_similarity_threshold = 0.7`);
      const where = and(sql`(${persons.nameKey} % ${key} or ${key} <% ${persons.nameKey})`, scope);
      return rows<{ id: string; trgm: number | string }>(tx, sql`
        select ${persons.id} as id, greatest(similarity(${persons.nameKey}, ${key}), word_similarity(${key}, ${persons.nameKey})) as trgm
        from ${persons} where ${where} order by trgm desc limit ${limit}`);
    });
    for (const h of fuzzy) if (!hits.has(h.id)) hits.set(h.id, Number(h.trgm));
  }
  const byId = new Map((await personsByIds(ex, [...hits.keys()])).map((p) => [p.id, p]));
  return [...hits].flatMap(([id, trgm]) => {
    const p = byId.get(id);
    return p ? [{ ...p, trgm }] : [];
  });
}

export async function byIin(ex: Executor, iin: string, scope: SQL | undefined): Promise<PersonRow[]> {
  return ex.select().from(persons).where(and(eq(persons.iin, iin), scope)).limit(20);
}
