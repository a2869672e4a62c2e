// Prevention register: programmes (national, e.g. "Probilim: inclusion and law"), the sessions held
// in schools under them, trainings of school psychologists and social pedagogues, and volunteer groups.
// Sessions are recorded after they are held: a date in the future is refused (planning is left out).
import { FACILITATOR_TYPES, kzLocal } from '@qorgau/core';
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import { preventionProgrammes, preventionSessions, schools, specialists, trainingParticipants, trainings, users, volunteerGroups } from '../db/schema.ts';
import { territoryIndex } from '../reference/territory.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { isUuid } from '../reports/service.ts';
import { inScope, isManager, scopeOf, type PreventionScope } from './access.ts';

const date = z.iso.date('must be a date YYYY-MM-DD');
const uuid = z.string().uuid('must be an id');
const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75');
const districtCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');
const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
/** Grades of a Kazakh school: 0 is the preschool class, then 1 to 11. */
export const GRADES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;

const today = (ctx: Ctx): string => kzLocal(ctx.now).toISOString().slice(0, 10);
const name = (r: { nameKk: string; nameRu: string; nameEn: string }) => ({ kk: r.nameKk, ru: r.nameRu, en: r.nameEn });

// ---------------------------------------------------------------------------------------------- programmes

const programmeFields = {
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'use 2–40 lower-case Latin letters, digits and hyphens'),
  nameKk: z.string().trim().min(1, 'the name in Kazakh is required').max(300),
  nameRu: z.string().trim().min(1, 'the name in Russian is required').max(300),
  nameEn: z.string().trim().min(1, 'the name in English is required').max(300),
  description: z.string().trim().max(5000).nullish(),
  organiser: z.string().trim().max(300).nullish(),
  startsOn: date,
  endsOn: date.nullish(),
  active: z.boolean().optional(),
};
export const programmeBody = z.object(programmeFields).strict();
export const programmePatch = z.object(programmeFields).partial().strict();
export const programmeSchema = z.object({
  id: z.string(), code: z.string(), name: label, description: z.string().nullable(), organiser: z.string().nullable(),
  startsOn: z.string(), endsOn: z.string().nullable(), active: z.boolean(),
  sessions: z.number(), schoolsReached: z.number(), participants: z.number(),
});
type Programme = z.infer<typeof programmeSchema>;

export async function listProgrammes(ctx: Ctx): Promise<Programme[]> {
  const scope = await scopeOf(ctx, 'read');
  const where = scopeFilter(scope);
  const rows = await ctx.db.select().from(preventionProgrammes).orderBy(desc(preventionProgrammes.active), asc(preventionProgrammes.startsOn));
  // the programme's reach as the caller may see it (all time)
  const reach = await ctx.db.select({
    programmeId: preventionSessions.programmeId, sessions: count(), schools: sql<number>`count(distinct ${preventionSessions.schoolId})::int`,
    participants: sql<number>`coalesce(sum(${preventionSessions.participantsTotal}), 0)::int`,
  }).from(preventionSessions).where(where).groupBy(preventionSessions.programmeId);
  const byId = new Map(reach.map((r) => [r.programmeId, r]));
  return rows.map((p) => {
    const r = byId.get(p.id);
    return {
      id: p.id, code: p.code, name: name(p), description: p.description, organiser: p.organiser, startsOn: p.startsOn, endsOn: p.endsOn, active: p.active,
      sessions: Number(r?.sessions ?? 0), schoolsReached: Number(r?.schools ?? 0), participants: Number(r?.participants ?? 0),
    };
  });
}

function checkProgrammeDates(startsOn: string, endsOn: string | null | undefined): void {
  if (endsOn && endsOn < startsOn) throw validation([{ path: 'endsOn', message: 'must not be before startsOn' }]);
}

function requireProgrammeManager(ctx: Ctx): void {
  if (!isManager(ctx)) throw forbidden('Programmes are set up by administrators and regional coordinators.');
}

