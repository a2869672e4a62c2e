// What the production logger writes while people use Qorgau: names, narratives, IINs, search
// text, passwords and tokens must never be in it.
import { Writable } from 'node:stream';
import { makeIin } from '@qorgau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server.ts';
import { createHarness, sampleReport, TEST_PASSWORD, type Harness } from '../test/harness.ts';

describe('logs', () => {
  let h: Harness;
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });

  beforeAll(async () => {
    h = await createHarness({ log: createLogger({ logLevel: 'trace' }, sink) });
  });
  afterAll(() => h.close());

  it('hold no names, narratives, IINs, search text, passwords or tokens', async () => {
    const operator = await h.user('hotline_operator');
    const narrative = 'Отчим бьёт Айгерим ремнём, соседи слышат крики.';
    const iin = makeIin('2014-03-02', 'female', 1234) as string;
    const wrongIin = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
    const body = sampleReport({
      narrative,
      incidents: [{
        types: ['physical'], place: 'home',
        victims: [{ lastName: 'Жұмабекова', firstName: 'Айгерим', birthDate: '2014-03-02', sex: 'female', iin }],
        perpetrators: [{ lastName: 'Серікбаев', firstName: 'Болат', relation: 'stepparent' }],
      }],
    });
    const created = await h.call(operator, 'POST', '/api/v1/reports', body);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    await h.call(operator, 'GET', `/api/v1/persons/search?q=${encodeURIComponent('Жумабекова Айгерим')}`);
    await h.call(operator, 'POST', '/api/v1/persons/match', { lastName: 'Zhumabekova', firstName: 'Aigerim', birthDate: '2014-03-02', iin });
    await h.call(operator, 'GET', `/api/v1/reports/${created.json.id}`);
    // rejected input is logged as a client error without echoing the body
    const bad = await h.call(operator, 'POST', '/api/v1/reports', { ...body, incidents: [{ ...body.incidents[0], victims: [{ lastName: 'Жұмабекова', firstName: 'Айгерим', iin: wrongIin }] }] });
    expect(bad.status).toBe(400);
    await h.call(null, 'POST', '/api/v1/auth/login', { username: operator.username, password: 'Wrong-password-1' });
    await h.login(operator.username, TEST_PASSWORD);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(8);
    expect(log).toContain('"reqId"');
    expect(log).toContain('"path":"/api/v1/persons/search"');
    expect(log).toContain('"route":"/api/v1/reports/:id"');
    for (const secret of ['Жұмабекова', 'Жумабекова', 'Zhumabekova', 'Айгерим', 'Aigerim', 'Серікбаев', narrative, 'ремнём', iin, wrongIin,
      TEST_PASSWORD, 'Wrong-password-1', operator.token, operator.csrfToken]) {
      expect(log, secret).not.toContain(secret);
    }
    expect(log).not.toContain(encodeURIComponent('Жумабекова'));
  });
});
