import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

describe('reports (API.md)', () => {
  let h: Harness;
  let operator: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
  });
  afterAll(async () => { await h.close(); });

  it('registers the report of API.md and returns it with number, status, priority and incidents', async () => {
    const body = {
      channel: 'hotline',
      regionCode: 'KZ-75',
      receivedAt: '2026-11-20T10:15:00+05:00',
      narrative: 'Ребёнок сообщил о насилии в школе.',
      reporter: { anonymous: true },
      screening: { immediateDanger: true, childInjured: false, perpetratorHasAccess: true },
      incidents: [{
        types: ['sexual'],
        occurredOn: '2026-11-19',
        place: 'school',
        victims: [{ lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2014-03-02', sex: 'female' }],
        perpetrators: [{ lastName: 'Иванов', firstName: 'Пётр', relation: 'stranger' }],
      }],
    };
    const res = await h.call(operator, 'POST', '/api/v1/reports', body);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.any(String), status: 'registered', priority: 'P1', regionCode: 'KZ-75', tasks: expect.any(Array) });
    expect(res.json.number).toMatch(/^75-2026-\d{6}$/);
    // an operator cannot back-date: receivedAt is the time of receipt
    expect(Math.abs(Date.parse(res.json.receivedAt) - Date.now())).toBeLessThan(60_000);
    const victim = res.json.incidents[0].victims[0];
    expect(victim).toMatchObject({ lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2014-03-02', sex: 'female', id: expect.any(String) });
    expect(res.json.incidents[0].perpetrators[0]).toMatchObject({ firstName: 'Пётр', relation: 'stranger' });
    const got = await h.call(operator, 'GET', `/api/v1/reports/${res.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json.number).toBe(res.json.number);
  });

  it('lets a user allowed to import back-date receivedAt', async () => {
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const res = await h.call(coordinator, 'POST', '/api/v1/reports', sampleReport({ receivedAt: '2022-03-01T09:00:00+05:00' }));
    expect(res.status).toBe(201);
    expect(res.json.receivedAt).toBe('2022-03-01T04:00:00.000Z');
    expect(res.json.number).toMatch(/^75-2022-/);
    // the period filter reads dates as Kazakhstan days: 09:00+05:00 is 04:00 UTC of the same day
    const day = await h.call(coordinator, 'GET', '/api/v1/reports?from=2022-03-01&to=2022-03-01');
    expect(day.json.items.map((i: { id: string }) => i.id)).toEqual([res.json.id]);
    expect((await h.call(coordinator, 'GET', '/api/v1/reports?from=2022-03-02&to=2022-03-31')).json.items).toEqual([]);
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${res.json.id}&from=${new Date().toISOString().slice(0, 10)}`);
    expect(audit.json.items.length).toBeGreaterThan(0);
    expect((await h.call(h.admin, 'GET', '/api/v1/audit?from=2026-02-02&to=2026-02-01')).status).toBe(400);
  });

  it('refers to an existing person by id', async () => {
    const first = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const childId = first.json.incidents[0].victims[0].id;
    const second = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [{ types: ['neglect'], victims: [{ id: childId }], perpetrators: [] }] }));
    expect(second.status).toBe(201);
    expect(second.json.incidents[0].victims[0].id).toBe(childId);
    const person = await h.call(operator, 'GET', `/api/v1/persons/${childId}`);
    expect(person.status).toBe(200);
    expect(person.json.reports.map((r: { id: string }) => r.id).sort()).toEqual([first.json.id, second.json.id].sort());
    expect(person.json.reports[0]).toMatchObject({ status: 'registered', role: 'victim', receivedAt: expect.any(String) });
  });

  it('answers a wrong IIN with a 400 that names the field', async () => {
    const bad = sampleReport({ incidents: [{ types: ['physical'], victims: [{ iin: '061211600013', lastName: 'A', firstName: 'B' }], perpetrators: [] }] });
    const res = await h.call(operator, 'POST', '/api/v1/reports', bad);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details).toEqual([{ path: 'incidents.0.victims.0.iin', message: expect.stringMatching(/check digit/) }]);

    const mismatch = sampleReport({ incidents: [{ types: ['physical'], victims: [{ iin: '061211600012', lastName: 'A', firstName: 'B', birthDate: '2006-12-12', sex: 'female' }], perpetrators: [] }] });
    const res2 = await h.call(operator, 'POST', '/api/v1/reports', mismatch);
    expect(res2.status).toBe(400);
    expect(res2.json.error.details[0]).toMatchObject({ path: 'incidents.0.victims.0.iin', message: expect.stringMatching(/2006-12-11/) });

    const ok = sampleReport({ incidents: [{ types: ['physical'], victims: [{ iin: '061211600012', lastName: 'A', firstName: 'B', birthDate: '2006-12-11', sex: 'female' }], perpetrators: [] }] });
    expect((await h.call(operator, 'POST', '/api/v1/reports', ok)).status).toBe(201);
  });

  it('says what is wrong with other bad input and stores nothing', async () => {
    const before = (await h.call(operator, 'GET', '/api/v1/reports?limit=200')).json.items.length;
    const cases: [unknown, string][] = [
      [sampleReport({ channel: 'pigeon' }), 'channel'],
      [sampleReport({ regionCode: 'KZ-99' }), 'regionCode'],
      [sampleReport({ incidents: [] }), 'incidents'],
      [sampleReport({ incidents: [{ types: ['kicking'], victims: [{ firstName: 'A' }] }] }), 'incidents.0.types.0'],
      [sampleReport({ incidents: [{ types: ['physical'], victims: [] }] }), 'incidents.0.victims'],
      [sampleReport({ incidents: [{ types: ['physical'], districtCode: '791110000', victims: [{ firstName: 'A' }] }] }), 'incidents.0.districtCode'],
      [sampleReport({ incidents: [{ types: ['physical'], victims: [{ id: '00000000-0000-4000-8000-000000000000' }] }] }), 'incidents.0.victims.0.id'],
      [sampleReport({ narrative: '' }), 'narrative'],
      [sampleReport({ receivedAt: 'yesterday' }), 'receivedAt'],
    ];
    for (const [body, path] of cases) {
      const res = await h.call(operator, 'POST', '/api/v1/reports', body);
      expect(res.status, path).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    expect((await h.call(operator, 'GET', '/api/v1/reports?limit=200')).json.items.length).toBe(before);
  });

  it('stores SQL metacharacters and markup verbatim', async () => {
    const narrative = `Robert'); DROP TABLE reports;-- <script>alert(1)</script> "quotes" \\ backslash`;
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ narrative }));
    expect(res.status).toBe(201);
    expect((await h.call(operator, 'GET', `/api/v1/reports/${res.json.id}`)).json.narrative).toBe(narrative);
  });

  it('gives 100 concurrent intakes 100 distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => h.call(operator, 'POST', '/api/v1/reports', sampleReport({ regionCode: 'KZ-79' }))));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    const numbers = new Set(results.map((r) => r.json.number as string));
    expect(numbers.size).toBe(100);
  });

  it('filters and pages the list with a keyset cursor', async () => {
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await h.call(coordinator, 'GET', `/api/v1/reports?regionCode=KZ-79&type=physical&limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((i: { id: string }) => i.id));
      for (const item of res.json.items) expect(item).toMatchObject({ regionCode: 'KZ-79', types: ['physical'], victimCount: 1 });
      cursor = res.json.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen.length).toBe(100);
    expect(new Set(seen).size).toBe(100);
    expect(pages).toBe(4);
    const bad = await h.call(coordinator, 'GET', '/api/v1/reports?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('cursor');
  });
});

describe('one record per child', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('links a new person whose IIN is already registered to that person', async () => {
    const operator = await h.user('hotline_operator');
    const child = { iin: '061211600012', lastName: 'Абенова', firstName: 'Дана', birthDate: '2006-12-11', sex: 'female' };
    const first = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [{ types: ['neglect'], victims: [child], perpetrators: [] }] }));
    const second = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [{ types: ['physical'], victims: [{ ...child, lastName: 'Abenova', firstName: 'Dana' }], perpetrators: [] }, { types: ['bullying'], victims: [child], perpetrators: [] }] }));
    expect(second.status).toBe(201);
    const id = first.json.incidents[0].victims[0].id;
    expect(second.json.incidents.map((i: { victims: { id: string }[] }) => i.victims[0]?.id)).toEqual([id, id]);
    expect(second.json.incidents.map((i: { types: string[] }) => i.types[0])).toEqual(['physical', 'bullying']);
    // names stay as first written
    expect(second.json.incidents[0].victims[0].lastName).toBe('Абенова');
  });
});
