// Dashboard, map, official table and public figures over the statistics rollup.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { createReportBody } from '../reports/schema.ts';
import { registerReport } from '../reports/service.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { toActor } from '../users/dto.ts';
import { previousPeriod } from './dashboard.ts';
import { refreshRollup } from './rollup.ts';

describe('dashboard and public statistics', () => {
  let h: Harness;
  let ctx: Ctx;
  let analyst: TestUser;

  const load = async (n: number, extra: Record<string, unknown>) => {
    for (let i = 0; i < n; i += 1) await registerReport(ctx, createReportBody.parse(sampleReport(extra)), { importing: true });
  };

  beforeAll(async () => {
    h = await createHarness();
    const supervisor = await h.user('supervisor');
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, supervisor.id));
    if (!row) throw new Error('no user');
    ctx = { ...h.deps, actor: toActor(row), ip: '127.0.0.1', requestId: 'test', now: new Date('2026-11-23T05:00:00Z') };
    await load(12, { regionCode: 'KZ-75', receivedAt: '2025-03-10T10:00:00+05:00' });
    await load(30, { regionCode: 'KZ-75', receivedAt: '2026-03-10T10:00:00+05:00' });
    await load(3, { regionCode: 'KZ-61', receivedAt: '2026-04-01T10:00:00+05:00', incidents: [{ types: ['sexual', 'physical'], place: 'school', victims: [{ firstName: 'Айша', approxAge: 12, sex: 'female' }], perpetrators: [{ relation: 'peer' }] }] });
    await load(7, { regionCode: 'KZ-61', receivedAt: '2026-05-01T10:00:00+05:00', incidents: [{ types: ['bullying'], place: 'school', victims: [{ firstName: 'Ержан', approxAge: 14, sex: 'male' }], perpetrators: [] }] });
    analyst = await h.user('analyst');
  }, 120_000);
  afterAll(async () => { await h.close(); });

  it('counts nothing until the rollup has run, then exactly the register', async () => {
    const before = await h.call(analyst, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31');
    expect(before.status, JSON.stringify(before.json)).toBe(200);
    expect(before.json.pending).toBeGreaterThan(0);
    const r = await refreshRollup(h.deps);
    expect(r.pairs).toBeGreaterThan(0);
    const res = await h.call(analyst, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31');
    expect(res.json.pending).toBe(0);
    expect(res.json.totals).toMatchObject({ incidents: 40, reports: 40, victims: 40 });
    expect(res.json.previous).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(res.json.previousTotals.incidents).toBe(12);
    expect(res.json.growthPercent.incidents).toBe(233.3);
    expect(res.json.byRegion).toEqual([
      { regionCode: 'KZ-75', incidents: 30, reports: 30, victims: 30, previous: 12, growthPercent: 150 },
      { regionCode: 'KZ-61', incidents: 10, reports: 10, victims: 10, previous: 0, growthPercent: null },
    ]);
    expect(res.json.byType).toEqual(expect.arrayContaining([{ key: 'physical', incidents: 33 }, { key: 'sexual', incidents: 3 }, { key: 'bullying', incidents: 7 }]));
    expect(res.json.bySex).toEqual(expect.arrayContaining([{ key: 'male', incidents: 7, victims: 7 }, { key: 'female', incidents: 33, victims: 33 }]));
    expect(res.json.byAgeGroup).toEqual([{ key: '11-14', incidents: 40, victims: 40 }]);
    expect(res.json.byRelation).toEqual(expect.arrayContaining([{ key: 'father', incidents: 30 }, { key: 'peer', incidents: 3 }]));
    expect(res.json.trend.map((t: { period: string }) => t.period)).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('recounts a day when a report changes, and agrees with the incidents operation', async () => {
    await load(1, { regionCode: 'KZ-61', receivedAt: '2026-05-01T12:00:00+05:00' });
    await refreshRollup(h.deps);
    const dash = await h.call(analyst, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31&regionCode=KZ-61');
    expect(dash.json.totals.incidents).toBe(11);
    const direct = await h.call(analyst, 'GET', '/api/v1/stats/incidents?groupBy=region&from=2026-01-01&to=2026-12-31&regionCode=KZ-61');
    expect(direct.json.rows[0].count).toBe(11);
  });

  it('keeps a regional user to the region', async () => {
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-61' });
    const res = await h.call(coordinator, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31');
    expect(res.json.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['KZ-61']);
    expect((await h.call(coordinator, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31&regionCode=KZ-75')).json.totals.incidents).toBe(0);
    expect((await h.call(await h.user('hotline_operator'), 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31')).status).toBe(403);
  });

  it('colours the map by count, by rate once population is loaded, and drills into districts', async () => {
    const bad = await h.call(analyst, 'POST', '/api/v1/stats/population', { csv: 'year,region_code,district_code,children\n2026,KZ-75,,500000\n2026,KZ-99,,10\nx,KZ-61,,abc\n', dryRun: true });
    expect(bad.status).toBe(200);
    expect(bad.json.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(['3:region_code', '4:year', '4:children']);
    expect((await h.call(analyst, 'POST', '/api/v1/stats/population', { csv: 'year,region_code,district_code,children\n2026,KZ-99,,10\n', dryRun: false })).json.loaded).toBe(0);
    const good = await h.call(analyst, 'POST', '/api/v1/stats/population', { csv: '\uFEFFyear,region_code,district_code,children,source\n2026,KZ-75,,500000,Бюро национальной статистики\n2026,KZ-61,,800000,\n', dryRun: false });
    expect(good.json).toMatchObject({ loaded: 2, errors: [] });
    expect((await h.call(await h.user('school_specialist'), 'POST', '/api/v1/stats/population', { csv: 'year,region_code,district_code,children\n', dryRun: true })).status).toBe(403);
    const map = await h.call(analyst, 'GET', '/api/v1/stats/map?measure=rate&from=2026-01-01&to=2026-12-31');
    expect(map.json.items).toHaveLength(20);
    expect(map.json.items.find((i: { code: string }) => i.code === 'KZ-75')).toMatchObject({ incidents: 30, children: 500000, ratePer10k: 0.6, value: 0.6 });
    expect(map.json.populationYear).toBe(2026);
    const districts = await h.call(analyst, 'GET', '/api/v1/stats/map?measure=count&from=2026-01-01&to=2026-12-31&regionCode=KZ-75');
    expect(districts.json.level).toBe('district');
    expect(districts.json.items.length).toBeGreaterThan(3);
  });

  it('builds the official table with totals and growth', async () => {
    const res = await h.call(analyst, 'GET', '/api/v1/stats/tables/region-type?from=2026-01-01&to=2026-12-31&locale=kk');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const almaty = res.json.rows.find((r: { key: string }) => r.key === 'KZ-75');
    expect(almaty).toMatchObject({ total: 30, previousTotal: 12, growthPercent: 150 });
    expect(res.json.columns[0].label).toBe('Физикалық зорлық-зомбылық');
    expect(res.json.totals.total).toBe(41);
  });

  it('publishes public figures with small counts suppressed and no way back to them', async () => {
    const res = await h.call(null, 'GET', '/api/v1/public/stats?year=2026&locale=en');
    expect(res.status).toBe(200);
    const shymkent = res.json.rows.find((r: { regionCode: string }) => r.regionCode === 'KZ-61');
    const col = (key: string) => res.json.columns.findIndex((c: { key: string }) => c.key === key);
    // 3 sexual-violence incidents: shown as <5
    expect(shymkent.cells[col('sexual')]).toEqual({ value: null, mark: 'small' });
    // and the row cannot give it away: another value of the row is hidden too
    expect(shymkent.cells.filter((c: { value: number | null }) => c.value === null).length + (shymkent.total.value === null ? 1 : 0)).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(res.json)).not.toMatch(/Айша|Ержан|Сейітова/);
    expect((await h.call(null, 'GET', '/api/v1/public/stats?year=2999')).status).toBe(400);
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  });

  it('leaves the dirty list empty and the rollup idempotent', async () => {
    await h.deps.db.execute(sql`insert into stats_dirty (region_code, day) values ('KZ-75', '2026-03-10') on conflict do nothing`);
    await refreshRollup(h.deps);
    const res = await h.call(analyst, 'GET', '/api/v1/stats/dashboard?from=2026-01-01&to=2026-12-31&regionCode=KZ-75');
    expect(res.json.totals.incidents).toBe(30);
  });
});
