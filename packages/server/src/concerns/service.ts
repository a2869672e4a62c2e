// Safeguarding concerns in school (what CPOMS and MyConcern do): any teacher logs what worried
// them in a minute — below the threshold of a report; the school's safeguarding lead (social
// pedagogue, psychologist) is alerted, acts, and escalates to a Qorgau report in one step when the
// threshold is met. Descriptions, the child's words and notes are never logged nor put into
// notifications: audit entries and notifications carry ids and codes only.
import {
  bodyRegionLabels, kzDayEnd, kzDayStart, kzLocal, personNameKey, ROLES, roleHas,
  type ConcernCategory, type ConcernStatus, type Locale, type ViolenceType,
} from '@qorgau/core';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { authorizeRecord, can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { concernActions, concerns, incidentPersons, incidents, persons, reports, schools, users } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, validation } from '../http/errors.ts';
import { notify } from '../notifications/service.ts';
import { insertPersons, nameCandidates, type PersonRow } from '../persons/repository.ts';
import type { CreateReportInput } from '../reports/schema.ts';
import { createReport, denyAsNotFound, isUuid, reportScope } from '../reports/service.ts';
import type {
  ChronologyEntry, ConcernDto, ConcernSummary, CreateConcernInput, EscalateInput, ListConcernsQuery,
} from './schema.ts';

type ConcernRow = typeof concerns.$inferSelect;
type SchoolRow = typeof schools.$inferSelect;

/** Roles that review concerns: they are alerted of a new one in their school. */
const REVIEWER_ROLES = ROLES.filter((r) => roleHas(r, 'concerns.review'));

/** A concern's category → the violence type it suggests for the report; null: the lead chooses. */
export const CATEGORY_TYPES: Record<ConcernCategory, ViolenceType | null> = {
  injury: 'physical',
  disclosure: null,
  behaviour_change: null,
  neglect_signs: 'neglect',
  absence: null,
  bullying: 'bullying',
  online_risk: 'cyberbullying',
  self_harm: 'self_harm',
  family_situation: 'psychological',
  substance_use: 'substance_use',
  other: null,
};

export function suggestedTypes(categories: readonly string[]): ViolenceType[] {
  return [...new Set(categories.map((c) => CATEGORY_TYPES[c as ConcernCategory] ?? null).filter((t): t is ViolenceType => !!t))];
}

// ---------------------------------------------------------------- who sees what

/** SQL: the concerns a reviewer oversees — their school, or the schools of their district or region. */
function reviewScopeSql(ctx: Ctx): SQL | undefined {
  if (!can(ctx.actor, 'concerns.review')) return sql`false`;
  if (ctx.actor.schoolId) return eq(concerns.schoolId, ctx.actor.schoolId);
  const t = territoryOf(ctx.actor);
  if (t.level === 'national') return undefined;
  const bySchool = t.level === 'region' ? eq(schools.regionCode, t.regionCode) : eq(schools.districtCode, t.districtCode);
  return sql`exists (select 1 from ${schools} where ${schools.id} = ${concerns.schoolId} and ${bySchool})`;
}

function reviews(ctx: Ctx, school: Pick<SchoolRow, 'id' | 'regionCode' | 'districtCode'>): boolean {
  if (!can(ctx.actor, 'concerns.review')) return false;
  if (ctx.actor.schoolId) return ctx.actor.schoolId === school.id;
  const t = territoryOf(ctx.actor);
  switch (t.level) {
    case 'national': return true;
    case 'region': return t.regionCode === school.regionCode;
    case 'district': return t.districtCode === school.districtCode;
    case 'school': return t.schoolId === school.id;
  }
}

async function schoolOf(ctx: Ctx, id: string): Promise<SchoolRow> {
  const [s] = await ctx.db.select().from(schools).where(eq(schools.id, id));
  if (!s) throw new Error('concern without a school');
  return s;
}

