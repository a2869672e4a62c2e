// Reading early-warning flags: on a person's record, on a case (its members), and as a risk
// register per school and district. Every read is authorised and audited; audit details carry
// ids, codes and counts only.
import { RISK_FLAG_KINDS, roleHas, type RiskFlagKind } from '@qorgau/core';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { caseScopeSql, visibleCase } from '../cases/access.ts';
import { rows, type Executor } from '../db/client.ts';
import { caseMembers, cases, persons, riskFlags } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { personAccess } from '../persons/service.ts';
import { denyAsNotFound, isUuid } from '../reports/service.ts';
import { ageSql } from './rules.ts';
import type { FlagDto, RegisterDto, RegisterQuery } from './schema.ts';

type FlagRow = typeof riskFlags.$inferSelect;

const KIND_ORDER = (k: string) => RISK_FLAG_KINDS.indexOf(k as RiskFlagKind);

export function toFlagDto(r: FlagRow): FlagDto {
  return {
    kind: r.kind, explanation: r.explanation, caseId: r.caseId, schoolId: r.schoolId,
    since: r.since.toISOString(), computedAt: r.computedAt.toISOString(),
  } as FlagDto;
}

/** The flags of these persons, by person, in the vocabulary's order. */
async function flagsOf(ex: Executor, personIds: readonly string[]): Promise<Map<string, FlagDto[]>> {
  const out = new Map<string, FlagDto[]>();
  if (!personIds.length) return out;
  const found = await ex.select().from(riskFlags).where(inArray(riskFlags.personId, [...personIds]));
  for (const r of found.sort((a, b) => KIND_ORDER(a.kind) - KIND_ORDER(b.kind))) {
    out.set(r.personId, [...(out.get(r.personId) ?? []), toFlagDto(r)]);
  }
  return out;
}

/** Readers of registers and case files; a teacher who typed a child's name into a concern does not see the child's flags. */
function readsFlags(actor: Actor): boolean {
  return roleHas(actor.role, 'reports.read') || roleHas(actor.role, 'cases.read');
}

/**
 * A person's flags, for whoever may read the person (persons/service.ts: one of their reports, or
 * registered them) or a case file they are a member of.
 */
export async function personFlags(ctx: Ctx, id: string): Promise<{ personId: string; items: FlagDto[] }> {
  if (!isUuid(id)) return denyAsNotFound(ctx, 'person', id, 'missing');
  if (!readsFlags(ctx.actor)) return denyAsNotFound(ctx, 'person', id, 'capability');
  const access = await personAccess(ctx, id);
  if (!access.p) return denyAsNotFound(ctx, 'person', id, 'missing');
  if (!access.allowed) {
    const [viaCase] = await ctx.db.select({ id: cases.id }).from(caseMembers).innerJoin(cases, eq(cases.id, caseMembers.caseId))
      .where(and(eq(caseMembers.personId, id), isNull(caseMembers.removedAt), caseScopeSql(ctx.actor))).limit(1);
    if (!viaCase) return denyAsNotFound(ctx, 'person', id, access.reason ?? 'unlinked');
  }
  const items = access.p.mergedInto ? [] : (await flagsOf(ctx.db, [id])).get(id) ?? [];
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'person_flags', entityId: id, details: { kinds: items.map((f) => f.kind) } });
  return { personId: id, items };
}

/** The flags of a case's members (those now in the household), for whoever may read the case. */
export async function caseFlags(ctx: Ctx, id: string) {
  const { c } = await visibleCase(ctx, id);
  const members = await ctx.db.select({ m: caseMembers, p: persons }).from(caseMembers).innerJoin(persons, eq(persons.id, caseMembers.personId))
    .where(and(eq(caseMembers.caseId, c.id), isNull(caseMembers.removedAt), isNull(persons.mergedInto)))
    .orderBy(desc(caseMembers.subject), asc(caseMembers.addedAt), asc(caseMembers.id));
  const flags = await flagsOf(ctx.db, members.map((r) => r.p.id));
  const items = members.filter((r) => flags.has(r.p.id)).map(({ m, p }) => ({
    personId: p.id, lastName: p.lastName, firstName: p.firstName, relation: m.relation, subject: m.subject, flags: flags.get(p.id) ?? [],
  }));
  await writeAudit(ctx.db, auditCtx(ctx), {
    action: 'read', entityType: 'case_flags', entityId: c.id,
    details: { persons: items.map((i) => i.personId), kinds: [...new Set(items.flatMap((i) => i.flags.map((f) => f.kind)))] },
  });
  return { caseId: c.id, items };
}

