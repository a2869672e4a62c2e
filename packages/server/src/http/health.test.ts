import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, usingPostgres, type Harness } from '../test/harness.ts';

describe('health and basics', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('reports the database in use', async () => {
    const res = await h.call(null, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', database: usingPostgres ? 'postgresql' : 'pglite', version: expect.any(String) });
  });

  it('is ready when the database answers', async () => {
    expect((await h.call(null, 'GET', '/api/ready')).status).toBe(200);
  });

  it('serves the OpenAPI document with the stable operations', async () => {
    const res = await h.call(null, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    for (const path of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/reports', '/api/v1/reports/{id}', '/api/v1/persons/search', '/api/v1/audit']) {
      expect(Object.keys(res.json.paths)).toContain(path);
    }
  });

  it('answers unknown endpoints with the error body of API.md', async () => {
    const res = await h.call(null, 'GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('rejects malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    const big = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });

  it('sets security headers', async () => {
    const res = await h.call(null, 'GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