/** The concern if the actor may see it (author or reviewer of its school); else a denied, audited 404. */
async function visibleConcern(ctx: Ctx, id: string): Promise<{ c: ConcernRow; school: SchoolRow; reviewer: boolean }> {
  if (!isUuid(id)) return denyAsNotFound(ctx, 'concern', id, 'missing');
  const [c] = await ctx.db.select().from(concerns).where(eq(concerns.id, id));
  if (!c) return denyAsNotFound(ctx, 'concern', id, 'missing');
  const school = await schoolOf(ctx, c.schoolId);
  const reviewer = reviews(ctx, school);
  if (!reviewer && c.createdBy !== ctx.actor.id) return denyAsNotFound(ctx, 'concern', id, can(ctx.actor, 'concerns.review') ? 'territory' : 'not_author');
  return { c, school, reviewer };
}

async function reviewable(ctx: Ctx, id: string): Promise<{ c: ConcernRow; school: SchoolRow }> {
  const v = await visibleConcern(ctx, id);
  if (!v.reviewer) throw forbidden('Only the school\'s safeguarding lead (social pedagogue or psychologist) acts on a concern.');
  return v;
}

// ---------------------------------------------------------------- logging a concern

/**
 * The child in the register, from what the teacher typed — the teacher never sees search results:
 * an exact IIN, else the same name keys and birth date, else a new person.
 */
async function resolveChild(tx: Executor, ctx: Ctx, child: CreateConcernInput['child'], school: SchoolRow): Promise<{ person: PersonRow; how: 'iin' | 'name_birth_date' | 'new' }> {
  if (child.iin) {
    const [byIin] = await tx.select().from(persons).where(and(eq(persons.iin, child.iin), isNull(persons.mergedInto))).orderBy(asc(persons.createdAt)).limit(1);
    if (byIin) return { person: byIin, how: 'iin' };
  }
  if (child.birthDate) {
    const key = personNameKey({ lastName: child.lastName, firstName: child.firstName, middleName: child.middleName ?? null });
    const noMiddle = personNameKey({ lastName: child.lastName, firstName: child.firstName, middleName: null });
    // whole-word candidates only (no fuzzy spelling): a wrong match would attach a concern to another child
    const same = (await nameCandidates(tx, noMiddle, undefined, 50, 0))
      .filter((p) => p.birthDate === child.birthDate && (p.nameKey === key || p.nameKey === noMiddle || !child.middleName))
      .filter((p) => !child.iin || !p.iin || p.iin === child.iin)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    if (same[0]) return { person: same[0], how: 'name_birth_date' };
  }
  const [created] = await insertPersons(tx, [child], { regionCode: school.regionCode, districtCode: school.districtCode, createdBy: ctx.actor.id, now: ctx.now });
  if (!created) throw new Error('person insert returned nothing');
  return { person: created, how: 'new' };
}

export async function createConcern(ctx: Ctx, input: CreateConcernInput): Promise<ConcernDto> {
  if (!can(ctx.actor, 'concerns.create')) throw forbidden('Your role does not log safeguarding concerns.');
  if (!ctx.actor.schoolId) throw forbidden('Your account is not linked to a school. Ask the administrator to set your school, then log the concern.');
  if (new Date(input.observedAt).getTime() > ctx.now.getTime() + 5 * 60_000) throw validation([{ path: 'observedAt', message: 'must not be in the future' }]);
  const school = await schoolOf(ctx, ctx.actor.schoolId);
  const id = await ctx.db.transaction(async (tx) => {
    const { person, how } = await resolveChild(tx, ctx, input.child, school);
    const [c] = await tx.insert(concerns).values({
      schoolId: school.id, personId: person.id, grade: input.grade || null, categories: input.categories, observedAt: new Date(input.observedAt),
      description: input.description, childWords: input.childWords || null,
      bodyMap: input.bodyMap.map((m) => ({ view: m.view, region: m.region, x: m.x, y: m.y, ...(m.note ? { note: m.note } : {}) })),
      status: 'new', createdBy: ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning();
    if (!c) throw new Error('concern insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), [
      ...(how === 'new' ? [{ action: 'create' as const, entityType: 'person', entityId: person.id, details: { concernId: c.id } }] : []),
      { action: 'create', entityType: 'concern', entityId: c.id, details: { schoolId: school.id, personId: person.id, child: how, categories: input.categories, marks: input.bodyMap.length } },
    ]);
    const leads = await tx.select({ id: users.id }).from(users)
      .where(and(eq(users.schoolId, school.id), eq(users.active, true), inArray(users.role, REVIEWER_ROLES)));
    await notify(tx, ctx.now, ctx.config, leads.filter((u) => u.id !== ctx.actor.id).map((u) => ({
      userId: u.id, kind: 'concern_new' as const, params: { concernId: c.id, categories: input.categories },
    })));
    return c.id;
  });
  return getConcern(ctx, id, { audit: false });
}

// ---------------------------------------------------------------- reading

async function names(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((i): i is string => !!i))];
  if (!list.length) return new Map();
  return new Map((await ctx.db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, list))).map((u) => [u.id, u.name]));
}

