// Workforce: school psychologists and social pedagogues (positions in FTE), the staffing norms,
// per-school coverage and caseload, and the recommended allocation of positions.
// Everything here is about staff and counts — no child data; reads are audited as aggregates.
import { allocatePositions, proportionalAllocation, SPECIALIST_KINDS, type AllocationResult } from '@qorgau/core';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { rows as rawRows } from '../db/client.ts';
import { districts, regions, schools, specialists, users, workforceNorms } from '../db/schema.ts';
import { territoryIndex } from '../reference/territory.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { isUuid } from '../reports/service.ts';
import { inScope, regionFilter, requireAny, schoolScope, scopeWhere } from '../schools/scope.ts';

const kind = z.enum(SPECIALIST_KINDS);
const fte = z.number().min(0.25, 'at least 0.25').max(2, 'at most 2').refine((v) => Number.isInteger(v * 4), 'in steps of 0.25');
const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75');
const districtCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');
const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

// ---------------------------------------------------------------- specialists

export const specialistSchema = z.object({
  id: z.string(), schoolId: z.string(), schoolName: label, regionCode: z.string(), districtCode: z.string(), kind: z.string(), fullName: z.string(),
  fte: z.number(), userId: z.string().nullable(), active: z.boolean(), updatedAt: z.string(),
});
type SpecialistDto = z.infer<typeof specialistSchema>;

export const listSpecialistsQuery = z.object({
  schoolId: z.string().uuid().optional(),
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  kind: kind.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export const specialistListSchema = z.object({ items: z.array(specialistSchema), total: z.number() });

export const createSpecialistBody = z.object({
  schoolId: z.string().uuid('must be a school id'),
  kind,
  fullName: z.string().trim().min(1, 'required').max(200),
  fte,
  userId: z.string().uuid().nullish(),
  active: z.boolean().default(true),
}).strict();
export const patchSpecialistBody = createSpecialistBody.partial().strict();

const specialistSelect = {
  s: specialists, nameKk: schools.nameKk, nameRu: schools.nameRu, nameEn: schools.nameEn, regionCode: schools.regionCode, districtCode: schools.districtCode,
};
function toSpecialistDto(r: { s: typeof specialists.$inferSelect; nameKk: string; nameRu: string; nameEn: string; regionCode: string; districtCode: string }): SpecialistDto {
  return {
    id: r.s.id, schoolId: r.s.schoolId, schoolName: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn }, regionCode: r.regionCode, districtCode: r.districtCode,
    kind: r.s.kind, fullName: r.s.fullName, fte: r.s.fte, userId: r.s.userId, active: r.s.active, updatedAt: r.s.updatedAt.toISOString(),
  };
}

export async function listSpecialists(ctx: Ctx, q: z.infer<typeof listSpecialistsQuery>): Promise<z.infer<typeof specialistListSchema>> {
  requireAny(ctx.actor, 'workforce.read');
  const region = regionFilter(ctx.actor, q.regionCode);
  const where = and(
    scopeWhere(schoolScope(ctx.actor)),
    region ? eq(schools.regionCode, region) : undefined,
    q.districtCode ? eq(schools.districtCode, q.districtCode) : undefined,
    q.schoolId ? eq(specialists.schoolId, q.schoolId) : undefined,
    q.kind ? eq(specialists.kind, q.kind) : undefined,
    q.active === undefined ? undefined : eq(specialists.active, q.active),
  );
  const [total] = await ctx.db.select({ n: count() }).from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId)).where(where);
  const list = await ctx.db.select(specialistSelect).from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId)).where(where)
    .orderBy(asc(schools.nameRu), asc(specialists.kind), asc(specialists.fullName), asc(specialists.id)).limit(q.limit).offset(q.offset);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'specialist_list', entityId: null, details: { count: list.length, schoolId: q.schoolId ?? null } });
  return { items: list.map(toSpecialistDto), total: total?.n ?? 0 };
}

async function manageableSchool(ctx: Ctx, schoolId: string): Promise<typeof schools.$inferSelect> {
  if (!can(ctx.actor, 'workforce.manage')) throw forbidden('Only administrators and regional coordinators manage specialists.');
  const [school] = await ctx.db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw validation([{ path: 'schoolId', message: 'no such school' }]);
  if (!inScope(schoolScope(ctx.actor), school)) throw forbidden(`The school is in ${school.regionCode}, outside your territory.`);
  return school;
}

