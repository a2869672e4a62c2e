import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed.ts';
import { createHarness, ManualClock, type Harness } from '../test/harness.ts';

describe('demo prevention work', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ clock: new ManualClock('2026-11-23T05:00:00Z') });
    await seedDemo(h.deps, { scale: 0.02 });
  }, 180_000);
  afterAll(async () => { await h.close(); });

  it('loads the programmes, and sessions that reach some districts and not others', async () => {
    const analyst = await h.user('analyst');
    const programmes = await h.call(analyst, 'GET', '/api/v1/prevention/programmes');
    expect(programmes.json.items.map((p: { code: string }) => p.code).sort()).toEqual(['online-safety', 'probilim', 'safe-school']);
    const coverage = await h.call(analyst, 'GET', '/api/v1/prevention/coverage?level=district&regionCode=KZ-75&from=2025-11-23&to=2026-11-23');
    const reached = coverage.json.units.filter((u: { schoolsReached: number }) => u.schoolsReached > 0).length;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(coverage.json.units.length);
    const res: unknown = await h.deps.db.execute(sql`select count(*)::int as n from prevention_sessions where held_on > '2026-11-23'`);
    expect((res as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    expect((await h.call(analyst, 'GET', '/api/v1/prevention/trainings')).json.items.length).toBe(4);
  });
});
