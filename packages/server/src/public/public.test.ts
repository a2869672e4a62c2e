import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reports } from '../db/schema.ts';
import { createHarness, type Harness } from '../test/harness.ts';

describe('public side (API.md)', () => {
  let h: Harness;
  let n = 0;
  /** each test speaks from its own address, so that the per-address limits of one do not affect another */
  const address = () => `198.51.100.${++n}`;
  const send = async (ip: string, method: 'GET' | 'POST', url: string, body?: unknown, raw?: string) => {
    const res = await h.app.inject({
      method, url, remoteAddress: ip,
      ...(body !== undefined || raw !== undefined ? { headers: { 'content-type': 'application/json' }, payload: raw ?? JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null, headers: res.headers };
  };

  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('takes a report without sign-in and shows its status, and nothing else, by tracking code', async () => {
    const ip = address();
    const res = await send(ip, 'POST', '/api/v1/public/reports', { regionCode: 'KZ-75', narrative: 'Мой одноклассник приходит в синяках.', types: ['physical'] });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(['trackingCode']);
    expect(res.json.trackingCode).toMatch(/^QRG-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]$/);
    const status = await send(ip, 'GET', `/api/v1/public/reports/${res.json.trackingCode}`);
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ status: 'registered' });
    // as typed by a person: lower case, spaces instead of dashes
    const typed = await send(ip, 'GET', `/api/v1/public/reports/${encodeURIComponent(res.json.trackingCode.toLowerCase().replace(/-/g, ' '))}`);
    expect(typed.json).toEqual({ status: 'registered' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await send(address(), 'GET', '/api/openapi.json');
    for (const p of ['/api/v1/public/reports', '/api/v1/public/reports/{trackingCode}', '/api/v1/reports/{id}/attachments', '/api/v1/attachments/{id}', '/api/v1/imports/reports', '/api/v1/reference/legal-articles']) {
      expect(Object.keys(doc.json.paths)).toContain(p);
    }
  });

  it('answers 404 for a wrong or malformed code', async () => {
    const ip = address();
    const res = await send(ip, 'POST', '/api/v1/public/reports', { regionCode: 'KZ-75', narrative: 'text' });
    const code: string = res.json.trackingCode;
    // a valid-looking code that was never issued
    const other = code.slice(0, 4) + (code[4] === '2' ? '3' : '2') + code.slice(5);
    for (const c of [other, 'QRG-00000-00000-0', 'nonsense', '1%27%20or%201=1']) {
      const r = await send(ip, 'GET', `/api/v1/public/reports/${c}`);
      expect(r.status, c).toBe(404);
      expect(r.json.error.code).toBe('not_found');
    }
  });

  it('stores an online report visible to a national hotline supervisor, anonymous unless a contact is left', async () => {
    const ip = address();
    const anon = await send(ip, 'POST', '/api/v1/public/reports', { regionCode: 'KZ-79', narrative: 'Соседский ребёнок один дома неделю.' });
    const withPhone = await send(ip, 'POST', '/api/v1/public/reports', { regionCode: 'KZ-79', narrative: 'Позвоните мне.', types: ['neglect', 'psychological'], contact: '+7 701 123 45 67' });
    const withEmail = await send(ip, 'POST', '/api/v1/public/reports', { regionCode: 'KZ-79', narrative: 'Напишите мне.', contact: 'aigerim@example.kz' });
    const supervisor = await h.user('supervisor');
    const load = async (code: string) => {
      const [row] = await h.deps.db.select({ id: reports.id }).from(reports).where(eq(reports.trackingCode, code));
      const res = await h.call(supervisor, 'GET', `/api/v1/reports/${row?.id}`);
      expect(res.status).toBe(200);
      return res.json;
    };
    const a = await load(anon.json.trackingCode);
    expect(a).toMatchObject({ channel: 'online', status: 'registered', regionCode: 'KZ-79', reporter: { anonymous: true }, narrative: 'Соседский ребёнок один дома неделю.' });
    expect(a.incidents).toHaveLength(1);
    expect(a.incidents[0]).toMatchObject({ types: ['other'], victims: [], perpetrators: [] });
    const p = await load(withPhone.json.trackingCode);
    expect(p.reporter).toMatchObject({ anonymous: false, relation: 'other', phone: '+7 701 123 45 67', contactKind: 'phone' });
    expect(p.incidents[0].types).toEqual(['neglect', 'psychological']);
    const e = await load(withEmail.json.trackingCode);
    expect(e.reporter).toMatchObject({ email: 'aigerim@example.kz', contactKind: 'email', phone: null });
    // the hotline operators see it in their list
    const operator = await h.user('hotline_operator');
    const list = await h.call(operator, 'GET', '/api/v1/reports?channel=online&regionCode=KZ-79');
    expect(list.json.items.map((i: { id: string }) => i.id)).toContain(a.id);
    // and the audit does not keep the submitter's address
    const entries = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, a.id));
    expect(entries.find((x) => x.action === 'create')).toMatchObject({ username: 'public' });
    for (const x of entries.filter((y) => y.username === 'public')) expect(x.ip).not.toContain('198.51.100');
  });

  it('says which field is wrong, with 400', async () => {
    const ip = address();
    const cases: [unknown, string][] = [
      [{ narrative: 'x' }, 'regionCode'],
      [{ regionCode: 'KZ-99', narrative: 'x' }, 'regionCode'],
      [{ regionCode: 'Almaty', narrative: 'x' }, 'regionCode'],
      [{ regionCode: 'KZ-75', narrative: '   ' }, 'narrative'],
      [{ regionCode: 'KZ-75', narrative: 'x'.repeat(5001) }, 'narrative'],
      [{ regionCode: 'KZ-75', narrative: 'x', types: ['kicking'] }, 'types.0'],
      [{ regionCode: 'KZ-75', narrative: 'x', contact: 'x'.repeat(201) }, 'contact'],
    ];
    for (const [body, path] of cases.slice(0, 4)) {
      const res = await send(ip, 'POST', '/api/v1/public/reports', body);
      expect(res.status, path).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    const ip2 = address();
    for (const [body, path] of cases.slice(4)) {
      const res = await send(ip2, 'POST', '/api/v1/public/reports', body);
      expect(res.status, path).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    const bad = await send(address(), 'POST', '/api/v1/public/reports', undefined, '{"regionCode": ');
    expect(bad.status).toBe(400);
  });

  it('refuses a body over 32 KB with 413', async () => {
    const res = await send(address(), 'POST', '/api/v1/public/reports', { regionCode: 'KZ-75', narrative: 'x', padding: 'y'.repeat(33 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('limits submissions and lookups per address with 429', async () => {
    const ip = address();
    const body = { regionCode: 'KZ-75', narrative: 'spam' };
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send(ip, 'POST', '/api/v1/public/reports', body);
      expect(res.status).toBe(201);
      codes.push(res.json.trackingCode);
    }
    const sixth = await send(ip, 'POST', '/api/v1/public/reports', body);
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe('rate_limited');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not affected
    expect((await send(address(), 'POST', '/api/v1/public/reports', body)).status).toBe(201);

    const lookups = address();
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await send(lookups, 'GET', `/api/v1/public/reports/${codes[0]}`)).status;
    expect(last).toBe(429);
    // wrong codes count too, so codes cannot be guessed quickly
    const guesser = address();
    const statuses = new Set<number>();
    for (let i = 0; i < 61; i++) statuses.add((await send(guesser, 'GET', `/api/v1/public/reports/QRG-${String(i).padStart(5, '0')}-00000-0`)).status);
    expect([...statuses].sort()).toEqual([404, 429]);
  });
});