async function checkUser(ctx: Ctx, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!u) throw validation([{ path: 'userId', message: 'no such user' }]);
}

async function specialistById(ctx: Ctx, id: string): Promise<SpecialistDto> {
  const [r] = await ctx.db.select(specialistSelect).from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId)).where(eq(specialists.id, id));
  if (!r) throw notFound('specialist');
  return toSpecialistDto(r);
}

export async function createSpecialist(ctx: Ctx, input: z.infer<typeof createSpecialistBody>): Promise<SpecialistDto> {
  const school = await manageableSchool(ctx, input.schoolId);
  await checkUser(ctx, input.userId);
  const id = await ctx.db.transaction(async (tx) => {
    const [s] = await tx.insert(specialists).values({ ...input, userId: input.userId ?? null, createdAt: ctx.now, updatedAt: ctx.now }).returning({ id: specialists.id });
    if (!s) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'specialist', entityId: s.id, details: { schoolId: school.id, kind: input.kind, fte: input.fte } });
    return s.id;
  });
  return specialistById(ctx, id);
}

export async function updateSpecialist(ctx: Ctx, id: string, input: z.infer<typeof patchSpecialistBody>): Promise<SpecialistDto> {
  if (!isUuid(id)) throw notFound('specialist');
  const [current] = await ctx.db.select({ s: specialists, school: schools }).from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId)).where(eq(specialists.id, id));
  if (!current || !inScope(schoolScope(ctx.actor), current.school) || !can(ctx.actor, 'workforce.read')) throw notFound('specialist');
  await manageableSchool(ctx, current.school.id);
  if (input.schoolId && input.schoolId !== current.s.schoolId) await manageableSchool(ctx, input.schoolId);
  await checkUser(ctx, input.userId);
  const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
  await ctx.db.transaction(async (tx) => {
    await tx.update(specialists).set({ ...input, updatedAt: ctx.now }).where(eq(specialists.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'specialist', entityId: id, details: { fields } });
  });
  return specialistById(ctx, id);
}

// ---------------------------------------------------------------- norms

export const normSchema = z.object({ kind: z.string(), studentsPerFte: z.number(), casesPerFte: z.number().nullable(), updatedAt: z.string() });
export const normsSchema = z.object({ items: z.array(normSchema) });
export const putNormsBody = z.object({
  items: z.array(z.object({
    kind,
    studentsPerFte: z.number().int().min(50, 'at least 50').max(10_000, 'at most 10,000'),
    casesPerFte: z.number().int().min(1).max(1000).nullable().default(null),
  }).strict()).min(1).max(SPECIALIST_KINDS.length),
}).strict();
type Norm = { kind: string; studentsPerFte: number; casesPerFte: number | null };

/** Norms of every kind; a kind without a row gets the national default of 500 students. */
async function loadNorms(ctx: Pick<Ctx, 'db'>): Promise<Map<string, Norm & { updatedAt: Date | null }>> {
  const stored = await ctx.db.select().from(workforceNorms);
  const map = new Map<string, Norm & { updatedAt: Date | null }>(SPECIALIST_KINDS.map((k) => [k, { kind: k, studentsPerFte: 500, casesPerFte: 25, updatedAt: null }]));
  for (const n of stored) map.set(n.kind, n);
  return map;
}

export async function getNorms(ctx: Ctx): Promise<z.infer<typeof normsSchema>> {
  requireAny(ctx.actor, 'workforce.read');
  const norms = await loadNorms(ctx);
  return { items: [...norms.values()].map((n) => ({ kind: n.kind, studentsPerFte: n.studentsPerFte, casesPerFte: n.casesPerFte, updatedAt: (n.updatedAt ?? new Date(0)).toISOString() })) };
}

