// Two instances sweeping the same database at once: every escalation step is taken exactly once.
// On PostgreSQL (CI runs this file with DATABASE_URL) the second instance has its own connection
// pool, as a second server process would; on PGlite both share the embedded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { createHarness, ManualClock, sampleReport, type Harness } from '../test/harness.ts';
import { sweepEscalations } from './escalation.ts';

describe('escalation with two instances', () => {
  let h: Harness;
  let clock: ManualClock;
  let second: Database | null = null;
  let other: Deps;

  beforeAll(async () => {
    clock = new ManualClock('2026-11-23T05:00:00.000Z');
    h = await createHarness({ clock, config: { sessionIdleMinutes: 60 * 24 * 365, sessionMaxHours: 24 * 365 } });
    if (h.databaseUrl) second = await openDatabase({ databaseUrl: h.databaseUrl, poolSize: 5 });
    other = second ? { ...h.deps, database: second, db: second.db } : h.deps;
  });
  // both drivers return { rows } from execute()
  const query = async <T extends Record<string, unknown>>(q: SQL): Promise<T[]> => {
    const res: unknown = await h.deps.db.execute(q);
    return (res as { rows: T[] }).rows;
  };

  afterAll(async () => {
    await second?.close();
    await h.close();
  });

  it('takes each step once while two sweepers race over the same overdue tasks', async () => {
    const operator = await h.user('hotline_operator');
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    let created = 0;
    for (let i = 0; i < 25; i += 1) {
      const r = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ screening: { immediateDanger: i % 2 === 0, childInjured: true } }));
      expect(r.status).toBe(201);
      created += r.json.tasks.length;
    }
    expect(created).toBeGreaterThan(100);

    // a day and a half later: several steps of each chain are due at once
    clock.advance(36 * 3_600_000);
    const [a, b] = await Promise.all([
      sweepEscalations(h.deps, { batchSize: 7 }),
      sweepEscalations(other, { batchSize: 7 }),
    ]);
    expect(a.escalated + b.escalated).toBeGreaterThan(100);
    if (second) expect(Math.min(a.escalated, b.escalated), 'both instances did part of the work').toBeGreaterThan(0);

    const rows = await query<{ task_id: string; step: number; n: number }>(sql`
      select task_id, (details->>'step')::int as step, count(*)::int as n from task_events where kind = 'escalated' group by 1, 2`);
    expect(rows.length).toBe(a.escalated + b.escalated);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [escalations] = await query<{ n: number }>(sql`select count(*)::int as n from task_escalations`);
    expect(escalations?.n).toBe(a.escalated + b.escalated);
    // each step is one notification per recipient: the regional coordinator got exactly one per task that reached that step
    const [told] = await query<{ n: number; m: number }>(sql`
      select (select count(*)::int from notifications where user_id = ${coordinator.id} and kind = 'task_escalated') as n,
             (select count(*)::int from task_escalations where level = 'regional_coordinator') as m`);
    expect(told?.n).toBe(told?.m);
    expect(told?.m).toBeGreaterThan(0);

    // nothing left for a third sweep at the same time
    expect((await sweepEscalations(other)).escalated + (await sweepEscalations(h.deps)).escalated).toBe(0);
  });
});
