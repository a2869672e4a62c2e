// Early-warning flags (issue 5, PRODUCT.md N9): computed for children from the register, the case
// files and the schools' safeguarding concerns, each with an explanation made of codes, numbers,
// ids and dates (never names or narrative). The rules' windows and ages are data (RULES); the
// computation is one set-based SQL statement, for everyone (the hourly job) or for a few persons
// (recomputeFlagsFor, called by the report and case services in their own transactions).
// docs/early-warning.md explains each rule and why.
import { RISK_FLAG_KINDS, type RiskFlagKind, type RiskLevel } from '@qorgau/core';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../db/client.ts';
import type { Deps } from '../deps.ts';

export const RULES = {
  /** persons of these case relations are the household's children (besides subject members) */
  childRelations: ['child', 'sibling'] as readonly string[],
  /** flags are for children: a person known to be this old or older gets none */
  adultAge: 18,
  repeatReport: { windowMonths: 12, minReports: 2 },
  siblingReports: { windowMonths: 12 },
  /** 14–17: basic secondary school runs to about 15, and from 16 work is lawful; below 14 a child out of school is a school-attendance matter */
  neetTeen: { ageMin: 14, ageMax: 17, occupation: 'neither' },
  /** a new case or report less than 6 months after the previous case closed; a report counts while it is within 12 months */
  recentCaseClosed: { withinMonths: 6, reportWindowMonths: 12 },
  highRisk: { levels: ['high', 'very_high'] as readonly RiskLevel[] },
  schoolAbsence: { windowDays: 90, minConcerns: 2, category: 'absence', item: 'school_attendance', option: 'persistent' },
  /** at most this many reports or concerns are listed in an explanation (the count says how many there are) */
  listMax: 20,
} as const;

export type FlagKind = RiskFlagKind;
export const FLAG_KINDS = RISK_FLAG_KINDS;

/** An instant as JSON text the way JavaScript writes it (UTC, milliseconds, Z). */
const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A person's age in whole years on `today` (a date), from the birth date or the approximate birth year; null when unknown. */
export const ageSql = (p: string, today: SQL) => {
  const a = sql.raw(p);
  return sql`(case when ${a}.birth_date is not null then extract(year from age(${today}, ${a}.birth_date))::int
    when ${a}.birth_year_approx is not null then extract(year from ${today})::int - ${a}.birth_year_approx end)`;
};

/** A constant of the rules written into the statement (never user input). */
const n = (x: number) => sql.raw(String(Math.trunc(x)));

const uuidArray = (ids: readonly string[]) => sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
const textArray = (xs: readonly string[]) => sql`string_to_array(${xs.join(',')}, ',')::text[]`;

/**
 * The flags as rows (person_id, kind, case_id, explanation, since, school_id, region_code,
 * district_code) for the persons `only` (null: everyone). `scope` bounds the persons whose reports
 * are read (a superset of `only`: their siblings too).
 */