export async function putNorms(ctx: Ctx, input: z.infer<typeof putNormsBody>): Promise<z.infer<typeof normsSchema>> {
  // norms are national: regional coordinators plan against them but do not change them
  if (!can(ctx.actor, 'workforce.manage') || territoryOf(ctx.actor).level !== 'national') throw forbidden('Only national administrators change the staffing norms.');
  await ctx.db.transaction(async (tx) => {
    for (const n of input.items) {
      await tx.insert(workforceNorms).values({ ...n, updatedAt: ctx.now, updatedBy: ctx.actor.id })
        .onConflictDoUpdate({ target: workforceNorms.kind, set: { studentsPerFte: n.studentsPerFte, casesPerFte: n.casesPerFte, updatedAt: ctx.now, updatedBy: ctx.actor.id } });
    }
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'workforce_norms', entityId: null, details: { items: input.items } });
  });
  return getNorms(ctx);
}

// ---------------------------------------------------------------- coverage per school

export const schoolMetricsQuery = z.object({
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  kind: kind.optional(),
  underServedOnly: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const kindFigures = z.object({ kind: z.string(), fte: z.number(), studentsPerFte: z.number().nullable(), needFte: z.number(), gapFte: z.number(), normStudentsPerFte: z.number() });
export const schoolMetricsSchema = z.object({
  id: z.string(), name: label, regionCode: z.string(), districtCode: z.string(), students: z.number(), lat: z.number().nullable(), lon: z.number().nullable(),
  kinds: z.array(kindFigures),
  fteTotal: z.number(),
  /** open concerns of the school + family cases not closed of its pupils */
  openCaseload: z.number(),
  caseloadPerFte: z.number().nullable(),
  casesPerFte: z.number().nullable(),
  underServed: z.boolean(),
  overloaded: z.boolean(),
});
export const schoolMetricsListSchema = z.object({ items: z.array(schoolMetricsSchema), total: z.number(), underServed: z.number() });
type SchoolMetrics = z.infer<typeof schoolMetricsSchema>;

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
const r1 = (v: number) => Math.round(v * 10) / 10;

type Basic = { id: string; nameKk: string; nameRu: string; nameEn: string; regionCode: string; districtCode: string; students: number; lat: number | null; lon: number | null };

/** The active schools of the filter with FTE per kind (one query each for schools, positions and caseload). */
async function coverage(ctx: Ctx, filter: { regionCode?: string; districtCode?: string }, withCaseload: boolean) {
  const where = and(
    eq(schools.active, true),
    scopeWhere(schoolScope(ctx.actor)),
    filter.regionCode ? eq(schools.regionCode, filter.regionCode) : undefined,
    filter.districtCode ? eq(schools.districtCode, filter.districtCode) : undefined,
  );
  const list: Basic[] = await ctx.db.select({
    id: schools.id, nameKk: schools.nameKk, nameRu: schools.nameRu, nameEn: schools.nameEn, regionCode: schools.regionCode, districtCode: schools.districtCode,
    students: schools.students, lat: schools.lat, lon: schools.lon,
  }).from(schools).where(where).orderBy(asc(schools.id));
  const fte = new Map<string, number>();
  for (const r of await ctx.db.select({ schoolId: specialists.schoolId, kind: specialists.kind, fte: sql<number>`sum(${specialists.fte})`.mapWith(Number) })
    .from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId)).where(and(where, eq(specialists.active, true))).groupBy(specialists.schoolId, specialists.kind)) {
    fte.set(`${r.schoolId}|${r.kind}`, r.fte);
  }
  const caseload = new Map<string, number>();
  if (withCaseload && list.length > 0) {
    const f = filter.districtCode ? sql`s.district_code = ${filter.districtCode}` : filter.regionCode ? sql`s.region_code = ${filter.regionCode}` : sql`true`;
    const scope = schoolScope(ctx.actor);
    const sc = scope.schoolId ? sql`s.id = ${scope.schoolId}` : scope.regionCode ? sql`s.region_code = ${scope.regionCode}` : sql`true`;
    const counts = await rawRows<{ school_id: string; n: number }>(ctx.db, sql`
      select school_id, sum(n)::int as n from (
        select c.school_id, count(*) as n from concerns c join schools s on s.id = c.school_id
          where c.status not in ('escalated', 'closed') and ${f} and ${sc} group by c.school_id
        union all
        select s.id as school_id, count(*) as n from cases k join schools s on s.id = any(k.school_ids)
          where k.status <> 'closed' and ${f} and ${sc} group by s.id
      ) x group by school_id`);
    for (const c of counts) caseload.set(c.school_id, Number(c.n));
  }
  return { list, fte, caseload };
}

