// The demo is generated relative to the day it is loaded (ages, deadlines, case histories): it
// must load on any day of the year, not only on the days it was written on. A demo that fails to
// seed is a quick start that does not start.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../db/client.ts';
import { createHarness, ManualClock } from '../test/harness.ts';
import { registerViolations } from '../test/invariants.ts';
import { seedDemo } from './seed.ts';

describe('demo data', () => {
  // the day an infant victim among the newest reports crashed the demo's referrals, and a summer morning in the school holidays
  for (const day of ['2026-11-23T17:05:00+05:00', '2027-07-15T09:00:00+05:00']) {
    it(`loads on ${day.slice(0, 10)} and leaves a consistent register`, async () => {
      const h = await createHarness({ clock: new ManualClock(day) });
      try {
        await seedDemo(h.deps, { scale: 0.1 });
        const [n] = await rows<{ reports: number; cases: number; referrals: number; contacts: number; outcomes: number; linked: number; future: number }>(h.deps.db, sql`select
          (select count(*)::int from reports) as reports, (select count(*)::int from cases) as cases,
          (select count(*)::int from contacts) as contacts, (select count(distinct outcome)::int from contacts) as outcomes,
          (select count(*)::int from contacts c join reports r on r.id = c.report_id where c.outcome = 'added_to_report') as linked,
          (select count(*)::int from referrals) as referrals,
          (select count(*)::int from reports where received_at > ${new Date(day).toISOString()}::timestamptz)
            + (select count(*)::int from contacts where started_at > ${new Date(day).toISOString()}::timestamptz) as future`);
        expect(n?.reports).toBeGreaterThan(100);
        expect(n?.cases).toBeGreaterThan(30);
        expect(n?.referrals).toBeGreaterThan(0);
        // the helpline: contacts of many outcomes, none in the future
        expect(n?.contacts).toBeGreaterThanOrEqual(30);
        expect(n?.outcomes).toBeGreaterThanOrEqual(5);
        expect(n?.linked, 'some callers add to a report already open').toBeGreaterThan(0);
        expect(n?.future, 'nothing received after the day the demo was loaded').toBe(0);
        expect(await registerViolations(h.deps.db)).toEqual([]);
      } finally {
        await h.close();
      }
    }, 300_000);
  }
});
