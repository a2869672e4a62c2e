// Family case files (social patronage of the whole family): opening from a report or directly,
// household members, contributing agencies, the status workflow with supervisor approvals of the
// plan and of closure, reopening, transfers with the family's consent, and the case page.
// Summary, notes, observations and facts are sensitive: never logged, never in audit details or
// notifications (ids, codes and numbers only).
import {
  FACT_SECTIONS, ROLES, roleHas, type CaseCloseReason, type CaseStatus, type FactSection, type RiskLevel,
} from '@qorgau/core';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { authorizeRecord, can, recordScopeFilter, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import {
  caseAgencies, caseApprovals, caseAssessments, caseCounters, caseEvents, caseFacts, caseMembers, caseNotes, casePlanItems, caseReports,
  caseReviews, cases, caseTransfers, caseVisits, incidentPersons, incidents, persons, reports, schools, users,
} from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { conflict, forbidden, validation, type ErrorDetail } from '../http/errors.ts';
import { notify, type NotificationInput } from '../notifications/service.ts';
import { insertPersons, personScopeSql, toPersonDto } from '../persons/repository.ts';
import { personAge } from '../persons/service.ts';
import { kzDate as kzToday } from '../stats/rollup.ts';
import { territoryIndex } from '../reference/territory.ts';
import { denyAsNotFound, isUuid, reportScope } from '../reports/service.ts';
import { caseRights, caseScopeSql, noteVisible, sectionVisible, visibleCase, ledCase, workableCase, type CaseRights, type CaseRow } from './access.ts';
import { latestAssessment } from './assessments.ts';
import type { CaseDto, CaseSummary, ListCasesQuery, MemberInput, OpenCaseInput } from './schema.ts';

const DAY = 86_400_000;

/** Roles that may decide approvals in a territory (besides the head of the lead's unit). */
const APPROVER_ROLES = ROLES.filter((r) => roleHas(r, 'cases.approve'));

// ---------------------------------------------------------------- helpers

async function nextCaseNumber(tx: Executor, regionCode: string, now: Date): Promise<string> {
  const year = Number(kzToday(now).slice(0, 4));
  const [row] = await tx.insert(caseCounters).values({ regionCode, year, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.regionCode, caseCounters.year], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return `CF-${regionCode.slice(3)}-${year}-${String(row?.last ?? 1).padStart(6, '0')}`;
}

async function event(tx: Executor, ctx: Ctx, caseId: string, kind: string, extra: { from?: string | null; to?: string | null; note?: string | null; details?: Record<string, unknown> } = {}): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId, at: ctx.now, userId: ctx.actor.id, kind, fromStatus: extra.from ?? null, toStatus: extra.to ?? null, note: extra.note ?? null, details: extra.details ?? {},
  });
}

async function audit(tx: Executor, ctx: Ctx, caseId: string, details: Record<string, unknown>, action: 'create' | 'update' = 'update'): Promise<void> {
  await writeAudit(tx, auditCtx(ctx), { action, entityType: 'case', entityId: caseId, details });
}

export const addDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Lock the case row for a change (two workers acting at once are serialised) and re-check the status. */
async function lockCase(tx: Executor, id: string): Promise<CaseRow> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
  if (!c) throw new Error('case vanished');
  return c;
}

async function setStatus(tx: Executor, ctx: Ctx, c: CaseRow, to: CaseStatus, extra: { note?: string | null; details?: Record<string, unknown>; set?: Partial<typeof cases.$inferInsert> } = {}): Promise<void> {
  await tx.update(cases).set({ status: to, updatedAt: ctx.now, ...extra.set }).where(eq(cases.id, c.id));
  await event(tx, ctx, c.id, 'status', { from: c.status, to, note: extra.note ?? null, details: extra.details ?? {} });
  await audit(tx, ctx, c.id, { change: 'status', from: c.status, to, ...extra.details });
}

/** The schools of the children a case is about (school-scoped access, the risk register). */
async function refreshDerived(tx: Executor, caseId: string): Promise<void> {
  await tx.execute(sql`
    update cases set
      school_ids = coalesce((select array_agg(distinct m.school_id) from case_members m where m.case_id = ${caseId} and m.removed_at is null and m.school_id is not null and m.relation in ('child', 'sibling')), '{}'::uuid[]),
      agency_types = coalesce((select array_agg(a.agency_type order by a.role desc, a.agency_type) from case_agencies a where a.case_id = ${caseId}), '{}'::text[])
    where id = ${caseId}`);
}

async function userNames(ex: Executor, ids: (string | null | undefined)[]): Promise<Map<string, { name: string; agencyType: string | null }>> {
  const list = [...new Set(ids.filter((i): i is string => !!i))];
  if (!list.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.fullName, agencyType: users.agencyType }).from(users).where(inArray(users.id, list)))
    .map((u) => [u.id, { name: u.name, agencyType: u.agencyType }]));
}

async function checkSchools(ex: Executor, ids: (string | null | undefined)[], regionCode: string, path: (i: number) => string): Promise<ErrorDetail[]> {
  const wanted = ids.map((s, i) => ({ s, i })).filter((x): x is { s: string; i: number } => !!x.s);
  if (!wanted.length) return [];
  const known = new Map((await ex.select({ id: schools.id, regionCode: schools.regionCode }).from(schools).where(inArray(schools.id, wanted.map((w) => w.s)))).map((s) => [s.id, s]));
  return wanted.flatMap(({ s, i }) => {
    const school = known.get(s);
    if (!school) return [{ path: path(i), message: 'no such school' }];
    return school.regionCode === regionCode ? [] : [{ path: path(i), message: `the school is not in ${regionCode}` }];
  });
}

/** Persons of the members: existing ones must be visible to the actor; new ones are registered. */
async function resolveMembers(tx: Executor, ctx: Ctx, members: MemberInput[], where: { regionCode: string; districtCode: string | null }, pathPrefix: string): Promise<string[]> {
  const existing = members.map((m) => ('id' in m.person ? m.person.id : null));
  const ids = existing.filter((x): x is string => !!x);
  if (ids.length) {
    const scope = personScopeSql(recordScopeFilter(ctx.actor));
    const visible = new Set((await tx.select({ id: persons.id }).from(persons).where(and(inArray(persons.id, ids), isNull(persons.mergedInto), scope))).map((p) => p.id));
    const issues = existing.flatMap((id, i) => (id && !visible.has(id) ? [{ path: `${pathPrefix}${i}.person.id`, message: 'no such person' }] : []));
    if (issues.length) throw validation(issues);
  }
  const fresh = members.flatMap((m) => ('id' in m.person ? [] : [m.person]));
  const created = await insertPersons(tx, fresh, { ...where, createdBy: ctx.actor.id, now: ctx.now });
  if (created.length) await writeAudit(tx, auditCtx(ctx), created.map((p) => ({ action: 'create' as const, entityType: 'person', entityId: p.id, details: { via: 'case' } })));
  let k = 0;
  return members.map((m) => ('id' in m.person ? m.person.id : (created[k++]?.id ?? '')));
}

