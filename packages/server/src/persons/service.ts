import { kzLocal, nameTokens, toLatinKey, wordSimilarity } from '@qorgau/core';
import { eq, inArray } from 'drizzle-orm';
import { authorizeRecord, can, recordScopeFilter } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { incidentPersons, incidents, persons, reports } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { denyAsNotFound, reportScope } from '../reports/service.ts';
import { byIin, nameCandidates, personScopeSql, toPersonDto, type PersonRow } from './repository.ts';
import type { PersonDto } from './schema.ts';

export type ScoredPerson = PersonDto & { score: number; age: number | null };

/** Age in whole years today (Kazakhstan time), from the birth date or the approximate birth year. */
export function personAge(p: Pick<PersonRow, 'birthDate' | 'birthYearApprox'>, now: Date): number | null {
  if (p.birthDate) {
    const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
    const today = kzLocal(now);
    let age = today.getUTCFullYear() - y;
    if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
    return age;
  }
  return p.birthYearApprox ? now.getUTCFullYear() - p.birthYearApprox : null;
}

/**
 * Name search across scripts: candidates by trigram similarity of folded keys (index), then
 * ranked by token similarity of the names, with a bonus for a matching birth date.
 */
export async function searchPersons(ctx: Ctx, q: { q: string; birthDate?: string | undefined; limit: number }): Promise<ScoredPerson[]> {
  if (!can(ctx.actor, 'reports.read') && !can(ctx.actor, 'reports.create')) throw forbidden('Your role does not look up persons.');
  const scope = personScopeSql(recordScopeFilter(ctx.actor));
  const text = q.q.trim();
  let scored: { p: PersonRow; score: number }[];
  if (/^\d{12}$/.test(text)) {
    scored = (await byIin(ctx.db, text, scope)).map((p) => ({ p, score: 1 }));
  } else {
    const key = toLatinKey(text);
    if (!key) return [];
    const candidates = await nameCandidates(ctx.db, key, scope, Math.max(3 * q.limit, 30), Math.max(q.limit, 10));
    const queryWords = nameTokens(text);
    scored = candidates.map((c) => {
      const name = wordSimilarity(queryWords, c.nameKey.split(' '));
      const birth = !q.birthDate ? null : c.birthDate === q.birthDate ? 1 : c.birthDate ? 0 : 0.5;
      const score = birth === null ? name : 0.75 * name + 0.25 * birth;
      return { p: c, score: Math.round(score * 1000) / 1000 };
    });
  }
  scored.sort((a, b) => b.score - a.score || a.p.lastName.localeCompare(b.p.lastName));
  const top = scored.slice(0, q.limit);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person_search', entityId: null, details: { results: top.map((s) => s.p.id) } });
  return top.map((s) => ({ ...toPersonDto(s.p), score: s.score, age: personAge(s.p, ctx.now) }));
}

/**
 * Who may read a person: whoever may read one of their reports, or registered them. Without an
 * audit entry: the caller audits the read, or denies it (getPerson; warnings/service.ts).
 */
export async function personAccess(ctx: Ctx, id: string) {
  const [p] = await ctx.db.select().from(persons).where(eq(persons.id, id));
  if (!p) return { p: null, links: [], visible: [], allowed: false, reason: 'missing' } as const;
  const links = await ctx.db.select({ reportId: incidents.reportId, role: incidentPersons.role }).from(incidentPersons)
    .innerJoin(incidents, eq(incidents.id, incidentPersons.incidentId)).where(eq(incidentPersons.personId, id));
  const rows = links.length ? await ctx.db.select().from(reports).where(inArray(reports.id, [...new Set(links.map((l) => l.reportId))])) : [];
  const visible = rows.filter((r) => authorizeRecord(ctx.actor, 'read', reportScope(r)).allowed);
  const allowed = visible.length > 0 || p.createdBy === ctx.actor.id;
  return { p, links, visible, allowed, reason: allowed ? null : rows.length ? 'territory' : 'unlinked' };
}

/** A person is visible to whoever may read one of their reports, or registered them. */
export async function getPerson(ctx: Ctx, id: string): Promise<PersonDto & { age: number | null; mergedInto: string | null; reports: { id: string; number: string; role: string; status: string; receivedAt: string }[] }> {
  const { p, links, visible, allowed, reason } = await personAccess(ctx, id);
  if (p?.mergedInto) {
    // merged into another record (record linkage): its reports are the survivor's now, so whoever
    // may read the survivor is told where the person lives on (the web follows mergedInto)
    const survivor = await personAccess(ctx, p.mergedInto);
    if (!survivor.allowed && p.createdBy !== ctx.actor.id) return denyAsNotFound(ctx, 'person', id, 'merged');
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person', entityId: id, details: { mergedInto: p.mergedInto } });
    return { ...toPersonDto(p), age: personAge(p, ctx.now), mergedInto: p.mergedInto, reports: [] };
  }
  if (!p || !allowed) return denyAsNotFound(ctx, 'person', id, reason ?? 'missing');
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person', entityId: id });
  return {
    ...toPersonDto(p),
    mergedInto: null,
    age: personAge(p, ctx.now),
    // newest first, with status and date: the console finds open reports of a child known by first name only
    reports: visible.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .map((r) => ({ id: r.id, number: r.number, role: links.find((l) => l.reportId === r.id)?.role ?? 'victim', status: r.status, receivedAt: r.receivedAt.toISOString() })),
  };
}