export async function createProgramme(ctx: Ctx, input: z.infer<typeof programmeBody>): Promise<Programme> {
  requireProgrammeManager(ctx);
  checkProgrammeDates(input.startsOn, input.endsOn);
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: preventionProgrammes.id }).from(preventionProgrammes).where(eq(preventionProgrammes.code, input.code));
    if (dup) throw new AppError('conflict', `A programme with the code "${input.code}" already exists.`, [{ path: 'code', message: 'already used' }]);
    const [row] = await tx.insert(preventionProgrammes).values({
      code: input.code, nameKk: input.nameKk, nameRu: input.nameRu, nameEn: input.nameEn, description: input.description ?? null,
      organiser: input.organiser ?? null, startsOn: input.startsOn, endsOn: input.endsOn ?? null, active: input.active ?? true, createdAt: ctx.now,
    }).returning({ id: preventionProgrammes.id });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'prevention_programme', entityId: row.id, details: { code: input.code } });
    return row.id;
  });
  return programmeById(ctx, id);
}

export async function updateProgramme(ctx: Ctx, id: string, input: z.infer<typeof programmePatch>): Promise<Programme> {
  requireProgrammeManager(ctx);
  const current = await programmeRow(ctx, id);
  checkProgrammeDates(input.startsOn ?? current.startsOn, input.endsOn === undefined ? current.endsOn : input.endsOn);
  await ctx.db.transaction(async (tx) => {
    if (input.code && input.code !== current.code) {
      const [dup] = await tx.select({ id: preventionProgrammes.id }).from(preventionProgrammes).where(eq(preventionProgrammes.code, input.code));
      if (dup) throw new AppError('conflict', `A programme with the code "${input.code}" already exists.`, [{ path: 'code', message: 'already used' }]);
    }
    await tx.update(preventionProgrammes).set(input).where(eq(preventionProgrammes.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'prevention_programme', entityId: id, details: { fields: Object.keys(input) } });
  });
  return programmeById(ctx, id);
}

async function programmeRow(ctx: Ctx, id: string, path?: string) {
  const [p] = isUuid(id) ? await ctx.db.select().from(preventionProgrammes).where(eq(preventionProgrammes.id, id)) : [];
  if (!p) {
    if (path) throw validation([{ path, message: 'no such programme' }]);
    throw notFound('programme');
  }
  return p;
}

async function programmeById(ctx: Ctx, id: string): Promise<Programme> {
  const found = (await listProgrammes(ctx)).find((p) => p.id === id);
  if (!found) throw notFound('programme');
  return found;
}

// ---------------------------------------------------------------------------------------------- sessions