async function reportNumber(ctx: Ctx, reportId: string | null): Promise<string | null> {
  if (!reportId) return null;
  const [r] = await ctx.db.select({ number: reports.number }).from(reports).where(eq(reports.id, reportId));
  return r?.number ?? null;
}

export async function getConcern(ctx: Ctx, id: string, opts: { audit?: boolean } = {}): Promise<ConcernDto> {
  const { c, school, reviewer } = await visibleConcern(ctx, id);
  const [p] = await ctx.db.select().from(persons).where(eq(persons.id, c.personId));
  const actionRows = reviewer ? await ctx.db.select().from(concernActions).where(eq(concernActions.concernId, c.id)).orderBy(asc(concernActions.at), asc(concernActions.id)) : [];
  const who = await names(ctx, [c.createdBy, c.reviewerId, ...actionRows.map((a) => a.userId)]);
  if (opts.audit !== false) await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'concern', entityId: c.id, details: { personId: c.personId } });
  return {
    id: c.id, status: c.status as ConcernStatus, categories: c.categories, grade: c.grade, schoolId: c.schoolId,
    schoolName: { kk: school.nameKk, ru: school.nameRu, en: school.nameEn },
    child: {
      id: c.personId, lastName: p?.lastName ?? '', firstName: p?.firstName ?? '', middleName: p?.middleName ?? null, birthDate: p?.birthDate ?? null,
      // the register's IIN is for the reviewers; the teacher sees what they typed
      iin: reviewer ? p?.iin ?? null : null, sex: p?.sex ?? null,
    },
    observedAt: c.observedAt.toISOString(), createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
    authorName: who.get(c.createdBy) ?? null, createdBy: c.createdBy,
    description: c.description, childWords: c.childWords, bodyMap: c.bodyMap as ConcernDto['bodyMap'], hasBodyMap: c.bodyMap.length > 0,
    reviewerId: c.reviewerId, reviewerName: c.reviewerId ? who.get(c.reviewerId) ?? null : null,
    reportId: c.reportId, reportNumber: await reportNumber(ctx, c.reportId),
    closedAt: c.closedAt?.toISOString() ?? null, closeReason: reviewer ? c.closeReason : null,
    actions: actionRows.map((a) => ({ id: a.id, kind: a.kind, note: a.note, at: a.at.toISOString(), userId: a.userId, userName: who.get(a.userId) ?? null })),
    rights: { review: reviewer, escalate: reviewer && can(ctx.actor, 'reports.create') },
  };
}