// ---------------------------------------------------------------- opening

export async function openCase(ctx: Ctx, input: OpenCaseInput): Promise<CaseDto> {
  if (!can(ctx.actor, 'cases.manage')) throw forbidden('Your role does not open family cases.');
  let regionCode = input.regionCode ?? null;
  let districtCode = input.districtCode ?? null;
  let members = input.members;
  let report: typeof reports.$inferSelect | null = null;
  if (input.reportId) {
    const [r] = await ctx.db.select().from(reports).where(eq(reports.id, input.reportId));
    if (!r) return denyAsNotFound(ctx, 'report', input.reportId, 'missing');
    const d = authorizeRecord(ctx.actor, 'read', reportScope(r));
    if (!d.allowed) return denyAsNotFound(ctx, 'report', input.reportId, d.reason);
    report = r;
    regionCode ??= r.regionCode;
    districtCode = input.districtCode === undefined ? r.districtCode : districtCode;
    if (!members.length) {
      // the report's victims are the children of the case
      const victims = await ctx.db.selectDistinct({ personId: incidentPersons.personId, schoolId: incidents.schoolId }).from(incidentPersons)
        .innerJoin(incidents, eq(incidents.id, incidentPersons.incidentId))
        .where(and(eq(incidents.reportId, r.id), eq(incidentPersons.role, 'victim')));
      const seen = new Set<string>();
      members = victims.filter((v) => !seen.has(v.personId) && seen.add(v.personId)).map((v) => ({
        person: { id: v.personId }, relation: 'child' as const, subject: true, livesInHousehold: true, occupation: 'unknown' as const, schoolId: v.schoolId,
      }));
    }
  }
  const t = territoryOf(ctx.actor);
  if (!regionCode) {
    if (t.level === 'national') throw validation([{ path: 'regionCode', message: 'required: the region of the family' }]);
    regionCode = t.regionCode;
    if (districtCode === null && input.districtCode === undefined && (t.level === 'district' || t.level === 'school')) districtCode = t.districtCode;
  }
  const issues: ErrorDetail[] = [];
  const { regions: regionCodes, districtRegion } = await territoryIndex(ctx.db);
  if (!regionCodes.has(regionCode)) issues.push({ path: 'regionCode', message: 'no such region' });
  if (districtCode && districtRegion.get(districtCode) !== regionCode) issues.push({ path: 'districtCode', message: districtRegion.has(districtCode) ? `the district is not in ${regionCode}` : 'no such district' });
  if (!members.some((m) => m.subject)) issues.push({ path: 'members', message: 'name at least one child the case is about (subject)' });
  members.forEach((m, i) => { if (m.subject && m.relation !== 'child' && m.relation !== 'sibling') issues.push({ path: `members.${i}.relation`, message: 'a child the case is about has the relation child or sibling' }); });
  issues.push(...await checkSchools(ctx.db, members.map((m) => m.schoolId), regionCode, (i) => `members.${i}.schoolId`));
  if (issues.length) throw validation(issues);
  // the case must be in the opener's own territory (or they could open cases they cannot see)
  if (!authorizeRecord(ctx.actor, 'read', { regionCode, districtCode, schoolIds: [], agencyTypes: [ctx.actor.agencyType ?? ''], createdBy: null, sensitive: false }).allowed
    && t.level !== 'school') {
    throw forbidden('You open cases in your own territory only.');
  }

  // the lead: oneself, or a colleague of one's unit with cases.manage
  let lead = { id: ctx.actor.id, agencyType: ctx.actor.agencyType, unitId: ctx.actor.unitId };
  if (input.leadUserId && input.leadUserId !== ctx.actor.id) {
    const [u] = await ctx.db.select().from(users).where(eq(users.id, input.leadUserId));
    if (!u || !u.active || !roleHas(u.role as never, 'cases.manage') || !u.unitId || u.unitId !== ctx.actor.unitId) {
      throw validation([{ path: 'leadUserId', message: 'the lead must be an active colleague of your unit who manages cases' }]);
    }
    lead = { id: u.id, agencyType: u.agencyType as never, unitId: u.unitId };
  }
  if (!lead.agencyType) throw forbidden('Your account has no agency: ask the administrator to set it before opening cases.');

  const id = await ctx.db.transaction(async (tx) => {
    const personIds = await resolveMembers(tx, ctx, members, { regionCode, districtCode }, 'members.');
    const dupes = personIds.filter((p, i) => personIds.indexOf(p) !== i);
    if (dupes.length) throw validation([{ path: 'members', message: 'a person is listed twice' }]);
    const number = await nextCaseNumber(tx, regionCode, ctx.now);
    const today = kzToday(ctx.now);
    const [c] = await tx.insert(cases).values({
      number, kind: input.kind, status: 'open', regionCode, districtCode, leadAgencyType: lead.agencyType as string, leadUnitId: lead.unitId, leadUserId: lead.id,
      summary: input.summary, address: input.address || null, reviewIntervalDays: input.reviewIntervalDays, nextReviewOn: null,
      openedAt: ctx.now, createdBy: ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning();
    if (!c) throw new Error('case insert returned nothing');
    await tx.insert(caseMembers).values(members.map((m, i) => ({
      caseId: c.id, personId: personIds[i] as string, relation: m.relation, subject: m.subject, livesInHousehold: m.livesInHousehold,
      occupation: m.occupation, schoolId: m.schoolId ?? null, addedAt: ctx.now, addedBy: ctx.actor.id,
    })));
    const contributing = [...new Set(input.contributingAgencies)].filter((a) => a !== lead.agencyType);
    await tx.insert(caseAgencies).values([
      { caseId: c.id, agencyType: lead.agencyType as string, unitId: lead.unitId, role: 'lead', addedAt: ctx.now },
      ...contributing.map((a) => ({ caseId: c.id, agencyType: a, unitId: null, role: 'contributing', addedAt: ctx.now })),
    ]);
    if (report) await tx.insert(caseReports).values({ caseId: c.id, reportId: report.id, linkedAt: ctx.now, linkedBy: ctx.actor.id });
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'opened', { to: 'open', details: { kind: input.kind, reportId: report?.id ?? null, members: members.length, on: today } });
    await audit(tx, ctx, c.id, { kind: input.kind, reportId: report?.id ?? null, members: personIds, regionCode }, 'create');
    if (lead.id !== ctx.actor.id) await notify(tx, ctx.now, ctx.config, [{ userId: lead.id, kind: 'case_assigned', params: { caseId: c.id, caseNumber: number } }]);
    return c.id;
  });
  return getCase(ctx, id, { audit: false });
}

// ---------------------------------------------------------------- reading

export async function getCase(ctx: Ctx, id: string, opts: { audit?: boolean } = {}): Promise<CaseDto> {
  const { c, rights } = await visibleCase(ctx, id);
  return loadCase(ctx, c, rights, opts.audit !== false);
}

async function loadCase(ctx: Ctx, c: CaseRow, rights: CaseRights, auditRead: boolean): Promise<CaseDto> {
  const db = ctx.db;
  const [memberRows, agencyRows, reportRows, approvalRows, planRows, visitRows, noteRows, factRows, reviewRows, transferRows, eventRows, assessment] = await Promise.all([
    db.select({ m: caseMembers, p: persons }).from(caseMembers).innerJoin(persons, eq(persons.id, caseMembers.personId))
      .where(and(eq(caseMembers.caseId, c.id), isNull(caseMembers.removedAt))).orderBy(desc(caseMembers.subject), asc(caseMembers.addedAt), asc(caseMembers.id)),
    db.select().from(caseAgencies).where(eq(caseAgencies.caseId, c.id)).orderBy(desc(caseAgencies.role), asc(caseAgencies.agencyType)),
    db.select({ id: reports.id, number: reports.number, status: reports.status, receivedAt: reports.receivedAt }).from(caseReports)
      .innerJoin(reports, eq(reports.id, caseReports.reportId)).where(eq(caseReports.caseId, c.id)).orderBy(asc(reports.receivedAt)),
    db.select().from(caseApprovals).where(eq(caseApprovals.caseId, c.id)).orderBy(asc(caseApprovals.requestedAt)),
    db.select().from(casePlanItems).where(eq(casePlanItems.caseId, c.id)).orderBy(asc(casePlanItems.createdAt), asc(casePlanItems.id)),
    db.select().from(caseVisits).where(eq(caseVisits.caseId, c.id)).orderBy(desc(caseVisits.visitedOn), desc(caseVisits.createdAt)),
    db.select({ n: caseNotes, agency: users.agencyType }).from(caseNotes).leftJoin(users, eq(users.id, caseNotes.createdBy)).where(eq(caseNotes.caseId, c.id)).orderBy(desc(caseNotes.createdAt)),
    db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id)).orderBy(asc(caseFacts.section), desc(caseFacts.recordedOn)),
    db.select().from(caseReviews).where(eq(caseReviews.caseId, c.id)).orderBy(desc(caseReviews.heldOn)),
    db.select().from(caseTransfers).where(eq(caseTransfers.caseId, c.id)).orderBy(asc(caseTransfers.requestedAt)),
    db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.id)),
    latestAssessment(db, c.id),
  ]);
  const visibleSections = FACT_SECTIONS.filter((s) => sectionVisible(ctx.actor, c, s));
  const hiddenSections = FACT_SECTIONS.filter((s) => !visibleSections.includes(s));
  const notes = noteRows.filter((r) => noteVisible(ctx.actor, c, { sensitivity: r.n.sensitivity, createdBy: r.n.createdBy, authorAgency: r.agency }, rights));
  const facts = factRows.filter((f) => visibleSections.includes(f.section as FactSection));
  const who = await userNames(db, [
    c.leadUserId, ...approvalRows.flatMap((a) => [a.requestedBy, a.decidedBy]), ...planRows.map((p) => p.responsibleUserId), ...visitRows.map((v) => v.createdBy),
    ...notes.map((n) => n.n.createdBy), ...facts.map((f) => f.createdBy), ...reviewRows.map((r) => r.heldBy),
    ...transferRows.flatMap((t) => [t.requestedBy, t.decidedBy, t.toUserId]), ...eventRows.map((e) => e.userId),
  ]);
  const ref = (uid: string | null) => (uid ? { id: uid, name: who.get(uid)?.name ?? null } : null);
  const refOf = (uid: string) => ({ id: uid, name: who.get(uid)?.name ?? null });
  const today = kzToday(ctx.now);
  const pending = approvalRows.find((a) => a.decision === null);
  const pendingTransfer = transferRows.find((t) => t.status === 'pending');

  if (auditRead) {
    await writeAudit(db, auditCtx(ctx), {
      action: 'read', entityType: 'case', entityId: c.id,
      details: { members: memberRows.map((r) => r.p.id), sections: visibleSections, notes: notes.length, hiddenNotes: noteRows.length - notes.length },
    });
  }
  return {
    id: c.id, number: c.number, kind: c.kind as CaseDto['kind'], status: c.status as CaseStatus, regionCode: c.regionCode, districtCode: c.districtCode,
    riskLevel: (c.riskLevel as RiskLevel | null) ?? null, lead: refOf(c.leadUserId), leadAgencyType: c.leadAgencyType, leadUnitId: c.leadUnitId,
    children: memberRows.filter((r) => r.m.subject).map((r) => ({ personId: r.p.id, name: [r.p.lastName, r.p.firstName].filter(Boolean).join(' '), birthDate: r.p.birthDate })),
    openedAt: c.openedAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null, nextReviewOn: c.nextReviewOn,
    pendingApproval: (pending?.kind as 'plan' | 'closure' | undefined) ?? null,
    summary: c.summary, address: c.address, reviewIntervalDays: c.reviewIntervalDays, closeReason: (c.closeReason as CaseCloseReason | null) ?? null,
    reopenCount: c.reopenCount, createdAt: c.createdAt.toISOString(),
    members: memberRows.map(({ m, p }) => ({
      id: m.id, person: toPersonDto(p), relation: m.relation as never, subject: m.subject, livesInHousehold: m.livesInHousehold,
      occupation: m.occupation as never, schoolId: m.schoolId, age: personAge(p, ctx.now),
    })),
    agencies: agencyRows.map((a) => ({ agencyType: a.agencyType, unitId: a.unitId, role: a.role as 'lead' | 'contributing' })),
    reports: reportRows.map((r) => ({ id: r.id, number: r.number, status: r.status, receivedAt: r.receivedAt.toISOString() })),
    approvals: approvalRows.map((a) => ({
      id: a.id, kind: a.kind as 'plan' | 'closure', closeReason: (a.closeReason as CaseCloseReason | null) ?? null, note: a.note,
      requestedBy: refOf(a.requestedBy), requestedAt: a.requestedAt.toISOString(), decision: (a.decision as 'approved' | 'rejected' | null) ?? null,
      decidedBy: ref(a.decidedBy), decidedAt: a.decidedAt?.toISOString() ?? null, decisionNote: a.decisionNote,
    })),
    latestAssessment: assessment ? { ...assessment, assessedBy: refOf(assessment.assessedBy) } : null,
    plan: planRows.map((p) => ({
      id: p.id, kind: p.kind as 'goal' | 'action', goalId: p.goalId, title: p.title, responsibleAgency: p.responsibleAgency, responsible: ref(p.responsibleUserId),
      dueOn: p.dueOn, status: p.status as 'open' | 'done' | 'dropped', doneAt: p.doneAt?.toISOString() ?? null, overdue: p.status === 'open' && !!p.dueOn && p.dueOn < today,
    })),
    visits: visitRows.map((v) => ({ id: v.id, visitedOn: v.visitedOn, visitors: v.visitors, childrenSeen: v.childrenSeen, observations: v.observations, nextVisitOn: v.nextVisitOn, author: refOf(v.createdBy) })),
    notes: notes.map(({ n, agency }) => ({ id: n.id, sensitivity: n.sensitivity as never, body: n.body, author: refOf(n.createdBy), authorAgency: agency, createdAt: n.createdAt.toISOString() })),
    hiddenNotes: noteRows.length - notes.length,
    facts: facts.map((f) => ({ id: f.id, section: f.section as FactSection, personId: f.personId, topic: f.topic, body: f.body, recordedOn: f.recordedOn, author: refOf(f.createdBy) })),
    hiddenSections,
    reviews: reviewRows.map((r) => ({ id: r.id, dueOn: r.dueOn, heldOn: r.heldOn, decision: r.decision as never, summary: r.summary, heldBy: refOf(r.heldBy) })),
    transfers: transferRows.map((t) => ({
      id: t.id, fromAgencyType: t.fromAgencyType, toAgencyType: t.toAgencyType, toUnitId: t.toUnitId, toUser: ref(t.toUserId), reason: t.reason, consent: t.consent,
      status: t.status as never, requestedBy: refOf(t.requestedBy), requestedAt: t.requestedAt.toISOString(), decidedBy: ref(t.decidedBy),
      decidedAt: t.decidedAt?.toISOString() ?? null, decisionNote: t.decisionNote,
    })),
    history: eventRows.map((e) => ({
      id: e.id, at: e.at.toISOString(), user: ref(e.userId), kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, details: e.details,
    })),
    rights: {
      ...rights,
      approve: rights.approve && !!pending && pending.requestedBy !== ctx.actor.id,
      acceptTransfer: !!pendingTransfer && mayAcceptTransfer(ctx, pendingTransfer),
      sections: visibleSections,
    },
  };
}

