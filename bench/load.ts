// Bulk loading of benchmark volumes straight into the database (not through the API: loading a
// million persons through HTTP would measure the loader, not the system). Idempotent: a marker
// in system_state records what is loaded.
import { generatePersons, personNameKey } from '@qorgau/core';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client.ts';
import { incidentPersons, incidents, persons, regions, reportCounters, reports, systemState } from '../packages/server/src/db/schema.ts';

export type Volume = { persons: number; reports: number };

const BATCH = 2000;

export async function loadVolume(database: Database, volume: Volume, log: (s: string) => void): Promise<void> {
  const db = database.db;
  const key = `bench_volume_${volume.persons}_${volume.reports}`;
  const [done] = await db.select().from(systemState).where(eq(systemState.key, key));
  if (done) { log(`volume ${key} already loaded`); return; }
  const regionCodes = (await db.select({ code: regions.code }).from(regions)).map((r) => r.code);
  const now = new Date();
  const t0 = performance.now();
  const personIds: string[] = [];
  let batch: (typeof persons.$inferInsert)[] = [];
  let i = 0;
  const flushPersons = async () => {
    if (!batch.length) return;
    const rows = await db.insert(persons).values(batch).returning({ id: persons.id });
    for (const r of rows) personIds.push(r.id);
    batch = [];
  };
  for (const p of generatePersons({ seed: 7, count: volume.persons, refDate: '2026-11-23' })) {
    batch.push({
      iin: p.iin, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName, birthDate: p.birthDate, sex: p.sex,
      nameKey: personNameKey(p), regionCode: regionCodes[i % regionCodes.length], externalId: `bench-${p.externalId}`, createdAt: now, updatedAt: now,
    });
    i += 1;
    if (batch.length >= BATCH) await flushPersons();
    if (i % 100_000 === 0) log(`persons ${i} (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
  await flushPersons();
  log(`persons loaded: ${personIds.length} in ${Math.round((performance.now() - t0) / 1000)} s`);

  // reports: one incident, a victim and a perpetrator among the loaded persons, spread over five years
  const t1 = performance.now();
  const counters = new Map<string, number>();
  const start = Date.parse('2022-01-01T00:00:00+05:00');
  const span = now.getTime() - start;
  const types = ['physical', 'psychological', 'neglect', 'bullying', 'sexual', 'domestic_violence_witness'];
  const channels = ['hotline', 'school', 'police', 'health', 'psc', 'online'];
  for (let done = 0; done < volume.reports; done += BATCH / 2) {
    const n = Math.min(BATCH / 2, volume.reports - done);
    const rows: (typeof reports.$inferInsert)[] = [];
    for (let k = 0; k < n; k++) {
      const j = done + k;
      const region = regionCodes[(j * 7) % regionCodes.length] as string;
      const receivedAt = new Date(start + Math.floor(((j * 2654435761) % 1_000_000) / 1_000_000 * span));
      const year = new Date(receivedAt.getTime() + 5 * 3_600_000).getUTCFullYear();
      const ck = `${region}|${year}`;
      const seq = (counters.get(ck) ?? 0) + 1;
      counters.set(ck, seq);
      const type = types[j % types.length] as string;
      rows.push({
        number: `${region.slice(3)}-${year}-${String(seq).padStart(6, '0')}`, regionCode: region, channel: channels[j % channels.length] as string,
        status: j % 3 === 0 ? 'closed' : 'registered', priority: j % 10 === 0 ? 'P1' : 'P3', receivedAt, narrative: 'Benchmark report.',
        reporter: { anonymous: true }, screening: {}, sensitive: type === 'sexual', agencyTypes: ['hotline'], createdAt: now, updatedAt: now,
      });
    }
    const inserted = await db.insert(reports).values(rows).returning({ id: reports.id, regionCode: reports.regionCode });
    const incs = await db.insert(incidents).values(inserted.map((r, k) => ({
      reportId: r.id, types: [types[(done + k) % types.length] as string], regionCode: r.regionCode, place: 'home',
    }))).returning({ id: incidents.id });
    await db.insert(incidentPersons).values(incs.flatMap((inc, k) => {
      const victim = personIds[((done + k) * 31) % personIds.length] as string;
      const perpetrator = personIds[((done + k) * 17 + 1) % personIds.length] as string;
      return victim === perpetrator ? [{ incidentId: inc.id, personId: victim, role: 'victim' }]
        : [{ incidentId: inc.id, personId: victim, role: 'victim' }, { incidentId: inc.id, personId: perpetrator, role: 'perpetrator', relation: 'father' }];
    }));
    if ((done + n) % 50_000 === 0) log(`reports ${done + n} (${Math.round((performance.now() - t1) / 1000)} s)`);
  }
  for (const [ck, last] of counters) {
    const [regionCode, year] = ck.split('|') as [string, string];
    await db.insert(reportCounters).values({ regionCode, year: Number(year), last })
      .onConflictDoUpdate({ target: [reportCounters.regionCode, reportCounters.year], set: { last: sql`greatest(${reportCounters.last}, ${last})` } });
  }
  await db.execute(sql`analyze`);
  await db.insert(systemState).values({ key, value: { at: now.toISOString() } });
  log(`reports loaded: ${volume.reports} in ${Math.round((performance.now() - t1) / 1000)} s`);
}