function flagsQuery(nowIso: string, only: readonly string[] | null, scope: readonly string[] | null): SQL {
  const now = sql`${nowIso}::timestamptz`;
  const today = sql`((${nowIso}::timestamptz at time zone 'UTC') + interval '5 hours')::date`;
  const inOnly = (col: SQL) => (only ? sql`${col} = any(${uuidArray(only)})` : sql`true`);
  const inScope = (col: SQL) => (scope ? sql`${col} = any(${uuidArray(scope)})` : sql`true`);
  const childMember = (m: string) => sql`(${sql.raw(m)}.subject or ${sql.raw(m)}.relation = any(${textArray(RULES.childRelations)}))`;
  const R = RULES;
  const reportRef = (a: string) => sql`jsonb_build_object('id', ${sql.raw(a)}.id, 'number', ${sql.raw(a)}.number, 'receivedAt', ${iso(sql.raw(`${a}.received_at`))})`;
  return sql`
  with
  -- reports in which a person is a victim, received within the last 12 months
  vr as materialized (
    select distinct ip.person_id, r.id, r.number, r.received_at, r.region_code, r.district_code
    from incident_persons ip
    join incidents i on i.id = ip.incident_id
    join reports r on r.id = i.report_id
    where ip.role = 'victim' and ${inScope(sql`ip.person_id`)}
      and r.received_at > ${now} - make_interval(months => ${n(R.repeatReport.windowMonths)}) and r.received_at <= ${now}
  ),
  rr as (
    select vr.person_id, 'repeat_report'::text as kind, null::uuid as case_id,
      jsonb_build_object('windowMonths', ${n(R.repeatReport.windowMonths)}, 'count', count(*)::int,
        'reports', to_jsonb((array_agg(${reportRef('vr')} order by vr.received_at desc))[1:${n(R.listMax)}])) as explanation,
      (array_agg(vr.received_at order by vr.received_at))[${n(R.repeatReport.minReports)}] as since,
      (array_agg(vr.region_code order by vr.received_at desc))[1] as region_code,
      (array_agg(vr.district_code order by vr.received_at desc))[1] as district_code
    from vr where ${inOnly(sql`vr.person_id`)}
    group by vr.person_id having count(*) >= ${n(R.repeatReport.minReports)}
  ),
  -- children of the same household: both child members (not removed) of one case
  sib as (
    select distinct m1.person_id, m2.person_id as sibling_id, m1.case_id
    from case_members m1
    join case_members m2 on m2.case_id = m1.case_id and m2.person_id <> m1.person_id and m2.removed_at is null and ${childMember('m2')}
    where m1.removed_at is null and ${childMember('m1')} and ${inOnly(sql`m1.person_id`)}
  ),
  sr as (
    select s.person_id, 'sibling_reports'::text as kind, (array_agg(s.case_id order by v.received_at desc))[1] as case_id,
      jsonb_build_object('windowMonths', ${n(R.siblingReports.windowMonths)}, 'count', count(distinct v.id)::int,
        'siblingIds', to_jsonb(array_agg(distinct s.sibling_id)), 'caseIds', to_jsonb(array_agg(distinct s.case_id)),
        'reports', to_jsonb((array_agg(distinct jsonb_build_object('id', v.id, 'number', v.number, 'receivedAt', ${iso(sql`v.received_at`)}, 'siblingId', s.sibling_id)))[1:${n(R.listMax)}])) as explanation,
      min(v.received_at) as since,
      (array_agg(v.region_code order by v.received_at desc))[1] as region_code,
      (array_agg(v.district_code order by v.received_at desc))[1] as district_code
    from sib s
    join vr v on v.person_id = s.sibling_id
    -- a report the child is a victim in too is the child's own, not a sibling's
    where not exists (select 1 from vr own where own.person_id = s.person_id and own.id = v.id)
    group by s.person_id
  ),
  -- child members of open cases, with the case's latest assessment
  ocm as materialized (
    select m.person_id, m.case_id, m.added_at, m.occupation, c.number as case_number, c.region_code, c.district_code,
      a.id as assessment_id, a.level, a.scored_level, a.score, a.assessed_at, a.answers
    from case_members m
    join cases c on c.id = m.case_id and c.status <> 'closed'
    left join lateral (
      select a.id, a.level, a.scored_level, a.score, a.assessed_at, a.answers from case_assessments a
      where a.case_id = c.id order by a.assessed_at desc, a.id desc limit 1
    ) a on true
    where m.removed_at is null and ${childMember('m')} and ${inOnly(sql`m.person_id`)}
  ),
  nt as (
    select distinct on (o.person_id) o.person_id, 'neet_teen'::text as kind, o.case_id,
      jsonb_build_object('age', ${ageSql('p', today)}, 'ageMin', ${n(R.neetTeen.ageMin)}, 'ageMax', ${n(R.neetTeen.ageMax)},
        'occupation', o.occupation, 'caseId', o.case_id, 'caseNumber', o.case_number) as explanation,
      o.added_at as since, o.region_code, o.district_code
    from ocm o join persons p on p.id = o.person_id
    where o.occupation = ${R.neetTeen.occupation} and ${ageSql('p', today)} between ${n(R.neetTeen.ageMin)} and ${n(R.neetTeen.ageMax)}
    order by o.person_id, o.added_at desc
  ),
  hr as (
    select distinct on (o.person_id) o.person_id, 'high_risk'::text as kind, o.case_id,
      jsonb_build_object('level', o.level, 'scoredLevel', o.scored_level, 'score', o.score, 'assessedAt', ${iso(sql`o.assessed_at`)},
        'assessmentId', o.assessment_id, 'caseId', o.case_id, 'caseNumber', o.case_number) as explanation,
      o.assessed_at as since, o.region_code, o.district_code
    from ocm o
    where o.level = any(${textArray(R.highRisk.levels)})
    order by o.person_id, array_position(${textArray(R.highRisk.levels)}, o.level) desc, o.assessed_at desc
  ),
  -- cases a child was a member of when they closed
  prev as (
    select m.person_id, c.id, c.number, c.closed_at, c.close_reason
    from case_members m join cases c on c.id = m.case_id
    where c.status = 'closed' and c.closed_at is not null and (m.removed_at is null or m.removed_at >= c.closed_at)
      and ${childMember('m')} and ${inOnly(sql`m.person_id`)}
  ),
  -- what may come soon after: an open case, or a report (within its 12 months)
  trig as (
    select o.person_id, 'case'::text as trigger, o.case_id as id, o.case_number as number, c.opened_at as at, o.region_code, o.district_code
    from ocm o join cases c on c.id = o.case_id
    union all
    select v.person_id, 'report', v.id, v.number, v.received_at, v.region_code, v.district_code
    from vr v where ${inOnly(sql`v.person_id`)}
      and v.received_at > ${now} - make_interval(months => ${n(R.recentCaseClosed.reportWindowMonths)})
  ),
  rc as (
    select distinct on (t.person_id) t.person_id, 'recent_case_closed'::text as kind, pc.id as case_id,
      jsonb_build_object('withinMonths', ${n(R.recentCaseClosed.withinMonths)}, 'previousCaseId', pc.id, 'previousCaseNumber', pc.number,
        'closedAt', ${iso(sql`pc.closed_at`)}, 'closeReason', pc.close_reason, 'trigger', t.trigger, 'triggerId', t.id,
        'triggerNumber', t.number, 'triggerAt', ${iso(sql`t.at`)}, 'days', (extract(epoch from t.at - pc.closed_at) / 86400)::int) as explanation,
      t.at as since, t.region_code, t.district_code
    from trig t
    join prev pc on pc.person_id = t.person_id and pc.id <> t.id
      and t.at > pc.closed_at and t.at < pc.closed_at + make_interval(months => ${n(R.recentCaseClosed.withinMonths)})
    order by t.person_id, t.at desc, pc.closed_at desc
  ),
  -- school absence: repeated absence concerns, or an assessment saying the child misses school persistently
  ab as (
    select c.person_id, count(*)::int as n,
      to_jsonb((array_agg(jsonb_build_object('id', c.id, 'observedAt', ${iso(sql`c.observed_at`)}, 'schoolId', c.school_id) order by c.observed_at desc))[1:${n(R.listMax)}]) as list,
      (array_agg(c.observed_at order by c.observed_at))[${n(R.schoolAbsence.minConcerns)}] as since,
      (array_agg(c.school_id order by c.observed_at desc))[1] as school_id
    from concerns c
    where ${R.schoolAbsence.category} = any(c.categories) and ${inOnly(sql`c.person_id`)}
      and c.observed_at > ${now} - make_interval(days => ${n(R.schoolAbsence.windowDays)}) and c.observed_at <= ${now}
    group by c.person_id having count(*) >= ${n(R.schoolAbsence.minConcerns)}
  ),
  aa as (
    select distinct on (o.person_id) o.person_id, o.case_id, o.case_number, o.assessed_at, o.region_code, o.district_code
    from ocm o where coalesce(o.answers -> 'items' ->> ${R.schoolAbsence.item}, o.answers ->> ${R.schoolAbsence.item}) = ${R.schoolAbsence.option}
    order by o.person_id, o.assessed_at desc
  ),
  sa as (
    select coalesce(ab.person_id, aa.person_id) as person_id, 'school_absence'::text as kind, aa.case_id,
      jsonb_build_object('windowDays', ${n(R.schoolAbsence.windowDays)}, 'minConcerns', ${n(R.schoolAbsence.minConcerns)},
        'count', coalesce(ab.n, 0), 'concerns', coalesce(ab.list, '[]'::jsonb),
        'assessment', case when aa.person_id is null then null else jsonb_build_object('caseId', aa.case_id, 'caseNumber', aa.case_number,
          'assessedAt', ${iso(sql`aa.assessed_at`)}, 'item', ${R.schoolAbsence.item}::text, 'option', ${R.schoolAbsence.option}::text) end) as explanation,
      least(ab.since, aa.assessed_at) as since,
      coalesce(s.region_code, aa.region_code) as region_code, case when s.id is not null then s.district_code else aa.district_code end as district_code,
      ab.school_id
    from ab full join aa on aa.person_id = ab.person_id
    left join schools s on s.id = ab.school_id
  ),
  flags as (
    select person_id, kind, case_id, explanation, since, region_code, district_code, null::uuid as school_id from rr
    union all select person_id, kind, case_id, explanation, since, region_code, district_code, null from sr
    union all select person_id, kind, case_id, explanation, since, region_code, district_code, null from nt
    union all select person_id, kind, case_id, explanation, since, region_code, district_code, null from hr
    union all select person_id, kind, case_id, explanation, since, region_code, district_code, null from rc
    union all select person_id, kind, case_id, explanation, since, region_code, district_code, school_id from sa
  ),
  -- children only (not merged away, not known to be adults)
  kids as (
    select p.id, p.region_code, p.district_code from persons p
    where p.id in (select person_id from flags) and p.merged_into is null
      and coalesce(${ageSql('p', today)} < ${n(R.adultAge)}, true)
  ),
  -- where the child goes to school: a case membership's school (open cases first), else the latest concern's school
  home as (
    select k.id as person_id, coalesce(ms.school_id, cs.school_id) as school_id, k.region_code, k.district_code
    from kids k
    left join lateral (
      select m.school_id from case_members m join cases c on c.id = m.case_id
      where m.person_id = k.id and m.removed_at is null and m.school_id is not null
      order by (c.status <> 'closed') desc, m.added_at desc limit 1
    ) ms on true
    left join lateral (select c.school_id from concerns c where c.person_id = k.id order by c.observed_at desc limit 1) cs on true
  ),
  -- one place per child for all their flags (the register counts a child once): the school's
  -- territory when the school is known, else that of the latest flag's source, else the person's record
  placed as (
    select f.person_id, f.kind, f.case_id, f.explanation, f.since, coalesce(h.school_id, f.school_id) as school_id,
      h.region_code as own_region, h.district_code as own_district,
      first_value(f.region_code) over w as src_region, first_value(f.district_code) over w as src_district
    from flags f join home h on h.person_id = f.person_id
    window w as (partition by f.person_id order by (f.region_code is null), f.since desc)
  )
  select p.person_id, p.kind, p.case_id, p.explanation, p.since, p.school_id,
    coalesce(s.region_code, p.src_region, p.own_region) as region_code,
    case when s.id is not null then s.district_code when p.src_region is not null then p.src_district else p.own_district end as district_code
  from placed p
  left join schools s on s.id = p.school_id`;
}

