// Response tasks end to end through the API: the protocol's tasks at intake, routing to units,
// the inbox, working a task, closing rules, timeline need-to-know, conferences and timeliness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, tasks } from '../db/schema.ts';
import { createHarness, ManualClock, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { sweepEscalations } from './escalation.ts';
import { sendDueReminders } from './reminders.ts';

const HOUR = 3_600_000;
// Monday 23 November 2026, 10:00 in Almaty
const START = '2026-11-23T05:00:00.000Z';

const p1SexualAtSchool = () => sampleReport({
  screening: { immediateDanger: true, childInjured: false, perpetratorHasAccess: true },
  incidents: [{
    types: ['sexual'], place: 'school', occurredOn: '2026-11-22',
    victims: [{ lastName: 'Ахметова', firstName: 'Дана', birthDate: '2013-05-04', sex: 'female' }],
    perpetrators: [{ relation: 'school_staff', sex: 'male' }],
  }],
});

describe('response tasks', () => {
  let h: Harness;
  let clock: ManualClock;
  let operator: TestUser;
  let policeHead: TestUser;
  let inspector: TestUser;
  let policeElsewhere: TestUser;
  let school: TestUser;
  let coordinator: TestUser;
  let analyst: TestUser;
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    clock = new ManualClock(START);
    // the clock jumps days ahead: sessions must outlive it
    h = await createHarness({ clock, config: { sessionIdleMinutes: 60 * 24 * 365, sessionMaxHours: 24 * 365 } });
    // one unit per agency for Almaty, routed region-wide; a district police unit overrides it for one district
    for (const agencyType of ['police', 'health', 'education', 'service_provider', 'social_protection', 'juvenile_commission']) {
      const u = await h.call(h.admin, 'POST', '/api/v1/units', { agencyType, nameKk: `${agencyType} KZ-75`, nameRu: `${agencyType} KZ-75`, nameEn: `${agencyType} KZ-75`, regionCode: 'KZ-75' });
      expect(u.status, JSON.stringify(u.json)).toBe(201);
      unit[agencyType] = u.json.id;
      expect((await h.call(h.admin, 'PUT', '/api/v1/routing', { agencyType, regionCode: 'KZ-75', unitId: u.json.id })).status).toBe(200);
    }
    const district = await h.call(h.admin, 'POST', '/api/v1/units', { agencyType: 'police', nameKk: 'Бостандық ПБ', nameRu: 'Бостандыкское УП', nameEn: 'Bostandyk police', regionCode: 'KZ-75', districtCode: '751110000' });
    unit.policeDistrict = district.json.id;
    expect((await h.call(h.admin, 'PUT', '/api/v1/routing', { agencyType: 'police', regionCode: 'KZ-75', districtCode: '751110000', unitId: district.json.id })).status).toBe(200);

    operator = await h.user('hotline_operator');
    policeHead = await h.user('police_inspector', { regionCode: 'KZ-75', unitId: unit.police, isUnitHead: true });
    inspector = await h.user('police_inspector', { regionCode: 'KZ-75', unitId: unit.police });
    policeElsewhere = await h.user('police_inspector', { regionCode: 'KZ-79' });
    school = await h.user('school_specialist', { regionCode: 'KZ-75', unitId: unit.education, isUnitHead: true });
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    analyst = await h.user('analyst');
  });
  afterAll(async () => { await h.close(); });

  it('API.md: a P1 sexual-violence report at a school gets tasks for police, health, a psychologist and the school, due as the default protocol says', async () => {
    const res = await h.call(operator, 'POST', '/api/v1/reports', p1SexualAtSchool());
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.priority).toBe('P1');
    expect(res.json.protocolVersion).toBe(1);
    const received = Date.parse(res.json.receivedAt);
    const due = (agencyType: string, action: string) => {
      const t = res.json.tasks.find((x: { agencyType: string; action: string }) => x.agencyType === agencyType && x.action === action);
      expect(t, `${agencyType}/${action}`).toBeDefined();
      expect(t).toMatchObject({ id: expect.any(String), status: 'open' });
      return (Date.parse(t.dueAt) - received) / HOUR;
    };
    expect(due('police', 'immediate_response')).toBe(2);
    expect(due('police', 'criminal_check')).toBe(24);
    expect(due('health', 'medical_examination')).toBe(24);
    expect(due('service_provider', 'psychological_support')).toBe(24);
    expect(due('education', 'school_response')).toBe(24);
    expect(due('social_protection', 'home_visit')).toBe(24);
    // the decision within one working day: Tuesday 10:00
    expect(res.json.tasks.find((t: { action: string }) => t.action === 'decide_report').dueAt).toBe('2026-11-24T05:00:00.000Z');
    // routed to the units of Almaty; the same list on reading the report
    expect(res.json.tasks.find((t: { agencyType: string }) => t.agencyType === 'health').unitId).toBe(unit.health);
    const read = await h.call(policeHead, 'GET', `/api/v1/reports/${res.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json.tasks.map((t: { id: string }) => t.id).sort()).toEqual(res.json.tasks.map((t: { id: string }) => t.id).sort());
    // the unit's members are told
    const told = await h.deps.db.select().from(notifications).where(and(eq(notifications.userId, inspector.id), eq(notifications.kind, 'task_new')));
    expect(told.length).toBeGreaterThanOrEqual(2);
  });

  it('routes to the district unit when the report is in that district', async () => {
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ districtCode: '751110000' }));
    const police = res.json.tasks.filter((t: { agencyType: string }) => t.agencyType === 'police');
    expect(police.length).toBeGreaterThan(0);
    for (const t of police) expect(t.unitId).toBe(unit.policeDistrict);
  });

  it('works a task from the inbox: assign, accept, record, complete; others cannot', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', p1SexualAtSchool());
    const inboxHead = await h.call(policeHead, 'GET', `/api/v1/tasks?scope=unit&reportId=${report.json.id}`);
    expect(inboxHead.status).toBe(200);
    expect(inboxHead.json.items.map((t: { action: string }) => t.action)).toEqual(['immediate_response', 'criminal_check']);
    const task = inboxHead.json.items[0];
    // another region's police neither sees nor works it
    expect((await h.call(policeElsewhere, 'GET', `/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await h.call(policeElsewhere, 'GET', `/api/v1/tasks?scope=unit&reportId=${report.json.id}`)).json.items).toEqual([]);
    // a member cannot assign; the head can, only to a member of the unit
    expect((await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/assign`, { userId: inspector.id })).status).toBe(403);
    expect((await h.call(policeHead, 'POST', `/api/v1/tasks/${task.id}/assign`, { userId: school.id })).status).toBe(400);
    const assigned = await h.call(policeHead, 'POST', `/api/v1/tasks/${task.id}/assign`, { userId: inspector.id });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    expect(assigned.json).toMatchObject({ status: 'accepted', assigneeId: inspector.id });
    expect((await h.call(inspector, 'GET', '/api/v1/tasks?scope=mine')).json.items.map((t: { id: string }) => t.id)).toContain(task.id);
    // the navigation badge's numbers: no audit entry per poll
    const auditBefore = (await h.call(h.admin, 'GET', `/api/v1/audit?userId=${inspector.id}&limit=500`)).json.items.length;
    expect((await h.call(inspector, 'GET', '/api/v1/tasks/counts?scope=mine')).json).toMatchObject({ active: 1 });
    expect((await h.call(h.admin, 'GET', `/api/v1/audit?userId=${inspector.id}&limit=500`)).json.items.length).toBe(auditBefore);
    expect((await h.call(operator, 'GET', '/api/v1/tasks/counts?scope=territory')).status).toBe(403);
    expect((await h.call(operator, 'GET', `/api/v1/reports/${report.json.id}`)).json.status).toBe('in_progress');
    clock.advance(HOUR);
    const acted = await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/actions`, { note: 'Выехали на место, ребёнок с матерью.' });
    expect(acted.status).toBe(200);
    expect((await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/actions`, { note: '  ' })).status).toBe(400);
    expect((await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'nonsense' })).status).toBe(400);
    const done = await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'protective_measures', note: 'Составлен протокол' });
    expect(done.json).toMatchObject({ status: 'done', outcome: 'protective_measures', nextEscalationAt: null });
    expect(done.json.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'action', 'completed']);
    expect((await h.call(inspector, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'child_safe' })).status).toBe(409);

    // the timeline: everyone involved sees who did what; the police's note text stays with the police and coordinators
    const forSchool = await h.call(school, 'GET', `/api/v1/reports/${report.json.id}/timeline`);
    expect(forSchool.status).toBe(200);
    const action = forSchool.json.items.find((i: { kind: string }) => i.kind === 'task_action');
    expect(action).toMatchObject({ agencyType: 'police', note: null, noteWithheld: true });
    const forCoordinator = await h.call(coordinator, 'GET', `/api/v1/reports/${report.json.id}/timeline`);
    expect(forCoordinator.json.items.find((i: { kind: string }) => i.kind === 'task_action').note).toBe('Выехали на место, ребёнок с матерью.');
    expect(forCoordinator.json.items[0].kind).toBe('report_created');
    expect(forCoordinator.json.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['task_created', 'task_assigned', 'task_completed', 'status_changed']));
  });

  it('refuses to close a report while a mandatory task is open, and cancels the optional ones on closing', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', p1SexualAtSchool());
    const id = report.json.id;
    const refused = await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'closed', statusReason: 'Проверено' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/mandatory/);
    // a unit head may not drop a mandatory task; a coordinator may, with a reason
    const mandatoryPolice = report.json.tasks.find((t: { agencyType: string; mandatory: boolean }) => t.agencyType === 'police' && t.mandatory);
    expect((await h.call(policeHead, 'POST', `/api/v1/tasks/${mandatoryPolice.id}/cancel`, { reason: 'Дубликат' })).status).toBe(403);
    for (const t of report.json.tasks.filter((x: { mandatory: boolean }) => x.mandatory)) {
      const r = await h.call(coordinator, 'POST', `/api/v1/tasks/${t.id}/complete`, { outcome: 'child_safe' });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const closed = await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'closed', statusReason: 'Проверено' });
    expect(closed.status).toBe(200);
    const optional = closed.json.tasks.filter((t: { mandatory: boolean }) => !t.mandatory);
    expect(optional.length).toBeGreaterThan(0);
    for (const t of optional) expect(t.status).toBe('cancelled');
  });

  it('escalates an overdue task one step at a time, each step once, and stops when it is done', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', p1SexualAtSchool());
    const task = report.json.tasks.find((t: { action: string }) => t.action === 'immediate_response');
    const escalationsOf = async () => (await h.call(coordinator, 'GET', `/api/v1/tasks/${task.id}`)).json.events.filter((e: { kind: string }) => e.kind === 'escalated');
    const toldHead = async () => (await h.deps.db.select().from(notifications).where(and(eq(notifications.taskId, task.id), eq(notifications.kind, 'task_escalated'), eq(notifications.userId, policeHead.id)))).length;

    clock.advance(HOUR); // 1 h: not yet due
    await sweepEscalations(h.deps);
    expect(await escalationsOf()).toHaveLength(0);
    clock.advance(HOUR + 60_000); // just past the 2 h deadline
    await sweepEscalations(h.deps);
    await sweepEscalations(h.deps);
    expect((await escalationsOf()).map((e: { details: { level: string } }) => e.details.level)).toEqual(['unit_head']);
    expect(await toldHead()).toBe(1);
    clock.advance(2 * HOUR); // 2 h after due: the regional coordinator
    await sweepEscalations(h.deps);
    expect((await escalationsOf()).map((e: { details: { level: string } }) => e.details.level)).toEqual(['unit_head', 'regional_coordinator']);
    expect((await h.deps.db.select().from(notifications).where(and(eq(notifications.taskId, task.id), eq(notifications.userId, coordinator.id)))).length).toBe(1);
    const [row] = await h.deps.db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row?.escalationStep).toBe(2);
    expect((await h.call(coordinator, 'GET', `/api/v1/tasks/${task.id}`)).json.escalationLevel).toBe('regional_coordinator');
    // done: no more steps, however long we wait
    expect((await h.call(policeHead, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'child_safe' })).status).toBe(200);
    clock.advance(10 * 24 * HOUR);
    await sweepEscalations(h.deps);
    expect(await escalationsOf()).toHaveLength(2);
  });

  it('reminds the assignee once when the time left falls under the priority\'s lead', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: true } }));
    const task = report.json.tasks.find((t: { action: string }) => t.action === 'immediate_response');
    await h.call(policeHead, 'POST', `/api/v1/tasks/${task.id}/assign`, { userId: inspector.id });
    const reminders = async () => (await h.deps.db.select().from(notifications).where(and(eq(notifications.taskId, task.id), eq(notifications.kind, 'task_due_soon')))).map((n) => n.userId);
    await sendDueReminders(h.deps);
    expect(await reminders()).toEqual([]); // 2 h left, the P1 lead is 30 min
    clock.advance(HOUR + 40 * 60_000);
    await sendDueReminders(h.deps);
    await sendDueReminders(h.deps);
    expect(await reminders()).toEqual([inspector.id]);
  });

  it('takes every step missed while the system was down, in order, once', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: true } }));
    const task = report.json.tasks.find((t: { action: string }) => t.action === 'immediate_response');
    clock.advance(7 * 24 * HOUR);
    await sweepEscalations(h.deps);
    const events = (await h.call(coordinator, 'GET', `/api/v1/tasks/${task.id}`)).json.events.filter((e: { kind: string }) => e.kind === 'escalated');
    expect(events.map((e: { details: { level: string } }) => e.details.level)).toEqual(['unit_head', 'regional_coordinator', 'juvenile_commission', 'prosecutor']);
    await sweepEscalations(h.deps);
    expect((await h.call(coordinator, 'GET', `/api/v1/tasks/${task.id}`)).json.events.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(4);
  });

  it('holds a case conference with participants, decisions and follow-up tasks', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', p1SexualAtSchool());
    const id = report.json.id;
    expect((await h.call(inspector, 'POST', `/api/v1/reports/${id}/conferences`, { kind: 'commission', scheduledAt: '2026-12-01T10:00:00+05:00', participants: [{ agencyType: 'police' }] })).status).toBe(403);
    const bad = await h.call(coordinator, 'POST', `/api/v1/reports/${id}/conferences`, { kind: 'commission', scheduledAt: 'tomorrow', participants: [] });
    expect(bad.status).toBe(400);
    const conf = await h.call(coordinator, 'POST', `/api/v1/reports/${id}/conferences`, {
      kind: 'commission', scheduledAt: '2026-12-01T10:00:00+05:00', location: 'Акимат, каб. 305', agenda: 'Меры защиты',
      participants: [{ agencyType: 'police', userId: policeHead.id }, { agencyType: 'education', userId: school.id }, { agencyType: 'health', name: 'Врач поликлиники №5' }],
    });
    expect(conf.status, JSON.stringify(conf.json)).toBe(201);
    expect(conf.json).toMatchObject({ status: 'scheduled', rights: { manage: true } });
    expect((await h.deps.db.select().from(notifications).where(and(eq(notifications.userId, school.id), eq(notifications.kind, 'conference_invited')))).length).toBe(1);
    const recorded = await h.call(coordinator, 'POST', `/api/v1/conferences/${conf.json.id}/record`, {
      attendedUserIds: [policeHead.id], attendedAgencies: ['health'], decisions: 'Направить семью на психологическое сопровождение.',
      followUps: [{ agencyType: 'service_provider', action: 'psychological_support', instructions: 'Курс из 8 встреч', dueAt: '2026-12-15T18:00:00+05:00' }],
    });
    expect(recorded.status, JSON.stringify(recorded.json)).toBe(200);
    expect(recorded.json.status).toBe('held');
    expect(recorded.json.participants.map((p: { attended: boolean }) => p.attended)).toEqual([true, false, true]);
    expect(recorded.json.followUpTasks).toHaveLength(1);
    expect(recorded.json.followUpTasks[0]).toMatchObject({ agencyType: 'service_provider', instructions: 'Курс из 8 встреч', mandatory: true, conferenceId: conf.json.id, unitId: unit.service_provider });
    expect((await h.call(coordinator, 'POST', `/api/v1/conferences/${conf.json.id}/record`, { decisions: 'x' })).status).toBe(409);
    const timeline = await h.call(policeHead, 'GET', `/api/v1/reports/${id}/timeline`);
    expect(timeline.json.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['conference_scheduled', 'conference_held']));
  });

  it('counts the share of tasks done on time by agency', async () => {
    const before = await h.call(analyst, 'GET', '/api/v1/stats/timeliness?groupBy=agency&from=2026-01-01&to=2027-12-31');
    expect(before.status, JSON.stringify(before.json)).toBe(200);
    const row = before.json.rows.find((r: { key: string }) => r.key === 'police');
    expect(row.total).toBeGreaterThan(0);
    expect(row.done + row.open).toBe(row.total);
    expect(row.onTimePercent === null || (row.onTimePercent >= 0 && row.onTimePercent <= 100)).toBe(true);
    expect((await h.call(analyst, 'GET', '/api/v1/stats/timeliness?from=2026-12-01&to=2026-01-01')).status).toBe(400);
    expect((await h.call(inspector, 'GET', '/api/v1/stats/timeliness?from=2026-01-01&to=2026-12-31')).status).toBe(403);
  });
});
