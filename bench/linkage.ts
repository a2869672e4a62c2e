// Record linkage benchmark (issue 5): 1,000,000 generated persons with known duplicates
// (core/linkage/generate.ts), linked by the in-memory linker the server runs: fold every record,
// block, compare each candidate pair once, explain the pairs kept. Target: < 60 s on this
// 2-core machine. Precision and recall against the known truth.
//   npm run bench:linkage
//   DATABASE_URL=postgres://… npm run bench:linkage   also the full server run on PostgreSQL
//                                                      (creates/replaces qorgau_bench_linkage)
// Results: bench/results/linkage.json. BENCH_PERSONS (1,000,000), BENCH_SEED (2026).
//
// What is timed: `prepare` is the folding of each record as it arrives (the generator's own time
// is reported apart, as `generate`; the server reads rows from the database instead), `block` the
// blocking passes with sorting and de-duplication of pairs, `compare` the comparison of every
// distinct pair, `explain` building the per-field explanation of the pairs kept (what the server
// writes). `linkSeconds` = prepare + block + compare + explain.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  BLOCKING_PASSES, LINKAGE_PARAMS_V1, PAIR_BASE, RecordPreparer, blockPairs, blockingRecall, candidateAt, countTruePairs, evaluateLinkage, scorePairs,
  streamLinkageSet, thresholdsFor, weightTable, type LinkCandidate,
} from '@qorgau/core';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { persons } from '../packages/server/src/db/schema.ts';
import { runLinkage } from '../packages/server/src/linkage/run.ts';
import { createLogger } from '../packages/server/src/server.ts';
import { writeResults } from './lib.ts';

const N = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const TARGET_SECONDS = 60;
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const s1 = (ms: number) => Math.round(ms / 100) / 10;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

const loadBefore = os.loadavg();
const params = LINKAGE_PARAMS_V1;

// generate and fold, record by record
const entity = new Int32Array(N);
const preparer = new RecordPreparer(N);
let prepareMs = 0;
let t = performance.now();
streamLinkageSet({ seed: SEED, records: N }, (i, record, e) => {
  entity[i] = e;
  const s = performance.now();
  preparer.put(i, record);
  prepareMs += performance.now() - s;
});
const generateMs = performance.now() - t - prepareMs;
const rec = preparer.finish();
const truth = { entity, truePairs: countTruePairs(entity) };
log(`generated ${N} records (${truth.truePairs} true duplicate pairs) in ${s1(generateMs)} s; folded in ${s1(prepareMs)} s`);
const rssAfterPrepare = process.memoryUsage().rss;
const cpuStart = cpuMs();

t = performance.now();
const { pairs, stats: blocking } = blockPairs(rec, { maxBlock: params.maxBlock });
const blockMs = performance.now() - t;
log(`blocking: ${pairs.length} distinct pairs in ${s1(blockMs)} s`);

const thresholds = thresholdsFor(params, N);
t = performance.now();
const { kept } = scorePairs(rec, pairs, params, thresholds.lower);
const compareMs = performance.now() - t;
log(`compared ${pairs.length} pairs in ${s1(compareMs)} s: ${kept.count} at or above ${thresholds.lower}`);

t = performance.now();
const weights = weightTable(params);
const candidates: LinkCandidate[] = [];
for (let k = 0; k < kept.count; k++) candidates.push(candidateAt(rec, kept, k, weights, thresholds.upper));
const explainMs = performance.now() - t;
const restCpuMs = cpuMs() - cpuStart;
const linkMs = prepareMs + blockMs + compareMs + explainMs;
log(`explained ${candidates.length} candidates in ${s1(explainMs)} s; linked in ${s1(linkMs)} s (target < ${TARGET_SECONDS} s)`);

const [atUpper, atLower] = evaluateLinkage(truth, kept, [thresholds.upper, thresholds.lower]);
const curve = evaluateLinkage(truth, kept, [thresholds.lower, 16, 18, 20, 22, 24, thresholds.upper, 26, 28, 30].sort((x, y) => x - y));
const peakRss = process.resourceUsage().maxRSS * 1024;
log(`precision ${atUpper?.precision} recall ${atUpper?.recall} at the upper threshold ${thresholds.upper}; recall ${atLower?.recall} at the lower ${thresholds.lower}`);