export type ComputeResult = { persons: number | null; flags: number; ms: number };

/**
 * Replace the risk_flags rows of the persons (null: everyone) with what the rules say now, in one
 * statement. `guardFresher`: leave rows alone that a later recomputation wrote meanwhile (the
 * hourly run reads a snapshot that a report registered during it may have outdated).
 */
async function replaceFlags(ex: Executor, now: Date, only: readonly string[] | null, scope: readonly string[] | null, guardFresher: boolean): Promise<number> {
  const nowIso = now.toISOString();
  const owned = only ? sql`rf.person_id = any(${uuidArray(only)})` : sql`true`;
  const fresher = guardFresher ? sql`and rf.computed_at <= ${nowIso}::timestamptz` : sql``;
  const upsertGuard = guardFresher ? sql`where risk_flags.computed_at <= excluded.computed_at` : sql``;
  // one large statement: PostgreSQL's JIT would spend seconds compiling it for milliseconds of work
  await ex.execute(sql`set local jit = off`);
  const out = await rows<{ n: number }>(ex, sql`
    with computed as materialized (${flagsQuery(nowIso, only, scope)}),
    gone as (
      delete from risk_flags rf where ${owned} ${fresher}
        and not exists (select 1 from computed c where c.person_id = rf.person_id and c.kind = rf.kind)
    ),
    put as (
      insert into risk_flags (person_id, kind, case_id, explanation, school_id, region_code, district_code, since, computed_at)
      select person_id, kind, case_id, explanation, school_id, region_code, district_code, since, ${nowIso}::timestamptz from computed
      on conflict (person_id, kind) do update set case_id = excluded.case_id, explanation = excluded.explanation, school_id = excluded.school_id,
        region_code = excluded.region_code, district_code = excluded.district_code, since = excluded.since, computed_at = excluded.computed_at
      ${upsertGuard}
      returning 1
    )
    select count(*)::int as n from put`);
  return out[0]?.n ?? 0;
}

