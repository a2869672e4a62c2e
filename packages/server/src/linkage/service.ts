// Record linkage for reviewers: the queue of candidate pairs, a pair side by side, merge (every
// reference of the merged record re-pointed to the survivor, in one transaction, recorded so that
// it can be undone), "not the same person", and undo. Reviewers (linkage.review) see the pairs of
// which at least one person belongs to their territory.
import { checkIinAgainst, parseIin, type LinkStatus } from '@qorgau/core';
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { rows, type Executor } from '../db/client.ts';
import {
  caseFacts, caseMembers, concerns, contacts, incidentPersons, linkCandidates, linkageRuns, personMerges, persons, referrals, riskFlags, users,
} from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { denyAsNotFound, isUuid } from '../reports/service.ts';
import { latestThresholds } from './run.ts';
import type { CandidateDto, CandidateSummary, ListCandidatesQuery, ListMergesQuery, MergeDto, MergeInput, RunDto } from './schema.ts';

type PersonRow = typeof persons.$inferSelect;
type CandidateRow = typeof linkCandidates.$inferSelect;

function requireReviewer(ctx: Ctx): void {
  if (!can(ctx.actor, 'linkage.review')) throw forbidden('Your role does not review record linkage.');
}

/** The reviewer's territory as a filter on a person: null for national reviewers. */
function territory(ctx: Ctx): { regionCode?: string; districtCode?: string } | null {
  const t = territoryOf(ctx.actor);
  switch (t.level) {
    case 'national': return null;
    case 'region': return { regionCode: t.regionCode };
    case 'district':
    case 'school': return { districtCode: t.districtCode };
  }
}

function personInTerritory(ctx: Ctx, p: Pick<PersonRow, 'regionCode' | 'districtCode'>): boolean {
  const t = territory(ctx);
  if (!t) return true;
  return t.regionCode ? p.regionCode === t.regionCode : p.districtCode === t.districtCode;
}

/** A pair is the reviewer's when either person is of their territory. */
const pairVisible = (ctx: Ctx, a: PersonRow, b: PersonRow) => personInTerritory(ctx, a) || personInTerritory(ctx, b);

const pa = alias(persons, 'pa');
const pb = alias(persons, 'pb');

function pairScopeSql(ctx: Ctx): SQL | undefined {
  const t = territory(ctx);
  if (!t) return undefined;
  return t.regionCode ? or(eq(pa.regionCode, t.regionCode), eq(pb.regionCode, t.regionCode)) : or(eq(pa.districtCode, t.districtCode!), eq(pb.districtCode, t.districtCode!));
}

const pairPerson = (p: PersonRow) => ({
  id: p.id, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName, birthDate: p.birthDate, birthYearApprox: p.birthYearApprox,
  sex: (p.sex as 'female' | 'male' | null) ?? null, regionCode: p.regionCode, districtCode: p.districtCode,
});