/** A teacher's own concerns; a reviewer's school (or territory), newest first. */
export async function listConcerns(ctx: Ctx, q: ListConcernsQuery): Promise<{ items: ConcernSummary[]; nextCursor: string | null }> {
  if (!can(ctx.actor, 'concerns.create') && !can(ctx.actor, 'concerns.review')) throw forbidden('Your role does not work with safeguarding concerns.');
  if (q.from && q.to && q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  const own = eq(concerns.createdBy, ctx.actor.id);
  const where: (SQL | undefined)[] = [can(ctx.actor, 'concerns.review') ? or(own, reviewScopeSql(ctx)) : own];
  if (q.status === 'open') where.push(inArray(concerns.status, ['new', 'under_review', 'monitoring']));
  else if (q.status) where.push(eq(concerns.status, q.status));
  if (q.category) where.push(sql`${q.category} = any(${concerns.categories})`);
  if (q.from) where.push(sql`${concerns.createdAt} >= ${kzDayStart(q.from).toISOString()}`);
  if (q.to) where.push(sql`${concerns.createdAt} < ${kzDayEnd(q.to).toISOString()}`);
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    where.push(sql`(${concerns.createdAt}, ${concerns.id}) < (${cur.at}::timestamptz, ${cur.id}::uuid)`);
  }
  const found = await ctx.db.select({
    c: concerns, lastName: persons.lastName, firstName: persons.firstName, author: users.fullName, number: reports.number,
  }).from(concerns)
    .innerJoin(persons, eq(persons.id, concerns.personId))
    .leftJoin(users, eq(users.id, concerns.createdBy))
    .leftJoin(reports, eq(reports.id, concerns.reportId))
    .where(and(...where)).orderBy(desc(concerns.createdAt), desc(concerns.id)).limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'concern_list', entityId: null, details: { results: page.map((r) => r.c.id) } });
  return {
    items: page.map(({ c, lastName, firstName, author, number }) => ({
      id: c.id, status: c.status as ConcernStatus, categories: c.categories, grade: c.grade, child: { id: c.personId, lastName, firstName },
      schoolId: c.schoolId, observedAt: c.observedAt.toISOString(), createdAt: c.createdAt.toISOString(), authorName: author,
      reportId: c.reportId, reportNumber: number, hasBodyMap: c.bodyMap.length > 0,
    })),
    nextCursor: found.length > q.limit && last ? encodeCursor({ at: last.c.createdAt.toISOString(), id: last.c.id }) : null,
  };
}

// ---------------------------------------------------------------- the lead's work

const FINAL: readonly string[] = ['escalated', 'closed'];

export async function addAction(ctx: Ctx, id: string, input: { kind: string; note?: string | undefined; monitoring?: boolean | undefined }): Promise<ConcernDto> {
  const { c } = await reviewable(ctx, id);
  if (FINAL.includes(c.status)) throw new AppError('conflict', `The concern is already ${c.status}.`);
  if (input.monitoring && input.kind !== 'observed') throw validation([{ path: 'monitoring', message: 'only an observation puts the child under monitoring' }]);
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: concerns.status }).from(concerns).where(eq(concerns.id, id)).for('update');
    if (!locked || FINAL.includes(locked.status)) throw new AppError('conflict', 'The concern was changed meanwhile. Reload it.');
    const status: ConcernStatus = input.monitoring ? 'monitoring' : locked.status === 'new' ? 'under_review' : locked.status as ConcernStatus;
    await tx.insert(concernActions).values({ concernId: id, kind: input.kind, note: input.note || null, at: ctx.now, userId: ctx.actor.id });
    await tx.update(concerns).set({ status, updatedAt: ctx.now, reviewerId: c.reviewerId ?? ctx.actor.id }).where(eq(concerns.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'concern', entityId: id, details: { action: input.kind, status } });
  });
  return getConcern(ctx, id, { audit: false });
}

export async function closeConcern(ctx: Ctx, id: string, reason: string): Promise<ConcernDto> {
  const { c } = await reviewable(ctx, id);
  if (FINAL.includes(c.status)) throw new AppError('conflict', `The concern is already ${c.status}.`);
  await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: concerns.status }).from(concerns).where(eq(concerns.id, id)).for('update');
    if (!locked || FINAL.includes(locked.status)) throw new AppError('conflict', 'The concern was changed meanwhile. Reload it.');
    await tx.insert(concernActions).values({ concernId: id, kind: 'closed', note: reason, at: ctx.now, userId: ctx.actor.id });
    await tx.update(concerns).set({ status: 'closed', closedAt: ctx.now, closeReason: reason, updatedAt: ctx.now, reviewerId: c.reviewerId ?? ctx.actor.id }).where(eq(concerns.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'concern', entityId: id, details: { status: 'closed' } });
  });
  return getConcern(ctx, id, { audit: false });
}