export async function listCases(ctx: Ctx, q: ListCasesQuery): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  if (!can(ctx.actor, 'cases.read')) throw forbidden('Your role does not read family cases.');
  const where: (SQL | undefined)[] = [caseScopeSql(ctx.actor)];
  if (q.status === 'active') where.push(sql`${cases.status} <> 'closed'`);
  else if (q.status) where.push(eq(cases.status, q.status));
  if (q.kind) where.push(eq(cases.kind, q.kind));
  if (q.regionCode) where.push(eq(cases.regionCode, q.regionCode));
  if (q.districtCode) where.push(eq(cases.districtCode, q.districtCode));
  if (q.riskLevel) where.push(eq(cases.riskLevel, q.riskLevel));
  if (q.mine === 'true') where.push(eq(cases.leadUserId, ctx.actor.id));
  if (q.reviewDue === 'true') where.push(sql`${cases.status} in ('in_progress', 'review') and ${cases.nextReviewOn} <= ${kzToday(ctx.now)}`);
  if (q.personId) where.push(sql`exists (select 1 from ${caseMembers} m where m.case_id = ${cases.id} and m.person_id = ${q.personId} and m.removed_at is null)`);
  if (q.awaitingMyApproval === 'true') {
    const approverSql = can(ctx.actor, 'cases.approve') ? sql`true`
      : ctx.actor.isUnitHead && can(ctx.actor, 'cases.manage') && ctx.actor.unitId ? eq(cases.leadUnitId, ctx.actor.unitId) : sql`false`;
    where.push(sql`exists (select 1 from ${caseApprovals} a where a.case_id = ${cases.id} and a.decision is null and a.requested_by <> ${ctx.actor.id})`, approverSql);
  }
  if (q.cursor) {
    let cur;
    try { cur = decodeCursor(q.cursor); } catch { throw validation([{ path: 'cursor', message: 'is not a cursor from this list' }]); }
    where.push(or(lt(cases.openedAt, new Date(cur.at)), and(eq(cases.openedAt, new Date(cur.at)), lt(cases.id, cur.id))));
  }
  const rows = await ctx.db.select().from(cases).where(and(...where)).orderBy(desc(cases.openedAt), desc(cases.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((c) => c.id);
  const [kids, pendings] = ids.length ? await Promise.all([
    ctx.db.select({ caseId: caseMembers.caseId, p: persons }).from(caseMembers).innerJoin(persons, eq(persons.id, caseMembers.personId))
      .where(and(inArray(caseMembers.caseId, ids), eq(caseMembers.subject, true), isNull(caseMembers.removedAt))).orderBy(asc(caseMembers.addedAt)),
    ctx.db.select({ caseId: caseApprovals.caseId, kind: caseApprovals.kind }).from(caseApprovals).where(and(inArray(caseApprovals.caseId, ids), isNull(caseApprovals.decision))),
  ]) : [[], []];
  const who = await userNames(ctx.db, page.map((c) => c.leadUserId));
  const items = page.map((c): CaseSummary => ({
    id: c.id, number: c.number, kind: c.kind as CaseSummary['kind'], status: c.status as CaseStatus, regionCode: c.regionCode, districtCode: c.districtCode,
    riskLevel: (c.riskLevel as RiskLevel | null) ?? null, lead: { id: c.leadUserId, name: who.get(c.leadUserId)?.name ?? null }, leadAgencyType: c.leadAgencyType,
    children: kids.filter((k) => k.caseId === c.id).map((k) => ({ personId: k.p.id, name: [k.p.lastName, k.p.firstName].filter(Boolean).join(' '), birthDate: k.p.birthDate })),
    openedAt: c.openedAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null, nextReviewOn: c.nextReviewOn,
    pendingApproval: (pendings.find((p) => p.caseId === c.id)?.kind as 'plan' | 'closure' | undefined) ?? null,
  }));
  const last = page[page.length - 1];
  if (items.length) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'case', entityId: null, details: { list: true, count: items.length, cases: ids } });
  }
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.openedAt.toISOString(), id: last.id }) : null };
}