// keyset cursor over (score desc, id desc)
const encodeCursor = (score: number, id: string) => Buffer.from(JSON.stringify([score, id])).toString('base64url');
function decodeCursor(s: string): { score: number; id: string } {
  try {
    const [score, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [number, string];
    if (typeof score !== 'number' || !isUuid(id)) throw new Error('shape');
    return { score, id };
  } catch {
    throw validation([{ path: 'cursor', message: 'must be a cursor returned by a previous page' }]);
  }
}

// ---------------------------------------------------------------- the queue

export async function listCandidates(ctx: Ctx, q: ListCandidatesQuery): Promise<{ items: CandidateSummary[]; nextCursor: string | null; thresholds: { upper: number; lower: number } }> {
  requireReviewer(ctx);
  const t = territory(ctx);
  if (q.regionCode && t && t.regionCode !== q.regionCode) throw forbidden('That region is outside your territory.');
  const thresholds = await latestThresholds(ctx);
  const where: (SQL | undefined)[] = [eq(linkCandidates.status, q.status), pairScopeSql(ctx)];
  // a pending pair whose person was merged meanwhile is no longer a question (it returns on undo)
  if (q.status === 'pending') where.push(isNull(pa.mergedInto), isNull(pb.mergedInto));
  if (q.regionCode) where.push(or(eq(pa.regionCode, q.regionCode), eq(pb.regionCode, q.regionCode)));
  if (q.band === 'likely') where.push(sql`${linkCandidates.score} >= ${thresholds.upper}`);
  if (q.band === 'possible') where.push(sql`${linkCandidates.score} < ${thresholds.upper}`);
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    where.push(sql`(${linkCandidates.score}, ${linkCandidates.id}) < (${cur.score}, ${cur.id}::uuid)`);
  }
  const found = await ctx.db.select({ c: linkCandidates, a: pa, b: pb }).from(linkCandidates)
    .innerJoin(pa, eq(pa.id, linkCandidates.personA)).innerJoin(pb, eq(pb.id, linkCandidates.personB))
    .where(and(...where)).orderBy(desc(linkCandidates.score), desc(linkCandidates.id)).limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'link_candidate_list', entityId: null, details: { results: page.map((r) => r.c.id) } });
  return {
    items: page.map(({ c, a, b }) => ({
      id: c.id, score: c.score, band: c.score >= thresholds.upper ? 'likely' : 'possible', status: c.status as LinkStatus,
      createdAt: c.createdAt.toISOString(), decidedAt: c.decidedAt?.toISOString() ?? null, personA: pairPerson(a), personB: pairPerson(b),
    })),
    nextCursor: found.length > q.limit && last ? encodeCursor(last.c.score, last.c.id) : null,
    thresholds,
  };
}

/** The candidate and both persons, or an audited 404 when missing or outside the reviewer's territory. */
async function visibleCandidate(ctx: Ctx, id: string): Promise<{ c: CandidateRow; a: PersonRow; b: PersonRow }> {
  requireReviewer(ctx);
  if (!isUuid(id)) throw notFound('candidate pair');
  const [found] = await ctx.db.select({ c: linkCandidates, a: pa, b: pb }).from(linkCandidates)
    .innerJoin(pa, eq(pa.id, linkCandidates.personA)).innerJoin(pb, eq(pb.id, linkCandidates.personB)).where(eq(linkCandidates.id, id));
  if (!found) return denyAsNotFound(ctx, 'link_candidate', id, 'missing');
  if (!pairVisible(ctx, found.a, found.b)) return denyAsNotFound(ctx, 'link_candidate', id, 'territory');
  return found;
}

/** Two different valid IINs: two persons (a merge is refused). */
function iinConflict(a: Pick<PersonRow, 'iin'>, b: Pick<PersonRow, 'iin'>): boolean {
  return !!a.iin && !!b.iin && a.iin !== b.iin && parseIin(a.iin).ok && parseIin(b.iin).ok;
}

async function countsOf(ex: Executor, id: string) {
  const [c] = await rows<{ reports: number; cases: number; concerns: number; contacts: number; referrals: number }>(ex, sql`
    select
      (select count(distinct i.report_id) from incident_persons ip join incidents i on i.id = ip.incident_id where ip.person_id = ${id})::int as reports,
      (select count(distinct case_id) from case_members where person_id = ${id})::int as cases,
      (select count(*) from concerns where person_id = ${id})::int as concerns,
      (select count(*) from contacts where child_person_id = ${id})::int as contacts,
      (select count(*) from referrals where person_id = ${id})::int as referrals`);
  return c ?? { reports: 0, cases: 0, concerns: 0, contacts: 0, referrals: 0 };
}