const CHILD_WORDS: Record<Locale, string> = { kk: 'Баланың сөздері', ru: 'Слова ребёнка', en: 'The child\'s words' };
const FROM_CONCERN: Record<Locale, string> = { kk: 'Мектептегі алаңдаушылықтан', ru: 'Из тревоги, зарегистрированной в школе', en: 'From a safeguarding concern logged at school' };
const VIEW: Record<Locale, Record<'front' | 'back', string>> = {
  kk: { front: 'алдынан', back: 'артынан' }, ru: { front: 'спереди', back: 'сзади' }, en: { front: 'front', back: 'back' },
};

/** The report a concern becomes: channel school, the lead as reporter, the child as victim, the school as place. */
export function reportFromConcern(c: ConcernRow, school: SchoolRow, actor: Ctx['actor'], input: EscalateInput): CreateReportInput {
  const locale = actor.locale;
  const types = input.types ?? suggestedTypes(c.categories);
  if (!types.length) throw validation([{ path: 'types', message: 'choose at least one type of violence: the concern\'s categories suggest none' }]);
  const narrative = [
    `${FROM_CONCERN[locale]} (${kzLocal(c.observedAt).toISOString().slice(0, 16).replace('T', ' ')}${c.grade ? `, ${c.grade}` : ''}).`,
    c.description,
    c.childWords ? `${CHILD_WORDS[locale]}: «${c.childWords}»` : null,
  ].filter(Boolean).join('\n\n').slice(0, 20_000);
  const injuries = c.bodyMap.map((m) => `${bodyRegionLabels[m.region as keyof typeof bodyRegionLabels]?.[locale] ?? m.region} (${VIEW[locale][m.view]})${m.note ? `: ${m.note}` : ''}`).join('; ').slice(0, 5000);
  return {
    channel: 'school',
    regionCode: school.regionCode,
    districtCode: school.districtCode,
    narrative,
    reporter: { anonymous: false, lastName: '', firstName: actor.fullName.slice(0, 100), middleName: null, relation: 'professional', organisation: school.nameRu.slice(0, 200) },
    screening: {
      immediateDanger: input.screening?.immediateDanger ?? false,
      childInjured: input.screening?.childInjured ?? (c.categories.includes('injury') || c.bodyMap.length > 0),
      perpetratorHasAccess: input.screening?.perpetratorHasAccess ?? false,
    },
    incidents: [{
      types,
      occurredOn: kzLocal(c.observedAt).toISOString().slice(0, 10),
      place: input.place ?? 'school',
      districtCode: school.districtCode,
      schoolId: school.id,
      injuries: injuries || null,
      victims: [{ id: c.personId }],
      perpetrators: input.perpetrators ?? [],
    }],
  };
}

/**
 * One step from concern to report, atomically: the concern is locked, the report registered
 * through the reports service (protocol, tasks, number, audit) in the same transaction, and
 * linked. A second call finds the link and returns the same report.
 */
export async function escalateConcern(ctx: Ctx, id: string, input: EscalateInput): Promise<{ concernId: string; reportId: string; reportNumber: string; created: boolean }> {
  const { c, school } = await reviewable(ctx, id);
  if (!can(ctx.actor, 'reports.create')) throw forbidden('Your role does not register reports.');
  if (c.status === 'closed') throw new AppError('conflict', 'The concern is closed. A closed concern is not escalated; log a new one.');
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(concerns).where(eq(concerns.id, id)).for('update');
    if (!locked) throw new Error('concern vanished');
    if (locked.reportId) {
      const [r] = await tx.select({ number: reports.number }).from(reports).where(eq(reports.id, locked.reportId));
      return { concernId: id, reportId: locked.reportId, reportNumber: r?.number ?? '', created: false };
    }
    if (locked.status === 'closed') throw new AppError('conflict', 'The concern was closed meanwhile.');
    const body = reportFromConcern(locked, school, ctx.actor, input);
    // the school's records were read from the database: nothing the client sent names a record
    const report = await createReport({ ...ctx, db: tx }, body, { referencesChecked: true });
    await tx.update(concerns).set({ status: 'escalated', reportId: report.id, updatedAt: ctx.now, reviewerId: locked.reviewerId ?? ctx.actor.id }).where(eq(concerns.id, id));
    await tx.insert(concernActions).values({ concernId: id, kind: 'escalated', note: report.number, at: ctx.now, userId: ctx.actor.id });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'concern', entityId: id, details: { status: 'escalated', reportId: report.id, types: body.incidents[0]?.types ?? [] } });
    return { concernId: id, reportId: report.id, reportNumber: report.number, created: true };
  });
}

