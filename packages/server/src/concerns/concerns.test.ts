// Safeguarding concerns end to end through the API: a teacher logs a concern, the school's lead is
// alerted, acts and escalates it to a report in one step; who sees what; the child's chronology.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '@qorgau/core';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, notifications, persons, reports, schools } from '../db/schema.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const DISTRICT = '751110000';

const concernBody = (overrides: Record<string, unknown> = {}) => ({
  child: { lastName: 'Нұрланова', firstName: 'Айару', birthDate: '2014-09-12', sex: 'female' },
  grade: '6Б',
  categories: ['injury', 'disclosure'],
  observedAt: new Date(Date.now() - 3_600_000).toISOString(),
  description: 'Синяк на предплечье, девочка прячет руку. СЕКРЕТНЫЙ-ТЕКСТ-НАРРАТИВА',
  childWords: 'Папа разозлился',
  bodyMap: [{ view: 'front', region: 'arm_left', x: 0.28, y: 0.42, note: 'синяк 3 см' }],
  ...overrides,
});

describe('safeguarding concerns', () => {
  let h: Harness;
  let schoolId: string;
  let otherSchoolId: string;
  let teacher: TestUser;
  let teacher2: TestUser;
  let lead: TestUser;
  let otherTeacher: TestUser;
  let otherLead: TestUser;
  let noSchoolTeacher: TestUser;
  let districtLead: TestUser;
  let operator: TestUser;

  beforeAll(async () => {
    h = await createHarness();
    const made = await h.deps.db.insert(schools).values([
      { nameKk: 'Мектеп №1', nameRu: 'Школа №1', nameEn: 'School 1', regionCode: 'KZ-75', districtCode: DISTRICT },
      { nameKk: 'Мектеп №2', nameRu: 'Школа №2', nameEn: 'School 2', regionCode: 'KZ-75', districtCode: DISTRICT },
    ]).returning();
    schoolId = made[0]!.id;
    otherSchoolId = made[1]!.id;
    const at = (s: string) => ({ regionCode: 'KZ-75', districtCode: DISTRICT, schoolId: s });
    teacher = await h.user('teacher', at(schoolId));
    teacher2 = await h.user('teacher', at(schoolId));
    lead = await h.user('school_specialist', at(schoolId));
    otherTeacher = await h.user('teacher', at(otherSchoolId));
    otherLead = await h.user('school_specialist', at(otherSchoolId));
    noSchoolTeacher = await h.user('teacher', { regionCode: 'KZ-75' });
    districtLead = await h.user('school_specialist', { regionCode: 'KZ-75', districtCode: DISTRICT });
    operator = await h.user('hotline_operator');
  });
  afterAll(async () => { await h.close(); });

  let concernId: string;

  it('a teacher logs a concern; the school\'s lead (only) is alerted, without names or narrative', async () => {
    const res = await h.call(teacher, 'POST', '/api/v1/concerns', concernBody());
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    concernId = res.json.id;
    expect(res.json.status).toBe('new');
    expect(res.json.schoolId).toBe(schoolId);
    expect(res.json.bodyMap).toHaveLength(1);
    expect(res.json.rights).toEqual({ review: false, escalate: false });
    const alerts = await h.deps.db.select().from(notifications).where(eq(notifications.kind, 'concern_new'));
    expect(alerts.map((n) => n.userId)).toEqual([lead.id]);
    expect(alerts[0]?.params).toEqual({ concernId, categories: ['injury', 'disclosure'] });
    expect(JSON.stringify(alerts)).not.toMatch(/Айару|Нұрланова|СЕКРЕТНЫЙ/);
  });

  it('resolves the child in the register without showing the teacher anything: IIN, then name and birth date, else new', async () => {
    const again = await h.call(teacher2, 'POST', '/api/v1/concerns', concernBody({ child: { lastName: 'НҰРЛАНОВА', firstName: 'айару', birthDate: '2014-09-12' }, categories: ['absence'], bodyMap: [] }));
    expect(again.status).toBe(201);
    const first = await h.call(teacher, 'GET', `/api/v1/concerns/${concernId}`);
    expect(again.json.child.id).toBe(first.json.child.id);
    const other = await h.call(teacher2, 'POST', '/api/v1/concerns', concernBody({ child: { lastName: 'Нұрланова', firstName: 'Айару', birthDate: '2015-01-01' }, bodyMap: [] }));
    expect(other.json.child.id).not.toBe(first.json.child.id);
    const iin = makeIin('2014-03-02', 'female', 12) as string;
    const created = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({
      incidents: [{ types: ['neglect'], place: 'home', victims: [{ lastName: 'Бекова', firstName: 'Мадина', iin, birthDate: '2014-03-02', sex: 'female' }], perpetrators: [] }],
    }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    // another spelling, but the IIN decides
    const byIin = await h.call(teacher, 'POST', '/api/v1/concerns', concernBody({ child: { lastName: 'Bekova', firstName: 'Madina', iin }, categories: ['neglect_signs'], bodyMap: [] }));
    expect(byIin.status, JSON.stringify(byIin.json)).toBe(201);
    expect(byIin.json.child.id).toBe(created.json.incidents[0].victims[0].id);
    const [{ n }] = await h.deps.db.select({ n: sql<number>`count(*)::int` }).from(persons).where(eq(persons.lastName, 'Нұрланова')) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('a teacher sees only their own concerns; another school sees nothing', async () => {
    const mine = await h.call(teacher, 'GET', '/api/v1/concerns');
    expect(mine.status).toBe(200);
    expect(mine.json.items.every((c: { authorName: string | null }) => c.authorName === 'Test teacher')).toBe(true);
    const ids2 = (await h.call(teacher2, 'GET', '/api/v1/concerns')).json.items.map((c: { id: string }) => c.id);
    expect(ids2).not.toContain(concernId);
    expect((await h.call(teacher2, 'GET', `/api/v1/concerns/${concernId}`)).status).toBe(404);
    expect((await h.call(otherTeacher, 'GET', `/api/v1/concerns/${concernId}`)).status).toBe(404);
    expect((await h.call(otherLead, 'GET', `/api/v1/concerns/${concernId}`)).status).toBe(404);
    expect((await h.call(otherLead, 'GET', '/api/v1/concerns')).json.items).toEqual([]);
    expect((await h.call(operator, 'GET', '/api/v1/concerns')).status).toBe(403);
    // the lead sees the school's, newest first; the district's lead too
    const queue = await h.call(lead, 'GET', '/api/v1/concerns?status=new');
    expect(queue.json.items.length).toBeGreaterThanOrEqual(3);
    const times = queue.json.items.map((c: { createdAt: string }) => c.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await h.call(districtLead, 'GET', `/api/v1/concerns/${concernId}`)).status).toBe(200);
    const page = await h.call(lead, 'GET', '/api/v1/concerns?limit=1');
    expect(page.json.items).toHaveLength(1);
    const next = await h.call(lead, 'GET', `/api/v1/concerns?limit=1&cursor=${page.json.nextCursor}`);
    expect(next.json.items[0].id).not.toBe(page.json.items[0].id);
    expect((await h.call(lead, 'GET', '/api/v1/concerns?category=injury')).json.items.every((c: { categories: string[] }) => c.categories.includes('injury'))).toBe(true);
  });

  it('rejects bad input naming the field, and a teacher without a school', async () => {
    const noSchool = await h.call(noSchoolTeacher, 'POST', '/api/v1/concerns', concernBody());
    expect(noSchool.status).toBe(403);
    expect(noSchool.json.error.message).toMatch(/school/);
    const cases: [Record<string, unknown>, string][] = [
      [{ categories: [] }, 'categories'],
      [{ description: '' }, 'description'],
      [{ observedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'observedAt'],
      [{ bodyMap: [{ view: 'side', region: 'head', x: 0.5, y: 0.5 }] }, 'bodyMap.0.view'],
      [{ bodyMap: [{ view: 'front', region: 'head', x: 1.5, y: 0.5 }] }, 'bodyMap.0.x'],
      [{ bodyMap: Array.from({ length: 51 }, () => ({ view: 'front', region: 'head', x: 0.5, y: 0.1 })) }, 'bodyMap'],
      [{ child: { firstName: 'Айару', lastName: '' } }, 'child.lastName'],
      [{ child: { firstName: 'Айару', lastName: 'Б', iin: '123' } }, 'child.iin'],
      [{ description: 'x'.repeat(10_001) }, 'description'],
    ];
    for (const [override, path] of cases) {
      const res = await h.call(teacher, 'POST', '/api/v1/concerns', concernBody(override));
      expect(res.status, path).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
  });

  it('a teacher cannot act, close or escalate; the lead records an action (new → under review)', async () => {
    expect((await h.call(teacher, 'POST', `/api/v1/concerns/${concernId}/actions`, { kind: 'note', note: 'x' })).status).toBe(403);
    expect((await h.call(teacher, 'POST', `/api/v1/concerns/${concernId}/close`, { reason: 'x' })).status).toBe(403);
    expect((await h.call(teacher, 'POST', `/api/v1/concerns/${concernId}/escalate`, {})).status).toBe(403);
    expect((await h.call(lead, 'POST', `/api/v1/concerns/${concernId}/actions`, { kind: 'escalated' })).status).toBe(400);
    const res = await h.call(lead, 'POST', `/api/v1/concerns/${concernId}/actions`, { kind: 'talked_with_child', note: 'Беседа с психологом' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.status).toBe('under_review');
    expect(res.json.actions.map((a: { kind: string }) => a.kind)).toEqual(['talked_with_child']);
    expect(res.json.rights).toEqual({ review: true, escalate: true });
    // the author sees the status, not the school's notes
    const own = await h.call(teacher, 'GET', `/api/v1/concerns/${concernId}`);
    expect(own.json.status).toBe('under_review');
    expect(own.json.actions).toEqual([]);
  });

  it('an observation can put the child under monitoring; closing needs a reason', async () => {
    const c = await h.call(teacher, 'POST', '/api/v1/concerns', concernBody({ categories: ['behaviour_change'], bodyMap: [] }));
    const watched = await h.call(lead, 'POST', `/api/v1/concerns/${c.json.id}/actions`, { kind: 'observed', monitoring: true });
    expect(watched.json.status).toBe('monitoring');
    expect((await h.call(lead, 'POST', `/api/v1/concerns/${c.json.id}/close`, { reason: ' ' })).status).toBe(400);
    const closed = await h.call(lead, 'POST', `/api/v1/concerns/${c.json.id}/close`, { reason: 'Ситуация разрешилась' });
    expect(closed.json.status).toBe('closed');
    expect((await h.call(lead, 'POST', `/api/v1/concerns/${c.json.id}/escalate`, { types: ['psychological'] })).status).toBe(409);
    // a concern whose categories suggest no type needs the lead's choice
    const vague = await h.call(teacher, 'POST', '/api/v1/concerns', concernBody({ categories: ['absence'], bodyMap: [] }));
    const refused = await h.call(lead, 'POST', `/api/v1/concerns/${vague.json.id}/escalate`, {});
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[0].path).toBe('types');
  });

  let reportId: string;

  it('escalates in one step to a report with the protocol\'s tasks; a second call returns the same report', async () => {
    const res = await h.call(lead, 'POST', `/api/v1/concerns/${concernId}/escalate`, { screening: { perpetratorHasAccess: true } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    reportId = res.json.reportId;
    expect(res.json.reportNumber).toMatch(/^75-\d{4}-\d{6}$/);
    const report = await h.call(lead, 'GET', `/api/v1/reports/${reportId}`);
    expect(report.status).toBe(200);
    expect(report.json.channel).toBe('school');
    expect(report.json.regionCode).toBe('KZ-75');
    expect(report.json.districtCode).toBe(DISTRICT);
    expect(report.json.narrative).toContain('Синяк на предплечье');
    expect(report.json.narrative).toContain('Папа разозлился');
    expect(report.json.screening).toMatchObject({ childInjured: true, perpetratorHasAccess: true });
    const inc = report.json.incidents[0];
    expect(inc.types).toEqual(['physical']);
    expect(inc.place).toBe('school');
    expect(inc.schoolId).toBe(schoolId);
    expect(inc.injuries).toMatch(/синяк 3 см/);
    const concern = await h.call(lead, 'GET', `/api/v1/concerns/${concernId}`);
    expect(inc.victims[0].id).toBe(concern.json.child.id);
    expect(report.json.tasks.length).toBeGreaterThan(0);
    expect(concern.json.status).toBe('escalated');
    expect(concern.json.reportNumber).toBe(res.json.reportNumber);
    expect(concern.json.actions.map((a: { kind: string }) => a.kind)).toEqual(['talked_with_child', 'escalated']);

    const [again, parallel] = await Promise.all([
      h.call(lead, 'POST', `/api/v1/concerns/${concernId}/escalate`, {}),
      h.call(lead, 'POST', `/api/v1/concerns/${concernId}/escalate`, { types: ['neglect'] }),
    ]);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ reportId, created: false });
    expect(parallel.json.reportId).toBe(reportId);
    const fromSchool = await h.deps.db.select({ id: reports.id }).from(reports).where(eq(reports.channel, 'school'));
    expect(fromSchool).toHaveLength(1);
    expect((await h.call(lead, 'POST', `/api/v1/concerns/${concernId}/actions`, { kind: 'note' })).status).toBe(409);
  });

  it('the child\'s chronology merges concerns, actions and reports by time, for those allowed', async () => {
    const concern = await h.call(lead, 'GET', `/api/v1/concerns/${concernId}`);
    const personId = concern.json.child.id;
    const res = await h.call(lead, 'GET', `/api/v1/persons/${personId}/chronology`);
    expect(res.status).toBe(200);
    const kinds = res.json.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('concern');
    expect(kinds).toContain('concern_action');
    expect(kinds).toContain('report');
    const times = res.json.items.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    const report = res.json.items.find((e: { kind: string }) => e.kind === 'report');
    expect(report).toMatchObject({ reportId, status: 'registered', role: 'victim', types: ['physical'] });
    expect((await h.call(teacher, 'GET', `/api/v1/persons/${personId}/chronology`)).status).toBe(403);
    expect((await h.call(otherLead, 'GET', `/api/v1/persons/${personId}/chronology`)).status).toBe(404);
  });

  it('audits every read with the record id, and no audit entry carries a name or the narrative', async () => {
    const reads = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'read'), eq(auditLog.entityType, 'concern'), eq(auditLog.entityId, concernId)));
    expect(reads.length).toBeGreaterThan(0);
    const chrono = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityType, 'chronology'));
    expect(chrono.length).toBeGreaterThan(0);
    expect((await h.deps.db.select().from(auditLog).where(eq(auditLog.entityType, 'concern_list'))).length).toBeGreaterThan(0);
    const denied = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'denied'), eq(auditLog.entityType, 'concern')));
    expect(denied.length).toBeGreaterThan(0);
    const all = JSON.stringify(await h.deps.db.select().from(auditLog));
    expect(all).not.toMatch(/СЕКРЕТНЫЙ|Айару|Нұрланова|Папа разозлился|синяк 3 см|Беседа с психологом/);
  });
});
