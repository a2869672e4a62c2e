// Early-warning flags through the API: each rule fires inside its window and not outside it, the
// explanations carry no names, recomputation replaces what was there (also incrementally, for a
// child's siblings), and the risk register is scoped by school, district and region (analysts get
// counts only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT, personNameKey } from '@qorgau/core';
import { and, eq, sql } from 'drizzle-orm';
import { assessmentInstruments, auditLog, caseAssessments, caseMembers, cases, concerns, persons, riskFlags, schools } from '../db/schema.ts';
import { createHarness, ManualClock, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { computeFlags, recomputeFlagsFor, refreshTouchedFlags, RULES } from './rules.ts';

const NOW = new Date('2026-11-20T06:00:00Z');
const D1 = '751110000';
const D2 = '751410000';
const DAY = 86_400_000;

const monthsAgo = (n: number, days = 0) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - n);
  return new Date(d.getTime() - days * DAY);
};
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
/** a birth date making the child `years` old today (and some days) */
const bornYearsAgo = (years: number, extraDays = 30) => {
  const d = new Date(NOW);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return new Date(d.getTime() - extraDays * DAY).toISOString().slice(0, 10);
};

describe('early-warning flags', () => {
  let h: Harness;
  let clock: ManualClock;
  let operator: TestUser;
  let coordinator: TestUser;
  let coordinator79: TestUser;
  let schoolLead: TestUser;
  let districtLead: TestUser;
  let analyst: TestUser;
  let teacher: TestUser;
  let s1: string;
  let s2: string;
  let caseSeq = 0;
  const p: Record<string, string> = {};

  async function person(key: string, birthDate: string | null, lastName = `Тестов${key}`) {
    const firstName = 'Айдана';
    const [row] = await h.deps.db.insert(persons).values({
      lastName, firstName, birthDate, sex: 'female', nameKey: personNameKey({ lastName, firstName, middleName: null }),
      regionCode: 'KZ-75', districtCode: D1, createdAt: NOW, updatedAt: NOW,
    }).returning();
    p[key] = row!.id;
    return row!.id;
  }

  async function report(personId: string, receivedAt: Date, regionCode = 'KZ-75') {
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({
      regionCode, receivedAt: receivedAt.toISOString(),
      incidents: [{ types: ['physical'], place: 'home', victims: [{ id: personId }], perpetrators: [] }],
    }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { id: string; number: string };
  }

  type Member = { personId: string; relation?: string; subject?: boolean; occupation?: string; schoolId?: string | null };
  async function makeCase(opts: {
    status?: string; openedAt: Date; closedAt?: Date; regionCode?: string; districtCode?: string;
    members: Member[]; assessments?: { level: string; score: number; at: Date; items?: Record<string, string> }[];
  }) {
    caseSeq += 1;
    const [c] = await h.deps.db.insert(cases).values({
      number: `CF-75-2026-${String(caseSeq).padStart(6, '0')}`, kind: 'protection', status: opts.status ?? 'in_progress',
      regionCode: opts.regionCode ?? 'KZ-75', districtCode: opts.districtCode ?? D1,
      schoolIds: opts.members.map((m) => m.schoolId).filter((s): s is string => !!s),
      agencyTypes: ['akimat'], leadAgencyType: 'akimat', leadUserId: coordinator.id, createdBy: coordinator.id,
      openedAt: opts.openedAt, closedAt: opts.closedAt ?? null, closeReason: opts.closedAt ? 'goals_achieved' : null, createdAt: opts.openedAt, updatedAt: NOW,
    }).returning();
    await h.deps.db.insert(caseMembers).values(opts.members.map((m) => ({
      caseId: c!.id, personId: m.personId, relation: m.relation ?? 'child', subject: m.subject ?? true, occupation: m.occupation ?? 'studying',
      schoolId: m.schoolId ?? null, addedAt: opts.openedAt,
    })));
    for (const a of opts.assessments ?? []) {
      await h.deps.db.insert(caseAssessments).values({
        caseId: c!.id, instrumentVersion: 1, answers: { threats: {}, safetyPlan: false, items: a.items ?? {} }, safetyDecision: 'safe',
        score: a.score, scoredLevel: a.level, level: a.level, assessedBy: coordinator.id, assessedAt: a.at,
      });
    }
    return c!;
  }

  async function absence(personId: string, at: Date, schoolId: string) {
    await h.deps.db.insert(concerns).values({
      schoolId, personId, categories: ['absence'], observedAt: at, description: 'пропуски', status: 'new', createdBy: teacher.id, createdAt: at, updatedAt: at,
    });
  }

  const flagsOf = async (personId: string) => (await h.deps.db.select().from(riskFlags).where(eq(riskFlags.personId, personId)));
  const kinds = async (personId: string) => (await flagsOf(personId)).map((f) => f.kind).sort();
  const flag = async (personId: string, kind: string) => (await flagsOf(personId)).find((f) => f.kind === kind);

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    h = await createHarness({ clock });
    await h.deps.db.insert(assessmentInstruments).values({ version: 1, status: 'active', definition: DEFAULT_INSTRUMENT, createdAt: NOW }).onConflictDoNothing();
    const made = await h.deps.db.insert(schools).values([
      { nameKk: 'Мектеп №1', nameRu: 'Школа №1', nameEn: 'School 1', regionCode: 'KZ-75', districtCode: D1 },
      { nameKk: 'Мектеп №2', nameRu: 'Школа №2', nameEn: 'School 2', regionCode: 'KZ-75', districtCode: D2 },
    ]).returning();
    s1 = made[0]!.id;
    s2 = made[1]!.id;
    operator = await h.user('supervisor');
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    coordinator79 = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    schoolLead = await h.user('school_specialist', { regionCode: 'KZ-75', districtCode: D1, schoolId: s1 });
    districtLead = await h.user('school_specialist', { regionCode: 'KZ-75', districtCode: D2 });
    analyst = await h.user('analyst');
    teacher = await h.user('teacher', { regionCode: 'KZ-75', districtCode: D1, schoolId: s1 });

    // repeat reports: 11 months apart fires, 13 does not
    await report(await person('repeat11', bornYearsAgo(9)), monthsAgo(11));
    await report(p.repeat11!, daysAgo(1));
    await report(await person('repeat13', bornYearsAgo(9)), monthsAgo(13));
    await report(p.repeat13!, daysAgo(1));

    // siblings: the younger one's report flags the older; one too old does not
    await person('sibA', bornYearsAgo(12));
    await person('sibB', bornYearsAgo(8));
    await makeCase({ openedAt: daysAgo(40), members: [{ personId: p.sibA!, schoolId: s1 }, { personId: p.sibB!, relation: 'sibling', subject: false, schoolId: s1 }] });
    await report(p.sibB!, monthsAgo(2));
    await person('sibC', bornYearsAgo(12));
    await person('sibD', bornYearsAgo(10));
    await makeCase({ openedAt: daysAgo(40), members: [{ personId: p.sibC!, schoolId: s2 }, { personId: p.sibD!, relation: 'sibling', subject: false }] });
    await report(p.sibD!, monthsAgo(13));

    // teenagers neither studying nor working: 15 fires, 13 does not, studying does not, a closed case does not
    await person('teen15', bornYearsAgo(15));
    await person('teen13', bornYearsAgo(13));
    await person('teen16s', bornYearsAgo(16));
    await person('teen15c', bornYearsAgo(15));
    await makeCase({ openedAt: daysAgo(20), members: [
      { personId: p.teen15!, occupation: 'neither', schoolId: s2 }, { personId: p.teen13!, occupation: 'neither' }, { personId: p.teen16s!, occupation: 'studying' },
    ] });
    await makeCase({ status: 'closed', openedAt: monthsAgo(30), closedAt: monthsAgo(20), members: [{ personId: p.teen15c!, occupation: 'neither' }] });

    // a prior case closed 5 months before a new report fires, 7 months does not; a new case too
    await person('closed5', bornYearsAgo(10));
    await makeCase({ status: 'closed', openedAt: monthsAgo(12), closedAt: monthsAgo(5), members: [{ personId: p.closed5! }] });
    await report(p.closed5!, daysAgo(1));
    await person('closed7', bornYearsAgo(10));
    await makeCase({ status: 'closed', openedAt: monthsAgo(12), closedAt: monthsAgo(7), members: [{ personId: p.closed7! }] });
    await report(p.closed7!, daysAgo(1));
    await person('reopened', bornYearsAgo(7));
    await makeCase({ status: 'closed', openedAt: monthsAgo(14), closedAt: monthsAgo(8), members: [{ personId: p.reopened! }] });
    await makeCase({ openedAt: monthsAgo(3), members: [{ personId: p.reopened! }] });

    // high assessed risk: the latest assessment of an open case decides
    await person('high', bornYearsAgo(6));
    await makeCase({ openedAt: daysAgo(60), members: [{ personId: p.high!, schoolId: s1 }], assessments: [
      { level: 'low', score: 2, at: daysAgo(50) }, { level: 'high', score: 9, at: daysAgo(10) },
    ] });
    await person('lowered', bornYearsAgo(6));
    await makeCase({ openedAt: daysAgo(60), members: [{ personId: p.lowered! }], assessments: [
      { level: 'very_high', score: 13, at: daysAgo(50) }, { level: 'moderate', score: 5, at: daysAgo(10) },
    ] });
    await person('highClosed', bornYearsAgo(6));
    await makeCase({ status: 'closed', openedAt: daysAgo(90), closedAt: daysAgo(5), members: [{ personId: p.highClosed! }], assessments: [{ level: 'very_high', score: 13, at: daysAgo(50) }] });

    // school absence: two concerns in 90 days; or an assessment saying persistent absence
    await person('absent', bornYearsAgo(11));
    await absence(p.absent!, daysAgo(80), s1);
    await absence(p.absent!, daysAgo(3), s1);
    await person('absentOld', bornYearsAgo(11));
    await absence(p.absentOld!, daysAgo(100), s1);
    await absence(p.absentOld!, daysAgo(3), s1);
    await person('absentAssessed', bornYearsAgo(11));
    await makeCase({ openedAt: daysAgo(30), members: [{ personId: p.absentAssessed! }], assessments: [
      { level: 'moderate', score: 4, at: daysAgo(10), items: { school_attendance: 'persistent', domestic_violence: 'no' } },
    ] });

    // an adult is never flagged
    await person('adult', bornYearsAgo(19));
    await report(p.adult!, monthsAgo(3));
    await report(p.adult!, daysAgo(2));

    await computeFlags(h.deps.db, NOW);
  });
  afterAll(async () => { await h.close(); });

  it('repeat report: two reports within 12 months (11 months apart) fire; 13 months apart do not', async () => {
    const f = await flag(p.repeat11!, 'repeat_report');
    expect(f).toBeDefined();
    expect(f!.explanation).toMatchObject({ windowMonths: 12, count: 2 });
    const listed = (f!.explanation as { reports: { number: string; receivedAt: string }[] }).reports;
    expect(listed).toHaveLength(2);
    expect(listed[0]!.receivedAt).toBe(daysAgo(1).toISOString());
    expect(f!.since.toISOString()).toBe(daysAgo(1).toISOString());
    expect(await kinds(p.repeat13!)).toEqual([]);
    expect(await kinds(p.adult!)).toEqual([]);
  });

  it('siblings with reports: a sibling\'s report within 12 months flags the other child of the household', async () => {
    const f = await flag(p.sibA!, 'sibling_reports');
    expect(f).toBeDefined();
    expect(f!.explanation).toMatchObject({ windowMonths: 12, count: 1, siblingIds: [p.sibB] });
    expect(f!.schoolId).toBe(s1);
    // the sibling with the report is not flagged by their own report
    expect(await kinds(p.sibB!)).toEqual([]);
    expect(await kinds(p.sibC!)).toEqual([]);
  });

  it('teenager neither studying nor working: 15 fires, 13 does not; studying or a closed case does not', async () => {
    const f = await flag(p.teen15!, 'neet_teen');
    expect(f!.explanation).toMatchObject({ age: 15, ageMin: RULES.neetTeen.ageMin, ageMax: RULES.neetTeen.ageMax, occupation: 'neither' });
    expect(f!.schoolId).toBe(s2);
    expect(f!.districtCode).toBe(D2);
    expect(await kinds(p.teen13!)).toEqual([]);
    expect(await kinds(p.teen16s!)).toEqual([]);
    expect(await kinds(p.teen15c!)).toEqual([]);
  });

  it('recent case closed: a report 5 months after closure fires, 7 months does not; a new case 5 months after fires', async () => {
    const f = await flag(p.closed5!, 'recent_case_closed');
    expect(f!.explanation).toMatchObject({ withinMonths: 6, trigger: 'report', closeReason: 'goals_achieved' });
    expect((f!.explanation as { days: number }).days).toBeGreaterThan(140);
    expect(await kinds(p.closed7!)).toEqual([]);
    const reopened = await flag(p.reopened!, 'recent_case_closed');
    expect(reopened!.explanation).toMatchObject({ trigger: 'case' });
  });

  it('high assessed risk: the latest assessment of an open case says high or very high', async () => {
    const f = await flag(p.high!, 'high_risk');
    expect(f!.explanation).toMatchObject({ level: 'high', score: 9, assessedAt: daysAgo(10).toISOString() });
    expect((f!.explanation as { caseNumber: string }).caseNumber).toMatch(/^CF-75-2026-/);
    expect(await kinds(p.lowered!)).toEqual([]);
    expect(await kinds(p.highClosed!)).toEqual([]);
  });

  it('school absence: two absence concerns within 90 days, or persistent absence in an assessment', async () => {
    const f = await flag(p.absent!, 'school_absence');
    expect(f!.explanation).toMatchObject({ windowDays: 90, count: 2, assessment: null });
    expect(f!.schoolId).toBe(s1);
    expect(await kinds(p.absentOld!)).toEqual([]);
    const a = await flag(p.absentAssessed!, 'school_absence');
    expect(a!.explanation).toMatchObject({ count: 0, assessment: { item: 'school_attendance', option: 'persistent' } });
  });

  it('explanations carry codes, numbers, ids and dates — never names', async () => {
    const all = await h.deps.db.select().from(riskFlags);
    expect(all.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(all.map((f) => f.explanation));
    expect(text).not.toMatch(/Тестов|Айдана|Соседи|пропуски/);
  });

  it('recomputation replaces old flags; the incremental path also recomputes the siblings', async () => {
    // a stale row is removed by the full run
    await h.deps.db.insert(riskFlags).values({ personId: p.teen13!, kind: 'high_risk', explanation: {}, since: NOW, computedAt: new Date(NOW.getTime() - DAY) });
    await computeFlags(h.deps.db, NOW);
    expect(await kinds(p.teen13!)).toEqual([]);
    // a report about sibD, then the cheap path for sibD alone flags sibC
    await report(p.sibD!, daysAgo(1));
    await h.deps.db.transaction((tx) => recomputeFlagsFor(tx, NOW, [p.sibD!]));
    expect(await kinds(p.sibC!)).toEqual(['sibling_reports']);
    // time passes: the older report of repeat11 leaves the window
    const later = new Date(NOW.getTime() + 45 * DAY);
    await h.deps.db.transaction((tx) => recomputeFlagsFor(tx, later, [p.repeat11!]));
    expect(await kinds(p.repeat11!)).toEqual([]);
    await computeFlags(h.deps.db, NOW);
    expect(await kinds(p.repeat11!)).toEqual(['repeat_report']);
  });

  it('GET /persons/:id/flags: for whoever may read the person, audited; others get an audited 404', async () => {
    const res = await h.call(operator, 'GET', `/api/v1/persons/${p.repeat11}/flags`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.items.map((f: { kind: string }) => f.kind)).toEqual(['repeat_report']);
    expect(res.json.items[0].explanation.reports[0].number).toMatch(/^KZ-75|\d/);
    const [entry] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'person_flags'), eq(auditLog.entityId, p.repeat11!)));
    expect(entry?.details).toEqual({ kinds: ['repeat_report'] });
    // a case-only child: readable through the case
    const viaCase = await h.call(coordinator, 'GET', `/api/v1/persons/${p.teen15}/flags`);
    expect(viaCase.status).toBe(200);
    expect(viaCase.json.items[0].kind).toBe('neet_teen');
    expect((await h.call(coordinator79, 'GET', `/api/v1/persons/${p.teen15}/flags`)).status).toBe(404);
    expect((await h.call(teacher, 'GET', `/api/v1/persons/${p.absent}/flags`)).status).toBe(404);
    expect((await h.call(operator, 'GET', '/api/v1/persons/not-a-uuid/flags')).status).toBe(404);
    const denied = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'denied'), eq(auditLog.entityId, p.teen15!)));
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });

  it('GET /cases/:id/flags: the members\' flags for readers of the case', async () => {
    const [m] = await h.deps.db.select({ caseId: caseMembers.caseId }).from(caseMembers).where(eq(caseMembers.personId, p.teen15!));
    const res = await h.call(coordinator, 'GET', `/api/v1/cases/${m!.caseId}/flags`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.items).toEqual([expect.objectContaining({ personId: p.teen15, relation: 'child', subject: true, flags: [expect.objectContaining({ kind: 'neet_teen' })] })]);
    expect((await h.call(coordinator79, 'GET', `/api/v1/cases/${m!.caseId}/flags`)).status).toBe(404);
    const [entry] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'case_flags'), eq(auditLog.entityId, m!.caseId)));
    expect(entry?.details).toEqual({ persons: [p.teen15], kinds: ['neet_teen'] });
  });

  it('risk register: scoped to the school, the district, the region; counts per district and school', async () => {
    const school = await h.call(schoolLead, 'GET', '/api/v1/risk-register');
    expect(school.status, JSON.stringify(school.json)).toBe(200);
    const schoolIds = school.json.items.map((i: { personId: string }) => i.personId).sort();
    expect(schoolIds).toEqual([p.absent, p.high, p.sibA].sort());
    expect(school.json.bySchool).toEqual([expect.objectContaining({ schoolId: s1, children: 3 })]);
    expect(school.json.items.every((i: { schoolId: string }) => i.schoolId === s1)).toBe(true);

    const district = await h.call(districtLead, 'GET', '/api/v1/risk-register');
    // sibC goes to school 2 too (flagged by the incremental test above)
    expect(district.json.items.map((i: { personId: string }) => i.personId).sort()).toEqual([p.teen15, p.sibC].sort());
    expect(district.json.byDistrict).toEqual([expect.objectContaining({ districtCode: D2, children: 2, byKind: expect.objectContaining({ neet_teen: 1, sibling_reports: 1 }) })]);

    const region = await h.call(coordinator, 'GET', '/api/v1/risk-register?limit=200');
    const regionIds = region.json.items.map((i: { personId: string }) => i.personId);
    for (const k of ['repeat11', 'sibA', 'sibC', 'teen15', 'closed5', 'reopened', 'high', 'absent', 'absentAssessed']) expect(regionIds).toContain(p[k]);
    expect(region.json.total).toBe(regionIds.length);
    expect(region.json.items[0].flags.length).toBeGreaterThanOrEqual(region.json.items.at(-1).flags.length);
    const item = region.json.items.find((i: { personId: string }) => i.personId === p.teen15);
    expect(item).toMatchObject({ lastName: 'Тестовteen15', age: 15, schoolName: { ru: 'Школа №2' }, districtCode: D2 });

    const other = await h.call(coordinator79, 'GET', '/api/v1/risk-register');
    expect(other.json.total).toBe(0);
    expect(other.json.items).toEqual([]);

    const byKind = await h.call(coordinator, 'GET', '/api/v1/risk-register?kind=high_risk');
    expect(byKind.json.items.map((i: { personId: string }) => i.personId)).toEqual([p.high]);
    expect(byKind.json.byKind).toMatchObject({ high_risk: 1, repeat_report: 0 });

    const page = await h.call(coordinator, 'GET', '/api/v1/risk-register?limit=2');
    expect(page.json.items).toHaveLength(2);
    expect(page.json.nextOffset).toBe(2);
    const next = await h.call(coordinator, 'GET', '/api/v1/risk-register?limit=2&offset=2');
    expect(next.json.items[0].personId).not.toBe(page.json.items[0].personId);

    const [audit] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'risk_register'), eq(auditLog.username, coordinator.username), sql`${auditLog.details} -> 'filter' ->> 'kind' = 'high_risk'`));
    expect(audit?.details).toMatchObject({ count: 1, countsOnly: false, results: [p.high] });
    expect(JSON.stringify(audit?.details)).not.toMatch(/Тестов/);
  });

  it('risk register: analysts get counts only; others without cases or statistics are refused; bad filters name the field', async () => {
    const res = await h.call(analyst, 'GET', '/api/v1/risk-register');
    expect(res.status).toBe(200);
    expect(res.json.countsOnly).toBe(true);
    expect(res.json.items).toBeNull();
    expect(res.json.total).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(res.json)).not.toMatch(/Тестов|Айдана/);
    expect((await h.call(teacher, 'GET', '/api/v1/risk-register')).status).toBe(403);
    const bad = await h.call(coordinator, 'GET', '/api/v1/risk-register?districtCode=12&kind=nope');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.details)).toMatch(/districtCode/);
  });

  it('the minute job recomputes the children whose records changed, once their writes have settled', async () => {
    await refreshTouchedFlags(h.deps); // the first pass sets its starting point
    await person('touched', bornYearsAgo(8));
    await report(p.touched!, monthsAgo(2));
    await report(p.touched!, daysAgo(1));
    expect(await kinds(p.touched!)).toEqual([]);
    // entries younger than 30 s wait: their transaction may still be open
    expect(await refreshTouchedFlags(h.deps)).toMatchObject({ persons: 0 });
    clock.advance(31_000);
    const pass = await refreshTouchedFlags(h.deps);
    expect(pass?.persons).toBeGreaterThanOrEqual(1);
    expect(await kinds(p.touched!)).toEqual(['repeat_report']);
    // nothing changed since: nothing to do
    clock.advance(61_000);
    expect(await refreshTouchedFlags(h.deps)).toMatchObject({ persons: 0 });
  });
});