// ---------------------------------------------------------------- editing the case

export async function updateCase(ctx: Ctx, id: string, input: { summary?: string | undefined; address?: string | null | undefined; reviewIntervalDays?: number | undefined; nextReviewOn?: string | null | undefined }): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('The case is closed: reopen it first.');
  const set: Partial<typeof cases.$inferInsert> = { updatedAt: ctx.now };
  if (input.summary !== undefined) set.summary = input.summary;
  if (input.address !== undefined) set.address = input.address || null;
  if (input.reviewIntervalDays !== undefined) set.reviewIntervalDays = input.reviewIntervalDays;
  if (input.nextReviewOn !== undefined) {
    if (input.nextReviewOn && input.nextReviewOn < kzToday(ctx.now)) throw validation([{ path: 'nextReviewOn', message: 'must not be in the past' }]);
    set.nextReviewOn = input.nextReviewOn;
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(cases).set(set).where(eq(cases.id, c.id));
    await audit(tx, ctx, c.id, { change: 'case', fields: Object.keys(input) });
  });
  return getCase(ctx, id, { audit: false });
}

export async function addMember(ctx: Ctx, id: string, input: MemberInput): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('The case is closed: reopen it first.');
  if (input.subject && input.relation !== 'child' && input.relation !== 'sibling') throw validation([{ path: 'relation', message: 'a child the case is about has the relation child or sibling' }]);
  const issues = await checkSchools(ctx.db, [input.schoolId], c.regionCode, () => 'schoolId');
  if (issues.length) throw validation(issues);
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, c.id);
    const [personId] = await resolveMembers(tx, ctx, [input], { regionCode: c.regionCode, districtCode: c.districtCode }, '');
    const [already] = await tx.select({ id: caseMembers.id }).from(caseMembers).where(and(eq(caseMembers.caseId, c.id), eq(caseMembers.personId, personId as string), isNull(caseMembers.removedAt)));
    if (already) throw conflict('This person is already a member of the household.');
    const [m] = await tx.insert(caseMembers).values({
      caseId: c.id, personId: personId as string, relation: input.relation, subject: input.subject, livesInHousehold: input.livesInHousehold,
      occupation: input.occupation, schoolId: input.schoolId ?? null, addedAt: ctx.now, addedBy: ctx.actor.id,
    }).returning();
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'member_added', { details: { memberId: m?.id, personId, relation: input.relation, subject: input.subject } });
    await audit(tx, ctx, c.id, { change: 'member_added', personId, relation: input.relation });
  });
  return getCase(ctx, id, { audit: false });
}

