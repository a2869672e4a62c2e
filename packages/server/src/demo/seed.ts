// Demo data for the quick start: one user per role and a realistic, deterministic register.
import { generateReports, generateSchools, type Role } from '@qorgau/core';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { districts, regions, schools, systemState, users } from '../db/schema.ts';
import { createReportBody } from '../reports/schema.ts';
import { createReport } from '../reports/service.ts';
import { toActor } from '../users/dto.ts';
import { insertUser } from '../users/service.ts';

export const DEMO_PASSWORD = 'Qorgau-Demo-2026';
export const DEMO_SEED = 20261123;

type DemoUser = { username: string; fullName: string; role: Role; regionCode?: string; districtCode?: string; school?: boolean };

/** Documented in the README; keep the two in step. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'operator', fullName: 'Айгерім Сейітова', role: 'hotline_operator' },
  { username: 'supervisor', fullName: 'Ержан Қасымов', role: 'supervisor' },
  { username: 'school.almaty', fullName: 'Гүлнар Әбдірова', role: 'school_specialist', regionCode: 'KZ-75', school: true },
  { username: 'police.almaty', fullName: 'Марат Жұмабеков', role: 'police_inspector', regionCode: 'KZ-75' },
  { username: 'health.almaty', fullName: 'Наталья Ким', role: 'health_worker', regionCode: 'KZ-75' },
  { username: 'guardian.almaty', fullName: 'Сәуле Нұрланова', role: 'guardianship_officer', regionCode: 'KZ-75' },
  { username: 'provider.almaty', fullName: 'Дина Оспанова', role: 'service_provider', regionCode: 'KZ-75' },
  { username: 'commission.almaty', fullName: 'Бауыржан Төлеуов', role: 'commission_member', regionCode: 'KZ-75' },
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

async function seedUsers(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  for (const u of DEMO_USERS) {
    let schoolId: string | null = null;
    if (u.school && u.regionCode) {
      const [s] = await deps.db.select({ id: schools.id }).from(schools).where(eq(schools.regionCode, u.regionCode)).orderBy(schools.externalId).limit(1);
      schoolId = s?.id ?? null;
    }
    await insertUser(deps.db, {
      username: u.username, password: DEMO_PASSWORD, fullName: u.fullName, role: u.role,
      regionCode: u.regionCode ?? null, districtCode: u.districtCode ?? null, schoolId, locale: 'ru',
    }, now);
  }
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
    await createReport(ctx, createReportBody.parse(report), { importing: true });
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
  await seedUsers(deps);
  const reports = await seedReports(deps, opts.scale);
  deps.log.info({ reports }, 'demo data loaded');
  await deps.db.insert(systemState).values({ key: 'demo_loaded', value: sql`${JSON.stringify({ at: deps.clock.now().toISOString(), scale: opts.scale })}::jsonb` });
  return true;
}
