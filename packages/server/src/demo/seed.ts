// Demo data for the quick start: one user per role and a realistic, deterministic register.
import { agencyTypeLabels, DEFAULT_AGENCY, generateReports, generateSchools, type AgencyType, type Role } from '@qorgau/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { districts, regions, routingRules, schools, systemState, units, users } from '../db/schema.ts';
import { createReportBody } from '../reports/schema.ts';
import { createReport } from '../reports/service.ts';
import { seedDemoCases } from '../cases/demo.ts';
import { seedDemoLinkage } from '../linkage/demo.ts';
import { seedDemoWarnings } from '../warnings/demo.ts';
import { seedDemoServices } from '../services/demo.ts';
import { seedDemoConcerns } from '../concerns/demo.ts';
import { seedDemoContacts } from '../contacts/demo.ts';
import { seedPreventionDemo } from '../prevention/demo.ts';
import { seedDemoWorkforce } from '../schools/demo.ts';
import { toActor } from '../users/dto.ts';
import { insertUser } from '../users/service.ts';

export const DEMO_PASSWORD = 'Qorgau-Demo-2026';
export const DEMO_SEED = 20261123;

type DemoUser = { username: string; fullName: string; role: Role; regionCode?: string; districtCode?: string; school?: boolean; head?: boolean };

/** Documented in the README; keep the two in step. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'operator', fullName: 'Айгерім Сейітова', role: 'hotline_operator' },
  { username: 'supervisor', fullName: 'Ержан Қасымов', role: 'supervisor' },
  { username: 'school.almaty', fullName: 'Гүлнар Әбдірова', role: 'school_specialist', regionCode: 'KZ-75', school: true, head: true },
  { username: 'teacher.almaty', fullName: 'Жанар Төлегенова', role: 'teacher', regionCode: 'KZ-75', school: true },
  { username: 'police.almaty', fullName: 'Марат Жұмабеков', role: 'police_inspector', regionCode: 'KZ-75', head: true },
  { username: 'inspector.almaty', fullName: 'Әсел Серікова', role: 'police_inspector', regionCode: 'KZ-75' },
  { username: 'health.almaty', fullName: 'Наталья Ким', role: 'health_worker', regionCode: 'KZ-75', head: true },
  { username: 'guardian.almaty', fullName: 'Сәуле Нұрланова', role: 'guardianship_officer', regionCode: 'KZ-75', head: true },
  { username: 'provider.almaty', fullName: 'Дина Оспанова', role: 'service_provider', regionCode: 'KZ-75', head: true },
  { username: 'commission.almaty', fullName: 'Бауыржан Төлеуов', role: 'commission_member', regionCode: 'KZ-75', head: true },
  { username: 'coordinator.almaty', fullName: 'Тимур Ахметов', role: 'regional_coordinator', regionCode: 'KZ-75' },
  { username: 'coordinator.shymkent', fullName: 'Ақмарал Бекова', role: 'regional_coordinator', regionCode: 'KZ-79' },
  { username: 'analyst', fullName: 'Ольга Петрова', role: 'analyst' },
  { username: 'auditor', fullName: 'Серік Әлиев', role: 'auditor' },
];

async function seedSchools(deps: Deps, scale: number): Promise<void> {
  const allDistricts = await deps.db.select().from(districts);
  const perDistrict = Math.max(1, Math.round(3 * scale));
  const generated = [...generateSchools({
    seed: DEMO_SEED,
    districts: allDistricts.map((d) => ({ code: d.code, regionCode: d.regionCode, nameRu: d.nameRu, nameKk: d.nameKk })),
    perDistrict,
  })];
  for (let i = 0; i < generated.length; i += 500) {
    await deps.db.insert(schools).values(generated.slice(i, i + 500).map((s) => ({
      externalId: s.externalId, nameKk: s.name.kk, nameRu: s.name.ru, nameEn: s.name.en, regionCode: s.regionCode,
      districtCode: s.districtCode, students: s.students, studentsSen: s.studentsSen, languages: s.languages,
    }))).onConflictDoNothing();
  }
}

/** Agencies that receive tasks: one unit per region, routed region-wide (administrators add district units). */
const DEMO_UNIT_AGENCIES: AgencyType[] = ['social_protection', 'police', 'health', 'education', 'service_provider', 'juvenile_commission', 'prosecutor'];

async function seedUnits(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  for (const r of await deps.db.select().from(regions).orderBy(regions.code)) {
    const rows = await deps.db.insert(units).values(DEMO_UNIT_AGENCIES.map((a) => ({
      agencyType: a, regionCode: r.code, createdAt: now,
      nameKk: `${agencyTypeLabels[a].kk} — ${r.nameKk}`, nameRu: `${agencyTypeLabels[a].ru} — ${r.nameRu}`, nameEn: `${agencyTypeLabels[a].en} — ${r.nameEn}`,
    }))).returning();
    await deps.db.insert(routingRules).values(rows.map((u) => ({ agencyType: u.agencyType, regionCode: r.code, districtCode: null, unitId: u.id })));
  }
}

