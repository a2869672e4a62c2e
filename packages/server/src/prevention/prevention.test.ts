import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, schools, specialists } from '../db/schema.ts';
import { createHarness, ManualClock, type Harness, type TestUser } from '../test/harness.ts';
import { csvCell } from './export.ts';

// Shymkent (KZ-79): three districts with hand-made schools, so that every coverage figure is known.
const A = '791110000';
const B = '791310000';
const C = '791510000';
const FROM = '2026-01-01';
const TO = '2026-06-30';

describe('prevention programmes, sessions and coverage', () => {
  let h: Harness;
  let coordinator: TestUser;
  let police: TestUser;
  let analyst: TestUser;
  let specialistA1: TestUser;
  const school: Record<'a1' | 'a2' | 'b1' | 'c1' | 'closed' | 'almaty', string> = { a1: '', a2: '', b1: '', c1: '', closed: '', almaty: '' };
  let P = '';
  let Q = '';

  const addSchool = async (key: keyof typeof school, regionCode: string, districtCode: string, students: number, active = true) => {
    const [row] = await h.deps.db.insert(schools).values({
      nameKk: `Мектеп ${key}`, nameRu: `Школа ${key}`, nameEn: `School ${key}`, regionCode, districtCode, students, active,
    }).returning({ id: schools.id });
    school[key] = row?.id ?? '';
  };
  const session = (schoolId: string, programmeId: string, heldOn: string, participants: Record<string, number>, extra: Record<string, unknown> = {}) =>
    ({ programmeId, schoolId, heldOn, topic: 'Права ребёнка', facilitatorType: 'police', facilitatorName: 'ЮП', participants, ...extra });

  beforeAll(async () => {
    h = await createHarness({ clock: new ManualClock('2026-11-23T05:00:00Z') });
    await addSchool('a1', 'KZ-79', A, 1000);
    await addSchool('a2', 'KZ-79', A, 500);
    await addSchool('b1', 'KZ-79', B, 800);
    await addSchool('c1', 'KZ-79', C, 300);
    await addSchool('closed', 'KZ-79', A, 900, false);
    await addSchool('almaty', 'KZ-75', '751110000', 700);
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    police = await h.user('police_inspector', { regionCode: 'KZ-79' });
    analyst = await h.user('analyst');
    // like the demo's school specialist: region and school, no district
    specialistA1 = await h.user('school_specialist', { regionCode: 'KZ-79', schoolId: school.a1 });
    const p = await h.call(h.admin, 'POST', '/api/v1/prevention/programmes', {
      code: 'probilim', nameKk: 'Пробілім: инклюзия және құқық', nameRu: 'Пробилим: инклюзия и право', nameEn: 'Probilim: inclusion and law', startsOn: '2025-01-01',
    });
    expect(p.status, JSON.stringify(p.json)).toBe(201);
    P = p.json.id;
    const q = await h.call(coordinator, 'POST', '/api/v1/prevention/programmes', { code: 'anti-bullying', nameKk: 'Буллингсіз мектеп', nameRu: 'Школа без буллинга', nameEn: 'School without bullying', startsOn: '2025-09-01' });
    expect(q.status).toBe(201);
    Q = q.json.id;
    for (const [who, body] of [
      [specialistA1, session(school.a1, P, '2026-02-10', { 7: 25, 8: 25 })],
      [police, session(school.a1, P, '2026-03-15', { 9: 30 })],
      [police, session(school.b1, Q, '2026-04-01', { 0: 10, 1: 10 }, { facilitatorType: 'ngo' })],
      [police, session(school.c1, P, '2025-12-20', { 5: 15 })],
    ] as const) {
      const res = await h.call(who, 'POST', '/api/v1/prevention/sessions', body);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
  }, 180_000);
  afterAll(async () => { await h.close(); });

  it('programmes: set up by coordinators and administrators, read by everyone with prevention.read', async () => {
    expect((await h.call(specialistA1, 'POST', '/api/v1/prevention/programmes', { code: 'x1', nameKk: 'x', nameRu: 'x', nameEn: 'x', startsOn: '2026-01-01' })).status).toBe(403);
    const dup = await h.call(h.admin, 'POST', '/api/v1/prevention/programmes', { code: 'probilim', nameKk: 'x', nameRu: 'x', nameEn: 'x', startsOn: '2026-01-01' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.details[0].path).toBe('code');
    const dates = await h.call(h.admin, 'POST', '/api/v1/prevention/programmes', { code: 'online', nameKk: 'x', nameRu: 'x', nameEn: 'x', startsOn: '2026-01-01', endsOn: '2025-01-01' });
    expect(dates.json.error.details[0].path).toBe('endsOn');
    const missing = await h.call(h.admin, 'POST', '/api/v1/prevention/programmes', { code: 'online', nameKk: 'x', nameRu: '', nameEn: 'x', startsOn: '2026-01-01' });
    expect(missing.json.error.details[0].path).toBe('nameRu');
    const list = await h.call(analyst, 'GET', '/api/v1/prevention/programmes');
    expect(list.status).toBe(200);
    const probilim = list.json.items.find((x: { id: string }) => x.id === P);
    expect(probilim).toMatchObject({ code: 'probilim', name: { en: 'Probilim: inclusion and law' }, sessions: 3, schoolsReached: 2, participants: 95 });
    const patched = await h.call(coordinator, 'PATCH', `/api/v1/prevention/programmes/${Q}`, { organiser: 'Акимат' });
    expect(patched.json.organiser).toBe('Акимат');
    expect((await h.call(await h.user('hotline_operator'), 'GET', '/api/v1/prevention/programmes')).status).toBe(403);
  });

  it('sessions: validation errors name the field; the total is computed', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await h.call(police, 'POST', '/api/v1/prevention/sessions', body);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      return res.json.error.details[0].path as string;
    };
    expect(await bad(session(school.a2, P, '2026-11-24', { 7: 5 }))).toBe('heldOn'); // tomorrow in Kazakhstan
    expect(await bad(session(school.a2, P, '2024-12-31', { 7: 5 }))).toBe('heldOn'); // before the programme
    expect(await bad(session(school.a2, P, '2026-05-01', { 12: 5 }))).toBe('participants.12');
    expect(await bad(session(school.a2, P, '2026-05-01', { 7: 0, 8: 0 }))).toBe('participants');
    expect(await bad(session(school.a2, P, '2026-05-01', { 7: -1 }))).toBe('participants.7');
    expect(await bad(session(school.a2, P, '2026-05-01', { 7: 2.5 }))).toBe('participants.7');
    expect(await bad(session(school.a2, P, '2026-05-01', { 7: 5 }, { facilitatorType: 'wizard' }))).toBe('facilitatorType');
    expect(await bad(session(school.a2, P, '2026-05-01', { 7: 5 }, { topic: ' ' }))).toBe('topic');
    expect(await bad(session(school.closed, P, '2026-05-01', { 7: 5 }))).toBe('schoolId');
    expect(await bad(session(school.a2, '00000000-0000-4000-8000-000000000000', '2026-05-01', { 7: 5 }))).toBe('programmeId');
    // today is fine; zero grades are dropped; the total is the sum
    const ok = await h.call(police, 'POST', '/api/v1/prevention/sessions', session(school.c1, Q, '2026-11-23', { 11: 12, 10: 0, 0: 3 }));
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json).toMatchObject({ participants: { 0: 3, 11: 12 }, participantsTotal: 15, regionCode: 'KZ-79', districtCode: C, rights: { edit: true } });
    expect((await h.call(police, 'DELETE', `/api/v1/prevention/sessions/${ok.json.id}`)).status).toBe(204);
  });

  it('sessions: a school specialist records for their own school only; others within their territory', async () => {
    expect((await h.call(specialistA1, 'POST', '/api/v1/prevention/sessions', session(school.b1, P, '2026-05-01', { 7: 5 }))).status).toBe(403);
    const almatyPolice = await h.user('police_inspector', { regionCode: 'KZ-75' });
    expect((await h.call(almatyPolice, 'POST', '/api/v1/prevention/sessions', session(school.a1, P, '2026-05-01', { 7: 5 }))).status).toBe(403);
    expect((await h.call(analyst, 'POST', '/api/v1/prevention/sessions', session(school.a1, P, '2026-05-01', { 7: 5 }))).status).toBe(403);
    // the school specialist sees only their school's sessions; the police of Almaty none of Shymkent's
    const own = await h.call(specialistA1, 'GET', '/api/v1/prevention/sessions');
    expect(own.json.total).toBe(2);
    expect(own.json.items.every((s: { schoolId: string }) => s.schoolId === school.a1)).toBe(true);
    expect((await h.call(almatyPolice, 'GET', '/api/v1/prevention/sessions')).json.total).toBe(0);
    // the specialist may not change the police's session at their school; the coordinator of the region may
    const policeSession = own.json.items.find((s: { createdBy: string }) => s.createdBy === police.id);
    expect(policeSession.rights.edit).toBe(false);
    expect((await h.call(specialistA1, 'PATCH', `/api/v1/prevention/sessions/${policeSession.id}`, { topic: 'x' })).status).toBe(403);
    const edited = await h.call(coordinator, 'PATCH', `/api/v1/prevention/sessions/${policeSession.id}`, { topic: 'Құқықтық сауаттылық' });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json.topic).toBe('Құқықтық сауаттылық');
    expect((await h.call(almatyPolice, 'DELETE', `/api/v1/prevention/sessions/${policeSession.id}`)).status).toBe(404);
    const filtered = await h.call(analyst, 'GET', `/api/v1/prevention/sessions?facilitatorType=ngo&regionCode=KZ-79`);
    expect(filtered.json.total).toBe(1);
  });

  it('coverage by district and by region: exact figures of the fixture', async () => {
    const res = await h.call(coordinator, 'GET', `/api/v1/prevention/coverage?level=district&from=${FROM}&to=${TO}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const pick = (u: Record<string, unknown>) => ({ code: u.code, schoolsTotal: u.schoolsTotal, schoolsReached: u.schoolsReached, reachedPercent: u.reachedPercent, sessions: u.sessions, participants: u.participants, students: u.students, participantsPer100: u.participantsPer100 });
    expect(res.json.units.map(pick)).toEqual([
      { code: A, schoolsTotal: 2, schoolsReached: 1, reachedPercent: 50, sessions: 2, participants: 80, students: 1500, participantsPer100: 5.3 },
      { code: B, schoolsTotal: 1, schoolsReached: 1, reachedPercent: 100, sessions: 1, participants: 20, students: 800, participantsPer100: 2.5 },
      { code: C, schoolsTotal: 1, schoolsReached: 0, reachedPercent: 0, sessions: 0, participants: 0, students: 300, participantsPer100: 0 },
    ]);
    expect(res.json.units[0].name.ru).toBe('Абайский район');
    expect(res.json.totals).toEqual({ schoolsTotal: 4, schoolsReached: 2, reachedPercent: 50, sessions: 3, participants: 100, students: 2600, participantsPer100: 3.8 });
    // one programme
    const probilim = await h.call(analyst, 'GET', `/api/v1/prevention/coverage?level=region&regionCode=KZ-79&programmeId=${P}&from=${FROM}&to=${TO}`);
    expect(probilim.json.units).toHaveLength(1);
    expect(probilim.json.units[0]).toMatchObject({ code: 'KZ-79', schoolsTotal: 4, schoolsReached: 1, reachedPercent: 25, sessions: 2, participants: 80 });
    // the analyst sees the whole country: Almaty's school is there, never reached
    const national = await h.call(analyst, 'GET', `/api/v1/prevention/coverage?from=${FROM}&to=${TO}`);
    expect(national.json.units.map((u: { code: string }) => u.code)).toEqual(['KZ-75', 'KZ-79']);
    expect(national.json.totals.schoolsTotal).toBe(5);
    // the coordinator of Shymkent does not see Almaty; schools level
    expect((await h.call(coordinator, 'GET', `/api/v1/prevention/coverage?from=${FROM}&to=${TO}`)).json.units.map((u: { code: string }) => u.code)).toEqual(['KZ-79']);
    const bySchool = await h.call(coordinator, 'GET', `/api/v1/prevention/coverage?level=school&districtCode=${A}&from=${FROM}&to=${TO}`);
    expect(bySchool.json.units.map((u: { code: string; schoolsReached: number }) => [u.code, u.schoolsReached])).toEqual([[school.a1, 1], [school.a2, 0]]);
    expect((await h.call(analyst, 'GET', `/api/v1/prevention/coverage?level=school&from=${FROM}&to=${TO}`)).json.error.details[0].path).toBe('regionCode');
    expect((await h.call(analyst, 'GET', `/api/v1/prevention/coverage?from=${TO}&to=${FROM}`)).json.error.details[0].path).toBe('to');
    const [audited] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'prevention_coverage'), eq(auditLog.userId, coordinator.id)));
    expect(audited?.action).toBe('read');
  });

  it('unreached: schools without a session in the period, biggest first, paginated', async () => {
    const res = await h.call(coordinator, 'GET', `/api/v1/prevention/unreached?from=${FROM}&to=${TO}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.total).toBe(2);
    expect(res.json.items.map((s: { schoolId: string; students: number; lastSessionOn: string | null }) => [s.schoolId, s.students, s.lastSessionOn])).toEqual([
      [school.a2, 500, null], [school.c1, 300, '2025-12-20'],
    ]);
    const probilim = await h.call(coordinator, 'GET', `/api/v1/prevention/unreached?programmeId=${P}&from=${FROM}&to=${TO}&limit=2`);
    expect(probilim.json.total).toBe(3);
    expect(probilim.json.items.map((s: { schoolId: string }) => s.schoolId)).toEqual([school.b1, school.a2]);
    const page2 = await h.call(coordinator, 'GET', `/api/v1/prevention/unreached?programmeId=${P}&from=${FROM}&to=${TO}&limit=2&offset=2`);
    expect(page2.json.items.map((s: { schoolId: string }) => s.schoolId)).toEqual([school.c1]);
    expect((await h.call(specialistA1, 'GET', `/api/v1/prevention/unreached?from=${FROM}&to=${TO}`)).json.total).toBe(0);
  });

  it('exports coverage and the unreached list as CSV (BOM, no formulas) and XLSX', async () => {
    const csv = await h.app.inject({ method: 'GET', url: `/api/v1/prevention/unreached/export?format=csv&lang=en&from=${FROM}&to=${TO}`, headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual(['\uFEFFSchool,District,Region,Students,Last session', 'School a2,Abai District,KZ-79,500,never', 'School c1,Enbekshi District,KZ-79,300,2025-12-20']);
    const xlsx = await h.app.inject({ method: 'GET', url: `/api/v1/prevention/coverage/export?format=xlsx&lang=kk&level=district&from=${FROM}&to=${TO}`, headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+7 700')).toBe("'+7 700");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(csvCell(-1)).toBe('-1');
    const [audited] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'prevention_coverage'), eq(auditLog.action, 'export')));
    expect(audited?.details).toMatchObject({ format: 'xlsx' });
  });

  it('trainings of school psychologists and volunteer groups', async () => {
    const [sp] = await h.deps.db.insert(specialists).values({ schoolId: school.a1, kind: 'psychologist', fullName: 'Айгүл Нұрова', fte: 1, createdAt: new Date(), updatedAt: new Date() }).returning();
    const body = { title: 'Буллингтің алдын алу', heldOn: '2026-03-01', hours: 16, regionCode: 'KZ-79', programmeId: Q, specialistIds: [sp?.id] };
    const bad = await h.call(coordinator, 'POST', '/api/v1/prevention/trainings', { ...body, specialistIds: [sp?.id, '00000000-0000-4000-8000-000000000000'] });
    expect(bad.json.error.details[0].path).toBe('specialistIds.1');
    expect((await h.call(coordinator, 'POST', '/api/v1/prevention/trainings', { ...body, districtCode: '751110000' })).json.error.details[0].path).toBe('districtCode');
    expect((await h.call(coordinator, 'POST', '/api/v1/prevention/trainings', { ...body, regionCode: 'KZ-75', specialistIds: [] })).status).toBe(403);
    const ok = await h.call(coordinator, 'POST', '/api/v1/prevention/trainings', body);
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json.participants).toEqual([{ specialistId: sp?.id, fullName: 'Айгүл Нұрова', kind: 'psychologist', schoolId: school.a1, schoolName: { kk: 'Мектеп a1', ru: 'Школа a1', en: 'School a1' } }]);
    expect((await h.call(analyst, 'GET', '/api/v1/prevention/trainings')).json.items).toHaveLength(1);

    const group = await h.call(specialistA1, 'POST', '/api/v1/prevention/volunteer-groups', { name: 'Жас құқықтанушылар', schoolId: school.a1, regionCode: 'KZ-79', districtCode: A, members: 12, programmeId: P });
    expect(group.status, JSON.stringify(group.json)).toBe(201);
    expect((await h.call(specialistA1, 'POST', '/api/v1/prevention/volunteer-groups', { name: 'x', schoolId: school.b1, regionCode: 'KZ-79', districtCode: B, members: 3 })).status).toBe(403);
    expect((await h.call(specialistA1, 'POST', '/api/v1/prevention/volunteer-groups', { name: 'x', regionCode: 'KZ-79', districtCode: A, members: 0 })).json.error.details[0].path).toBe('members');
    const patched = await h.call(specialistA1, 'PATCH', `/api/v1/prevention/volunteer-groups/${group.json.id}`, { members: 15, active: false });
    expect(patched.json).toMatchObject({ members: 15, active: false, schoolName: { en: 'School a1' } });
    expect((await h.call(coordinator, 'GET', '/api/v1/prevention/volunteer-groups?active=false')).json.items.map((g: { id: string }) => g.id)).toEqual([group.json.id]);
  });
});