export async function getCandidate(ctx: Ctx, id: string): Promise<CandidateDto> {
  const { c, a, b } = await visibleCandidate(ctx, id);
  const thresholds = await latestThresholds(ctx);
  const creatorIds = [a.createdBy, b.createdBy].filter((x): x is string => !!x);
  const creators = creatorIds.length ? await ctx.db.select({ id: users.id, agencyType: users.agencyType }).from(users).where(inArray(users.id, creatorIds)) : [];
  const agencyOf = new Map(creators.map((u) => [u.id, u.agencyType]));
  const [merge] = await ctx.db.select({ id: personMerges.id }).from(personMerges)
    .where(and(eq(personMerges.candidateId, c.id), isNull(personMerges.undoneAt))).orderBy(desc(personMerges.mergedAt)).limit(1);
  const person = async (p: PersonRow) => ({
    ...pairPerson(p), iin: p.iin, address: p.address, externalId: p.externalId, createdAt: p.createdAt.toISOString(),
    registeredByAgency: (p.createdBy && agencyOf.get(p.createdBy)) ?? null, mergedInto: p.mergedInto, counts: await countsOf(ctx.db, p.id),
  });
  const dto: CandidateDto = {
    id: c.id, score: c.score, band: c.score >= thresholds.upper ? 'likely' : 'possible', status: c.status as LinkStatus,
    createdAt: c.createdAt.toISOString(), decidedAt: c.decidedAt?.toISOString() ?? null, decidedBy: c.decidedBy, runId: c.runId,
    fields: c.fields as CandidateDto['fields'], thresholds, mergeId: merge?.id ?? null,
    personA: await person(a), personB: await person(b), iinConflict: iinConflict(a, b),
  };
  // reading the pair is reading both persons' records
  await writeAudit(ctx.db, auditCtx(ctx), [
    { action: 'read', entityType: 'link_candidate', entityId: c.id },
    { action: 'read', entityType: 'person', entityId: a.id, details: { via: 'link_candidate', candidateId: c.id } },
    { action: 'read', entityType: 'person', entityId: b.id, details: { via: 'link_candidate', candidateId: c.id } },
  ]);
  return dto;
}

// ---------------------------------------------------------------- decisions

export async function markDistinct(ctx: Ctx, id: string, input: { reason?: string | undefined }): Promise<CandidateDto> {
  await visibleCandidate(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: linkCandidates.status }).from(linkCandidates).where(eq(linkCandidates.id, id)).for('update');
    if (!locked || locked.status !== 'pending') throw new AppError('conflict', `The pair was already decided (${locked?.status ?? 'gone'}). Reload the queue.`);
    await tx.update(linkCandidates).set({ status: 'distinct', decidedBy: ctx.actor.id, decidedAt: ctx.now }).where(eq(linkCandidates.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'link_candidate', entityId: id, details: { status: 'distinct', withReason: !!input.reason } });
  });
  return getCandidate(ctx, id);
}

/** What a merge re-pointed, enough to put every row back (person_merges.moved). */
export type Moved = {
  /** incident_persons rows re-pointed from the merged person to the survivor */
  incidentPersons: { incidentId: string; role: string }[];
  /** rows of the merged person deleted because the survivor already had the same incident and role */
  incidentPersonsRemoved: { incidentId: string; role: string; relation: string | null }[];
  concerns: string[];
  contacts: string[];
  /** case_members rows re-pointed; `closedAt` when the survivor was already an active member of that case */
  caseMembers: { id: string; closedAt: string | null }[];
  caseFacts: string[];
  referrals: string[];
  /** the merged person's early-warning flags, deleted (recomputed for the survivor by the warnings job) */
  riskFlags: (typeof riskFlags.$inferSelect)[];
  /** persons merged earlier into the merged person, now pointing at the survivor */
  mergedInto: string[];
  /** the survivor's empty fields filled from the merged record: field → value */
  survivorFilled: { iin?: string; birthDate?: string; birthYearApprox?: number; middleName?: string; sex?: string; address?: string; districtCode?: string };
};

const movedCounts = (m: Moved) => ({
  incidentPersons: m.incidentPersons.length + m.incidentPersonsRemoved.length, concerns: m.concerns.length, contacts: m.contacts.length,
  caseMembers: m.caseMembers.length, caseFacts: m.caseFacts.length, referrals: m.referrals.length, riskFlags: m.riskFlags.length,
  mergedRecords: m.mergedInto.length, filledFields: Object.keys(m.survivorFilled),
});