async function seedUsers(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  for (const u of DEMO_USERS) {
    let schoolId: string | null = null;
    if (u.school && u.regionCode) {
      const [s] = await deps.db.select({ id: schools.id }).from(schools).where(eq(schools.regionCode, u.regionCode)).orderBy(schools.externalId).limit(1);
      schoolId = s?.id ?? null;
    }
    const agency = DEFAULT_AGENCY[u.role];
    const [unit] = u.regionCode && agency ? await deps.db.select({ id: units.id }).from(units).where(and(eq(units.regionCode, u.regionCode), eq(units.agencyType, agency))) : [];
    await insertUser(deps.db, {
      username: u.username, password: DEMO_PASSWORD, fullName: u.fullName, role: u.role,
      regionCode: u.regionCode ?? null, districtCode: u.districtCode ?? null, schoolId, locale: 'ru',
      unitId: unit?.id ?? null, isUnitHead: u.head ?? false, email: `${u.username}@demo.qorgau.example`,
    }, now);
  }
}

/**
 * The demo's response history: tasks of reports older than three weeks were done (most on
 * time), reports older than two months were closed; recent reports keep open tasks, and the
 * overdue ones escalate on the first sweep after start.
 */
async function settleDemoHistory(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const done = new Date(now.getTime() - 21 * 86_400_000).toISOString();
  const closed = new Date(now.getTime() - 60 * 86_400_000).toISOString();
  // the tasks were made now, from reports received in the past: date them from the receipt
  await deps.db.execute(sql`update tasks t set created_at = r.received_at, updated_at = r.received_at from reports r where r.id = t.report_id`);
  await deps.db.execute(sql`update task_events e set at = r.received_at from reports r where r.id = e.report_id and e.kind = 'created'`);
  await deps.db.execute(sql`
    update tasks set status = 'done', accepted_at = created_at, updated_at = created_at, next_escalation_at = null,
      outcome = (array['child_safe','protective_measures','referred_to_service','criminal_case_opened','no_grounds'])[1 + abs(hashtext(id::text)) % 5],
      completed_at = case when abs(hashtext(id::text || 'late')) % 100 < 84 then created_at + (due_at - created_at) * 0.7
                          else due_at + interval '1 hour' * (2 + abs(hashtext(id::text)) % 90) end
    where created_at < ${done}::timestamptz`);
  await deps.db.execute(sql`
    insert into task_events (task_id, report_id, at, kind, details)
    select id, report_id, completed_at, 'completed', jsonb_build_object('outcome', outcome, 'onTime', completed_at <= due_at) from tasks where status = 'done'`);
  await deps.db.execute(sql`update reports set status = 'in_progress' where received_at < ${done}::timestamptz and received_at >= ${closed}::timestamptz`);
  await deps.db.execute(sql`update reports set status = 'closed', closed_at = received_at + interval '30 days', status_reason = 'Меры приняты, ребёнок в безопасности' where received_at < ${closed}::timestamptz`);
}

/** Reports over the last five years, through the same domain function as a legacy import. */
async function seedReports(deps: Deps, scale: number): Promise<number> {
  const [supervisor] = await deps.db.select().from(users).where(eq(users.username, 'supervisor'));
  if (!supervisor) throw new Error('demo supervisor missing');
  const allRegions = await deps.db.select().from(regions);
  const allDistricts = await deps.db.select().from(districts);
  const allSchools = await deps.db.select({ id: schools.id, districtCode: schools.districtCode, students: schools.students }).from(schools);
  const now = deps.clock.now();
  const year = now.getUTCFullYear();
  const ctx = { ...deps, actor: toActor(supervisor), ip: '127.0.0.1', requestId: 'demo-seed', now };
  let n = 0;
  for (const report of generateReports({
    seed: DEMO_SEED,
    count: Math.round(1500 * scale),
    from: `${year - 4}-01-01`,
    to: now.toISOString().slice(0, 10),
    regions: allRegions.map((r) => ({ code: r.code })),
    districts: allDistricts.map((d) => ({ code: d.code, regionCode: d.regionCode })),
    schools: allSchools,
  })) {
    // the demo's reports follow the response protocol like live ones (a real legacy import does not create tasks)
    await createReport(ctx, createReportBody.parse(report), { importing: true, withTasks: true, quiet: true });
    n += 1;
  }
  return n;
}

/** Loads the demo once per database; later starts find the marker and do nothing. */
export async function seedDemo(deps: Deps, opts: { scale: number }): Promise<boolean> {
  const [done] = await deps.db.select().from(systemState).where(eq(systemState.key, 'demo_loaded'));
  if (done) return false;
  deps.log.info({ scale: opts.scale }, 'loading demo data');
  await seedSchools(deps, opts.scale);
  await seedDemoWorkforce(deps, DEMO_SEED);
  await seedUnits(deps);
  await seedUsers(deps);
  await seedDemoServices(deps);
  const reports = await seedReports(deps, opts.scale);
  await settleDemoHistory(deps);
  await seedDemoContacts(deps, opts.scale);
  await seedDemoConcerns(deps);
  await seedPreventionDemo(deps);
  await seedDemoCases(deps);
  await seedDemoLinkage(deps);
  await seedDemoWarnings(deps);
  deps.log.info({ reports }, 'demo data loaded');
  await deps.db.insert(systemState).values({ key: 'demo_loaded', value: sql`${JSON.stringify({ at: deps.clock.now().toISOString(), scale: opts.scale })}::jsonb` });
  return true;
}
