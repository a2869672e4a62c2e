import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed.ts';
import { createHarness, ManualClock, type Harness } from '../test/harness.ts';

describe('demo family cases', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ clock: new ManualClock('2026-11-23T05:00:00Z') });
    await seedDemo(h.deps, { scale: 0.02 });
  }, 300_000);
  afterAll(async () => { await h.close(); });

  it('has active cases at every step, one plan waiting for the coordinator, and closed cases over two years', async () => {
    const res: unknown = await h.deps.db.execute(sql`select status, count(*)::int as n, min(closed_at) as first_closed from cases group by status order by status`);
    const rows = (res as { rows: { status: string; n: number }[] }).rows;
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(by).toMatchObject({ open: 1, plan: 1 });
    expect(by.closed).toBeGreaterThanOrEqual(20);
    expect(by.in_progress).toBeGreaterThanOrEqual(3);
    const checks: unknown = await h.deps.db.execute(sql`select count(*)::int as n from case_assessments a join cases c on c.id = a.case_id where c.status = 'closed'`);
    expect((checks as { rows: { n: number }[] }).rows[0]?.n).toBeGreaterThanOrEqual(20);
    const late: unknown = await h.deps.db.execute(sql`select count(*)::int as n from cases where closed_at > '2026-11-23'`);
    expect((late as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