export async function updateMember(ctx: Ctx, id: string, memberId: string, input: { relation?: MemberInput['relation'] | undefined; subject?: boolean | undefined; livesInHousehold?: boolean | undefined; occupation?: MemberInput['occupation'] | undefined; schoolId?: string | null | undefined }): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('The case is closed: reopen it first.');
  if (!isUuid(memberId)) throw validation([{ path: 'memberId', message: 'no such member' }]);
  const issues = await checkSchools(ctx.db, [input.schoolId], c.regionCode, () => 'schoolId');
  if (issues.length) throw validation(issues);
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, c.id);
    const [m] = await tx.select().from(caseMembers).where(and(eq(caseMembers.id, memberId), eq(caseMembers.caseId, c.id), isNull(caseMembers.removedAt)));
    if (!m) throw validation([{ path: 'memberId', message: 'no such member of this case' }]);
    const relation = input.relation ?? m.relation;
    const subject = input.subject ?? m.subject;
    if (subject && relation !== 'child' && relation !== 'sibling') throw validation([{ path: 'relation', message: 'a child the case is about has the relation child or sibling' }]);
    await tx.update(caseMembers).set({
      relation, subject, livesInHousehold: input.livesInHousehold ?? m.livesInHousehold, occupation: input.occupation ?? m.occupation,
      schoolId: input.schoolId === undefined ? m.schoolId : input.schoolId,
    }).where(eq(caseMembers.id, m.id));
    await assertHasSubject(tx, c.id);
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'member_updated', { details: { memberId, personId: m.personId, fields: Object.keys(input) } });
    await audit(tx, ctx, c.id, { change: 'member_updated', personId: m.personId, fields: Object.keys(input) });
  });
  return getCase(ctx, id, { audit: false });
}

async function assertHasSubject(tx: Executor, caseId: string): Promise<void> {
  const [s] = await tx.select({ id: caseMembers.id }).from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.subject, true), isNull(caseMembers.removedAt))).limit(1);
  if (!s) throw validation([{ path: 'subject', message: 'a case keeps at least one child it is about' }]);
}

export async function removeMember(ctx: Ctx, id: string, memberId: string): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('The case is closed: reopen it first.');
  if (!isUuid(memberId)) throw validation([{ path: 'memberId', message: 'no such member' }]);
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, c.id);
    const [m] = await tx.update(caseMembers).set({ removedAt: ctx.now }).where(and(eq(caseMembers.id, memberId), eq(caseMembers.caseId, c.id), isNull(caseMembers.removedAt))).returning();
    if (!m) throw validation([{ path: 'memberId', message: 'no such member of this case' }]);
    await assertHasSubject(tx, c.id);
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'member_removed', { details: { memberId, personId: m.personId } });
    await audit(tx, ctx, c.id, { change: 'member_removed', personId: m.personId });
  });
  return getCase(ctx, id, { audit: false });
}

export async function addAgency(ctx: Ctx, id: string, input: { agencyType: string; unitId?: string | null | undefined }): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('The case is closed: reopen it first.');
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, c.id);
    const inserted = await tx.insert(caseAgencies).values({ caseId: c.id, agencyType: input.agencyType, unitId: input.unitId ?? null, role: 'contributing', addedAt: ctx.now })
      .onConflictDoNothing().returning();
    if (!inserted.length) throw conflict('This agency already works on the case.');
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'agency_added', { details: { agencyType: input.agencyType } });
    await audit(tx, ctx, c.id, { change: 'agency_added', agencyType: input.agencyType });
  });
  return getCase(ctx, id, { audit: false });
}