// the full server run on PostgreSQL: persons loaded into a scratch database, then runLinkage
let server: Record<string, unknown> | null = null;
const url = process.env.DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists qorgau_bench_linkage with (force)');
  await admin.query('create database qorgau_bench_linkage');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/qorgau_bench_linkage';
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  await migrate(database);
  t = performance.now();
  // the same records again, collected, then inserted batch after batch (one connection at a time)
  const rows: (typeof persons.$inferInsert)[] = [];
  const now = new Date();
  streamLinkageSet({ seed: SEED, records: N }, (_i, r) => {
    rows.push({
      iin: r.iin ?? null, lastName: r.lastName, firstName: r.firstName, middleName: r.middleName ?? null, birthDate: r.birthDate ?? null,
      birthYearApprox: r.birthYearApprox ?? null, sex: r.sex ?? null, nameKey: '', address: r.address ?? null,
      regionCode: r.regionCode ?? null, districtCode: r.districtCode ?? null, createdAt: now, updatedAt: now,
    });
  });
  for (let k = 0; k < rows.length; k += 4000) await database.db.insert(persons).values(rows.slice(k, k + 4000));
  rows.length = 0;
  await database.db.execute(sql`analyze persons`);
  const loadMs = performance.now() - t;
  log(`loaded ${N} persons into PostgreSQL in ${s1(loadMs)} s`);
  const config = loadConfig({ QORGAU_LOG_LEVEL: 'silent' });
  const deps = { config, database, db: database.db, clock: systemClock, log: createLogger({ logLevel: 'silent' }) };
  t = performance.now();
  const run = await runLinkage(deps, { startedBy: null });
  const runMs = performance.now() - t;
  log(`server run: ${run.persons} persons, ${run.candidates} candidates in ${s1(runMs)} s (read ${s1(run.ms.read)}, link ${s1(run.ms.link)}, write ${s1(run.ms.write)})`);
  server = {
    database: 'postgresql', loadSeconds: s1(loadMs), persons: run.persons, pairsCompared: run.pairsCompared, candidates: run.candidates, likely: run.likely,
    seconds: { total: s1(runMs), readFromDatabase: s1(run.ms.read), link: s1(run.ms.link), writeCandidates: s1(run.ms.write) },
    note: 'runLinkage(): reads the active register in pages of 20,000 (keyset on id), links, upserts the candidates in batches of 2,000, removes stale pending pairs, records the run.',
  };
  await database.close();
}

const file = writeResults('linkage', {
  target: `${N.toLocaleString('en')} persons linked in < ${TARGET_SECONDS} s`,
  persons: N,
  truePairs: truth.truePairs,
  params: params.version,
  thresholds,
  pairsGenerated: Object.values(blocking).reduce((s, p) => s + p.pairs, 0),
  pairsCompared: pairs.length,
  shareOfAllPairs: Number((pairs.length / ((N * (N - 1)) / 2)).toExponential(2)),
  candidates: candidates.length,
  likely: candidates.filter((x) => x.band === 'likely').length,
  seconds: { generate: s1(generateMs), prepare: s1(prepareMs), block: s1(blockMs), compare: s1(compareMs), explain: s1(explainMs) },
  linkSeconds: s1(linkMs),
  /** CPU time of block + compare + explain (prepare shares its CPU time with the generator) */
  blockCompareExplainCpuSeconds: s1(restCpuMs),
  withinTarget: linkMs / 1000 < TARGET_SECONDS,
  memoryMiB: { rssAfterPrepare: mib(rssAfterPrepare), peakRss: mib(peakRss) },
  blocking: Object.fromEntries(BLOCKING_PASSES.map((p) => [p, blocking[p]])),
  quality: {
    blockingRecall: blockingRecall(truth, pairs, PAIR_BASE),
    atUpperThreshold: atUpper,
    atLowerThreshold: atLower,
    curve: curve.map((q) => ({ threshold: q.threshold, precision: q.precision, recall: q.recall, predicted: q.predicted })),
  },
  loadAverage: { before: loadBefore.map((x) => Math.round(x * 100) / 100), after: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  note: 'In-memory linker on one thread: the records are streamed from the seeded generator and folded as they come (generate is the generator\'s own time, not part of linkSeconds). Quality is over pairs: a pair is right when both records belong to the same generated person; recall counts true pairs that blocking never compared as missed.',
  server,
});
log(`wrote ${file}`);