/** The survivor's empty fields that the merged record knows, kept consistent with the survivor's IIN. */
function fillsFor(survivor: PersonRow, merged: PersonRow): Moved['survivorFilled'] {
  const out: Moved['survivorFilled'] = {};
  const sexOk = (sex: string | null) => sex === 'male' || sex === 'female' ? sex : null;
  if (!survivor.iin && merged.iin && parseIin(merged.iin).ok
    && !checkIinAgainst(merged.iin, { birthDate: survivor.birthDate, sex: sexOk(survivor.sex) })) out.iin = merged.iin;
  const iin = survivor.iin ?? (merged.iin && out.iin ? merged.iin : null);
  if (!survivor.birthDate && merged.birthDate && (!iin || !checkIinAgainst(iin, { birthDate: merged.birthDate }))) out.birthDate = merged.birthDate;
  if (!survivor.birthDate && !out.birthDate && survivor.birthYearApprox == null && merged.birthYearApprox != null) out.birthYearApprox = merged.birthYearApprox;
  if (!survivor.sex && merged.sex && (!iin || !checkIinAgainst(iin, { sex: sexOk(merged.sex) }))) out.sex = merged.sex;
  if (!survivor.middleName && merged.middleName) out.middleName = merged.middleName;
  if (!survivor.address && merged.address) out.address = merged.address;
  if (!survivor.districtCode && merged.districtCode && survivor.regionCode === merged.regionCode) out.districtCode = merged.districtCode;
  return out;
}

/** Re-points every reference of `mergedId` to `survivorId` (inside the merge's transaction). */
async function moveReferences(tx: Executor, mergedId: string, survivorId: string, now: Date): Promise<Omit<Moved, 'survivorFilled'>> {
  // incident_persons: primary key (incident, person, role) — where the survivor is already on the incident in that role,
  // the merged person's row is removed instead of re-pointed
  const removed = await rows<{ incident_id: string; role: string; relation: string | null }>(tx, sql`
    delete from incident_persons m using incident_persons s
    where m.person_id = ${mergedId} and s.person_id = ${survivorId} and s.incident_id = m.incident_id and s.role = m.role
    returning m.incident_id, m.role, m.relation`);
  const moved = await tx.update(incidentPersons).set({ personId: survivorId }).where(eq(incidentPersons.personId, mergedId))
    .returning({ incidentId: incidentPersons.incidentId, role: incidentPersons.role });
  const concernIds = await tx.update(concerns).set({ personId: survivorId }).where(eq(concerns.personId, mergedId)).returning({ id: concerns.id });
  const contactIds = await tx.update(contacts).set({ childPersonId: survivorId }).where(eq(contacts.childPersonId, mergedId)).returning({ id: contacts.id });
  // case_members: one active row per (case, person) — a merged member of a case the survivor is already in is closed
  const closed = await rows<{ id: string }>(tx, sql`
    update case_members m set person_id = ${survivorId}, removed_at = ${now.toISOString()}::timestamptz
    from case_members s
    where m.person_id = ${mergedId} and m.removed_at is null and s.person_id = ${survivorId} and s.removed_at is null and s.case_id = m.case_id
    returning m.id`);
  const members = await tx.update(caseMembers).set({ personId: survivorId }).where(eq(caseMembers.personId, mergedId)).returning({ id: caseMembers.id });
  const factIds = await tx.update(caseFacts).set({ personId: survivorId }).where(eq(caseFacts.personId, mergedId)).returning({ id: caseFacts.id });
  const referralIds = await tx.update(referrals).set({ personId: survivorId }).where(eq(referrals.personId, mergedId)).returning({ id: referrals.id });
  const flags = await tx.delete(riskFlags).where(eq(riskFlags.personId, mergedId)).returning();
  const earlier = await tx.update(persons).set({ mergedInto: survivorId }).where(eq(persons.mergedInto, mergedId)).returning({ id: persons.id });
  return {
    incidentPersons: moved,
    incidentPersonsRemoved: removed.map((r) => ({ incidentId: r.incident_id, role: r.role, relation: r.relation })),
    concerns: concernIds.map((r) => r.id),
    contacts: contactIds.map((r) => r.id),
    caseMembers: [...closed.map((r) => ({ id: r.id, closedAt: now.toISOString() })), ...members.map((r) => ({ id: r.id, closedAt: null }))],
    caseFacts: factIds.map((r) => r.id),
    referrals: referralIds.map((r) => r.id),
    riskFlags: flags,
    mergedInto: earlier.map((r) => r.id),
  };
}