export async function removeAgency(ctx: Ctx, id: string, agencyType: string): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (agencyType === c.leadAgencyType) throw conflict('The lead agency stays on the case: transfer the case to change it.');
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, c.id);
    const gone = await tx.delete(caseAgencies).where(and(eq(caseAgencies.caseId, c.id), eq(caseAgencies.agencyType, agencyType))).returning();
    if (!gone.length) throw validation([{ path: 'agencyType', message: 'this agency is not on the case' }]);
    await refreshDerived(tx, c.id);
    await event(tx, ctx, c.id, 'agency_removed', { details: { agencyType } });
    await audit(tx, ctx, c.id, { change: 'agency_removed', agencyType });
  });
  return getCase(ctx, id, { audit: false });
}

export async function linkReport(ctx: Ctx, id: string, reportId: string): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  const [r] = await ctx.db.select().from(reports).where(eq(reports.id, reportId));
  if (!r) return denyAsNotFound(ctx, 'report', reportId, 'missing');
  const d = authorizeRecord(ctx.actor, 'read', reportScope(r));
  if (!d.allowed) return denyAsNotFound(ctx, 'report', reportId, d.reason);
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(caseReports).values({ caseId: c.id, reportId, linkedAt: ctx.now, linkedBy: ctx.actor.id }).onConflictDoNothing().returning();
    if (!inserted.length) throw conflict('The report is already linked to this case.');
    await event(tx, ctx, c.id, 'report_linked', { details: { reportId, reportNumber: r.number } });
    await audit(tx, ctx, c.id, { change: 'report_linked', reportId });
  });
  return getCase(ctx, id, { audit: false });
}

// ---------------------------------------------------------------- the workflow

/** The direct moves of the lead: start assessing, go to planning (after an assessment), start a review. */
const DIRECT_MOVES: Record<'assessment' | 'plan' | 'review', readonly CaseStatus[]> = {
  assessment: ['open', 'plan'],
  plan: ['assessment', 'in_progress'],
  review: ['in_progress'],
};

export async function moveStatus(ctx: Ctx, id: string, to: 'assessment' | 'plan' | 'review', note?: string): Promise<CaseDto> {
  await ledCase(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    if (!DIRECT_MOVES[to].includes(c.status as CaseStatus)) {
      throw conflict(`A case in status "${c.status}" cannot move to "${to}" (allowed from: ${DIRECT_MOVES[to].join(', ')}).`);
    }
    const [pending] = await tx.select({ kind: caseApprovals.kind }).from(caseApprovals).where(and(eq(caseApprovals.caseId, id), isNull(caseApprovals.decision)));
    if (pending) throw conflict(`A ${pending.kind} approval is pending: wait for the decision first.`);
    if (to === 'plan') {
      const [a] = await tx.select({ id: caseAssessments.id }).from(caseAssessments).where(eq(caseAssessments.caseId, id)).limit(1);
      if (!a) throw conflict('Assess the family first: a plan follows an assessment.');
    }
    await setStatus(tx, ctx, c, to, { note: note ?? null });
  });
  return getCase(ctx, id, { audit: false });
}

/** Approvers of a case: coordinators with cases.approve of its territory and the head of the lead's unit. */
async function approversOf(tx: Executor, c: CaseRow): Promise<string[]> {
  const rows = await tx.select({ id: users.id, role: users.role, regionCode: users.regionCode, districtCode: users.districtCode, schoolId: users.schoolId, unitId: users.unitId, isUnitHead: users.isUnitHead })
    .from(users).where(and(eq(users.active, true), or(
      and(inArray(users.role, APPROVER_ROLES), or(isNull(users.regionCode), eq(users.regionCode, c.regionCode))),
      c.leadUnitId ? and(eq(users.unitId, c.leadUnitId), eq(users.isUnitHead, true)) : sql`false`,
    )));
  return rows.filter((u) => roleHas(u.role as never, 'cases.approve') || roleHas(u.role as never, 'cases.manage')).map((u) => u.id);
}

export async function requestApproval(ctx: Ctx, id: string, input: { kind: 'plan'; note?: string | undefined } | { kind: 'closure'; closeReason: CaseCloseReason; note: string }): Promise<CaseDto> {
  await ledCase(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    const [pending] = await tx.select({ kind: caseApprovals.kind }).from(caseApprovals).where(and(eq(caseApprovals.caseId, id), isNull(caseApprovals.decision)));
    if (pending) throw conflict(`A ${pending.kind} approval is already pending.`);
    if (input.kind === 'plan') {
      if (c.status !== 'plan') throw conflict('Only a case in planning asks for approval of its plan.');
      const goals = await tx.select({ kind: casePlanItems.kind }).from(casePlanItems).where(and(eq(casePlanItems.caseId, id), eq(casePlanItems.status, 'open')));
      if (!goals.some((g) => g.kind === 'goal') || !goals.some((g) => g.kind === 'action')) throw conflict('A plan needs at least one goal with an action before it is approved.');
    } else if (c.status === 'closed') {
      throw conflict('The case is already closed.');
    }
    const [a] = await tx.insert(caseApprovals).values({
      caseId: id, kind: input.kind, closeReason: input.kind === 'closure' ? input.closeReason : null, note: input.note ?? null,
      requestedBy: ctx.actor.id, requestedAt: ctx.now,
    }).returning();
    await event(tx, ctx, id, 'approval_requested', { note: input.note ?? null, details: { approvalId: a?.id, kind: input.kind, ...(input.kind === 'closure' ? { closeReason: input.closeReason } : {}) } });
    await audit(tx, ctx, id, { change: 'approval_requested', kind: input.kind });
    const approvers = (await approversOf(tx, c)).filter((u) => u !== ctx.actor.id);
    await notify(tx, ctx.now, ctx.config, approvers.map((userId): NotificationInput => ({ userId, kind: 'case_approval_requested', params: { caseId: id, caseNumber: c.number } })));
  });
  return getCase(ctx, id, { audit: false });
}

