// The world of the access matrix (matrix.test.ts): two regions, three schools, agency units, one
// record of every type in the own region — made through the API as the people who make them
// would — and one user per role and territory variant to try every action on every record.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AGENCY, ROLES, type AgencyType, type Role } from '@qorgau/core';
import { and, eq, gt, sql } from 'drizzle-orm';
import { auditLog, reports, schools } from '../db/schema.ts';
import { createHarness, multipartFile, TEST_PASSWORD, type Harness, type TestUser } from '../test/harness.ts';
import { insertUser } from '../users/service.ts';

export const OWN_REGION = 'KZ-75';
export const OTHER_REGION = 'KZ-79';
export const OWN_DISTRICT = '751110000';
export const OTHER_DISTRICT = '791110000';

/**
 * Where a user works. national: no region; own / other: the region KZ-75 (where every record is)
 * or KZ-79; the school variants are users with a school (their territory is the school): the own
 * school of the records, another school of the same district, a school of the other region;
 * ownRegion: a school-level role without a school, scoped to the own region.
 */
export type Variant = 'national' | 'own' | 'other' | 'ownSchool' | 'otherSchool' | 'otherRegionSchool' | 'ownRegion';
export type ActorSpec = { role: Role; variant: Variant };
export type Actor = ActorSpec & { key: string; user: TestUser; unitId: string | null };

/** The variants that make sense for each role (a new role must be given its variants here). */
export const VARIANTS: Record<Role, readonly Variant[]> = {
  admin: ['national'],
  auditor: ['national'],
  analyst: ['national'],
  hotline_operator: ['national', 'own', 'other'],
  supervisor: ['national', 'own', 'other'],
  school_specialist: ['ownSchool', 'otherSchool', 'otherRegionSchool', 'ownRegion'],
  teacher: ['ownSchool', 'otherSchool', 'otherRegionSchool'],
  police_inspector: ['own', 'other'],
  health_worker: ['own', 'other'],
  guardianship_officer: ['own', 'other'],
  service_provider: ['own', 'other'],
  commission_member: ['own', 'other'],
  regional_coordinator: ['own', 'other'],
};

/** Texts whose presence in a response body shows that details were (not) withheld. */
export const SECRET = {
  sensitiveNarrative: 'MATRIX-SENSITIVE-NARRATIVE: описание сексуального насилия',
  sensitiveInjuries: 'MATRIX-SENSITIVE-INJURIES',
  healthFact: 'MATRIX-HEALTH-FACT: диагноз и лечение',
  caseSummary: 'MATRIX-CASE-SUMMARY: семья в трудной ситуации',
};

export type World = {
  h: Harness;
  dataDir: string;
  schools: { own: string; otherSameDistrict: string; otherRegion: string };
  /** agency → the unit of that agency in the own and in the other region */
  units: Record<string, { own: string; other: string }>;
  authors: { operator: TestUser; guardian: TestUser; healthAuthor: TestUser; teacher: TestUser; organiser: TestUser };
  report: { id: string; agencyTypes: string[]; victimId: string; victimName: string };
  sensitiveReport: { id: string; agencyTypes: string[]; victimId: string };
  tasks: { education: string; police: string };
  contactId: string;
  attachmentId: string;
  sensitiveAttachmentId: string;
  concernId: string;
  conferenceId: string;
  /** the actor (role/variant) invited to the conference by name */
  conferenceParticipant: string;
  caseId: string;
  providerId: string;
  referralId: string;
};

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** POST a one-file multipart upload, as the web does. */
export async function upload(h: Harness, user: TestUser, url: string, fileName: string, content: Buffer): Promise<{ status: number; json: unknown }> {
  const body = multipartFile(fileName, content);
  const res = await h.app.inject({
    method: 'POST', url,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': body.contentType },
    payload: body.payload,
  });
  let json: unknown;
  try { json = res.body ? JSON.parse(res.body) : null; } catch { json = res.body; }
  return { status: res.statusCode, json };
}

/** The newest audit entry's id: entries after it were written by what came next. */
export async function auditMark(h: Harness): Promise<number> {
  const [row] = await h.deps.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog);
  return Number(row?.id ?? 0);
}

export async function auditSince(h: Harness, mark: number, userId: string): Promise<{ action: string; entityType: string; entityId: string | null }[]> {
  return h.deps.db.select({ action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId }).from(auditLog)
    .where(and(gt(auditLog.id, mark), eq(auditLog.userId, userId)));
}

