import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, type Harness } from '../test/harness.ts';

describe('user administration', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('creates a user as API.md says', async () => {
    const res = await h.call(h.admin, 'POST', '/api/v1/users', {
      username: 'police.shym1', password: 'Strong-pass-2026', role: 'police_inspector', agencyType: 'police', regionCode: 'KZ-79', fullName: 'Марат Жұмабеков',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.any(String), username: 'police.shym1', role: 'police_inspector', agencyType: 'police', regionCode: 'KZ-79', active: true });
    expect(res.json).not.toHaveProperty('passwordHash');
    const login = await h.login('police.shym1', 'Strong-pass-2026');
    expect(login.id).toBe(res.json.id);
  });

  it('scopes a user to a district and derives the region', async () => {
    const res = await h.call(h.admin, 'POST', '/api/v1/users', {
      username: 'school.dist1', password: 'Strong-pass-2026', role: 'school_specialist', districtCode: '751110000', regionCode: null, fullName: 'Test',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ regionCode: 'KZ-75', districtCode: '751110000' });
  });

  it('says what is wrong with bad input', async () => {
    const res = await h.call(h.admin, 'POST', '/api/v1/users', { username: 'a', password: 'short', role: 'wizard', regionCode: 'KZ-99', fullName: '' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'role', 'fullName']));
    const weak = await h.call(h.admin, 'POST', '/api/v1/users', { username: 'weakling', password: 'short', role: 'analyst', fullName: 'X' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('weak_password');
    const region = await h.call(h.admin, 'POST', '/api/v1/users', { username: 'nowhere', password: 'Strong-pass-2026', role: 'analyst', fullName: 'X', regionCode: 'KZ-98' });
    expect(region.status).toBe(400);
    expect(region.json.error.details).toEqual([{ path: 'regionCode', message: 'no such region' }]);
    const mismatch = await h.call(h.admin, 'POST', '/api/v1/users', { username: 'mismatch', password: 'Strong-pass-2026', role: 'analyst', fullName: 'X', regionCode: 'KZ-79', districtCode: '751110000' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.details[0].path).toBe('districtCode');
  });

  it('refuses a taken username with 409', async () => {
    const body = { username: 'twin', password: 'Strong-pass-2026', role: 'analyst', fullName: 'X' };
    expect((await h.call(h.admin, 'POST', '/api/v1/users', body)).status).toBe(201);
    const again = await h.call(h.admin, 'POST', '/api/v1/users', { ...body, username: 'TWIN' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('username_taken');
  });

  it('lets only administrators manage users', async () => {
    const analyst = await h.user('analyst');
    const res = await h.call(analyst, 'POST', '/api/v1/users', { username: 'sneaky', password: 'Strong-pass-2026', role: 'admin', fullName: 'X' });
    expect(res.status).toBe(403);
    expect((await h.call(analyst, 'GET', '/api/v1/users')).status).toBe(403);
    expect((await h.call(null, 'GET', '/api/v1/users')).status).toBe(401);
  });

  it('deactivates an account: its sessions end and it cannot sign in', async () => {
    const u = await h.user('analyst');
    expect((await h.call(h.admin, 'PATCH', `/api/v1/users/${u.id}`, { active: false })).status).toBe(200);
    expect((await h.call(u, 'GET', '/api/v1/auth/me')).status).toBe(401);
    const login = await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.json.error.code).toBe('account_disabled');
    expect((await h.call(h.admin, 'PATCH', `/api/v1/users/${u.id}`, { active: true })).status).toBe(200);
    expect((await h.login(u.username, TEST_PASSWORD)).id).toBe(u.id);
  });

  it('resets a password', async () => {
    const u = await h.user('analyst');
    expect((await h.call(h.admin, 'POST', `/api/v1/users/${u.id}/password`, { password: 'Brand-new-pass-7' })).status).toBe(204);
    expect((await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD })).status).toBe(401);
    expect((await h.login(u.username, 'Brand-new-pass-7')).id).toBe(u.id);
  });

  it('lists and filters users', async () => {
    await h.user('auditor');
    const res = await h.call(h.admin, 'GET', '/api/v1/users?role=auditor&active=true');
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    expect(res.json.items.every((u: { role: string }) => u.role === 'auditor')).toBe(true);
  });

  it('audits account changes', async () => {
    const u = await h.user('analyst');
    await h.call(h.admin, 'PATCH', `/api/v1/users/${u.id}`, { fullName: 'Renamed' });
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?entityId=${u.id}`);
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['update', 'login']));
  });
});