export async function decideApproval(ctx: Ctx, id: string, approvalId: string, input: { decision: 'approved' | 'rejected'; note?: string | undefined }): Promise<CaseDto> {
  const { rights } = await visibleCase(ctx, id);
  if (!rights.approve) throw forbidden('Only the regional coordinator or the head of the lead\'s unit approves a case\'s plan or closure.');
  if (!isUuid(approvalId)) throw validation([{ path: 'approvalId', message: 'no such approval' }]);
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    const [a] = await tx.select().from(caseApprovals).where(and(eq(caseApprovals.id, approvalId), eq(caseApprovals.caseId, id)));
    if (!a) throw validation([{ path: 'approvalId', message: 'no such approval on this case' }]);
    if (a.decision) throw conflict(`This request was already ${a.decision}.`);
    if (a.requestedBy === ctx.actor.id) throw forbidden('You cannot approve your own request: another supervisor decides.');
    await tx.update(caseApprovals).set({ decision: input.decision, decidedBy: ctx.actor.id, decidedAt: ctx.now, decisionNote: input.note ?? null }).where(eq(caseApprovals.id, a.id));
    await event(tx, ctx, id, input.decision === 'approved' ? 'approved' : 'rejected', { note: input.note ?? null, details: { approvalId: a.id, kind: a.kind } });
    await audit(tx, ctx, id, { change: 'approval_decided', kind: a.kind, decision: input.decision });
    if (input.decision === 'approved') {
      if (a.kind === 'plan') {
        if (c.status !== 'plan') throw conflict('The case left planning since the request: ask again.');
        const today = kzToday(ctx.now);
        await setStatus(tx, ctx, c, 'in_progress', { details: { approvalId: a.id }, set: { nextReviewOn: c.nextReviewOn && c.nextReviewOn > today ? c.nextReviewOn : addDays(today, c.reviewIntervalDays) } });
      } else {
        await setStatus(tx, ctx, c, 'closed', { note: a.note, details: { approvalId: a.id, closeReason: a.closeReason }, set: { closedAt: ctx.now, closeReason: a.closeReason, nextReviewOn: null } });
        // open plan items and pending transfers end with the case
        await tx.update(casePlanItems).set({ status: 'dropped', updatedAt: ctx.now }).where(and(eq(casePlanItems.caseId, id), eq(casePlanItems.status, 'open')));
        await tx.update(caseTransfers).set({ status: 'cancelled', decidedAt: ctx.now, decidedBy: ctx.actor.id, decisionNote: 'case closed' }).where(and(eq(caseTransfers.caseId, id), eq(caseTransfers.status, 'pending')));
      }
    }
    await notify(tx, ctx.now, ctx.config, [...new Set([a.requestedBy, c.leadUserId])].filter((u) => u !== ctx.actor.id)
      .map((userId): NotificationInput => ({ userId, kind: 'case_approval_decided', params: { caseId: id, caseNumber: c.number } })));
  });
  return getCase(ctx, id, { audit: false });
}

export async function reopenCase(ctx: Ctx, id: string, note: string): Promise<CaseDto> {
  const { c: seen } = await visibleCase(ctx, id);
  const rights = caseRights(ctx.actor, seen);
  if (!rights.lead && !(can(ctx.actor, 'cases.manage') && rights.work)) throw forbidden('Only the case lead, their unit or the regional coordinator reopens a case.');
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    if (c.status !== 'closed') throw conflict('Only a closed case is reopened.');
    await setStatus(tx, ctx, c, 'assessment', { note, details: { reopened: true, closeReason: c.closeReason }, set: { closedAt: null, closeReason: null, reopenCount: c.reopenCount + 1 } });
    await event(tx, ctx, id, 'reopened', { note, details: { previousCloseReason: c.closeReason, closedAt: c.closedAt?.toISOString() ?? null } });
  });
  return getCase(ctx, id, { audit: false });
}

// ---------------------------------------------------------------- transfers

function mayAcceptTransfer(ctx: Ctx, t: typeof caseTransfers.$inferSelect): boolean {
  if (t.status !== 'pending' || !can(ctx.actor, 'cases.manage')) return false;
  if (t.toUserId) return t.toUserId === ctx.actor.id || (!!t.toUnitId && ctx.actor.unitId === t.toUnitId && ctx.actor.isUnitHead);
  if (t.toUnitId) return ctx.actor.unitId === t.toUnitId;
  return ctx.actor.agencyType === t.toAgencyType;
}

export async function requestTransfer(ctx: Ctx, id: string, input: {
  toAgencyType: string; toUnitId?: string | null | undefined; toUserId?: string | null | undefined; reason: string;
  consent: { given: true; givenByPersonId: string; method: 'written' | 'verbal'; on: string };
}): Promise<CaseDto> {
  const { c } = await ledCase(ctx, id);
  if (c.status === 'closed') throw conflict('A closed case is not transferred.');
  if (input.consent.on > kzToday(ctx.now)) throw validation([{ path: 'consent.on', message: 'must not be in the future' }]);
  let toUnitId = input.toUnitId ?? null;
  if (input.toUserId) {
    const [u] = await ctx.db.select().from(users).where(eq(users.id, input.toUserId));
    if (!u || !u.active || !roleHas(u.role as never, 'cases.manage') || u.agencyType !== input.toAgencyType) {
      throw validation([{ path: 'toUserId', message: 'must be an active worker of the receiving agency who manages cases' }]);
    }
    toUnitId ??= u.unitId;
  }
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, id);
    const [giver] = await tx.select({ relation: caseMembers.relation }).from(caseMembers)
      .where(and(eq(caseMembers.caseId, id), eq(caseMembers.personId, input.consent.givenByPersonId), isNull(caseMembers.removedAt)));
    if (!giver) throw validation([{ path: 'consent.givenByPersonId', message: 'must be a member of the household' }]);
    const [pending] = await tx.select({ id: caseTransfers.id }).from(caseTransfers).where(and(eq(caseTransfers.caseId, id), eq(caseTransfers.status, 'pending')));
    if (pending) throw conflict('A transfer of this case is already pending.');
    const [t] = await tx.insert(caseTransfers).values({
      caseId: id, fromAgencyType: c.leadAgencyType, fromUserId: c.leadUserId, toAgencyType: input.toAgencyType, toUnitId, toUserId: input.toUserId ?? null,
      reason: input.reason, consent: { ...input.consent, relation: giver.relation }, status: 'pending', requestedBy: ctx.actor.id, requestedAt: ctx.now,
    }).returning();
    // the receiving agency reads the case to decide
    const added = await tx.insert(caseAgencies).values({ caseId: id, agencyType: input.toAgencyType, unitId: toUnitId, role: 'contributing', addedAt: ctx.now }).onConflictDoNothing().returning();
    await refreshDerived(tx, id);
    await event(tx, ctx, id, 'transfer_requested', { details: { transferId: t?.id, toAgencyType: input.toAgencyType, consent: input.consent.method, addedAgency: added.length > 0 } });
    await audit(tx, ctx, id, { change: 'transfer_requested', toAgencyType: input.toAgencyType, consentBy: input.consent.givenByPersonId });
    const receivers = input.toUserId ? [input.toUserId]
      : (await tx.select({ id: users.id, role: users.role }).from(users).where(and(eq(users.active, true),
        toUnitId ? eq(users.unitId, toUnitId) : and(eq(users.agencyType, input.toAgencyType), eq(users.regionCode, c.regionCode)))))
        .filter((u) => roleHas(u.role as never, 'cases.manage')).map((u) => u.id);
    await notify(tx, ctx.now, ctx.config, receivers.filter((u) => u !== ctx.actor.id).map((userId): NotificationInput => ({ userId, kind: 'case_transfer_requested', params: { caseId: id, caseNumber: c.number } })));
  });
  return getCase(ctx, id, { audit: false });
}