export async function mergeCandidate(ctx: Ctx, id: string, input: MergeInput): Promise<MergeDto> {
  const { c } = await visibleCandidate(ctx, id);
  if (input.survivorId !== c.personA && input.survivorId !== c.personB) {
    throw validation([{ path: 'survivorId', message: 'must be the id of one of the two persons of the pair' }]);
  }
  const survivorId = input.survivorId;
  const mergedId = survivorId === c.personA ? c.personB : c.personA;
  const mergeId = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: linkCandidates.status }).from(linkCandidates).where(eq(linkCandidates.id, id)).for('update');
    if (!locked || locked.status !== 'pending') throw new AppError('conflict', `The pair was already decided (${locked?.status ?? 'gone'}). Reload the queue.`);
    // both records locked in one order, so that two merges touching the same person wait for each other
    const pair = await tx.select().from(persons).where(inArray(persons.id, [survivorId, mergedId])).orderBy(persons.id).for('update');
    const survivor = pair.find((p) => p.id === survivorId);
    const merged = pair.find((p) => p.id === mergedId);
    if (!survivor || !merged) throw notFound('person');
    if (survivor.mergedInto || merged.mergedInto) {
      throw new AppError('conflict', 'One of the two records was merged into another record meanwhile. Run linkage again, then review the new pair.');
    }
    if (iinConflict(survivor, merged)) {
      throw new AppError('conflict', 'The two records have different valid IINs, so they are two persons and cannot be merged. If one IIN was entered wrongly, correct that record first.');
    }
    const survivorFilled = fillsFor(survivor, merged);
    const moved: Moved = { ...(await moveReferences(tx, mergedId, survivorId, ctx.now)), survivorFilled };
    if (Object.keys(survivorFilled).length) {
      await tx.update(persons).set({ ...survivorFilled, updatedAt: ctx.now }).where(eq(persons.id, survivorId));
    }
    await tx.update(persons).set({ mergedInto: survivorId, updatedAt: ctx.now }).where(eq(persons.id, mergedId));
    await tx.update(linkCandidates).set({ status: 'merged', decidedBy: ctx.actor.id, decidedAt: ctx.now }).where(eq(linkCandidates.id, id));
    const [row] = await tx.insert(personMerges).values({
      survivorId, mergedId, candidateId: id, moved: moved, reason: input.reason || null, mergedBy: ctx.actor.id, mergedAt: ctx.now,
    }).returning({ id: personMerges.id });
    if (!row) throw new Error('merge insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), [
      { action: 'merge', entityType: 'person', entityId: mergedId, details: { survivorId, mergeId: row.id, candidateId: id, moved: movedCounts(moved) } },
      { action: 'update', entityType: 'person', entityId: survivorId, details: { mergeId: row.id, filled: Object.keys(survivorFilled) } },
      { action: 'update', entityType: 'link_candidate', entityId: id, details: { status: 'merged', mergeId: row.id } },
    ]);
    return row.id;
  });
  return getMerge(ctx, mergeId);
}

// ---------------------------------------------------------------- undo

/**
 * Puts back exactly what a merge moved. Refused (409) when that is no longer safe: the merged
 * record is no longer merged into the survivor, the survivor was itself merged into another
 * record since, or a moved row no longer points at the survivor (a later merge or an edit moved it
 * on) — then undo the later merge first.
 */
