import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.ts';
import { authorizeRecord, type Actor } from './policy.ts';
import { reportScope } from '../reports/service.ts';
import { reports, users } from '../db/schema.ts';
import { toActor } from '../users/dto.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

describe('need-to-know access to reports', () => {
  let h: Harness;
  let operator: TestUser;
  let reportId: string;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ regionCode: 'KZ-75' }));
    expect(res.status).toBe(201);
    reportId = res.json.id;
  });
  afterAll(async () => { await h.close(); });

  it('hides a KZ-75 record from a user scoped to KZ-79 (404) and audits the attempt as denied', async () => {
    const shymkent = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    const res = await h.call(shymkent, 'GET', `/api/v1/reports/${reportId}`);
    expect(res.status).toBe(404);
    // indistinguishable from a record that does not exist
    const missing = await h.call(shymkent, 'GET', '/api/v1/reports/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(res.json).toEqual(missing.json);
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${reportId}`);
    expect(audit.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'denied', userId: shymkent.id, entityType: 'report' })]));
  });

  it('shows it to the KZ-75 coordinator and audits the read', async () => {
    const almaty = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const res = await h.call(almaty, 'GET', `/api/v1/reports/${reportId}`);
    expect(res.status).toBe(200);
    expect(res.json.number).toMatch(/^75-\d{4}-\d{6}$/);
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${reportId}&action=read`);
    expect(audit.json.items.some((e: { userId: string }) => e.userId === almaty.id)).toBe(true);
  });

  it('keeps agency-scoped roles to reports their agency is involved in', async () => {
    const police = await h.user('police_inspector', { regionCode: 'KZ-75' });
    // neglect by a mother: the protocol gives the police no task, so the police have no need to know
    const neglect = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({
      incidents: [{ types: ['neglect'], place: 'home', victims: [{ firstName: 'Әлия', approxAge: 6 }], perpetrators: [{ relation: 'mother' }] }],
    }));
    expect(neglect.status, JSON.stringify(neglect.json)).toBe(201);
    expect(neglect.json.tasks.some((t: { agencyType: string }) => t.agencyType === 'police')).toBe(false);
    expect((await h.call(police, 'GET', `/api/v1/reports/${neglect.json.id}`)).status).toBe(404);
    // physical violence by a father: the police have a task, and with it access
    expect((await h.call(police, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(200);
    const own = await h.call(police, 'POST', '/api/v1/reports', sampleReport({ channel: 'police' }));
    expect(own.status).toBe(201);
    const colleague = await h.user('police_inspector', { regionCode: 'KZ-75' });
    expect((await h.call(colleague, 'GET', `/api/v1/reports/${own.json.id}`)).status).toBe(200);
  });

  it('withholds details of sexual violence from roles that do not need them', async () => {
    const sexual = sampleReport({ incidents: [{ types: ['sexual'], place: 'school', injuries: 'описание травм', victims: [{ lastName: 'Ахметова', firstName: 'Дана', birthDate: '2013-05-05', sex: 'female' }], perpetrators: [] }] });
    const created = await h.call(operator, 'POST', '/api/v1/reports', sexual);
    expect(created.status).toBe(201);
    expect(created.json.narrative).toBe(sexual.narrative); // the author keeps what they wrote
    const colleague = await h.user('hotline_operator');
    const redacted = await h.call(colleague, 'GET', `/api/v1/reports/${created.json.id}`);
    expect(redacted.status).toBe(200);
    expect(redacted.json).toMatchObject({ redacted: true, narrative: null });
    expect(redacted.json.incidents[0].injuries).toBeNull();
    const supervisor = await h.user('supervisor');
    const full = await h.call(supervisor, 'GET', `/api/v1/reports/${created.json.id}`);
    expect(full.json).toMatchObject({ redacted: false, narrative: sexual.narrative });
    expect(full.json.incidents[0].injuries).toBe('описание травм');
  });

  it('gives administrators and analysts no access to child records', async () => {
    expect((await h.call(h.admin, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(404);
    const analyst = await h.user('analyst');
    expect((await h.call(analyst, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(404);
    expect((await h.call(analyst, 'GET', '/api/v1/reports')).status).toBe(403);
    expect((await h.call(analyst, 'POST', '/api/v1/reports', sampleReport())).status).toBe(403);
  });

  it('lists exactly the reports that the policy lets each user read', async () => {
    const authors = [
      operator,
      await h.user('police_inspector', { regionCode: 'KZ-79' }),
      await h.user('school_specialist', { regionCode: 'KZ-75', districtCode: '751110000' }),
      await h.user('guardianship_officer', { regionCode: 'KZ-19' }),
    ];
    const regionsFor = ['KZ-75', 'KZ-79', 'KZ-19'];
    for (const [i, author] of authors.entries()) {
      for (const region of regionsFor) {
        const district = region === 'KZ-75' && i % 2 === 0 ? '751110000' : null;
        const res = await h.call(author, 'POST', '/api/v1/reports', sampleReport({ regionCode: region, districtCode: district, channel: 'other' }));
        expect(res.status).toBe(201);
      }
    }
    const readers = [
      ...authors,
      await h.user('supervisor'),
      await h.user('regional_coordinator', { regionCode: 'KZ-79' }),
      await h.user('commission_member', { regionCode: 'KZ-75', districtCode: '751110000' }),
      await h.user('police_inspector', { regionCode: 'KZ-79' }),
      await h.user('hotline_operator', { regionCode: 'KZ-19' }),
      await h.user('health_worker'),
    ];
    const all = await h.deps.db.select().from(reports);
    for (const reader of readers) {
      const [row] = await h.deps.db.select().from(users).where(sql`${users.id} = ${reader.id}`);
      const actor: Actor = toActor(row as typeof users.$inferSelect);
      const expected = all.filter((r) => authorizeRecord(actor, 'read', reportScope(r)).allowed).map((r) => r.id).sort();
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await h.call(reader, 'GET', `/api/v1/reports?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        listed.push(...res.json.items.map((i: { id: string }) => i.id));
        cursor = res.json.nextCursor;
      } while (cursor);
      expect(listed.sort(), `${actor.role} ${actor.regionCode ?? 'national'}`).toEqual(expected);
      // every one of them can be opened, every other one is a 404
      for (const r of all) {
        const res = await h.call(reader, 'GET', `/api/v1/reports/${r.id}`);
        expect(res.status).toBe(expected.includes(r.id) ? 200 : 404);
      }
    }
    const denied = await rows<{ n: number }>(h.deps.db, sql`select count(*)::int as n from audit_log where action = 'denied'`);
    expect(denied[0]?.n).toBeGreaterThan(0);
  });
});