const sessionFields = {
  programmeId: uuid,
  schoolId: uuid,
  heldOn: date,
  topic: z.string().trim().min(1, 'the topic is required').max(500),
  facilitatorType: z.enum(FACILITATOR_TYPES),
  facilitatorName: z.string().trim().max(300).nullish(),
  /** participants by grade: { "7": 25, "8": 22 }; "0" is the preschool class */
  participants: z.record(z.string(), z.number().int('must be a whole number').min(0, 'must not be negative').max(5000, 'at most 5000 in one grade')),
};
export const sessionBody = z.object(sessionFields).strict();
export const sessionPatch = z.object(sessionFields).partial().strict();
export const sessionListQuery = z.object({
  programmeId: uuid.optional(), regionCode: regionCode.optional(), districtCode: districtCode.optional(), schoolId: uuid.optional(),
  facilitatorType: z.enum(FACILITATOR_TYPES).optional(), from: date.optional(), to: date.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
export const sessionSchema = z.object({
  id: z.string(), programmeId: z.string(), programmeName: label, schoolId: z.string().nullable(), schoolName: label.nullable(),
  regionCode: z.string(), districtCode: z.string(), heldOn: z.string(), topic: z.string(), facilitatorType: z.string(), facilitatorName: z.string().nullable(),
  participants: z.record(z.string(), z.number()), participantsTotal: z.number(), createdBy: z.string(), createdByName: z.string().nullable(),
  createdAt: z.string(), rights: z.object({ edit: z.boolean() }),
});
export const sessionListSchema = z.object({ items: z.array(sessionSchema), total: z.number() });
type SessionDto = z.infer<typeof sessionSchema>;
type SessionRow = typeof preventionSessions.$inferSelect;

/** Checks the grades and returns the counts without zeros, and their total. */
export function checkParticipants(participants: Record<string, number>): { participants: Record<string, number>; total: number } {
  const grades: readonly string[] = GRADES;
  const out: Record<string, number> = {};
  let total = 0;
  for (const [grade, n] of Object.entries(participants)) {
    if (!grades.includes(grade)) throw validation([{ path: `participants.${grade}`, message: 'not a grade: use "0" (preschool class) to "11"' }]);
    if (n > 0) out[grade] = n;
    total += n;
  }
  if (total <= 0) throw validation([{ path: 'participants', message: 'record at least one participant' }]);
  return { participants: Object.fromEntries(GRADES.filter((g) => g in out).map((g) => [g, out[g] as number])), total };
}

function mayEditSession(ctx: Ctx, scope: PreventionScope | null, s: Pick<SessionRow, 'createdBy' | 'regionCode' | 'districtCode' | 'schoolId'>): boolean {
  if (!scope) return false;
  if (s.createdBy === ctx.actor.id) return true;
  return isManager(ctx) && inScope(scope, s);
}

async function manageScopeOrNull(ctx: Ctx): Promise<PreventionScope | null> {
  try { return await scopeOf(ctx, 'manage'); } catch { return null; }
}

function scopeFilter(scope: PreventionScope): SQL | undefined {
  switch (scope.level) {
    case 'national': return undefined;
    case 'region': return eq(preventionSessions.regionCode, scope.regionCode);
    case 'district': return eq(preventionSessions.districtCode, scope.districtCode);
    case 'school': return eq(preventionSessions.schoolId, scope.schoolId);
  }
}

async function sessionDtos(ctx: Ctx, where: SQL | undefined, limit: number, offset: number): Promise<SessionDto[]> {
  const rows = await ctx.db.select({ s: preventionSessions, p: preventionProgrammes, sc: { nameKk: schools.nameKk, nameRu: schools.nameRu, nameEn: schools.nameEn }, author: users.fullName })
    .from(preventionSessions)
    .innerJoin(preventionProgrammes, eq(preventionProgrammes.id, preventionSessions.programmeId))
    .leftJoin(schools, eq(schools.id, preventionSessions.schoolId))
    .leftJoin(users, eq(users.id, preventionSessions.createdBy))
    .where(where).orderBy(desc(preventionSessions.heldOn), desc(preventionSessions.createdAt)).limit(limit).offset(offset);
  const manage = await manageScopeOrNull(ctx);
  return rows.map(({ s, p, sc, author }) => ({
    id: s.id, programmeId: s.programmeId, programmeName: name(p), schoolId: s.schoolId, schoolName: s.schoolId && sc ? name(sc) : null,
    regionCode: s.regionCode, districtCode: s.districtCode, heldOn: s.heldOn, topic: s.topic, facilitatorType: s.facilitatorType,
    facilitatorName: s.facilitatorName, participants: s.participants, participantsTotal: s.participantsTotal, createdBy: s.createdBy,
    createdByName: author, createdAt: s.createdAt.toISOString(), rights: { edit: mayEditSession(ctx, manage, s) },
  }));
}

export async function listSessions(ctx: Ctx, q: z.infer<typeof sessionListQuery>): Promise<z.infer<typeof sessionListSchema>> {
  const scope = await scopeOf(ctx, 'read');
  if (q.from && q.to && q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  const where = and(
    scopeFilter(scope),
    q.programmeId ? eq(preventionSessions.programmeId, q.programmeId) : undefined,
    q.regionCode ? eq(preventionSessions.regionCode, q.regionCode) : undefined,
    q.districtCode ? eq(preventionSessions.districtCode, q.districtCode) : undefined,
    q.schoolId ? eq(preventionSessions.schoolId, q.schoolId) : undefined,
    q.facilitatorType ? eq(preventionSessions.facilitatorType, q.facilitatorType) : undefined,
    q.from ? gte(preventionSessions.heldOn, q.from) : undefined,
    q.to ? lte(preventionSessions.heldOn, q.to) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(preventionSessions).where(where);
  const items = await sessionDtos(ctx, where, q.limit, q.offset);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'prevention_session_list', entityId: null, details: { count: items.length } });
  return { items, total: Number(total?.n ?? 0) };
}

async function sessionDto(ctx: Ctx, id: string): Promise<SessionDto> {
  const [dto] = await sessionDtos(ctx, eq(preventionSessions.id, id), 1, 0);
  if (!dto) throw notFound('session');
  return dto;
}

/** The school (in the actor's territory) and the programme (running on the day) of a session. */
async function checkSessionPlace(ctx: Ctx, scope: PreventionScope, input: { programmeId: string; schoolId: string; heldOn: string }) {
  if (input.heldOn > today(ctx)) throw validation([{ path: 'heldOn', message: 'sessions are recorded once held: the date may not be in the future' }]);
  const programme = await programmeRow(ctx, input.programmeId, 'programmeId');
  if (input.heldOn < programme.startsOn) throw validation([{ path: 'heldOn', message: `the programme starts on ${programme.startsOn}` }]);
  if (programme.endsOn && input.heldOn > programme.endsOn) throw validation([{ path: 'heldOn', message: `the programme ended on ${programme.endsOn}` }]);
  const [school] = await ctx.db.select({ id: schools.id, regionCode: schools.regionCode, districtCode: schools.districtCode, active: schools.active }).from(schools).where(eq(schools.id, input.schoolId));
  if (!school) throw validation([{ path: 'schoolId', message: 'no such school' }]);
  if (!school.active) throw validation([{ path: 'schoolId', message: 'the school is closed' }]);
  if (!inScope(scope, { regionCode: school.regionCode, districtCode: school.districtCode, schoolId: school.id })) {
    throw forbidden(scope.level === 'school' ? 'You record sessions for your own school only.' : 'The school is outside your territory.');
  }
  return school;
}

export async function createSession(ctx: Ctx, input: z.infer<typeof sessionBody>): Promise<SessionDto> {
  const scope = await scopeOf(ctx, 'manage');
  const { participants, total } = checkParticipants(input.participants);
  const school = await checkSessionPlace(ctx, scope, input);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(preventionSessions).values({
      programmeId: input.programmeId, schoolId: school.id, regionCode: school.regionCode, districtCode: school.districtCode, heldOn: input.heldOn,
      topic: input.topic, facilitatorType: input.facilitatorType, facilitatorName: input.facilitatorName ?? null, participants, participantsTotal: total,
      createdBy: ctx.actor.id, createdAt: ctx.now,
    }).returning({ id: preventionSessions.id });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'prevention_session', entityId: row.id, details: { programmeId: input.programmeId, schoolId: school.id, participants: total } });
    return row.id;
  });
  return sessionDto(ctx, id);
}