// ---------------------------------------------------------------- the risk register

/** The part of the register the actor sees: their school, district or region, or all of it. */
function territorySql(actor: Actor): SQL {
  const t = territoryOf(actor);
  switch (t.level) {
    case 'national': return sql`true`;
    case 'region': return sql`rf.region_code = ${t.regionCode}`;
    case 'district': return sql`rf.district_code = ${t.districtCode}`;
    case 'school': return sql`rf.school_id = ${t.schoolId}::uuid`;
  }
}

type CountRow = { children: number } & Record<RiskFlagKind, number>;
/** per child (pf): whether they have each kind; counted per group below */
const hasKinds = sql.join(RISK_FLAG_KINDS.map((k) => sql`bool_or(rf.kind = ${k}) as ${sql.identifier(`k_${k}`)}`), sql`, `);
const kindCounts = sql.join([
  sql`'children', count(*)::int`,
  ...RISK_FLAG_KINDS.map((k) => sql`${k}::text, (count(*) filter (where ${sql.identifier(`k_${k}`)}))::int`),
], sql`, `);
const pickKinds = (r: Partial<CountRow>) => Object.fromEntries(RISK_FLAG_KINDS.map((k) => [k, Number(r[k] ?? 0)])) as Record<RiskFlagKind, number>;

const SCHOOLS_LISTED = 500;

type Label3 = { kk: string; ru: string; en: string };
type RegisterCounts = {
  totals: CountRow | null;
  districts: (CountRow & { regionCode: string | null; districtCode: string | null; name: Label3 | null })[] | null;
  schools: (CountRow & { schoolId: string; districtCode: string; name: Label3 })[] | null;
  page: string[] | null;
};

/**
 * Children with flags in the actor's territory, with counts per district and per school. Those
 * who read case files (cases.read) get the children's names and flags; analysts (stats.read
 * without cases.read) get the counts only. One audit entry per listing: the filter and the count.
 */
