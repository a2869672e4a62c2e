import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, api, onApiError, parseErrorBody, setCsrfToken, withQuery } from './api.ts';

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn<typeof fetch>(async () =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(mock: ReturnType<typeof stubFetch>, call = 0): Record<string, string> {
  return (mock.mock.calls[call]?.[1]?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('parseErrorBody', () => {
  it('reads code, message and details', () => {
    const error = parseErrorBody(400, {
      error: { code: 'validation_failed', message: 'Bad', details: [{ path: 'username', message: 'Too short' }] },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'validation_failed', message: 'Bad', status: 400 });
    expect(error.details).toEqual([{ path: 'username', message: 'Too short' }]);
  });

  it('joins array paths', () => {
    const error = parseErrorBody(400, { error: { code: 'validation_failed', message: '', details: [{ path: ['a', 0, 'b'], message: 'x' }] } });
    expect(error.details[0]?.path).toBe('a.0.b');
  });

  it('derives a code from the status when the body is not ours', () => {
    expect(parseErrorBody(429, '<html>').code).toBe('rate_limited');
    expect(parseErrorBody(502, undefined).code).toBe('internal');
    expect(parseErrorBody(401, null).code).toBe('unauthenticated');
  });
});

describe('withQuery', () => {
  it('leaves out empty values', () => {
    expect(withQuery('/v1/users', { q: 'ақ', role: '', active: undefined, cursor: null })).toBe('/v1/users?q=%D0%B0%D2%9B');
    expect(withQuery('/v1/users', {})).toBe('/v1/users');
  });
});

describe('api', () => {
  it('sends the CSRF token on writes only, with the session cookie', async () => {
    setCsrfToken('tok');
    const mock = stubFetch(200, { ok: true });
    await api('GET', '/v1/auth/me');
    await api('POST', '/v1/auth/logout', {});
    expect(headersOf(mock, 0)['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(mock, 1)['X-CSRF-Token']).toBe('tok');
    expect(mock.mock.calls[1]?.[0]).toBe('/api/v1/auth/logout');
    expect(mock.mock.calls[1]?.[1]?.credentials).toBe('same-origin');
  });

  it('returns undefined for 204', async () => {
    stubFetch(204, undefined);
    await expect(api('POST', '/v1/auth/me/password', {})).resolves.toBeUndefined();
  });

  it('throws a typed error and tells listeners', async () => {
    stubFetch(401, { error: { code: 'totp_required', message: 'Code needed' } });
    const heard: string[] = [];
    const stop = onApiError((error, path) => heard.push(`${error.code} ${path}`));
    await expect(api('POST', '/v1/auth/login', {})).rejects.toMatchObject({ code: 'totp_required', status: 401 });
    stop();
    expect(heard).toEqual(['totp_required /v1/auth/login']);
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api('GET', '/v1/auth/me')).rejects.toBeInstanceOf(NetworkError);
  });
});