async function editableSession(ctx: Ctx, id: string): Promise<{ row: SessionRow; scope: PreventionScope }> {
  const scope = await scopeOf(ctx, 'manage');
  const [row] = isUuid(id) ? await ctx.db.select().from(preventionSessions).where(eq(preventionSessions.id, id)) : [];
  const read = await scopeOf(ctx, 'read');
  if (!row || !inScope(read, row)) throw notFound('session');
  if (!mayEditSession(ctx, scope, row)) throw forbidden('Only the author and the coordinators of the territory change a session.');
  return { row, scope };
}

export async function updateSession(ctx: Ctx, id: string, input: z.infer<typeof sessionPatch>): Promise<SessionDto> {
  const { row, scope } = await editableSession(ctx, id);
  const merged = { programmeId: input.programmeId ?? row.programmeId, schoolId: input.schoolId ?? row.schoolId ?? '', heldOn: input.heldOn ?? row.heldOn };
  const counted = input.participants ? checkParticipants(input.participants) : null;
  const school = await checkSessionPlace(ctx, scope, merged);
  await ctx.db.transaction(async (tx) => {
    await tx.update(preventionSessions).set({
      programmeId: merged.programmeId, schoolId: school.id, regionCode: school.regionCode, districtCode: school.districtCode, heldOn: merged.heldOn,
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.facilitatorType !== undefined ? { facilitatorType: input.facilitatorType } : {}),
      ...(input.facilitatorName !== undefined ? { facilitatorName: input.facilitatorName ?? null } : {}),
      ...(counted ? { participants: counted.participants, participantsTotal: counted.total } : {}),
    }).where(eq(preventionSessions.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'prevention_session', entityId: id, details: { fields: Object.keys(input) } });
  });
  return sessionDto(ctx, id);
}

