import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness } from '../test/harness.ts';

describe('metrics', () => {
  let h: Harness;
  let secured: Harness;
  beforeAll(async () => {
    h = await createHarness();
    secured = await createHarness({ config: { metricsToken: 'metrics-token-0123456789' } });
  });
  afterAll(async () => {
    await h.close();
    await secured.close();
  });

  it('counts requests by route template, not by raw URL, and reports the queues', async () => {
    const operator = await h.user('hotline_operator');
    const created = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    expect(created.status).toBe(201);
    expect((await h.call(operator, 'GET', `/api/v1/reports/${created.json.id}`)).status).toBe(200);
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.body;
    expect(text).toMatch(/qorgau_http_requests_total\{method="POST",route="\/api\/v1\/reports",status="201"\} 1/);
    expect(text).toMatch(/qorgau_http_requests_total\{method="GET",route="\/api\/v1\/reports\/:id",status="200"\} 1/);
    expect(text).not.toContain(created.json.id);
    expect(text).toMatch(/qorgau_http_request_duration_seconds_bucket\{le="0.5",method="POST",route="\/api\/v1\/reports"\}/);
    expect(text).toMatch(/qorgau_queue_depth\{queue="audit_unsealed"\} \d+/);
    expect(text).toMatch(/qorgau_queue_depth\{queue="tasks_overdue"\} 0/);
    expect(text).toMatch(/qorgau_process_cpu_user_seconds_total/);
    // names and narratives never appear
    expect(text).not.toContain('Сейітова');
  });

  it('with a token, serves metrics only to a request that carries it', async () => {
    expect((await secured.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    expect((await secured.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(403);
    const ok = await secured.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('qorgau_queue_depth');
  });

  it('without a token, refuses other addresses than loopback', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' });
    expect(res.statusCode).toBe(403);
  });
});