function metricsOf(s: Basic, fte: Map<string, number>, caseload: Map<string, number>, norms: Map<string, Norm>, kinds: readonly string[]): SchoolMetrics {
  const figures = kinds.map((k) => {
    const norm = norms.get(k) as Norm;
    const have = fte.get(`${s.id}|${k}`) ?? 0;
    const need = s.students / norm.studentsPerFte;
    return { kind: k, fte: r6(have), studentsPerFte: have > 0 ? r1(s.students / have) : null, needFte: r6(need), gapFte: r6(Math.max(0, need - have)), normStudentsPerFte: norm.studentsPerFte };
  });
  const fteTotal = figures.reduce((t, f) => t + f.fte, 0);
  const open = caseload.get(s.id) ?? 0;
  const casesNorms = kinds.map((k) => norms.get(k)?.casesPerFte).filter((v): v is number => typeof v === 'number');
  const casesPerFte = casesNorms.length ? Math.min(...casesNorms) : null;
  const caseloadPerFte = fteTotal > 0 ? r1(open / fteTotal) : null;
  return {
    id: s.id, name: { kk: s.nameKk, ru: s.nameRu, en: s.nameEn }, regionCode: s.regionCode, districtCode: s.districtCode, students: s.students, lat: s.lat, lon: s.lon,
    kinds: figures, fteTotal: r6(fteTotal), openCaseload: open, caseloadPerFte, casesPerFte,
    underServed: figures.some((f) => f.gapFte > 1e-9),
    overloaded: casesPerFte !== null && (fteTotal > 0 ? open / fteTotal > casesPerFte : open > 0),
  };
}

export async function schoolMetrics(ctx: Ctx, q: z.infer<typeof schoolMetricsQuery>): Promise<z.infer<typeof schoolMetricsListSchema>> {
  requireAny(ctx.actor, 'workforce.read');
  const region = regionFilter(ctx.actor, q.regionCode);
  const norms = await loadNorms(ctx);
  const kinds = q.kind ? [q.kind] : SPECIALIST_KINDS;
  const { list, fte, caseload } = await coverage(ctx, { regionCode: region, districtCode: q.districtCode }, true);
  let all = list.map((s) => metricsOf(s, fte, caseload, norms, kinds));
  const underServed = all.filter((m) => m.underServed).length;
  if (q.underServedOnly) all = all.filter((m) => m.underServed);
  // the largest shortfall first, then the most students
  const gap = (m: SchoolMetrics) => m.kinds.reduce((t, k) => t + k.gapFte, 0);
  all.sort((a, b) => gap(b) - gap(a) || b.students - a.students || (a.id < b.id ? -1 : 1));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'workforce_schools', entityId: null, details: { regionCode: region ?? null, districtCode: q.districtCode ?? null, schools: all.length } });
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length, underServed };
}

// ---------------------------------------------------------------- summary by region or district

export const summaryQuery = z.object({ regionCode: regionCode.optional(), kind: kind.default('psychologist') });
const summaryGroup = z.object({
  code: z.string(), name: label, schools: z.number(), students: z.number(), fte: z.number(), needFte: z.number(), gapFte: z.number(),
  underServedSchools: z.number(), studentsPerFte: z.number().nullable(),
});
export const summarySchema = z.object({ level: z.enum(['region', 'district']), kind: z.string(), studentsPerFteNorm: z.number(), groups: z.array(summaryGroup), total: summaryGroup });