export async function deleteSession(ctx: Ctx, id: string): Promise<void> {
  const { row } = await editableSession(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(preventionSessions).where(eq(preventionSessions.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'delete', entityType: 'prevention_session', entityId: id, details: { programmeId: row.programmeId, schoolId: row.schoolId, heldOn: row.heldOn } });
  });
}

// ---------------------------------------------------------------------------------------------- trainings

export const trainingBody = z.object({
  programmeId: uuid.nullish(),
  title: z.string().trim().min(1, 'the title is required').max(500),
  heldOn: date,
  hours: z.number().min(0.5, 'at least half an hour').max(500, 'at most 500 hours'),
  organiser: z.string().trim().max(300).nullish(),
  regionCode,
  districtCode: districtCode.nullish(),
  specialistIds: z.array(uuid).max(500, 'at most 500 participants').default([]),
}).strict();
export const trainingListQuery = z.object({
  programmeId: uuid.optional(), regionCode: regionCode.optional(), districtCode: districtCode.optional(), from: date.optional(), to: date.optional(),
}).strict();
export const trainingSchema = z.object({
  id: z.string(), programmeId: z.string().nullable(), programmeName: label.nullable(), title: z.string(), heldOn: z.string(), hours: z.number(),
  organiser: z.string().nullable(), regionCode: z.string(), districtCode: z.string().nullable(),
  participants: z.array(z.object({ specialistId: z.string(), fullName: z.string(), kind: z.string(), schoolId: z.string(), schoolName: label })),
});
type TrainingDto = z.infer<typeof trainingSchema>;

function areaFilter(scope: PreventionScope, region: typeof trainings.regionCode, district: typeof trainings.districtCode): SQL | undefined {
  switch (scope.level) {
    case 'national': return undefined;
    case 'region': return eq(region, scope.regionCode);
    case 'district': case 'school': return and(eq(region, scope.regionCode), sql`(${district} is null or ${district} = ${scope.districtCode})`);
  }
}

async function checkArea(ctx: Ctx, scope: PreventionScope, place: { regionCode: string; districtCode: string | null; schoolId: string | null }): Promise<void> {
  if (place.districtCode) {
    const districtRegion = (await territoryIndex(ctx.db)).districtRegion.get(place.districtCode);
    if (!districtRegion) throw validation([{ path: 'districtCode', message: 'no such district' }]);
    if (districtRegion !== place.regionCode) throw validation([{ path: 'districtCode', message: `the district is not in ${place.regionCode}` }]);
  }
  if (!inScope(scope, place)) throw forbidden('The place is outside your territory.');
}

export async function listTrainings(ctx: Ctx, q: z.infer<typeof trainingListQuery>): Promise<TrainingDto[]> {
  const scope = await scopeOf(ctx, 'read');
  const where = and(
    areaFilter(scope, trainings.regionCode, trainings.districtCode),
    q.programmeId ? eq(trainings.programmeId, q.programmeId) : undefined,
    q.regionCode ? eq(trainings.regionCode, q.regionCode) : undefined,
    q.districtCode ? eq(trainings.districtCode, q.districtCode) : undefined,
    q.from ? gte(trainings.heldOn, q.from) : undefined,
    q.to ? lte(trainings.heldOn, q.to) : undefined,
  );
  const rows = await ctx.db.select({ t: trainings, p: preventionProgrammes }).from(trainings)
    .leftJoin(preventionProgrammes, eq(preventionProgrammes.id, trainings.programmeId)).where(where).orderBy(desc(trainings.heldOn)).limit(200);
  const ids = rows.map((r) => r.t.id);
  const people = ids.length ? await ctx.db.select({
    trainingId: trainingParticipants.trainingId, specialistId: specialists.id, fullName: specialists.fullName, kind: specialists.kind, schoolId: schools.id,
    nameKk: schools.nameKk, nameRu: schools.nameRu, nameEn: schools.nameEn,
  }).from(trainingParticipants).innerJoin(specialists, eq(specialists.id, trainingParticipants.specialistId)).innerJoin(schools, eq(schools.id, specialists.schoolId))
    .where(inArray(trainingParticipants.trainingId, ids)).orderBy(asc(specialists.fullName)) : [];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'prevention_training_list', entityId: null, details: { count: rows.length } });
  return rows.map(({ t, p }) => ({
    id: t.id, programmeId: t.programmeId, programmeName: p ? name(p) : null, title: t.title, heldOn: t.heldOn, hours: t.hours, organiser: t.organiser,
    regionCode: t.regionCode, districtCode: t.districtCode,
    participants: people.filter((x) => x.trainingId === t.id).map((x) => ({ specialistId: x.specialistId, fullName: x.fullName, kind: x.kind, schoolId: x.schoolId, schoolName: name(x) })),
  }));
}

