// Duplicate prevention at intake: likely existing persons for what is being typed, with the
// reasons they match, and their open reports of the last 30 days (to add to instead).
import { parseIin, personNameKey, wordSimilarity } from '@qorgau/core';
import { and, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeRecord, can, recordScopeFilter } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { incidentPersons, incidents, reports } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { reportScope } from '../reports/service.ts';
import { birthDateCandidates, byIin, nameCandidates, personScopeSql, toPersonDto, type PersonRow } from './repository.ts';
import { isoDate, type PersonDto } from './schema.ts';

export const matchBody = z.object({
  iin: z.string().trim().regex(/^\d{12}$/, 'must be 12 digits').nullable().optional(),
  lastName: z.string().trim().max(100).optional(),
  firstName: z.string().trim().max(100).optional(),
  middleName: z.string().trim().max(100).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
}).refine((b) => b.iin || (b.firstName && b.lastName), 'give an IIN, or a first and a last name');
export type MatchInput = z.infer<typeof matchBody>;

export type MatchReason = 'iin' | 'name' | 'similar_name' | 'birth_date' | 'birth_date_differs';
export type Match = {
  person: PersonDto;
  score: number;
  reasons: MatchReason[];
  openReports: { id: string; number: string; receivedAt: string; status: string }[];
};

const OPEN_WINDOW_DAYS = 30;

export async function matchPersons(ctx: Ctx, input: MatchInput): Promise<Match[]> {
  if (!can(ctx.actor, 'reports.create')) throw forbidden('Your role does not register reports.');
  const scope = personScopeSql(recordScopeFilter(ctx.actor));
  const found = new Map<string, { p: PersonRow; score: number; reasons: MatchReason[] }>();

  if (input.iin && parseIin(input.iin).ok) {
    for (const p of await byIin(ctx.db, input.iin, scope)) found.set(p.id, { p, score: 1, reasons: ['iin'] });
  }
  if (input.firstName && input.lastName) {
    const key = personNameKey({ lastName: input.lastName, firstName: input.firstName, middleName: input.middleName ?? null });
    const typedWords = key.split(' ');
    const candidates = input.birthDate
      ? await birthDateCandidates(ctx.db, key, input.birthDate, scope, (nameKey) => wordSimilarity(typedWords, nameKey.split(' ')) >= 0.75)
      : await nameCandidates(ctx.db, key, scope, 50, 5);
    for (const c of candidates) {
      if (found.has(c.id)) continue;
      const name = wordSimilarity(typedWords, c.nameKey.split(' '));
      const reasons: MatchReason[] = [name >= 0.97 ? 'name' : 'similar_name'];
      let score = name;
      if (input.birthDate && c.birthDate) {
        if (input.birthDate === c.birthDate) { reasons.push('birth_date'); score = 0.6 * name + 0.4; }
        else { reasons.push('birth_date_differs'); score = name * 0.6; }
      }
      // a likely duplicate: the same name keys and birth date, or a (near-)identical name
      if (score >= 0.85 || (reasons.includes('birth_date') && name >= 0.75)) found.set(c.id, { p: c, score: Math.round(score * 1000) / 1000, reasons });
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score).slice(0, 10);
  const ids = ranked.map((r) => r.p.id);
  const since = new Date(ctx.now.getTime() - OPEN_WINDOW_DAYS * 86_400_000);
  const open = ids.length ? await ctx.db.select({ personId: incidentPersons.personId, report: reports }).from(incidentPersons)
    .innerJoin(incidents, eq(incidents.id, incidentPersons.incidentId))
    .innerJoin(reports, eq(reports.id, incidents.reportId))
    .where(and(inArray(incidentPersons.personId, ids), eq(incidentPersons.role, 'victim'), ne(reports.status, 'closed'), gt(reports.receivedAt, since)))
    .orderBy(desc(reports.receivedAt)) : [];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person_match', entityId: null, details: { results: ids } });
  return ranked.map((r) => ({
    person: toPersonDto(r.p),
    score: r.score,
    reasons: r.reasons,
    openReports: [...new Map(open
      .filter((o) => o.personId === r.p.id && authorizeRecord(ctx.actor, 'read', reportScope(o.report)).allowed)
      .map((o) => [o.report.id, { id: o.report.id, number: o.report.number, receivedAt: o.report.receivedAt.toISOString(), status: o.report.status }])).values()],
  }));
}