export async function riskRegister(ctx: Ctx, q: RegisterQuery): Promise<RegisterDto> {
  const names = can(ctx.actor, 'cases.read');
  if (!names && !can(ctx.actor, 'stats.read')) throw forbidden('Your role does not see the risk register.');
  const where: SQL[] = [territorySql(ctx.actor)];
  if (q.regionCode) where.push(sql`rf.region_code = ${q.regionCode}`);
  if (q.districtCode) where.push(sql`rf.district_code = ${q.districtCode}`);
  if (q.schoolId) where.push(sql`rf.school_id = ${q.schoolId}::uuid`);
  if (q.kind) where.push(sql`rf.kind = ${q.kind}`);
  // one pass over the flags: a row per child (all of a child's flags share one place), then every count from it
  const [counts] = await rows<{ r: RegisterCounts }>(ctx.db, sql`
    with pf as materialized (
      select rf.person_id, min(rf.region_code) as region_code, min(rf.district_code) as district_code, (min(rf.school_id::text))::uuid as school_id,
        count(*) as n, max(rf.since) as latest, ${hasKinds}
      from risk_flags rf where ${sql.join(where, sql` and `)}
      group by rf.person_id
    )
    select jsonb_build_object(
      'totals', (select jsonb_build_object(${kindCounts}) from pf),
      'districts', (select jsonb_agg(x order by (x ->> 'children')::int desc, x ->> 'regionCode', x ->> 'districtCode') from (
        select jsonb_build_object('regionCode', pf.region_code, 'districtCode', pf.district_code,
          'name', (select jsonb_build_object('kk', d.name_kk, 'ru', d.name_ru, 'en', d.name_en) from districts d where d.code = pf.district_code), ${kindCounts}) as x
        from pf group by pf.region_code, pf.district_code) g),
      'schools', (select jsonb_agg(x order by (x ->> 'children')::int desc, x -> 'name' ->> 'ru') from (
        select jsonb_build_object('schoolId', s.id, 'districtCode', s.district_code, 'name', jsonb_build_object('kk', s.name_kk, 'ru', s.name_ru, 'en', s.name_en), ${kindCounts}) as x
        from pf join schools s on s.id = pf.school_id group by s.id
        order by count(*) desc limit ${SCHOOLS_LISTED + 1}) g),
      'page', ${names ? sql`(select jsonb_agg(person_id order by n desc, latest desc, person_id) from (
        select pf.person_id, pf.n, pf.latest from pf order by pf.n desc, pf.latest desc, pf.person_id limit ${q.limit + 1} offset ${q.offset}) pg)` : sql`null`}
    ) as r`);
  const r = counts?.r ?? { totals: null, districts: null, schools: null, page: null };
  const districts = r.districts ?? [];
  const schoolRows = r.schools ?? [];
  const totals = r.totals;
  const page = r.page ?? [];

  let items: RegisterDto['items'] = null;
  let nextOffset: number | null = null;
  if (names) {
    // the children with most flags first, then the most recent
    const ids = page.slice(0, q.limit);
    nextOffset = page.length > q.limit ? q.offset + q.limit : null;
    const today = sql`((${ctx.now.toISOString()}::timestamptz at time zone 'UTC') + interval '5 hours')::date`;
    const people = ids.length ? await rows<{
      id: string; last_name: string; first_name: string; middle_name: string | null; birth_date: string | null; birth_year_approx: number | null; sex: string | null; age: number | null;
    }>(ctx.db, sql`select p.id, p.last_name, p.first_name, p.middle_name, p.birth_date::text as birth_date, p.birth_year_approx, p.sex, ${ageSql('p', today)} as age
      from persons p where p.id = any(string_to_array(${ids.join(',')}, ',')::uuid[]) and p.merged_into is null`) : [];
    const flagRows = ids.length ? await ctx.db.select().from(riskFlags).where(inArray(riskFlags.personId, ids)) : [];
    const schoolIds = [...new Set(flagRows.map((r) => r.schoolId).filter((s): s is string => !!s))];
    const schoolNames = schoolIds.length ? await rows<{ id: string; name_kk: string; name_ru: string; name_en: string }>(ctx.db, sql`
      select id, name_kk, name_ru, name_en from schools where id = any(string_to_array(${schoolIds.join(',')}, ',')::uuid[])`) : [];
    const byPerson = new Map(people.map((p) => [p.id, p]));
    const schoolName = new Map(schoolNames.map((s) => [s.id, { kk: s.name_kk, ru: s.name_ru, en: s.name_en }]));
    items = ids.flatMap((id) => {
      const p = byPerson.get(id);
      if (!p) return [];
      const mine = flagRows.filter((r) => r.personId === id).sort((a, b) => KIND_ORDER(a.kind) - KIND_ORDER(b.kind));
      const first = mine[0];
      return [{
        personId: id, lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name, birthDate: p.birth_date, birthYearApprox: p.birth_year_approx,
        age: p.age === null ? null : Number(p.age), sex: p.sex,
        schoolId: first?.schoolId ?? null, schoolName: first?.schoolId ? schoolName.get(first.schoolId) ?? null : null,
        regionCode: first?.regionCode ?? null, districtCode: first?.districtCode ?? null,
        flags: mine.map(toFlagDto),
      }];
    });
  }
  const [state] = await rows<{ at: string | null }>(ctx.db, sql`select value ->> 'at' as at from system_state where key = 'risk_flags_full_run'`);
  const total = Number(totals?.children ?? 0);
  await writeAudit(ctx.db, auditCtx(ctx), {
    action: 'read', entityType: 'risk_register', entityId: null,
    details: {
      filter: { regionCode: q.regionCode ?? null, districtCode: q.districtCode ?? null, schoolId: q.schoolId ?? null, kind: q.kind ?? null, offset: q.offset },
      count: total, countsOnly: !names, results: items?.map((i) => i.personId) ?? [],
    },
  });
  return {
    countsOnly: !names,
    total,
    byKind: pickKinds(totals ?? {}),
    byDistrict: districts.map((d) => ({ regionCode: d.regionCode, districtCode: d.districtCode, children: Number(d.children), byKind: pickKinds(d), name: d.name })),
    bySchool: schoolRows.slice(0, SCHOOLS_LISTED).map((x) => ({ schoolId: x.schoolId, districtCode: x.districtCode, children: Number(x.children), byKind: pickKinds(x), name: x.name })),
    schoolsTruncated: schoolRows.length > SCHOOLS_LISTED,
    items,
    nextOffset,
    computedAt: state?.at ?? null,
  };
}