export async function decideTransfer(ctx: Ctx, id: string, transferId: string, input: { decision: 'accepted' | 'declined'; note?: string | undefined; leadUserId?: string | undefined }): Promise<CaseDto | null> {
  await visibleCase(ctx, id);
  if (!isUuid(transferId)) throw validation([{ path: 'transferId', message: 'no such transfer' }]);
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    const [t] = await tx.select().from(caseTransfers).where(and(eq(caseTransfers.id, transferId), eq(caseTransfers.caseId, id)));
    if (!t) throw validation([{ path: 'transferId', message: 'no such transfer on this case' }]);
    if (t.status !== 'pending') throw conflict(`This transfer was already ${t.status}.`);
    if (!mayAcceptTransfer(ctx, t)) throw forbidden('Only the receiving agency (or the named worker) decides on a transfer.');
    await tx.update(caseTransfers).set({ status: input.decision, decidedBy: ctx.actor.id, decidedAt: ctx.now, decisionNote: input.note ?? null }).where(eq(caseTransfers.id, t.id));
    if (input.decision === 'accepted') {
      let lead = { id: ctx.actor.id, unitId: ctx.actor.unitId, agencyType: ctx.actor.agencyType as string };
      if (input.leadUserId && input.leadUserId !== ctx.actor.id) {
        const [u] = await tx.select().from(users).where(eq(users.id, input.leadUserId));
        if (!u || !u.active || !roleHas(u.role as never, 'cases.manage') || u.agencyType !== t.toAgencyType) throw validation([{ path: 'leadUserId', message: 'must be an active worker of the receiving agency who manages cases' }]);
        lead = { id: u.id, unitId: u.unitId, agencyType: u.agencyType };
      }
      // the old lead agency keeps contributing; the new one leads
      await tx.update(caseAgencies).set({ role: 'contributing' }).where(and(eq(caseAgencies.caseId, id), eq(caseAgencies.role, 'lead')));
      await tx.insert(caseAgencies).values({ caseId: id, agencyType: t.toAgencyType, unitId: lead.unitId, role: 'lead', addedAt: ctx.now })
        .onConflictDoUpdate({ target: [caseAgencies.caseId, caseAgencies.agencyType], set: { role: 'lead', unitId: lead.unitId } });
      await tx.update(cases).set({ leadUserId: lead.id, leadUnitId: lead.unitId, leadAgencyType: t.toAgencyType, updatedAt: ctx.now }).where(eq(cases.id, id));
      await refreshDerived(tx, id);
      await event(tx, ctx, id, 'transferred', { note: input.note ?? null, details: { transferId: t.id, fromAgencyType: t.fromAgencyType, toAgencyType: t.toAgencyType, fromUserId: c.leadUserId, toUserId: lead.id } });
      if (lead.id !== ctx.actor.id) await notify(tx, ctx.now, ctx.config, [{ userId: lead.id, kind: 'case_assigned', params: { caseId: id, caseNumber: c.number } }]);
    } else {
      await event(tx, ctx, id, 'transfer_declined', { note: input.note ?? null, details: { transferId: t.id, toAgencyType: t.toAgencyType } });
      await dropAgencyAddedBy(tx, id, t.id, t.toAgencyType);
    }
    await audit(tx, ctx, id, { change: 'transfer_decided', transferId: t.id, decision: input.decision });
    await notify(tx, ctx.now, ctx.config, [...new Set([t.requestedBy, t.fromUserId])].filter((u) => u !== ctx.actor.id)
      .map((userId): NotificationInput => ({ userId, kind: 'case_approval_decided', params: { caseId: id, caseNumber: c.number } })));
  });
  // a worker who declined no longer sees the case (their agency was on it only to decide)
  const [after] = await ctx.db.select().from(cases).where(eq(cases.id, id));
  return after && caseRights(ctx.actor, after).read ? getCase(ctx, id, { audit: false }) : null;
}

/** The receiving agency was put on the case to decide; if the request added it, it leaves with the request. */
async function dropAgencyAddedBy(tx: Executor, caseId: string, transferId: string, agencyType: string): Promise<void> {
  const [requested] = await tx.select({ details: caseEvents.details }).from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'transfer_requested'), sql`${caseEvents.details}->>'transferId' = ${transferId}`));
  if (requested?.details.addedAgency === true) {
    await tx.delete(caseAgencies).where(and(eq(caseAgencies.caseId, caseId), eq(caseAgencies.agencyType, agencyType), eq(caseAgencies.role, 'contributing')));
    await refreshDerived(tx, caseId);
  }
}

export async function cancelTransfer(ctx: Ctx, id: string, transferId: string): Promise<CaseDto> {
  await ledCase(ctx, id);
  if (!isUuid(transferId)) throw validation([{ path: 'transferId', message: 'no such transfer' }]);
  await ctx.db.transaction(async (tx) => {
    await lockCase(tx, id);
    const [t] = await tx.update(caseTransfers).set({ status: 'cancelled', decidedBy: ctx.actor.id, decidedAt: ctx.now })
      .where(and(eq(caseTransfers.id, transferId), eq(caseTransfers.caseId, id), eq(caseTransfers.status, 'pending'))).returning();
    if (!t) throw conflict('No pending transfer with this id on the case.');
    await dropAgencyAddedBy(tx, id, t.id, t.toAgencyType);
    await event(tx, ctx, id, 'transfer_cancelled', { details: { transferId } });
    await audit(tx, ctx, id, { change: 'transfer_cancelled', transferId });
  });
  return getCase(ctx, id, { audit: false });
}

export { workableCase };
