import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

describe('report workflow', () => {
  let h: Harness;
  let operator: TestUser;
  let coordinator: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
  });
  afterAll(async () => { await h.close(); });

  it('offers the existing child with why it matches, and their open report', async () => {
    const first = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({
      incidents: [{ types: ['neglect'], victims: [{ iin: '140302600019', lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2014-03-02', sex: 'female' }], perpetrators: [] }],
    }));
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const childId = first.json.incidents[0].victims[0].id;

    const byName = await h.call(operator, 'POST', '/api/v1/persons/match', { lastName: 'Seiitova', firstName: 'Aruzhan', birthDate: '2014-03-02' });
    expect(byName.status).toBe(200);
    expect(byName.json.items[0].person.id).toBe(childId);
    expect(byName.json.items[0].reasons).toEqual(expect.arrayContaining(['birth_date']));
    expect(byName.json.items[0].openReports.map((r: { id: string }) => r.id)).toEqual([first.json.id]);

    const byIin = await h.call(operator, 'POST', '/api/v1/persons/match', { iin: '140302600019' });
    expect(byIin.json.items[0]).toMatchObject({ person: { id: childId }, reasons: ['iin'], score: 1 });

    const stranger = await h.call(operator, 'POST', '/api/v1/persons/match', { lastName: 'Петров', firstName: 'Иван', birthDate: '2010-01-01' });
    expect(stranger.json.items).toEqual([]);
    expect((await h.call(operator, 'POST', '/api/v1/persons/match', { firstName: 'Иван' })).status).toBe(400);
  });

  it('adds an incident to an open report instead of a new one', async () => {
    const first = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const childId = first.json.incidents[0].victims[0].id;
    const added = await h.call(operator, 'POST', `/api/v1/reports/${first.json.id}/incidents`, { types: ['sexual'], place: 'school', victims: [{ id: childId }], perpetrators: [{ relation: 'stranger' }] });
    expect(added.status).toBe(201);
    expect(added.json.incidents).toHaveLength(2);
    expect(added.json.incidents.map((i: { types: string[] }) => i.types[0])).toEqual(['physical', 'sexual']);
    expect(added.json.sensitive).toBe(true);
    const history = await h.call(operator, 'GET', `/api/v1/reports/${first.json.id}/history`);
    expect(history.json.items.map((i: { action: string; entityType: string }) => `${i.action}:${i.entityType}`)).toEqual(expect.arrayContaining(['create:report', 'update:report']));
  });

  it('moves a report through its statuses, closing and reopening with a reason', async () => {
    const r = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const id = r.json.id;
    expect((await h.call(operator, 'PATCH', `/api/v1/reports/${id}`, { status: 'in_progress' })).status).toBe(403);
    expect((await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'in_progress' })).json.status).toBe('in_progress');
    const noReason = await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'closed' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details[0].path).toBe('statusReason');
    // not while a mandatory task of the response protocol is open
    const early = await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'closed', statusReason: 'Семья под патронажем' });
    expect(early.status).toBe(409);
    const mandatory = r.json.tasks.filter((t: { mandatory: boolean }) => t.mandatory);
    expect(early.json.error.details).toHaveLength(mandatory.length);
    for (const t of mandatory) {
      expect((await h.call(coordinator, 'POST', `/api/v1/tasks/${t.id}/complete`, { outcome: 'child_safe' })).status).toBe(200);
    }
    expect((await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'closed', statusReason: 'Семья под патронажем' })).json.status).toBe('closed');
    const closedAdd = await h.call(operator, 'POST', `/api/v1/reports/${id}/incidents`, { types: ['neglect'], victims: [{ firstName: 'А' }] });
    expect(closedAdd.status).toBe(409);
    expect((await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'registered' })).status).toBe(409);
    expect((await h.call(coordinator, 'PATCH', `/api/v1/reports/${id}`, { status: 'in_progress', statusReason: 'Новые сведения' })).json.status).toBe('in_progress');
    const history = await h.call(coordinator, 'GET', `/api/v1/reports/${id}/history`);
    const changes = history.json.items.filter((i: { details: { status?: unknown } }) => i.details.status).map((i: { details: { status: { to: string } }; username: string }) => i.details.status.to);
    expect(changes).toEqual(['in_progress', 'closed', 'in_progress']);
    expect(history.json.items.every((i: { username: string | null }) => i.username)).toBe(true);
  });

  it('hides history and changes from users outside the report', async () => {
    const r = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const other = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    expect((await h.call(other, 'GET', `/api/v1/reports/${r.json.id}/history`)).status).toBe(404);
    expect((await h.call(other, 'PATCH', `/api/v1/reports/${r.json.id}`, { status: 'in_progress' })).status).toBe(404);
    expect((await h.call(other, 'POST', `/api/v1/reports/${r.json.id}/incidents`, { types: ['neglect'], victims: [{ firstName: 'А' }] })).status).toBe(404);
  });
});
