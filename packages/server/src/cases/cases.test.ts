// Family case files through the API: a case from a report to closure with supervisor approvals,
// reopening, transfer with consent, and who sees what — the health section stays invisible to a
// school specialist on the same case, every read and denial audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_INSTRUMENT } from '@qorgau/core';
import { auditLog, notifications, schools, units } from '../db/schema.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const DISTRICT = '751110000';

const noAnswers = () => Object.fromEntries(DEFAULT_INSTRUMENT.items.map((i) => [i.code, i.options[0]!.code]));

describe('family case files', () => {
  let h: Harness;
  let guardian: TestUser;
  let guardianHead: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let school: TestUser;
  let health: TestUser;
  let police: TestUser;
  let operator: TestUser;
  let schoolId: string;
  let reportId: string;
  let childId: string;

  beforeAll(async () => {
    h = await createHarness();
    const [s] = await h.deps.db.insert(schools).values({ nameKk: 'Мектеп №5', nameRu: 'Школа №5', nameEn: 'School 5', regionCode: 'KZ-75', districtCode: DISTRICT }).returning();
    schoolId = s!.id;
    const [unit] = await h.deps.db.insert(units).values({ agencyType: 'social_protection', nameKk: 'Қорғаншылық', nameRu: 'Опека', nameEn: 'Guardianship', regionCode: 'KZ-75', createdAt: new Date() }).returning();
    guardian = await h.user('guardianship_officer', { regionCode: 'KZ-75', unitId: unit!.id });
    guardianHead = await h.user('guardianship_officer', { regionCode: 'KZ-75', unitId: unit!.id, isUnitHead: true });
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    otherCoordinator = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    school = await h.user('school_specialist', { regionCode: 'KZ-75', districtCode: DISTRICT, schoolId });
    health = await h.user('health_worker', { regionCode: 'KZ-75' });
    police = await h.user('police_inspector', { regionCode: 'KZ-75' });
    operator = await h.user('hotline_operator');
    const rep = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({
      incidents: [{
        types: ['neglect'], occurredOn: '2026-11-10', place: 'home', schoolId, districtCode: DISTRICT,
        victims: [{ lastName: 'Жақсыбекова', firstName: 'Алуа', birthDate: '2013-05-14', sex: 'female' }], perpetrators: [],
      }],
    }));
    expect(rep.status, JSON.stringify(rep.json)).toBe(201);
    reportId = rep.json.id;
    childId = rep.json.incidents[0].victims[0].id;
  });
  afterAll(async () => { await h.close(); });

  let caseId: string;

  it('opens a case from a report: its victims are the children, numbered per region and year', async () => {
    expect((await h.call(operator, 'POST', '/api/v1/cases', { kind: 'protection', reportId, summary: 'x' })).status).toBe(403);
    const res = await h.call(guardian, 'POST', '/api/v1/cases', {
      kind: 'protection', reportId, summary: 'Семья в трудной ситуации. СЕКРЕТ-СВОДКИ', address: 'мкр. Самал-2, 15',
      contributingAgencies: ['education', 'health'],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    caseId = res.json.id;
    expect(res.json.number).toMatch(/^CF-75-\d{4}-000001$/);
    expect(res.json.status).toBe('open');
    expect(res.json.children).toEqual([{ personId: childId, name: 'Жақсыбекова Алуа', birthDate: '2013-05-14' }]);
    expect(res.json.members[0]).toMatchObject({ relation: 'child', subject: true, schoolId });
    expect(res.json.agencies.map((a: { agencyType: string; role: string }) => `${a.role}:${a.agencyType}`)).toEqual(['lead:social_protection', 'contributing:education', 'contributing:health']);
    expect(res.json.reports.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect(res.json.rights).toMatchObject({ read: true, work: true, lead: true, approve: false });
  });

  it('adds household members, new or from the register, and refuses nonsense with named fields', async () => {
    const mother = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/members`, {
      person: { lastName: 'Жақсыбекова', firstName: 'Гүлмира', birthDate: '1988-02-01', sex: 'female' }, relation: 'mother', occupation: 'working',
    });
    expect(mother.status, JSON.stringify(mother.json)).toBe(200);
    const teen = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/members`, {
      person: { lastName: 'Жақсыбеков', firstName: 'Ерлан', birthDate: '2009-09-09', sex: 'male' }, relation: 'sibling', occupation: 'neither',
    });
    expect(teen.json.members).toHaveLength(3);
    const again = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/members`, { person: { id: childId }, relation: 'child', subject: true });
    expect(again.status).toBe(409);
    const bad = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/members`, { person: { lastName: 'X', firstName: 'Y', iin: '123' }, relation: 'uncle' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['person.iin', 'relation']);
    const subjectAdult = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/members`, { person: { lastName: 'A', firstName: 'B' }, relation: 'father', subject: true });
    expect(subjectAdult.status).toBe(400);
    expect(subjectAdult.json.error.details[0].path).toBe('relation');
  });

  it('assesses: the risk level with every reason; an open case moves to assessment', async () => {
    const instrument = await h.call(school, 'GET', '/api/v1/assessment/instrument');
    expect(instrument.json.version).toBe(1);
    const incomplete = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/assessments`, { items: { prior_reports: 'one' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error.details.length).toBeGreaterThan(5);
    expect((await h.call(school, 'POST', `/api/v1/cases/${caseId}/assessments`, { items: noAnswers() })).status).toBe(403);
    const items = { ...noAnswers(), domestic_violence: 'yes', substance_abuse: 'current', school_attendance: 'persistent', harsh_discipline: 'yes' };
    const res = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/assessments`, { threats: { child_afraid: true }, safetyPlan: true, items });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ score: 8, level: 'high', safetyDecision: 'conditionally_safe', threats: ['child_afraid'] });
    expect(res.json.reasons).toContainEqual({ kind: 'threshold', level: 'high', min: 8, score: 8 });
    const c = await h.call(guardian, 'GET', `/api/v1/cases/${caseId}`);
    expect(c.json).toMatchObject({ status: 'assessment', riskLevel: 'high' });
    expect(c.json.latestAssessment.level).toBe('high');
    // a reassessment is kept beside the first (the chart over time)
    await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/assessments`, { items: { ...items, harsh_discipline: 'no' } });
    const all = await h.call(school, 'GET', `/api/v1/cases/${caseId}/assessments`);
    expect(all.json.items.map((a: { level: string }) => a.level)).toEqual(['high', 'moderate']);
  });

  it('a plan needs a goal with an action and a supervisor\'s approval — never the requester\'s own', async () => {
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/status`, { to: 'review' })).status).toBe(409);
    const toPlan = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/status`, { to: 'plan' });
    expect(toPlan.json.status).toBe('plan');
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/approvals`, { kind: 'plan' })).status).toBe(409);
    const goal = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/plan`, { kind: 'goal', title: 'Регулярное посещение школы' });
    const goalId = goal.json.plan[0].id;
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/plan`, { kind: 'action', title: 'x' })).json.error.details[0].path).toBe('goalId');
    await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/plan`, { kind: 'action', goalId, title: 'Ежедневный контроль посещаемости', responsibleAgency: 'education', dueOn: '2027-01-15' });
    const asked = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/approvals`, { kind: 'plan', note: 'План согласован с семьёй' });
    expect(asked.json.pendingApproval).toBe('plan');
    const approvalId = asked.json.approvals[0].id;
    const alerted = await h.deps.db.select().from(notifications).where(eq(notifications.kind, 'case_approval_requested'));
    expect(new Set(alerted.map((n) => n.userId))).toEqual(new Set([coordinator.id, guardianHead.id]));
    expect(JSON.stringify(alerted)).not.toMatch(/Жақсыбек|СЕКРЕТ/);
    // the requester cannot approve; a worker without approval rights neither
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/approvals/${approvalId}/decision`, { decision: 'approved' })).status).toBe(403);
    expect((await h.call(school, 'POST', `/api/v1/cases/${caseId}/approvals/${approvalId}/decision`, { decision: 'approved' })).status).toBe(403);
    expect((await h.call(coordinator, 'POST', `/api/v1/cases/${caseId}/approvals/${approvalId}/decision`, { decision: 'rejected' })).status).toBe(400);
    const view = await h.call(coordinator, 'GET', '/api/v1/cases?awaitingMyApproval=true');
    expect(view.json.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const ok = await h.call(coordinator, 'POST', `/api/v1/cases/${caseId}/approvals/${approvalId}/decision`, { decision: 'approved', note: 'Согласовано' });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.status).toBe('in_progress');
    expect(ok.json.nextReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await h.call(coordinator, 'POST', `/api/v1/cases/${caseId}/approvals/${approvalId}/decision`, { decision: 'approved' })).status).toBe(409);
  });

  it('the responsible agency marks its action done; only the lead changes the plan', async () => {
    const c = await h.call(school, 'GET', `/api/v1/cases/${caseId}`);
    const action = c.json.plan.find((p: { kind: string }) => p.kind === 'action');
    expect((await h.call(school, 'PATCH', `/api/v1/cases/${caseId}/plan/${action.id}`, { title: 'другое' })).status).toBe(403);
    const done = await h.call(school, 'PATCH', `/api/v1/cases/${caseId}/plan/${action.id}`, { status: 'done' });
    expect(done.json.plan.find((p: { id: string }) => p.id === action.id).status).toBe('done');
  });

  it('visits and notes: a confidential note is seen by its author and the lead only', async () => {
    const v = await h.call(health, 'POST', `/api/v1/cases/${caseId}/visits`, {
      visitedOn: '2026-11-20', visitors: 'Ким Н. (поликлиника)', childrenSeen: true, observations: 'Дома чисто, ребёнок накормлен', nextVisitOn: '2026-12-04',
    });
    expect(v.status, JSON.stringify(v.json)).toBe(200);
    expect((await h.call(health, 'POST', `/api/v1/cases/${caseId}/visits`, { visitedOn: '2099-01-01', visitors: 'x', childrenSeen: false, observations: 'x' })).status).toBe(400);
    await h.call(school, 'POST', `/api/v1/cases/${caseId}/notes`, { sensitivity: 'confidential', body: 'Девочка рассказала о ссорах родителей' });
    await h.call(school, 'POST', `/api/v1/cases/${caseId}/notes`, { sensitivity: 'normal', body: 'Посещает все уроки' });
    const forHealth = await h.call(health, 'GET', `/api/v1/cases/${caseId}`);
    expect(forHealth.json.notes.map((n: { body: string }) => n.body)).toEqual(['Посещает все уроки']);
    expect(forHealth.json.hiddenNotes).toBe(1);
    expect((await h.call(guardian, 'GET', `/api/v1/cases/${caseId}`)).json.notes).toHaveLength(2);
    // police is not on the case: not visible, and the denial is audited
    expect((await h.call(police, 'POST', `/api/v1/cases/${caseId}/notes`, { sensitivity: 'normal', body: 'x' })).status).toBe(404);
  });

  it('the health section is invisible to a school specialist on the same case; every read and denial audited', async () => {
    const f = await h.call(health, 'POST', `/api/v1/cases/${caseId}/facts`, { section: 'health', personId: childId, topic: 'Диагноз', body: 'ДИАГНОЗ-СЕКРЕТ: анемия', recordedOn: '2026-11-20' });
    expect(f.status, JSON.stringify(f.json)).toBe(200);
    await h.call(school, 'POST', `/api/v1/cases/${caseId}/facts`, { section: 'education', personId: childId, topic: 'Успеваемость', body: 'Хорошистка', recordedOn: '2026-11-20' });
    const forSchool = await h.call(school, 'GET', `/api/v1/cases/${caseId}`);
    expect(forSchool.status).toBe(200);
    expect(JSON.stringify(forSchool.json)).not.toContain('ДИАГНОЗ-СЕКРЕТ');
    expect(forSchool.json.facts.map((x: { section: string }) => x.section)).toEqual(['education']);
    expect(forSchool.json.hiddenSections).toContain('health');
    expect(forSchool.json.rights.sections).not.toContain('health');
    expect((await h.call(school, 'GET', `/api/v1/cases/${caseId}/facts/health`)).status).toBe(403);
    expect((await h.call(school, 'POST', `/api/v1/cases/${caseId}/facts`, { section: 'health', topic: 't', body: 'b', recordedOn: '2026-11-20' })).status).toBe(403);
    // the health worker and the lead see it
    expect((await h.call(health, 'GET', `/api/v1/cases/${caseId}/facts/health`)).json.items[0].body).toContain('ДИАГНОЗ-СЕКРЕТ');
    expect(JSON.stringify((await h.call(guardian, 'GET', `/api/v1/cases/${caseId}`)).json.facts)).toContain('ДИАГНОЗ-СЕКРЕТ');
    // the coordinator reads the case but not the health details
    expect(JSON.stringify((await h.call(coordinator, 'GET', `/api/v1/cases/${caseId}`)).json)).not.toContain('ДИАГНОЗ-СЕКРЕТ');
    const audit = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'case'), eq(auditLog.entityId, caseId)));
    const schoolReads = audit.filter((a) => a.userId === school.id && a.action === 'read');
    expect(schoolReads.length).toBeGreaterThan(0);
    expect(schoolReads.every((a) => !(a.details.sections as string[] | undefined)?.includes('health'))).toBe(true);
    expect(audit.filter((a) => a.userId === school.id && a.action === 'denied').map((a) => a.details.section)).toEqual(['health', 'health']);
    expect(JSON.stringify(audit)).not.toMatch(/ДИАГНОЗ|СЕКРЕТ|Жақсыбек|Алуа/);
  });

  it('is invisible outside its territory and agencies, with the denial audited as for a missing record', async () => {
    for (const u of [otherCoordinator, police]) {
      const res = await h.call(u, 'GET', `/api/v1/cases/${caseId}`);
      expect(res.status).toBe(404);
      expect((await h.call(u, 'GET', '/api/v1/cases')).json.items).toEqual([]);
    }
    expect((await h.call(operator, 'GET', '/api/v1/cases')).status).toBe(403);
    expect((await h.call(operator, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    const denied = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'denied'), eq(auditLog.entityId, caseId)));
    expect(denied.map((d) => `${d.userId === otherCoordinator.id ? 'other' : d.userId === police.id ? 'police' : d.userId === operator.id ? 'operator' : '?'}:${String(d.details.reason)}`))
      .toEqual(expect.arrayContaining(['other:territory', 'police:agency', 'operator:capability']));
    const mine = await h.call(school, 'GET', '/api/v1/cases?status=active');
    expect(mine.json.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
  });

  it('review, closure with a reason approved by a supervisor, and reopening kept in history', async () => {
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/reviews`, { heldOn: '2026-11-21', decision: 'continue', summary: 'x' })).status).toBe(409);
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/status`, { to: 'review' })).json.status).toBe('review');
    const cont = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/reviews`, { heldOn: '2026-11-21', decision: 'continue', summary: 'Положительная динамика' });
    expect(cont.json.status).toBe('in_progress');
    await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/status`, { to: 'review' });
    const close = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/reviews`, { heldOn: '2026-11-22', decision: 'close', summary: 'Цели достигнуты' });
    expect(close.json.status).toBe('review');
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/approvals`, { kind: 'closure', closeReason: 'goals_achieved' })).status).toBe(400);
    const asked = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/approvals`, { kind: 'closure', closeReason: 'goals_achieved', note: 'Риск снижен, ребёнок посещает школу' });
    const approval = asked.json.approvals.find((a: { decision: string | null }) => !a.decision);
    const closed = await h.call(guardianHead, 'POST', `/api/v1/cases/${caseId}/approvals/${approval.id}/decision`, { decision: 'approved' });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', closeReason: 'goals_achieved' });
    expect(closed.json.closedAt).not.toBeNull();
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/notes`, { sensitivity: 'normal', body: 'после закрытия' })).status).toBe(200);
    expect((await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/visits`, { visitedOn: '2026-11-22', visitors: 'x', childrenSeen: true, observations: 'x' })).status).toBe(409);
    const reopened = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/reopen`, { note: 'Новое сообщение из школы' });
    expect(reopened.json).toMatchObject({ status: 'assessment', reopenCount: 1, closeReason: null, closedAt: null });
    const kinds = reopened.json.history.map((e: { kind: string; toStatus: string | null }) => `${e.kind}${e.toStatus ? `→${e.toStatus}` : ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['opened→open', 'assessed→assessment', 'status→plan', 'approval_requested', 'approved', 'status→in_progress', 'status→review', 'reviewed→in_progress', 'status→closed', 'status→assessment', 'reopened']));
    expect(kinds.indexOf('status→closed')).toBeLessThan(kinds.indexOf('reopened'));
  });

  it('transfers responsibility to another agency only with the family\'s consent recorded', async () => {
    const noConsent = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/transfers`, { toAgencyType: 'education', reason: 'Переезд', consent: { given: false, givenByPersonId: childId, method: 'written', on: '2026-11-22' } });
    expect(noConsent.status).toBe(400);
    expect(noConsent.json.error.details[0].path).toBe('consent.given');
    const c = await h.call(guardian, 'GET', `/api/v1/cases/${caseId}`);
    const mother = c.json.members.find((m: { relation: string }) => m.relation === 'mother');
    const stranger = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/transfers`, { toAgencyType: 'education', reason: 'x', consent: { given: true, givenByPersonId: reportId, method: 'written', on: '2026-11-22' } });
    expect(stranger.json.error.details[0].path).toBe('consent.givenByPersonId');
    const t = await h.call(guardian, 'POST', `/api/v1/cases/${caseId}/transfers`, {
      toAgencyType: 'education', toUserId: school.id, reason: 'Сопровождение передаётся школе', consent: { given: true, givenByPersonId: mother.person.id, method: 'written', on: '2026-11-22' },
    });
    expect(t.status, JSON.stringify(t.json)).toBe(200);
    const transferId = t.json.transfers[0].id;
    expect((await h.call(health, 'POST', `/api/v1/cases/${caseId}/transfers/${transferId}/decision`, { decision: 'accepted' })).status).toBe(403);
    const seen = await h.call(school, 'GET', `/api/v1/cases/${caseId}`);
    expect(seen.json.rights.acceptTransfer).toBe(true);
    const accepted = await h.call(school, 'POST', `/api/v1/cases/${caseId}/transfers/${transferId}/decision`, { decision: 'accepted' });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json).toMatchObject({ leadAgencyType: 'education', lead: { id: school.id } });
    expect(accepted.json.agencies.find((a: { role: string }) => a.role === 'lead').agencyType).toBe('education');
    expect(accepted.json.agencies.map((a: { agencyType: string }) => a.agencyType)).toContain('social_protection');
    // the new lead now sees the health section too (the lead does)
    expect(JSON.stringify(accepted.json.facts)).toContain('ДИАГНОЗ-СЕКРЕТ');
  });

  it('numbers stay unique under concurrent openings', async () => {
    const opens = await Promise.all(Array.from({ length: 12 }, (_, i) => h.call(guardian, 'POST', '/api/v1/cases', {
      kind: 'patronage', summary: 'Патронаж', members: [{ person: { lastName: 'Тест', firstName: `Бала${i}`, birthDate: '2015-01-01' }, relation: 'child', subject: true }],
    })));
    expect(opens.map((o) => o.status)).toEqual(Array(12).fill(201));
    const numbers = opens.map((o) => o.json.number as string);
    expect(new Set(numbers).size).toBe(12);
    const [count] = await h.deps.db.execute(sql`select count(distinct number)::int as n from cases`).then((r) => (r as { rows: { n: number }[] }).rows);
    expect(count?.n).toBe(13);
    const noChild = await h.call(guardian, 'POST', '/api/v1/cases', { kind: 'patronage', summary: 'x', members: [{ person: { lastName: 'Мать', firstName: 'Одна' }, relation: 'mother' }] });
    expect(noChild.status).toBe(400);
    expect(noChild.json.error.details[0].path).toBe('members');
  });
});
