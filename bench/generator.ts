// Demo-data generator throughput: how fast the deterministic generator produces persons and
// reports for loading benchmark volumes. Run: npm run bench:generator
import { generatePersons, generateReports, parseIin, personNameKey } from '@qorgau/core';
import { writeResults } from './lib.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const reportsCount = Number(process.env.BENCH_REPORTS ?? 100_000);

let t0 = performance.now();
let withIin = 0;
let invalid = 0;
for (const p of generatePersons({ seed: 1, count: persons, refDate: '2026-11-23' })) {
  if (p.iin) {
    withIin += 1;
    if (!parseIin(p.iin).ok) invalid += 1;
  }
  personNameKey(p);
}
const personsMs = performance.now() - t0;
const heapAfterPersonsMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);

t0 = performance.now();
let incidents = 0;
for (const r of generateReports({ seed: 1, count: reportsCount, from: '2022-01-01', to: '2026-11-22', regions: [{ code: 'KZ-75' }, { code: 'KZ-79' }, { code: 'KZ-61' }], districts: [] })) {
  incidents += r.incidents.length;
}
const reportsMs = performance.now() - t0;

const file = writeResults('generator', {
  persons: { count: persons, withIin, invalidIin: invalid, ms: Math.round(personsMs), perSecond: Math.round(persons / (personsMs / 1000)), heapAfterMiB: heapAfterPersonsMiB },
  reports: { count: reportsCount, incidents, ms: Math.round(reportsMs), perSecond: Math.round(reportsCount / (reportsMs / 1000)) },
});
process.stdout.write(`persons: ${persons} in ${Math.round(personsMs)} ms (IIN valid: ${invalid === 0}); reports: ${reportsCount} in ${Math.round(reportsMs)} ms → ${file}\n`);
if (invalid > 0) process.exitCode = 1;
