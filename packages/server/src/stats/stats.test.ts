import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { createReportBody } from '../reports/schema.ts';
import { registerReport } from '../reports/service.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { toActor } from '../users/dto.ts';
import { periodsBetween } from './incidents.ts';

describe('incident statistics (API.md)', () => {
  let h: Harness;
  let ctx: Ctx;
  let analyst: TestUser;

  const load = async (regionCode: string, year: number, n: number, extra: Record<string, unknown> = {}) => {
    for (let i = 0; i < n; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (i % 12)).padStart(2, '0');
      await registerReport(ctx, createReportBody.parse(sampleReport({ regionCode, receivedAt: `${year}-${month}-${day}T10:00:00+05:00`, ...extra })), { importing: true });
    }
  };

  beforeAll(async () => {
    h = await createHarness();
    const supervisor = await h.user('supervisor');
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, supervisor.id));
    if (!row) throw new Error('no user');
    ctx = { ...h.deps, actor: toActor(row), ip: '127.0.0.1', requestId: 'test', now: new Date('2026-11-23T05:00:00Z') };
    // the published figures: Almaty region 90 → 143, Turkestan 213 in 2022
    await load('KZ-19', 2021, 90);
    await load('KZ-19', 2022, 143);
    await load('KZ-61', 2022, 213);
    // a report received at 23:30 on 31 December in Kazakhstan counts for that year, though it is already 2022 in UTC+0 … and the reverse
    await load('KZ-61', 2021, 1, { receivedAt: '2021-12-31T23:30:00+05:00' });
    analyst = await h.user('analyst');
  }, 180_000);
  afterAll(async () => { await h.close(); });

  it('reproduces a published table: counts per region and year with growth to one decimal', async () => {
    const res = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&interval=year&from=2021-01-01&to=2022-12-31');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.rows).toEqual([
      { regionCode: 'KZ-19', period: '2021', count: 90, growthPercent: null },
      { regionCode: 'KZ-19', period: '2022', count: 143, growthPercent: 58.9 },
      { regionCode: 'KZ-61', period: '2021', count: 1, growthPercent: null },
      { regionCode: 'KZ-61', period: '2022', count: 213, growthPercent: 21200 },
    ]);
  });

  it('groups by quarter, type, channel, sex and age group', async () => {
    const q = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&interval=quarter&from=2022-01-01&to=2022-12-31&regionCode=KZ-19');
    expect(q.json.rows.map((r: { period: string }) => r.period)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    expect(q.json.rows.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(143);
    const type = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=type&from=2022-01-01&to=2022-12-31');
    expect(type.json.rows).toEqual([{ type: 'physical', period: '2022', count: 356, growthPercent: null }]);
    const sex = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=sex&from=2022-01-01&to=2022-12-31');
    expect(sex.json.rows).toEqual([{ sex: 'female', period: '2022', count: 356, growthPercent: null }]);
    // the sample child was born on 2 March 2014: 7 in early 2022, 8 after her birthday
    const age = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=ageGroup&from=2022-01-01&to=2022-12-31');
    expect(age.json.rows).toEqual([{ ageGroup: '7-10', period: '2022', count: 356, growthPercent: null }]);
    const relation = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=relation&from=2021-01-01&to=2021-12-31');
    expect(relation.json.rows).toEqual([{ relation: 'father', period: '2021', count: 91, growthPercent: null }]);
  });

  it('counts only what the caller may see', async () => {
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-61' });
    const res = await h.call(coordinator, 'GET', '/api/v1/stats/incidents?groupBy=region&from=2021-01-01&to=2022-12-31');
    expect(res.json.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(['KZ-61', 'KZ-61']);
    expect((await h.call(await h.user('hotline_operator'), 'GET', '/api/v1/stats/incidents?groupBy=region&from=2021-01-01&to=2022-12-31')).status).toBe(403);
  });

  it('says what is wrong with a bad query', async () => {
    const bad = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=colour&from=2021-01-01&to=2022-12-31');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('querystring.groupBy');
    expect((await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&from=2022-01-01&to=2021-12-31')).json.error.details[0].path).toBe('to');
    expect((await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&from=2022-13-01&to=2022-12-31')).status).toBe(400);
    expect((await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&interval=month&from=1900-01-01&to=2026-12-31')).status).toBe(400);
  });

  it('lists every period of a range', () => {
    expect(periodsBetween('2021-11-15', '2022-02-01', 'month')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(periodsBetween('2021-11-15', '2022-02-01', 'quarter')).toEqual(['2021-Q4', '2022-Q1']);
    expect(periodsBetween('2021-11-15', '2022-02-01', 'year')).toEqual(['2021', '2022']);
  });
});
