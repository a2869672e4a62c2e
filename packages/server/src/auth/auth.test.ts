import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, type Harness } from '../test/harness.ts';

describe('signing in', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('signs in as API.md says, with a token and an HttpOnly SameSite session cookie', async () => {
    const u = await h.user('analyst');
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ id: u.id, username: u.username, role: 'analyst', regionCode: null });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/qorgau_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await h.call({ ...u, token: body.token }, 'GET', '/api/v1/auth/me');
    expect(me.json.user.username).toBe(u.username);
  });

  it('answers wrong credentials with 401 without telling which part was wrong', async () => {
    const u = await h.user('analyst');
    const wrongPassword = await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: 'nope-nope-nope' });
    const unknownUser = await h.call(null, 'POST', '/api/v1/auth/login', { username: 'nobody-here', password: 'nope-nope-nope' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.json.error.message).toBe(unknownUser.json.error.message);
  });

  it('locks an account out with 429 after repeated failures, also for the right password', async () => {
    const u = await h.user('analyst');
    for (let i = 0; i < 5; i++) {
      expect((await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const locked = await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets a shift of operators sign in from one address, and limits one account to 20 sign-ins a minute', async () => {
    // 25 accounts, one address (a contact centre behind one gateway): each signs in (h.user does)
    const shift = [];
    for (let i = 0; i < 25; i++) shift.push(await h.user('hotline_operator'));
    const one = shift[0]!;
    let ok = 1;
    let res = await h.call(null, 'POST', '/api/v1/auth/login', { username: one.username, password: TEST_PASSWORD });
    while (res.status === 200 && ok < 50) {
      ok += 1;
      res = await h.call(null, 'POST', '/api/v1/auth/login', { username: one.username, password: TEST_PASSWORD });
    }
    expect(ok).toBe(20);
    expect(res.status).toBe(429);
    // the same address signs in another account meanwhile
    expect((await h.call(null, 'POST', '/api/v1/auth/login', { username: shift[1]!.username, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('requires the CSRF token for cookie-authenticated writes but not for Bearer tokens', async () => {
    const u = await h.user('analyst');
    const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    const cookie = `qorgau_session=${login.json().token}`;
    const noCsrf = await h.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie }, payload: { locale: 'kk' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const withCsrf = await h.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { locale: 'kk' } });
    expect(withCsrf.statusCode).toBe(200);
    expect(withCsrf.json().user.locale).toBe('kk');
    const bearer = await h.call(u, 'PUT', '/api/v1/auth/me/locale', { locale: 'en' });
    expect(bearer.status).toBe(200);
    // remembered per user: a new sign-in brings it back
    const again = await h.login(u.username, TEST_PASSWORD);
    expect((await h.call(again, 'GET', '/api/v1/auth/me')).json.user.locale).toBe('en');
  });

  it('ends the session on sign-out', async () => {
    const u = await h.user('analyst');
    expect((await h.call(u, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    const after = await h.call(u, 'GET', '/api/v1/auth/me');
    expect(after.status).toBe(401);
  });

  it('rejects an unknown bearer token with 401', async () => {
    const res = await h.call({ id: 'x', username: 'x', token: 'forged', csrfToken: '' }, 'GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
  });

  it('enforces a second factor that an administrator requires for a role', async () => {
    expect((await h.call(h.admin, 'PUT', '/api/v1/roles/police_inspector', { requireTotp: true })).status).toBe(200);
    const u = await h.user('police_inspector', { regionCode: 'KZ-75' });
    // signed in, but only enrolment is allowed
    const blocked = await h.call(u, 'GET', '/api/v1/reports');
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('totp_enrollment_required');
    const setup = await h.call(u, 'POST', '/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.json.secret) });
    expect((await h.call(u, 'POST', '/api/v1/auth/totp/enable', { code: '000000' === totp.generate() ? '111111' : '000000' })).status).toBe(401);
    expect((await h.call(u, 'POST', '/api/v1/auth/totp/enable', { code: totp.generate() })).status).toBe(200);
    expect((await h.call(u, 'GET', '/api/v1/reports')).status).toBe(200);
    // from now on the code is needed to sign in
    const noCode = await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(noCode.status).toBe(401);
    expect(noCode.json.error.code).toBe('totp_required');
    const withCode = await h.call(null, 'POST', '/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD, totp: totp.generate() });
    expect(withCode.status).toBe(200);
    await h.call(h.admin, 'PUT', '/api/v1/roles/police_inspector', { requireTotp: false });
  });
});

// its own instance: the sign-ins here would count against the address limits of the tests above
describe('session fixation', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('never adopts a session id chosen by someone else (session fixation)', async () => {
    const u = await h.user('analyst');
    // an attacker plants a cookie and a token before the victim signs in
    const planted = 'a'.repeat(43);
    const res = await h.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, cookies: { qorgau_session: planted },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'qorgau_session')?.value;
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect(res.json().token).not.toBe(planted);
    // the planted id gives no access, the issued one does
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { qorgau_session: planted } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { qorgau_session: issued as string } })).statusCode).toBe(200);
    // a second sign-in gives a new session; both are the user's own, neither is reused
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, cookies: { qorgau_session: issued as string } });
    expect(again.cookies.find((c) => c.name === 'qorgau_session')?.value).not.toBe(issued);
  });
});
