// Coverage of prevention work: which schools a programme reached in a period, by region, district
// or school, and the schools it never reached (biggest first). A school counts as reached when at
// least one session was recorded there in the period; closed schools (active = false) are left out.
import { LOCALES } from '@qorgau/core';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { validation } from '../http/errors.ts';
import { scopeOf, scopeSql, type PreventionScope } from './access.ts';

const date = z.iso.date('must be a date YYYY-MM-DD');
const filters = {
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional(),
  districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code').optional(),
  programmeId: z.string().uuid('must be an id').optional(),
  from: date,
  to: date,
};
export const coverageQuery = z.object({ level: z.enum(['region', 'district', 'school']).default('region'), ...filters }).strict();
export const unreachedQuery = z.object({
  ...filters,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
export const exportQuery = { format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: z.enum(LOCALES).default('ru') };
export const coverageExportQuery = coverageQuery.extend(exportQuery);
export const unreachedExportQuery = z.object({ ...filters, ...exportQuery }).strict();
export type CoverageQuery = z.infer<typeof coverageQuery>;
type Filters = Pick<CoverageQuery, 'regionCode' | 'districtCode' | 'programmeId' | 'from' | 'to'>;

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const figures = {
  schoolsTotal: z.number(), schoolsReached: z.number(),
  /** reached / total × 100, one decimal; null without schools */
  reachedPercent: z.number().nullable(),
  sessions: z.number(),
  /** attendances: a pupil at two sessions counts twice */
  participants: z.number(),
  students: z.number(),
  /** participants per 100 students, one decimal; null without students */
  participantsPer100: z.number().nullable(),
};
const unitSchema = z.object({ code: z.string(), name: label, regionCode: z.string(), districtCode: z.string().nullable(), ...figures });
export const coverageSchema = z.object({
  level: z.enum(['region', 'district', 'school']), from: z.string(), to: z.string(), programmeId: z.string().nullable(),
  units: z.array(unitSchema), totals: z.object(figures),
});
export type Coverage = z.infer<typeof coverageSchema>;
export const unreachedSchema = z.object({
  from: z.string(), to: z.string(), total: z.number(),
  items: z.array(z.object({
    schoolId: z.string(), name: label, regionCode: z.string(), districtCode: z.string(), districtName: label, students: z.number(),
    /** the last session before the period (of the programme, when one is chosen); null: never reached */
    lastSessionOn: z.string().nullable(),
  })),
});
export type Unreached = z.infer<typeof unreachedSchema>;

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

function checkFilters(q: Filters): void {
  if (q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
}

/** Active schools in the caller's scope and the filters (alias sc). */
function schoolFilter(scope: PreventionScope, q: Filters): SQL {
  const parts: SQL[] = [sql`sc.active`, scopeSql(scope, 'sc', 'id')];
  if (q.regionCode) parts.push(sql`sc.region_code = ${q.regionCode}`);
  if (q.districtCode) parts.push(sql`sc.district_code = ${q.districtCode}`);
  return sql.join(parts, sql` and `);
}

function sessionFilter(q: Filters): SQL {
  const parts: SQL[] = [sql`ps.held_on between ${q.from}::date and ${q.to}::date`, sql`ps.school_id is not null`];
  if (q.programmeId) parts.push(sql`ps.programme_id = ${q.programmeId}::uuid`);
  return sql.join(parts, sql` and `);
}

type Raw = Record<string, unknown>;
async function rowsOf(ctx: Ctx, query: SQL): Promise<Raw[]> {
  const res: unknown = await ctx.db.execute(query);
  return (res as { rows: Raw[] }).rows;
}

export async function coverageData(ctx: Ctx, q: CoverageQuery): Promise<Coverage> {
  checkFilters(q);
  const scope = await scopeOf(ctx, 'read');
  if (q.level === 'school' && !q.districtCode && !q.regionCode && (scope.level === 'national')) {
    throw validation([{ path: 'regionCode', message: 'choose a region or a district to list schools' }]);
  }
  const key = q.level === 'region' ? sql`sc.region_code` : q.level === 'district' ? sql`sc.district_code` : sql`sc.id::text`;
  const names = q.level === 'region'
    ? sql`left join regions n on n.code = c.code`
    : q.level === 'district' ? sql`left join districts n on n.code = c.code` : sql`left join schools n on n.id::text = c.code`;
  const rows = await rowsOf(ctx, sql`
    with ses as (
      select ps.school_id, count(*)::int as sessions, sum(ps.participants_total)::int as participants
      from prevention_sessions ps where ${sessionFilter(q)} group by ps.school_id
    ), c as (
      select ${key} as code, min(sc.region_code) as region_code, min(sc.district_code) as district_code,
        count(*)::int as schools_total, count(ses.school_id)::int as schools_reached,
        coalesce(sum(ses.sessions), 0)::int as sessions, coalesce(sum(ses.participants), 0)::int as participants,
        coalesce(sum(sc.students), 0)::int as students
      from schools sc left join ses on ses.school_id = sc.id
      where ${schoolFilter(scope, q)}
      group by 1
    )
    select c.*, n.name_kk, n.name_ru, n.name_en from c ${names}
    order by c.region_code, c.district_code, n.name_ru, c.code`);
  const units = rows.map((r) => {
    const f = { schoolsTotal: Number(r.schools_total), schoolsReached: Number(r.schools_reached), sessions: Number(r.sessions), participants: Number(r.participants), students: Number(r.students) };
    return {
      code: String(r.code), name: { kk: String(r.name_kk ?? r.code), ru: String(r.name_ru ?? r.code), en: String(r.name_en ?? r.code) },
      regionCode: String(r.region_code), districtCode: q.level === 'region' ? null : String(r.district_code),
      ...f, reachedPercent: pct(f.schoolsReached, f.schoolsTotal), participantsPer100: per100(f.participants, f.students),
    };
  });
  const sum = (k: 'schoolsTotal' | 'schoolsReached' | 'sessions' | 'participants' | 'students') => units.reduce((a, u) => a + u[k], 0);
  const t = { schoolsTotal: sum('schoolsTotal'), schoolsReached: sum('schoolsReached'), sessions: sum('sessions'), participants: sum('participants'), students: sum('students') };
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'prevention_coverage', entityId: null, details: { level: q.level, from: q.from, to: q.to, regionCode: q.regionCode ?? null, programmeId: q.programmeId ?? null } });
  return {
    level: q.level, from: q.from, to: q.to, programmeId: q.programmeId ?? null, units,
    totals: { ...t, reachedPercent: pct(t.schoolsReached, t.schoolsTotal), participantsPer100: per100(t.participants, t.students) },
  };
}

function per100(participants: number, students: number): number | null {
  return students > 0 ? Math.round((participants * 1000) / students) / 10 : null;
}

export async function unreachedData(ctx: Ctx, q: Filters & { limit: number; offset: number }, audit: boolean = true): Promise<Unreached> {
  checkFilters(q);
  const scope = await scopeOf(ctx, 'read');
  const where = sql`${schoolFilter(scope, q)} and not exists (select 1 from prevention_sessions ps where ps.school_id = sc.id and ${sessionFilter(q)})`;
  const [n] = await rowsOf(ctx, sql`select count(*)::int as n from schools sc where ${where}`);
  const rows = await rowsOf(ctx, sql`
    select sc.id, sc.name_kk, sc.name_ru, sc.name_en, sc.region_code, sc.district_code, sc.students,
      d.name_kk as d_kk, d.name_ru as d_ru, d.name_en as d_en,
      (select max(ps.held_on)::text from prevention_sessions ps where ps.school_id = sc.id and ps.held_on < ${q.from}::date
        ${q.programmeId ? sql`and ps.programme_id = ${q.programmeId}::uuid` : sql``}) as last_on
    from schools sc join districts d on d.code = sc.district_code
    where ${where}
    order by sc.students desc, sc.name_ru, sc.id
    limit ${q.limit} offset ${q.offset}`);
  if (audit) await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'prevention_unreached', entityId: null, details: { from: q.from, to: q.to, regionCode: q.regionCode ?? null, programmeId: q.programmeId ?? null } });
  return {
    from: q.from, to: q.to, total: Number(n?.n ?? 0),
    items: rows.map((r) => ({
      schoolId: String(r.id), name: { kk: String(r.name_kk), ru: String(r.name_ru), en: String(r.name_en) }, regionCode: String(r.region_code),
      districtCode: String(r.district_code), districtName: { kk: String(r.d_kk), ru: String(r.d_ru), en: String(r.d_en) }, students: Number(r.students),
      lastSessionOn: typeof r.last_on === 'string' ? r.last_on.slice(0, 10) : null,
    })),
  };
}