export async function undoMerge(ctx: Ctx, id: string, input: { reason?: string | undefined }): Promise<MergeDto> {
  requireReviewer(ctx);
  if (!isUuid(id)) throw notFound('merge');
  const [m] = await ctx.db.select().from(personMerges).where(eq(personMerges.id, id));
  if (!m) return denyAsNotFound(ctx, 'person_merge', id, 'missing');
  const pair = await ctx.db.select().from(persons).where(inArray(persons.id, [m.survivorId, m.mergedId]));
  if (!pair.some((p) => personInTerritory(ctx, p))) return denyAsNotFound(ctx, 'person_merge', id, 'territory');
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(personMerges).where(eq(personMerges.id, id)).for('update');
    if (!locked || locked.undoneAt) throw new AppError('conflict', 'This merge was already undone.');
    const people = await tx.select().from(persons).where(inArray(persons.id, [m.survivorId, m.mergedId])).orderBy(persons.id).for('update');
    const survivor = people.find((p) => p.id === m.survivorId);
    const merged = people.find((p) => p.id === m.mergedId);
    if (!survivor || !merged) throw notFound('person');
    if (merged.mergedInto !== survivor.id) throw new AppError('conflict', 'The merged record is no longer merged into the survivor, so this merge cannot be undone.');
    if (survivor.mergedInto) throw new AppError('conflict', 'The surviving record was itself merged into another record since. Undo that later merge first.');
    const moved = locked.moved as unknown as Moved;
    const problems = await unsafeToUndo(tx, moved, survivor.id);
    if (problems.length) {
      throw new AppError('conflict', `Undo is not safe: ${problems.join('; ')} since the merge (a later merge or an edit). Undo the later change first.`);
    }
    await putBack(tx, moved, merged.id, survivor);
    await tx.update(persons).set({ mergedInto: null, updatedAt: ctx.now }).where(eq(persons.id, merged.id));
    await tx.update(personMerges).set({ undoneBy: ctx.actor.id, undoneAt: ctx.now }).where(eq(personMerges.id, id));
    // the question is open again: the reviewer decides anew
    if (locked.candidateId) await tx.update(linkCandidates).set({ status: 'pending', decidedBy: null, decidedAt: null }).where(eq(linkCandidates.id, locked.candidateId));
    await writeAudit(tx, auditCtx(ctx), [
      { action: 'unmerge', entityType: 'person', entityId: merged.id, details: { survivorId: survivor.id, mergeId: id, withReason: !!input.reason } },
      { action: 'update', entityType: 'person', entityId: survivor.id, details: { mergeId: id, undone: true } },
    ]);
  });
  return getMerge(ctx, id);
}