type Territory = { regionCode?: string; districtCode?: string; schoolId?: string; agencyType?: AgencyType | null; unitId?: string | null };

let userCount = 0;
/**
 * Like the harness's h.user, but each sign-in comes from its own address: the matrix needs more
 * users than the sign-in limit of one address allows in a minute.
 */
async function makeUser(h: Harness, role: Role, t: Territory): Promise<TestUser> {
  userCount += 1;
  const username = `mx${role.replace(/_/g, '')}${userCount}${randomBytes(3).toString('hex')}`;
  await insertUser(h.deps.db, {
    username, password: TEST_PASSWORD, fullName: `Matrix ${role}`, role, regionCode: t.regionCode ?? null, districtCode: t.districtCode ?? null,
    schoolId: t.schoolId ?? null, agencyType: t.agencyType === undefined ? DEFAULT_AGENCY[role] : t.agencyType, unitId: t.unitId ?? null, isUnitHead: false, email: null,
  }, h.clock.now());
  const res = await h.app.inject({
    method: 'POST', url: '/api/v1/auth/login', remoteAddress: `10.75.${Math.floor(userCount / 250)}.${(userCount % 250) + 1}`,
    headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.statusCode !== 200) throw new Error(`matrix fixture: login ${username}: ${res.statusCode} ${res.body}`);
  const json = JSON.parse(res.body) as { token: string; csrfToken: string; user: { id: string } };
  return { id: json.user.id, username, token: json.token, csrfToken: json.csrfToken };
}

/** The body of a response that must have this status (the fixture stops at the first surprise). */
function body<T = { id: string }>(res: { status: number; json: unknown }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`matrix fixture: ${what} answered ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

type ReportBody = { id: string; tasks: { id: string; agencyType: string; unitId: string | null }[]; incidents: { victims: { id: string }[] }[] };

const variantTerritory = (w: Pick<World, 'schools'>, v: Variant) => {
  switch (v) {
    case 'national': return { region: null, territory: {} };
    case 'own': case 'ownRegion': return { region: 'own' as const, territory: { regionCode: OWN_REGION } };
    case 'other': return { region: 'other' as const, territory: { regionCode: OTHER_REGION } };
    case 'ownSchool': return { region: 'own' as const, territory: { regionCode: OWN_REGION, districtCode: OWN_DISTRICT, schoolId: w.schools.own } };
    case 'otherSchool': return { region: 'own' as const, territory: { regionCode: OWN_REGION, districtCode: OWN_DISTRICT, schoolId: w.schools.otherSameDistrict } };
    case 'otherRegionSchool': return { region: 'other' as const, territory: { regionCode: OTHER_REGION, districtCode: OTHER_DISTRICT, schoolId: w.schools.otherRegion } };
  }
};

/** Build the world: everything is made once, before any cell runs. */
export async function buildWorld(): Promise<{ world: World; actors: Actor[] }> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'qorgau-matrix-'));
  // sessions must outlive the run on a slow machine
  const h = await createHarness({ config: { dataDir, sessionIdleMinutes: 24 * 60, sessionMaxHours: 24 } });
  const db = h.deps.db;
  const now = new Date();

  const made = await db.insert(schools).values([
    { nameKk: 'Матрица мектебі 1', nameRu: 'Школа матрицы 1', nameEn: 'Matrix school 1', regionCode: OWN_REGION, districtCode: OWN_DISTRICT },
    { nameKk: 'Матрица мектебі 2', nameRu: 'Школа матрицы 2', nameEn: 'Matrix school 2', regionCode: OWN_REGION, districtCode: OWN_DISTRICT },
    { nameKk: 'Матрица мектебі 3', nameRu: 'Школа матрицы 3', nameEn: 'Matrix school 3', regionCode: OTHER_REGION, districtCode: OTHER_DISTRICT },
  ]).returning({ id: schools.id });
  const schoolIds = { own: made[0]!.id, otherSameDistrict: made[1]!.id, otherRegion: made[2]!.id };

  // one unit per agency in each region, routed region-wide (tasks go to units, response.md)
  const units: World['units'] = {};
  const agencies = [...new Set(Object.values(DEFAULT_AGENCY).filter((a): a is AgencyType => !!a))];
  for (const agencyType of agencies) {
    const pair = { own: '', other: '' };
    for (const [side, regionCode] of [['own', OWN_REGION], ['other', OTHER_REGION]] as const) {
      const name = `${agencyType} ${regionCode}`;
      const u = body(await h.call(h.admin, 'POST', '/api/v1/units', { agencyType, nameKk: name, nameRu: name, nameEn: name, regionCode }), 201, `unit ${name}`);
      body(await h.call(h.admin, 'PUT', '/api/v1/routing', { agencyType, regionCode, unitId: u.id }), 200, `routing ${name}`);
      pair[side] = u.id;
    }
    units[agencyType] = pair;
  }
  const unitOf = (role: Role, region: 'own' | 'other' | null) => {
    const agency = DEFAULT_AGENCY[role];
    return agency && region ? units[agency]?.[region] ?? null : null;
  };

  // the people who make the records (not matrix actors, so that authorship does not decide a cell)
  const authors: World['authors'] = {
    operator: await makeUser(h, 'hotline_operator', {}),
    guardian: await makeUser(h, 'guardianship_officer', { regionCode: OWN_REGION, unitId: unitOf('guardianship_officer', 'own') }),
    healthAuthor: await makeUser(h, 'health_worker', { regionCode: OWN_REGION }),
    teacher: await makeUser(h, 'teacher', { regionCode: OWN_REGION, districtCode: OWN_DISTRICT, schoolId: schoolIds.own }),
    organiser: await makeUser(h, 'regional_coordinator', { regionCode: OWN_REGION }),
  };

  // the actors: one user per role and variant, with the agency of the role and the unit of that agency in their region
  const actors: Actor[] = [];
  for (const role of ROLES) {
    for (const variant of VARIANTS[role]) {
      const { region, territory } = variantTerritory({ schools: schoolIds }, variant);
      const unitId = unitOf(role, region);
      const user = await makeUser(h, role, { ...territory, agencyType: DEFAULT_AGENCY[role], unitId });
      actors.push({ role, variant, key: `${role}/${variant}`, user, unitId });
    }
  }

  // a report of physical violence by the father at the own school, by a hotline operator: the
  // protocol calls the police, the guardianship body and the school
  const victimName = { lastName: 'Матрицаева', firstName: 'Айгерим' };
  const main = body<ReportBody>(await h.call(authors.operator, 'POST', '/api/v1/reports', {
    channel: 'hotline', regionCode: OWN_REGION, districtCode: OWN_DISTRICT,
    narrative: 'Учительница заметила синяки, девочка говорит, что отец бьёт её.',
    reporter: { anonymous: true },
    screening: { immediateDanger: false, childInjured: false, perpetratorHasAccess: true },
    incidents: [{
      types: ['physical'], occurredOn: '2026-11-19', place: 'school', districtCode: OWN_DISTRICT, schoolId: schoolIds.own,
      victims: [{ ...victimName, birthDate: '2014-03-02', sex: 'female' }],
      perpetrators: [{ lastName: 'Матрицаев', firstName: 'Болат', relation: 'father' }],
    }],
  }), 201, 'the report');
  // agency_types is not in the DTO: read the row (which agencies the protocol involved is data, not policy)
  const agencyTypesOf = async (id: string) => (await db.select({ a: reports.agencyTypes }).from(reports).where(eq(reports.id, id)))[0]?.a ?? [];
  const taskOf = (agencyType: string) => {
    const t = main.tasks.find((x) => x.agencyType === agencyType);
    if (!t?.unitId) throw new Error(`matrix fixture: no routed ${agencyType} task: ${JSON.stringify(main.tasks)}`);
    return t.id;
  };

  // a sexual-violence report (sensitive details), at home
  const sensitive = body<ReportBody>(await h.call(authors.operator, 'POST', '/api/v1/reports', {
    channel: 'hotline', regionCode: OWN_REGION, districtCode: OWN_DISTRICT, narrative: SECRET.sensitiveNarrative,
    reporter: { anonymous: true },
    screening: { immediateDanger: false, childInjured: false, perpetratorHasAccess: false },
    incidents: [{
      types: ['sexual'], occurredOn: '2026-11-18', place: 'home', districtCode: OWN_DISTRICT, injuries: SECRET.sensitiveInjuries,
      victims: [{ lastName: 'Сезімтал', firstName: 'Дана', birthDate: '2013-05-05', sex: 'female' }], perpetrators: [{ relation: 'stranger' }],
    }],
  }), 201, 'the sensitive report');

  // a helpline contact of the own region, advice only
  const started = new Date(now.getTime() - 3_600_000);
  const contact = body(await h.call(authors.operator, 'POST', '/api/v1/contacts', {
    channel: 'hotline', regionCode: OWN_REGION, startedAt: started.toISOString(), endedAt: new Date(started.getTime() + 300_000).toISOString(),
    callerType: 'child', child: { firstName: 'Ерлан', approxAge: 13, sex: 'male' }, chiCode: 'violence/physical-violence', outcome: 'advice',
    summary: 'Консультация по телефону.',
  }), 201, 'the contact');

  const attachment = body(await upload(h, authors.operator, `/api/v1/reports/${main.id}/attachments`, 'акт.png', PNG), 201, 'the attachment');
  const sensitiveAttachment = body(await upload(h, authors.operator, `/api/v1/reports/${sensitive.id}/attachments`, 'справка.png', PNG), 201, 'the sensitive report\'s attachment');

  // a teacher of the own school logs a concern about another pupil
  const concern = body(await h.call(authors.teacher, 'POST', '/api/v1/concerns', {
    child: { lastName: 'Алаңдаулы', firstName: 'Әлихан', birthDate: '2015-01-20', sex: 'male' }, grade: '5А', categories: ['behaviour_change'],
    observedAt: new Date(now.getTime() - 7_200_000).toISOString(), description: 'Стал замкнутым, не ест в столовой.',
  }), 201, 'the concern');

  // a case conference on the report, by the region's coordinator, inviting the own region's police inspector by name
  const participant = actors.find((a) => a.key === 'police_inspector/own');
  if (!participant) throw new Error('matrix fixture: no police_inspector/own actor');
  const conference = body(await h.call(authors.organiser, 'POST', `/api/v1/reports/${main.id}/conferences`, {
    kind: 'interagency', scheduledAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(), agenda: 'Повестка: план защиты.',
    participants: [{ agencyType: 'police', userId: participant.user.id }, { agencyType: 'education' }],
  }), 201, 'the conference');

  // a family case from the report, led by a guardianship officer, with the school contributing;
  // health is added and a health worker records a health fact
  const caseId = body(await h.call(authors.guardian, 'POST', '/api/v1/cases', {
    kind: 'protection', reportId: main.id, summary: SECRET.caseSummary, contributingAgencies: ['education'],
  }), 201, 'the case').id;
  body(await h.call(authors.guardian, 'POST', `/api/v1/cases/${caseId}/agencies`, { agencyType: 'health' }), 200, 'adding health to the case');
  body(await h.call(authors.healthAuthor, 'POST', `/api/v1/cases/${caseId}/facts`, {
    section: 'health', topic: 'Осмотр', body: SECRET.healthFact, recordedOn: now.toISOString().slice(0, 10),
  }), 200, 'the health fact');

  // a provider of the own region's service_provider unit, and a referral of the child to it
  const provider = body(await h.call(h.admin, 'POST', '/api/v1/services/providers', {
    kind: 'rehabilitation_centre', nameKk: 'Матрица орталығы', nameRu: 'Центр матрицы', nameEn: 'Matrix centre', services: ['rehabilitation'],
    regionCode: OWN_REGION, ageMin: 3, ageMax: 17, capacity: 10, occupancy: 0, unitId: units.service_provider?.own,
  }), 201, 'the provider');
  const childId = main.incidents[0]?.victims[0]?.id ?? '';
  const referral = body(await h.call(authors.guardian, 'POST', `/api/v1/cases/${caseId}/referrals`, {
    providerId: provider.id, service: 'rehabilitation', personId: childId, urgency: 'routine', reason: 'Нужна реабилитация.',
  }), 201, 'the referral');

  const world: World = {
    h, dataDir, schools: schoolIds, units, authors,
    report: { id: main.id, agencyTypes: await agencyTypesOf(main.id), victimId: childId, victimName: `${victimName.lastName} ${victimName.firstName}` },
    sensitiveReport: { id: sensitive.id, agencyTypes: await agencyTypesOf(sensitive.id), victimId: sensitive.incidents[0]?.victims[0]?.id ?? '' },
    tasks: { education: taskOf('education'), police: taskOf('police') },
    contactId: contact.id,
    attachmentId: attachment.id,
    sensitiveAttachmentId: sensitiveAttachment.id,
    concernId: concern.id,
    conferenceId: conference.id,
    conferenceParticipant: participant.key,
    caseId,
    providerId: provider.id,
    referralId: referral.id,
  };
  return { world, actors };
}

export async function closeWorld(w: World): Promise<void> {
  await w.h.close();
  await fsp.rm(w.dataDir, { recursive: true, force: true });
}