export async function createTraining(ctx: Ctx, input: z.infer<typeof trainingBody>): Promise<TrainingDto> {
  const scope = await scopeOf(ctx, 'manage');
  if (input.heldOn > today(ctx)) throw validation([{ path: 'heldOn', message: 'trainings are recorded once held: the date may not be in the future' }]);
  if (input.programmeId) await programmeRow(ctx, input.programmeId, 'programmeId');
  await checkArea(ctx, scope, { regionCode: input.regionCode, districtCode: input.districtCode ?? null, schoolId: null });
  const ids = [...new Set(input.specialistIds)];
  const found = ids.length ? await ctx.db.select({ id: specialists.id, regionCode: schools.regionCode }).from(specialists)
    .innerJoin(schools, eq(schools.id, specialists.schoolId)).where(inArray(specialists.id, ids)) : [];
  const byId = new Map(found.map((s) => [s.id, s]));
  input.specialistIds.forEach((sid, i) => {
    const s = byId.get(sid);
    if (!s) throw validation([{ path: `specialistIds.${i}`, message: 'no such specialist' }]);
    if (s.regionCode !== input.regionCode) throw validation([{ path: `specialistIds.${i}`, message: `the specialist works outside ${input.regionCode}` }]);
  });
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(trainings).values({
      programmeId: input.programmeId ?? null, title: input.title, heldOn: input.heldOn, hours: input.hours, organiser: input.organiser ?? null,
      regionCode: input.regionCode, districtCode: input.districtCode ?? null, createdBy: ctx.actor.id, createdAt: ctx.now,
    }).returning({ id: trainings.id });
    if (!row) throw new Error('insert returned nothing');
    if (ids.length) await tx.insert(trainingParticipants).values(ids.map((specialistId) => ({ trainingId: row.id, specialistId })));
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'prevention_training', entityId: row.id, details: { participants: ids.length } });
    return row.id;
  });
  const [dto] = (await listTrainings(ctx, {})).filter((t) => t.id === id);
  if (!dto) throw notFound('training');
  return dto;
}

// ---------------------------------------------------------------------------------------------- volunteer groups

const groupFields = {
  name: z.string().trim().min(1, 'the name is required').max(300),
  programmeId: uuid.nullish(),
  schoolId: uuid.nullish(),
  regionCode,
  districtCode,
  members: z.number().int('must be a whole number').min(1, 'at least one member').max(10_000),
  leader: z.string().trim().max(300).nullish(),
  active: z.boolean().optional(),
};
export const groupBody = z.object(groupFields).strict();
export const groupPatch = z.object(groupFields).omit({ regionCode: true, districtCode: true, schoolId: true }).partial().strict();
export const groupListQuery = z.object({ regionCode: regionCode.optional(), districtCode: districtCode.optional(), active: z.enum(['true', 'false']).optional() }).strict();
export const groupSchema = z.object({
  id: z.string(), name: z.string(), programmeId: z.string().nullable(), programmeName: label.nullable(), schoolId: z.string().nullable(), schoolName: label.nullable(),
  regionCode: z.string(), districtCode: z.string(), members: z.number(), leader: z.string().nullable(), active: z.boolean(), rights: z.object({ edit: z.boolean() }),
});
type GroupDto = z.infer<typeof groupSchema>;

async function groupDtos(ctx: Ctx, where: SQL | undefined): Promise<GroupDto[]> {
  const manage = await manageScopeOrNull(ctx);
  const rows = await ctx.db.select({ g: volunteerGroups, p: preventionProgrammes, sc: { nameKk: schools.nameKk, nameRu: schools.nameRu, nameEn: schools.nameEn } })
    .from(volunteerGroups).leftJoin(preventionProgrammes, eq(preventionProgrammes.id, volunteerGroups.programmeId)).leftJoin(schools, eq(schools.id, volunteerGroups.schoolId))
    .where(where).orderBy(desc(volunteerGroups.active), asc(volunteerGroups.name)).limit(500);
  return rows.map(({ g, p, sc }) => ({
    id: g.id, name: g.name, programmeId: g.programmeId, programmeName: p ? name(p) : null, schoolId: g.schoolId, schoolName: g.schoolId && sc ? name(sc) : null,
    regionCode: g.regionCode, districtCode: g.districtCode, members: g.members, leader: g.leader, active: g.active,
    rights: { edit: !!manage && inScope(manage, g) },
  }));
}