/** What no longer points at the survivor, in words (counts only). */
async function unsafeToUndo(tx: Executor, moved: Moved, survivorId: string): Promise<string[]> {
  const problems: string[] = [];
  const missing = async (label: string, ids: string[], check: (ids: string[]) => Promise<{ id: string }[]>) => {
    if (!ids.length) return;
    const still = new Set((await check(ids)).map((r) => r.id));
    const gone = ids.filter((x) => !still.has(x)).length;
    if (gone) problems.push(`${gone} ${label} no longer belong to the survivor`);
  };
  if (moved.incidentPersons.length) {
    const keys = moved.incidentPersons.map((r) => sql`(${r.incidentId}::uuid, ${r.role})`);
    const [row] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from incident_persons where person_id = ${survivorId} and (incident_id, role) in (${sql.join(keys, sql`, `)})`);
    const gone = moved.incidentPersons.length - (row?.n ?? 0);
    if (gone) problems.push(`${gone} report links no longer belong to the survivor`);
  }
  if (moved.incidentPersonsRemoved.length) {
    const [row] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from incidents where id in (${sql.join(moved.incidentPersonsRemoved.map((r) => sql`${r.incidentId}::uuid`), sql`, `)})`);
    const gone = new Set(moved.incidentPersonsRemoved.map((r) => r.incidentId)).size - (row?.n ?? 0);
    if (gone) problems.push(`${gone} incidents were deleted`);
  }
  await missing('concerns', moved.concerns, (ids) => tx.select({ id: concerns.id }).from(concerns).where(and(inArray(concerns.id, ids), eq(concerns.personId, survivorId))));
  await missing('helpline contacts', moved.contacts, (ids) => tx.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.id, ids), eq(contacts.childPersonId, survivorId))));
  await missing('case memberships', moved.caseMembers.map((r) => r.id), (ids) => tx.select({ id: caseMembers.id }).from(caseMembers).where(and(inArray(caseMembers.id, ids), eq(caseMembers.personId, survivorId))));
  await missing('case facts', moved.caseFacts, (ids) => tx.select({ id: caseFacts.id }).from(caseFacts).where(and(inArray(caseFacts.id, ids), eq(caseFacts.personId, survivorId))));
  await missing('referrals', moved.referrals, (ids) => tx.select({ id: referrals.id }).from(referrals).where(and(inArray(referrals.id, ids), eq(referrals.personId, survivorId))));
  await missing('earlier merged records', moved.mergedInto, (ids) => tx.select({ id: persons.id }).from(persons).where(and(inArray(persons.id, ids), eq(persons.mergedInto, survivorId))));
  // a case membership closed by the merge must not have been reopened for the survivor meanwhile (one active row per case and person)
  const closedIds = moved.caseMembers.filter((r) => r.closedAt).map((r) => r.id);
  if (closedIds.length) {
    const changed = await tx.select({ id: caseMembers.id }).from(caseMembers).where(and(inArray(caseMembers.id, closedIds), isNull(caseMembers.removedAt)));
    if (changed.length) problems.push(`${changed.length} case memberships closed by the merge were reopened`);
  }
  return problems;
}

async function putBack(tx: Executor, moved: Moved, mergedId: string, survivor: PersonRow): Promise<void> {
  for (const r of moved.incidentPersons) {
    await tx.update(incidentPersons).set({ personId: mergedId })
      .where(and(eq(incidentPersons.incidentId, r.incidentId), eq(incidentPersons.personId, survivor.id), eq(incidentPersons.role, r.role)));
  }
  if (moved.incidentPersonsRemoved.length) {
    await tx.insert(incidentPersons).values(moved.incidentPersonsRemoved.map((r) => ({ incidentId: r.incidentId, personId: mergedId, role: r.role, relation: r.relation })))
      .onConflictDoNothing();
  }
  if (moved.concerns.length) await tx.update(concerns).set({ personId: mergedId }).where(inArray(concerns.id, moved.concerns));
  if (moved.contacts.length) await tx.update(contacts).set({ childPersonId: mergedId }).where(inArray(contacts.id, moved.contacts));
  const reopened = moved.caseMembers.filter((r) => r.closedAt).map((r) => r.id);
  const plain = moved.caseMembers.filter((r) => !r.closedAt).map((r) => r.id);
  if (reopened.length) await tx.update(caseMembers).set({ personId: mergedId, removedAt: null }).where(inArray(caseMembers.id, reopened));
  if (plain.length) await tx.update(caseMembers).set({ personId: mergedId }).where(inArray(caseMembers.id, plain));
  if (moved.caseFacts.length) await tx.update(caseFacts).set({ personId: mergedId }).where(inArray(caseFacts.id, moved.caseFacts));
  if (moved.referrals.length) await tx.update(referrals).set({ personId: mergedId }).where(inArray(referrals.id, moved.referrals));
  if (moved.riskFlags.length) {
    await tx.insert(riskFlags).values(moved.riskFlags.map((f) => ({ ...f, since: new Date(f.since), computedAt: new Date(f.computedAt) }))).onConflictDoNothing();
  }
  if (moved.mergedInto.length) await tx.update(persons).set({ mergedInto: mergedId }).where(and(inArray(persons.id, moved.mergedInto), eq(persons.mergedInto, survivor.id)));
  // the survivor's filled fields go back to empty where nobody changed them since
  const reset: Record<string, null> = {};
  for (const [field, value] of Object.entries(moved.survivorFilled)) {
    if ((survivor as Record<string, unknown>)[field] === value) reset[field] = null;
  }
  if (Object.keys(reset).length) await tx.update(persons).set(reset).where(eq(persons.id, survivor.id));
}