// ---------------------------------------------------------------- chronology

/**
 * A child's concerns, the school's actions on them and the reports the child is in, merged by
 * time (oldest first). Reviewers see their school's concerns; readers of reports see the reports
 * the access policy lets them read.
 */
export async function chronology(ctx: Ctx, personId: string): Promise<ChronologyEntry[]> {
  if (!can(ctx.actor, 'concerns.review') && !can(ctx.actor, 'reports.read')) throw forbidden('Your role does not see a child\'s chronology.');
  if (!isUuid(personId)) return denyAsNotFound(ctx, 'person', personId, 'missing');
  const entries: ChronologyEntry[] = [];
  const blank = { concernId: null, reportId: null, reportNumber: null, status: null, categories: [], types: [], action: null, note: null, role: null, userName: null };
  const concernIds: string[] = [];
  if (can(ctx.actor, 'concerns.review')) {
    const rows = await ctx.db.select({ c: concerns, number: reports.number }).from(concerns).leftJoin(reports, eq(reports.id, concerns.reportId))
      .where(and(eq(concerns.personId, personId), reviewScopeSql(ctx)));
    const acts = rows.length ? await ctx.db.select().from(concernActions).where(inArray(concernActions.concernId, rows.map((r) => r.c.id))) : [];
    const who = await names(ctx, [...rows.map((r) => r.c.createdBy), ...acts.map((a) => a.userId)]);
    for (const { c, number } of rows) {
      concernIds.push(c.id);
      entries.push({ ...blank, at: c.observedAt.toISOString(), kind: 'concern', concernId: c.id, reportId: c.reportId, reportNumber: number, status: c.status, categories: c.categories, userName: who.get(c.createdBy) ?? null });
    }
    for (const a of acts) {
      const parent = rows.find((r) => r.c.id === a.concernId);
      entries.push({ ...blank, at: a.at.toISOString(), kind: 'concern_action', concernId: a.concernId, action: a.kind, note: a.note, reportId: a.kind === 'escalated' ? parent?.c.reportId ?? null : null, reportNumber: a.kind === 'escalated' ? parent?.number ?? null : null, userName: who.get(a.userId) ?? null });
    }
  }
  const reportIds: string[] = [];
  if (can(ctx.actor, 'reports.read')) {
    const links = await ctx.db.select({ r: reports, role: incidentPersons.role, types: incidents.types }).from(incidentPersons)
      .innerJoin(incidents, eq(incidents.id, incidentPersons.incidentId)).innerJoin(reports, eq(reports.id, incidents.reportId))
      .where(eq(incidentPersons.personId, personId));
    const byReport = new Map<string, { r: typeof reports.$inferSelect; role: string; types: Set<string> }>();
    for (const l of links) {
      if (!authorizeRecord(ctx.actor, 'read', reportScope(l.r)).allowed) continue;
      const e = byReport.get(l.r.id) ?? { r: l.r, role: l.role, types: new Set<string>() };
      l.types.forEach((t) => e.types.add(t));
      byReport.set(l.r.id, e);
    }
    for (const { r, role, types } of byReport.values()) {
      reportIds.push(r.id);
      entries.push({ ...blank, at: r.receivedAt.toISOString(), kind: 'report', reportId: r.id, reportNumber: r.number, status: r.status, types: [...types], role });
    }
  }
  if (entries.length === 0) {
    const [exists] = await ctx.db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId));
    return denyAsNotFound(ctx, 'person', personId, exists ? 'no_visible_entries' : 'missing');
  }
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'chronology', entityId: personId, details: { concerns: concernIds, reports: reportIds } });
  const order = { concern: 0, report: 1, concern_action: 2 } as const;
  return entries.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind]);
}
