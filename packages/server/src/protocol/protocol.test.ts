import { DEFAULT_PROTOCOL } from '@qorgau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const HOUR = 3_600_000;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('response protocol versions', () => {
  let h: Harness;
  let operator: TestUser;
  let school: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
    school = await h.user('school_specialist', { regionCode: 'KZ-75' });
  });
  afterAll(async () => { await h.close(); });

  it('ships the default protocol as version 1, readable by anyone signed in', async () => {
    const res = await h.call(school, 'GET', '/api/v1/protocol');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ version: 1, status: 'active' });
    expect(res.json.definition).toEqual(DEFAULT_PROTOCOL);
    expect((await h.call(null, 'GET', '/api/v1/protocol')).status).toBe(401);
  });

  it('validates an edited protocol and names the field that is wrong', async () => {
    const def = clone(DEFAULT_PROTOCOL);
    (def.taskRules[1] as { deadline: unknown }).deadline = { hours: -3 };
    def.taskRules[2]!.id = def.taskRules[3]!.id;
    def.escalation.P1 = [{ to: 'prosecutor', after: { hours: 48 } }, { to: 'unit_head', after: { hours: 1 } }];
    const res = await h.call(h.admin, 'POST', '/api/v1/protocol/versions', { definition: def });
    expect(res.status).toBe(400);
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths, JSON.stringify(res.json.error.details)).toEqual(expect.arrayContaining(['definition.taskRules.1.deadline.hours', 'definition.taskRules.3.id', 'definition.escalation.P1.1.after']));
    const noDecision = clone(DEFAULT_PROTOCOL);
    noDecision.taskRules = noDecision.taskRules.filter((r) => r.id !== 'decide');
    expect((await h.call(h.admin, 'POST', '/api/v1/protocol/versions', { definition: noDecision })).json.error.details[0].path).toBe('definition.taskRules');
    expect((await h.call(h.admin, 'POST', '/api/v1/protocol/versions', { definition: { ...DEFAULT_PROTOCOL, extra: 1 } })).status).toBe(400);
    expect((await h.call(operator, 'POST', '/api/v1/protocol/versions', { definition: DEFAULT_PROTOCOL })).status).toBe(403);
  });

  it('previews a draft, puts it in force, and keeps earlier reports on the version they were registered under', async () => {
    const before = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: true } }));
    const def = clone(DEFAULT_PROTOCOL);
    const rule = def.taskRules.find((r) => r.id === 'p1-police');
    if (!rule) throw new Error('p1-police rule missing');
    rule.deadline = { hours: 1 };
    const sample = { channel: 'hotline', screening: { immediateDanger: true }, incidents: [{ types: ['physical'], place: 'home' }] };
    const preview = await h.call(operator, 'POST', '/api/v1/protocol/preview', { definition: def, report: sample, receivedAt: '2026-11-23T10:00:00+05:00' });
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.priority).toBe('P1');
    const police = preview.json.tasks.find((t: { action: string }) => t.action === 'immediate_response');
    expect(police.dueAt).toBe('2026-11-23T06:00:00.000Z');
    expect(police.escalation.map((e: { to: string }) => e.to)).toEqual(['unit_head', 'regional_coordinator', 'juvenile_commission', 'prosecutor']);
    expect((await h.call(operator, 'POST', '/api/v1/protocol/preview', { report: { incidents: [] } })).status).toBe(400);

    const draft = await h.call(h.admin, 'POST', '/api/v1/protocol/versions', { definition: def, note: 'Полиция — в течение часа' });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    expect(draft.json).toMatchObject({ version: 2, status: 'draft' });
    // drafts change nothing until activated
    const meanwhile = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: true } }));
    expect(meanwhile.json.protocolVersion).toBe(1);
    const activated = await h.call(h.admin, 'POST', '/api/v1/protocol/versions/2/activate');
    expect(activated.json.status).toBe('active');
    expect((await h.call(h.admin, 'PUT', '/api/v1/protocol/versions/2', { definition: def })).status).toBe(409);
    expect((await h.call(h.admin, 'POST', '/api/v1/protocol/versions/1/activate')).status).toBe(409);
    const versions = await h.call(school, 'GET', '/api/v1/protocol/versions');
    expect(versions.json.items.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['2:active', '1:retired']);

    const after = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: true } }));
    expect(after.json.protocolVersion).toBe(2);
    const dueIn = (r: { receivedAt: string; tasks: { action: string; dueAt: string }[] }) =>
      (Date.parse(r.tasks.find((t) => t.action === 'immediate_response')?.dueAt ?? '') - Date.parse(r.receivedAt)) / HOUR;
    expect(dueIn(after.json)).toBe(1);
    expect(dueIn((await h.call(operator, 'GET', `/api/v1/reports/${before.json.id}`)).json)).toBe(2);
    expect((await h.call(operator, 'GET', `/api/v1/reports/${before.json.id}`)).json.protocolVersion).toBe(1);
  });

  it('deletes drafts only', async () => {
    const draft = await h.call(h.admin, 'POST', '/api/v1/protocol/versions', { definition: DEFAULT_PROTOCOL });
    expect((await h.call(h.admin, 'DELETE', `/api/v1/protocol/versions/${draft.json.version}`)).status).toBe(204);
    expect((await h.call(h.admin, 'GET', `/api/v1/protocol/versions/${draft.json.version}`)).status).toBe(404);
    expect((await h.call(h.admin, 'DELETE', '/api/v1/protocol/versions/1')).status).toBe(409);
  });
});