// ---------------------------------------------------------------- history and runs

async function mergeRows(ctx: Ctx, where: SQL | undefined, limit: number) {
  const survivorP = alias(persons, 'sp');
  const mergedP = alias(persons, 'mp');
  const territoryFilter = (() => {
    const t = territory(ctx);
    if (!t) return undefined;
    return t.regionCode ? or(eq(survivorP.regionCode, t.regionCode), eq(mergedP.regionCode, t.regionCode)) : or(eq(survivorP.districtCode, t.districtCode!), eq(mergedP.districtCode, t.districtCode!));
  })();
  return ctx.db.select({ m: personMerges, s: survivorP, d: mergedP, by: users.fullName }).from(personMerges)
    .innerJoin(survivorP, eq(survivorP.id, personMerges.survivorId)).innerJoin(mergedP, eq(mergedP.id, personMerges.mergedId))
    .leftJoin(users, eq(users.id, personMerges.mergedBy))
    .where(and(where, territoryFilter)).orderBy(desc(personMerges.mergedAt), desc(personMerges.id)).limit(limit);
}

function toMergeDto({ m, s, d, by }: Awaited<ReturnType<typeof mergeRows>>[number]): MergeDto {
  return {
    id: m.id, candidateId: m.candidateId, survivor: pairPerson(s), merged: pairPerson(d), moved: movedCounts(m.moved as unknown as Moved),
    reason: m.reason, mergedBy: m.mergedBy, mergedByName: by, mergedAt: m.mergedAt.toISOString(), undoneBy: m.undoneBy, undoneAt: m.undoneAt?.toISOString() ?? null,
  };
}

async function getMerge(ctx: Ctx, id: string): Promise<MergeDto> {
  const [row] = await mergeRows(ctx, eq(personMerges.id, id), 1);
  if (!row) throw notFound('merge');
  return toMergeDto(row);
}

export async function listMerges(ctx: Ctx, q: ListMergesQuery): Promise<{ items: MergeDto[]; nextCursor: string | null }> {
  requireReviewer(ctx);
  let where: SQL | undefined;
  if (q.cursor) {
    let at: string;
    let cid: string;
    try {
      [at, cid] = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as [string, string];
      if (Number.isNaN(Date.parse(at)) || !isUuid(cid)) throw new Error('shape');
    } catch {
      throw validation([{ path: 'cursor', message: 'must be a cursor returned by a previous page' }]);
    }
    where = sql`(${personMerges.mergedAt}, ${personMerges.id}) < (${at}::timestamptz, ${cid}::uuid)`;
  }
  const found = await mergeRows(ctx, where, q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person_merge_list', entityId: null, details: { results: page.map((r) => r.m.id) } });
  return {
    items: page.map(toMergeDto),
    nextCursor: found.length > q.limit && last ? Buffer.from(JSON.stringify([last.m.mergedAt.toISOString(), last.m.id])).toString('base64url') : null,
  };
}

export function toRunDto(r: typeof linkageRuns.$inferSelect): RunDto {
  const p = r.params as { failed?: boolean; likely?: number; added?: number; removed?: number; scoreThresholds?: { upper: number; lower: number }; ms?: RunDto['ms'] };
  return {
    id: r.id, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, persons: r.persons, pairsCompared: r.pairsCompared,
    candidates: r.candidates, failed: p.failed === true, likely: p.likely ?? null, added: p.added ?? null, removed: p.removed ?? null,
    thresholds: p.scoreThresholds ?? null, ms: p.ms ?? null,
  };
}

export async function listRuns(ctx: Ctx): Promise<RunDto[]> {
  requireReviewer(ctx);
  const found = await ctx.db.select().from(linkageRuns).orderBy(desc(linkageRuns.startedAt)).limit(20);
  return found.map(toRunDto);
}
