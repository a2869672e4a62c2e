import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const base = (overrides: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  startedAt: '2026-11-20T10:00:00+05:00',
  endedAt: '2026-11-20T10:07:30+05:00',
  callerType: 'child',
  child: { firstName: 'Ерлан', approxAge: 13, sex: 'male' },
  chiCode: 'peer_relationships/bullying',
  outcome: 'advice',
  summary: 'Консультация по поводу травли в классе.',
  ...overrides,
});

describe('helpline contacts', () => {
  let h: Harness;
  let operator: TestUser;
  let categories: { code: string; violenceTypes: string[]; label: { ru: string } }[];
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
    categories = (await h.call(operator, 'GET', '/api/v1/reference/chi-categories')).json.items;
  });
  afterAll(async () => { await h.close(); });

  it('serves the Child Helpline International categories as data', () => {
    expect(categories.length).toBe(72);
    expect(categories.map((c) => c.code)).toEqual(expect.arrayContaining(['violence/physical-violence', 'violence/sexual-violence']));
    expect(categories.find((c) => c.code === 'violence/physical-violence')?.violenceTypes).toBeDefined();
  });

  it('saves a counselling-only contact with its duration', async () => {
    const code = categories.find((c) => c.code.startsWith('peer_relationships/'))?.code as string;
    const res = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: code }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ outcome: 'advice', durationSeconds: 450, childFirstName: 'Ерлан', childApproxAge: 13, reportId: null });
  });

  it('keeps one contact when the console retries a save', async () => {
    const code = categories[0]?.code as string;
    const body = base({ chiCode: code, clientId: 'draft-1234567890' });
    const first = await h.call(operator, 'POST', '/api/v1/contacts', body);
    const again = await h.call(operator, 'POST', '/api/v1/contacts', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
  });

  it('registers a report together with the contact', async () => {
    const code = categories.find((c) => c.code === 'violence/physical-violence')?.code as string;
    const res = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: code, outcome: 'report_registered', report: sampleReport() }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.reportNumber).toMatch(/^75-\d{4}-\d{6}$/);
    const report = await h.call(operator, 'GET', `/api/v1/reports/${res.json.reportId}`);
    expect(report.status).toBe(200);
  });

  it('stores nothing when the report in it is invalid', async () => {
    const code = categories[0]?.code as string;
    const before = (await h.call(operator, 'GET', '/api/v1/contacts?limit=200')).json.items.length;
    const res = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: code, outcome: 'report_registered', report: sampleReport({ regionCode: 'KZ-98' }) }));
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe('regionCode');
    expect((await h.call(operator, 'GET', '/api/v1/contacts?limit=200')).json.items.length).toBe(before);
  });

  it('says what is wrong', async () => {
    const res = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: 'nope/nothing', callerType: 'alien', outcome: 'report_registered' }));
    expect(res.status).toBe(400);
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['callerType']));
    const unknownCategory = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: 'nope/nothing' }));
    expect(unknownCategory.json.error.details).toEqual([{ path: 'chiCode', message: 'no such category' }]);
    const backwards = await h.call(operator, 'POST', '/api/v1/contacts', base({ endedAt: '2026-11-20T09:00:00+05:00' }));
    expect(backwards.json.error.details[0].path).toBe('endedAt');
  });

  it('shows operators their own contacts and supervisors all, with reads audited', async () => {
    const code = categories[0]?.code as string;
    const mine = await h.call(operator, 'POST', '/api/v1/contacts', base({ chiCode: code }));
    const colleague = await h.user('hotline_operator');
    expect((await h.call(colleague, 'GET', `/api/v1/contacts/${mine.json.id}`)).status).toBe(404);
    expect((await h.call(colleague, 'GET', '/api/v1/contacts')).json.items).toEqual([]);
    const supervisor = await h.user('supervisor');
    const got = await h.call(supervisor, 'GET', `/api/v1/contacts/${mine.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json.summary).toContain('травли');
    const listed = await h.call(supervisor, 'GET', '/api/v1/contacts');
    expect(listed.json.items.length).toBeGreaterThan(0);
    expect(listed.json.items.every((c: { summary: string | null }) => c.summary === null)).toBe(true);
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${mine.json.id}`);
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'read', 'denied']));
    const police = await h.user('police_inspector', { regionCode: 'KZ-75' });
    expect((await h.call(police, 'GET', '/api/v1/contacts')).status).toBe(403);
  });
});

describe('a contact that adds to an open report', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('adds the incident in the contact transaction, once even when the save is retried', async () => {
    const operator = await h.user('hotline_operator');
    const report = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const childId = report.json.incidents[0].victims[0].id;
    const body = base({
      clientId: 'draft-add-to-report-1', chiCode: 'violence/physical-violence', outcome: 'added_to_report', reportId: report.json.id,
      child: { personId: childId }, incident: { types: ['psychological'], victims: [{ id: childId }], perpetrators: [] },
    });
    const first = await h.call(operator, 'POST', '/api/v1/contacts', body);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json.reportNumber).toBe(report.json.number);
    const again = await h.call(operator, 'POST', '/api/v1/contacts', body);
    expect(again.status).toBe(200);
    const after = await h.call(operator, 'GET', `/api/v1/reports/${report.json.id}`);
    expect(after.json.incidents.map((i: { types: string[] }) => i.types[0])).toEqual(['physical', 'psychological']);
    const unknown = await h.call(operator, 'POST', '/api/v1/contacts', { ...body, clientId: 'draft-add-to-report-2', reportId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details[0].path).toBe('reportId');
    const wrongOutcome = await h.call(operator, 'POST', '/api/v1/contacts', { ...body, clientId: 'draft-add-to-report-3', outcome: 'advice' });
    expect(wrongOutcome.status).toBe(400);
  });
});