export async function workforceSummary(ctx: Ctx, q: z.infer<typeof summaryQuery>): Promise<z.infer<typeof summarySchema>> {
  requireAny(ctx.actor, 'workforce.read');
  const region = regionFilter(ctx.actor, q.regionCode);
  const norms = await loadNorms(ctx);
  const norm = norms.get(q.kind) as Norm;
  const { list, fte } = await coverage(ctx, { regionCode: region }, false);
  const level = region ? 'district' : 'region';
  const names = new Map((level === 'region'
    ? await ctx.db.select({ code: regions.code, kk: regions.nameKk, ru: regions.nameRu, en: regions.nameEn }).from(regions)
    : await ctx.db.select({ code: districts.code, kk: districts.nameKk, ru: districts.nameRu, en: districts.nameEn }).from(districts).where(eq(districts.regionCode, region as string))
  ).map((n) => [n.code, { kk: n.kk, ru: n.ru, en: n.en }]));
  type G = z.infer<typeof summaryGroup>;
  const blank = (code: string, name: G['name']): G => ({ code, name, schools: 0, students: 0, fte: 0, needFte: 0, gapFte: 0, underServedSchools: 0, studentsPerFte: null });
  const groups = new Map<string, G>();
  const total = blank('total', { kk: 'Барлығы', ru: 'Итого', en: 'Total' });
  for (const s of list) {
    const code = level === 'region' ? s.regionCode : s.districtCode;
    let g = groups.get(code);
    if (!g) groups.set(code, (g = blank(code, names.get(code) ?? { kk: code, ru: code, en: code })));
    const have = fte.get(`${s.id}|${q.kind}`) ?? 0;
    const need = s.students / norm.studentsPerFte;
    const gap = Math.max(0, need - have);
    for (const x of [g, total]) {
      x.schools += 1;
      x.students += s.students;
      x.fte += have;
      x.needFte += need;
      x.gapFte += gap;
      if (gap > 1e-9) x.underServedSchools += 1;
    }
  }
  const finish = (g: G): G => ({ ...g, fte: r6(g.fte), needFte: r6(g.needFte), gapFte: r6(g.gapFte), studentsPerFte: g.fte > 0 ? r1(g.students / g.fte) : null });
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'workforce_summary', entityId: null, details: { regionCode: region ?? null, kind: q.kind } });
  return { level, kind: q.kind, studentsPerFteNorm: norm.studentsPerFte, groups: [...groups.values()].map(finish).sort((a, b) => a.code.localeCompare(b.code)), total: finish(total) };
}

// ---------------------------------------------------------------- recommended allocation

export const allocationBody = z.object({
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  kind: kind.default('psychologist'),
  positions: z.number().min(0).max(100_000),
  step: z.union([z.literal(0.25), z.literal(0.5), z.literal(1)]).default(0.5),
  mode: z.enum(['new', 'reassign']).default('new'),
  /** reassign: at most this many FTE moved from schools above the norm (default: positions) */
  maxMoved: z.number().min(0).max(100_000).optional(),
}).strict();
export const allocationQuery = z.object({
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  kind: kind.default('psychologist'),
  positions: z.coerce.number().min(0).max(100_000),
  step: z.coerce.number().pipe(z.union([z.literal(0.25), z.literal(0.5), z.literal(1)])).default(0.5),
  mode: z.enum(['new', 'reassign']).default('new'),
  maxMoved: z.coerce.number().min(0).max(100_000).optional(),
  lang: z.enum(['kk', 'ru', 'en']).optional(),
});

const allocationRow = z.object({
  id: z.string(), name: label, districtCode: z.string(), students: z.number(), haveFte: z.number(), needFte: z.number(), add: z.number(), remove: z.number(), afterFte: z.number(),
  gapBefore: z.number(), gapAfter: z.number(), studentsPerFteBefore: z.number().nullable(), studentsPerFteAfter: z.number().nullable(), firstReduction: z.number(),
});
export const allocationSchema = z.object({
  regionCode: z.string().nullable(), districtCode: z.string().nullable(), kind: z.string(), mode: z.enum(['new', 'reassign']), step: z.number(), positions: z.number(),
  studentsPerFte: z.number(), schoolsTotal: z.number(),
  allocatedNew: z.number(), moved: z.number(), unallocated: z.number(),
  objectiveBefore: z.number(), objectiveAfter: z.number(), shortfallBefore: z.number(), shortfallAfter: z.number(),
  underServedBefore: z.number(), underServedAfter: z.number(),
  proportional: z.object({ objectiveAfter: z.number(), shortfallAfter: z.number() }),
  explanation: z.object({
    objective: z.literal('sum_squared_gap'),
    rules: z.array(z.object({ code: z.string(), step: z.number().optional(), steps: z.number().optional(), fte: z.number().optional(), donors: z.number().optional(), unallocatedFte: z.number().optional() })),
    firstSteps: z.array(z.object({ order: z.number(), schoolId: z.string(), schoolName: label, gapBefore: z.number(), gapAfter: z.number(), reduction: z.number() })),
  }),
  /** schools that get or give positions, or stay short (the others are at or above the norm) */
  schools: z.array(allocationRow),
});
export type AllocationDto = z.infer<typeof allocationSchema>;