function groupScope(scope: PreventionScope): SQL | undefined {
  switch (scope.level) {
    case 'national': return undefined;
    case 'region': return eq(volunteerGroups.regionCode, scope.regionCode);
    case 'district': return eq(volunteerGroups.districtCode, scope.districtCode);
    // a school sees its own groups and those of its district without a school
    case 'school': return and(eq(volunteerGroups.districtCode, scope.districtCode), sql`(${volunteerGroups.schoolId} is null or ${volunteerGroups.schoolId} = ${scope.schoolId})`);
  }
}

export async function listGroups(ctx: Ctx, q: z.infer<typeof groupListQuery>): Promise<GroupDto[]> {
  const scope = await scopeOf(ctx, 'read');
  const items = await groupDtos(ctx, and(
    groupScope(scope),
    q.regionCode ? eq(volunteerGroups.regionCode, q.regionCode) : undefined,
    q.districtCode ? eq(volunteerGroups.districtCode, q.districtCode) : undefined,
    q.active ? eq(volunteerGroups.active, q.active === 'true') : undefined,
  ));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'volunteer_group_list', entityId: null, details: { count: items.length } });
  return items;
}

export async function createGroup(ctx: Ctx, input: z.infer<typeof groupBody>): Promise<GroupDto> {
  const scope = await scopeOf(ctx, 'manage');
  if (input.programmeId) await programmeRow(ctx, input.programmeId, 'programmeId');
  if (input.schoolId) {
    const [s] = await ctx.db.select({ districtCode: schools.districtCode }).from(schools).where(eq(schools.id, input.schoolId));
    if (!s) throw validation([{ path: 'schoolId', message: 'no such school' }]);
    if (s.districtCode !== input.districtCode) throw validation([{ path: 'schoolId', message: 'the school is not in the district' }]);
  }
  await checkArea(ctx, scope, { regionCode: input.regionCode, districtCode: input.districtCode, schoolId: input.schoolId ?? null });
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(volunteerGroups).values({
      name: input.name, programmeId: input.programmeId ?? null, schoolId: input.schoolId ?? null, regionCode: input.regionCode, districtCode: input.districtCode,
      members: input.members, leader: input.leader ?? null, active: input.active ?? true, createdAt: ctx.now,
    }).returning({ id: volunteerGroups.id });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'volunteer_group', entityId: row.id, details: { members: input.members } });
    return row.id;
  });
  const [dto] = await groupDtos(ctx, eq(volunteerGroups.id, id));
  if (!dto) throw notFound('volunteer group');
  return dto;
}

export async function updateGroup(ctx: Ctx, id: string, input: z.infer<typeof groupPatch>): Promise<GroupDto> {
  const scope = await scopeOf(ctx, 'manage');
  const [g] = isUuid(id) ? await ctx.db.select().from(volunteerGroups).where(eq(volunteerGroups.id, id)) : [];
  if (!g || !inScope(await scopeOf(ctx, 'read'), g)) throw notFound('volunteer group');
  if (!inScope(scope, g)) throw forbidden('The group is outside your territory.');
  if (input.programmeId) await programmeRow(ctx, input.programmeId, 'programmeId');
  await ctx.db.transaction(async (tx) => {
    await tx.update(volunteerGroups).set({ ...input, ...(input.programmeId !== undefined ? { programmeId: input.programmeId ?? null } : {}), ...(input.leader !== undefined ? { leader: input.leader ?? null } : {}) })
      .where(eq(volunteerGroups.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'volunteer_group', entityId: id, details: { fields: Object.keys(input) } });
  });
  const [dto] = await groupDtos(ctx, eq(volunteerGroups.id, id));
  if (!dto) throw notFound('volunteer group');
  return dto;
}
