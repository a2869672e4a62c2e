import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { linkCandidates, persons } from '../db/schema.ts';
import { DEMO_USERS } from '../demo/seed.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import { insertUser } from '../users/service.ts';
import { seedDemoLinkage } from './demo.ts';

describe('demo record linkage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    for (const u of DEMO_USERS.filter((d) => ['supervisor', 'operator', 'police.almaty', 'inspector.almaty', 'school.almaty', 'health.almaty', 'guardian.almaty'].includes(d.username))) {
      await insertUser(h.deps.db, { username: u.username, password: 'Demo-password-1', fullName: u.fullName, role: u.role, regionCode: u.regionCode ?? null }, h.clock.now());
    }
  });
  afterAll(async () => { await h.close(); });

  it('registers the same children through several agencies and leaves likely pairs in the queue, the twins at most possible', async () => {
    const run = await seedDemoLinkage(h.deps);
    expect(run).not.toBeNull();
    expect(run!.likely).toBeGreaterThanOrEqual(3);
    const pairs = await h.deps.db.select().from(linkCandidates);
    const names = async (id: string) => (await h.deps.db.select().from(persons).where(eq(persons.id, id)))[0]!;
    const described = await Promise.all(pairs.map(async (c) => ({ score: c.score, a: await names(c.personA), b: await names(c.personB) })));
    const find = (x: string, y: string) => described.find((d) => [d.a.firstName, d.b.firstName].sort().join() === [x, y].sort().join());
    expect(find('Aruzhan', 'Аружан')!.score).toBeGreaterThanOrEqual(run!.thresholds.upper);
    expect(find('Алихан', 'Älihan')).toBeDefined();
    expect(find('Дана', 'Akhmetova')!.score).toBeGreaterThanOrEqual(run!.thresholds.upper);
    const twins = find('Айару', 'Аяла');
    if (twins) expect(twins.score).toBeLessThan(run!.thresholds.upper);
  });
});