/** The persons whose flags depend on these persons' records: themselves and the other children of their households. */
async function household(ex: Executor, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await rows<{ id: string }>(ex, sql`
    select distinct m2.person_id as id from case_members m1
    join case_members m2 on m2.case_id = m1.case_id and m2.removed_at is null
    where m1.person_id = any(${uuidArray(ids)}) and m1.removed_at is null`);
  return [...new Set([...ids, ...found.map((r) => r.id)])];
}

/**
 * The cheap path: recompute the flags of these persons and of the other children of their
 * households (a report about one child can flag a sibling), in the caller's transaction. The
 * report and case services call it after a change that touches these persons.
 */
export async function recomputeFlagsFor(tx: Executor, now: Date, personIds: readonly string[]): Promise<number> {
  const ids = [...new Set(personIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!ids.length) return 0;
  const only = await household(tx, ids);
  const scope = await household(tx, only);
  return replaceFlags(tx, now, only, scope, false);
}

/**
 * Compute the flags of the given persons (recomputeFlagsFor), or of everyone (personIds absent):
 * the whole table is replaced in one transaction, leaving alone rows that a later incremental
 * recomputation wrote meanwhile.
 */
export async function computeFlags(ex: Db, now: Date, personIds?: readonly string[]): Promise<ComputeResult> {
  const started = performance.now();
  if (personIds) {
    const flags = await ex.transaction((tx) => recomputeFlagsFor(tx, now, personIds));
    return { persons: personIds.length, flags, ms: Math.round(performance.now() - started) };
  }
  const flags = await ex.transaction((tx) => replaceFlags(tx, now, null, null, true));
  return { persons: null, flags, ms: Math.round(performance.now() - started) };
}

const FULL_RUN_LOCK = sql`hashtext('qorgau:risk-flags')`;
const FULL_RUN_KEY = 'risk_flags_full_run';
const FULL_RUN_EVERY_MS = 55 * 60_000;

/**
 * The hourly job (jobs.ts): every instance ticks, the first to take the advisory lock runs, and
 * the time of the last run (system_state) keeps the others from running again within the hour.
 */
export async function refreshAllFlags(deps: Pick<Deps, 'db' | 'clock' | 'log'>, opts: { force?: boolean } = {}): Promise<ComputeResult | null> {
  const db: Db = deps.db;
  const now = deps.clock.now();
  const started = performance.now();
  const result = await db.transaction(async (tx) => {
    const [lock] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${FULL_RUN_LOCK}) as ok`);
    if (!lock?.ok) return null;
    const [last] = await rows<{ at: string | null }>(tx, sql`select value ->> 'at' as at from system_state where key = ${FULL_RUN_KEY}`);
    if (!opts.force && last?.at && now.getTime() - Date.parse(last.at) < FULL_RUN_EVERY_MS) return null;
    const flags = await replaceFlags(tx, now, null, null, true);
    const ms = Math.round(performance.now() - started);
    const value = JSON.stringify({ at: now.toISOString(), flags, ms });
    await tx.execute(sql`insert into system_state (key, value) values (${FULL_RUN_KEY}, ${value}::jsonb)
      on conflict (key) do update set value = excluded.value`);
    return { persons: null, flags, ms };
  });
  if (result) deps.log.info({ job: 'risk-flags', flags: result.flags, ms: result.ms }, 'early-warning flags recomputed');
  return result;
}

const TOUCHED_LOCK = sql`hashtext('qorgau:risk-flags-touched')`;
const TOUCHED_KEY = 'risk_flags_touched';
/** audit entries younger than this wait for the next pass: their transaction may still be open */
const TOUCHED_SETTLE_MS = 30_000;
/** more persons than this in one pass (a large import) are left to the hourly full run */
const TOUCHED_MAX_PERSONS = 5_000;

/**
 * Every minute (jobs.ts): the flags of the persons whose reports, cases, concerns or own records
 * changed since the last pass, with their households. What changed is read from the audit log by
 * its id (a primary-key range), so the writers need not know about flags; the hourly full run
 * (refreshAllFlags) catches anything this misses. One instance at a time (advisory lock).
 */
export async function refreshTouchedFlags(deps: Pick<Deps, 'db' | 'clock' | 'log'>): Promise<{ persons: number; flags: number } | null> {
  const db: Db = deps.db;
  const now = deps.clock.now();
  const result = await db.transaction(async (tx) => {
    const [lock] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${TOUCHED_LOCK}) as ok`);
    if (!lock?.ok) return null;
    const [state] = await rows<{ after: string | null }>(tx, sql`select value ->> 'auditId' as after from system_state where key = ${TOUCHED_KEY}`);
    const settled = new Date(now.getTime() - TOUCHED_SETTLE_MS).toISOString();
    let after = Number(state?.after ?? Number.NaN);
    if (!Number.isFinite(after)) {
      // the first pass starts from here: what came before is the full run's
      const [head] = await rows<{ id: number | null }>(tx, sql`select max(id)::float8 as id from audit_log where at <= ${settled}::timestamptz`);
      after = Number(head?.id ?? 0);
    }
    const [upto] = await rows<{ id: number | null }>(tx, sql`select max(id)::float8 as id from audit_log where id > ${after} and at <= ${settled}::timestamptz`);
    const until = upto?.id === null || upto?.id === undefined ? after : Number(upto.id);
    let personIds: string[] = [];
    if (until > after) {
      const touched = await rows<{ id: string }>(tx, sql`
        with changed as (
          select entity_type, entity_id, details ->> 'survivorId' as survivor from audit_log
          where id > ${after} and id <= ${until} and entity_id ~ '^[0-9a-f-]{36}$'
            and action in ('create', 'update', 'merge', 'unmerge') and entity_type in ('report', 'case', 'concern', 'person'))
        select ip.person_id::text as id from changed c join incidents i on c.entity_type = 'report' and i.report_id = c.entity_id::uuid
          join incident_persons ip on ip.incident_id = i.id and ip.role = 'victim'
        union select m.person_id::text from changed c join case_members m on c.entity_type = 'case' and m.case_id = c.entity_id::uuid
        union select k.person_id::text from changed c join concerns k on c.entity_type = 'concern' and k.id = c.entity_id::uuid
        union select c.entity_id from changed c where c.entity_type = 'person'
        union select c.survivor from changed c where c.entity_type = 'person' and c.survivor ~ '^[0-9a-f-]{36}$'`);
      personIds = touched.map((r) => r.id);
    }
    const flags = personIds.length && personIds.length <= TOUCHED_MAX_PERSONS ? await recomputeFlagsFor(tx, now, personIds) : 0;
    const value = JSON.stringify({ auditId: until, at: now.toISOString(), persons: personIds.length });
    await tx.execute(sql`insert into system_state (key, value) values (${TOUCHED_KEY}, ${value}::jsonb)
      on conflict (key) do update set value = excluded.value`);
    return { persons: personIds.length, flags };
  });
  if (result?.persons) deps.log.info({ job: 'risk-flags-touched', persons: result.persons, flags: result.flags }, 'early-warning flags of changed records recomputed');
  return result;
}