export async function planAllocation(ctx: Ctx, input: z.infer<typeof allocationBody>, audit: 'read' | 'export' = 'read'): Promise<AllocationDto> {
  requireAny(ctx.actor, 'workforce.read');
  if (schoolScope(ctx.actor).schoolId) throw forbidden('An allocation plan spans many schools; school staff see only their own school.');
  const region = regionFilter(ctx.actor, input.regionCode);
  if (input.districtCode) {
    const districtRegion = (await territoryIndex(ctx.db)).districtRegion.get(input.districtCode);
    if (!districtRegion) throw validation([{ path: 'districtCode', message: 'no such district' }]);
    if (region && districtRegion !== region) throw validation([{ path: 'districtCode', message: `the district is not in ${region}` }]);
  }
  const norms = await loadNorms(ctx);
  const norm = norms.get(input.kind) as Norm;
  const { list, fte } = await coverage(ctx, { regionCode: region, districtCode: input.districtCode }, false);
  if (list.length === 0) throw new AppError('not_found', 'There are no active schools in this territory to plan for.');
  const units = input.positions / input.step;
  if (!Number.isInteger(Math.round(units * 1e9) / 1e9)) throw validation([{ path: 'positions', message: `must be a multiple of the step ${input.step}` }]);
  const schoolsIn = list.map((s) => ({ id: s.id, students: s.students, haveFte: fte.get(`${s.id}|${input.kind}`) ?? 0 }));
  const result: AllocationResult = allocatePositions({
    schools: schoolsIn, studentsPerFte: norm.studentsPerFte, positions: input.positions, step: input.step, mode: input.mode, maxMoved: input.maxMoved,
  });
  const baseline = proportionalAllocation({ schools: schoolsIn, studentsPerFte: norm.studentsPerFte, positions: input.positions, step: input.step });
  const byId = new Map(list.map((s) => [s.id, s]));
  const nameOf = (id: string) => {
    const s = byId.get(id);
    return s ? { kk: s.nameKk, ru: s.nameRu, en: s.nameEn } : { kk: id, ru: id, en: id };
  };
  const shown = result.schools.filter((r) => r.add > 0 || r.remove > 0 || r.gapAfter > 1e-9)
    .sort((a, b) => b.add - a.add || b.remove - a.remove || b.gapBefore - a.gapBefore || b.students - a.students || (a.id < b.id ? -1 : 1));
  await writeAudit(ctx.db, auditCtx(ctx), {
    action: audit, entityType: 'workforce_allocation', entityId: null,
    details: { regionCode: region ?? null, districtCode: input.districtCode ?? null, kind: input.kind, positions: input.positions, step: input.step, mode: input.mode, schools: list.length },
  });
  return {
    regionCode: region ?? null, districtCode: input.districtCode ?? null, kind: input.kind, mode: result.mode, step: result.step, positions: result.positions,
    studentsPerFte: norm.studentsPerFte, schoolsTotal: list.length,
    allocatedNew: result.allocatedNew, moved: result.moved, unallocated: result.unallocated,
    objectiveBefore: result.objectiveBefore, objectiveAfter: result.objectiveAfter, shortfallBefore: result.shortfallBefore, shortfallAfter: result.shortfallAfter,
    underServedBefore: result.underServedBefore, underServedAfter: result.underServedAfter,
    proportional: { objectiveAfter: baseline.objectiveAfter, shortfallAfter: baseline.shortfallAfter },
    explanation: {
      objective: 'sum_squared_gap',
      rules: result.explanation.rules,
      firstSteps: result.explanation.firstSteps.map((s) => ({ ...s, schoolName: nameOf(s.schoolId) })),
    },
    schools: shown.map((r) => ({ ...r, name: nameOf(r.id), districtCode: byId.get(r.id)?.districtCode ?? '' })),
  };
}
