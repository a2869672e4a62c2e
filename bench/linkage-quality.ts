// Record linkage quality (issue 5): precision and recall over pairs on generated registers with
// known truth (core/linkage/generate.ts), at the thresholds the linker uses for that size and
// along a curve of score thresholds; and the parameters fitted by EM on the same, unlabelled,
// records next to the shipped ones. Run: npm run bench:linkage-quality
// Results: bench/results/linkage-quality.json
import {
  LINKAGE_PARAMS_V1, LINKAGE_SET_RATES, PAIR_BASE, blockPairs, blockingRecall, evaluateLinkage, fitLinkageParams, generateLinkageSet, linkRecords,
  prepareRecords, thresholdsFor, type LinkageParams,
} from '@qorgau/core';
import { writeResults } from './lib.ts';

const SIZES = (process.env.BENCH_SIZES ?? '20000,100000').split(',').map(Number);
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);

function measure(size: number, params: LinkageParams) {
  const set = generateLinkageSet({ seed: 2026, records: size });
  const { candidates, stats } = linkRecords(set.records, { params });
  const thresholds = thresholdsFor(params, size);
  const [atUpper, atLower] = evaluateLinkage(set, candidates, [thresholds.upper, thresholds.lower]);
  const curve = evaluateLinkage(set, candidates, [thresholds.lower, 10, 12, 14, 16, 18, 20, 22, 24, 26].filter((x) => x >= thresholds.lower).sort((x, y) => x - y));
  const rec = prepareRecords(set.records);
  return {
    records: size, truePairs: set.truePairs, pairsCompared: stats.pairsCompared, candidates: stats.candidates, thresholds,
    blockingRecall: blockingRecall(set, blockPairs(rec, { maxBlock: params.maxBlock }).pairs, PAIR_BASE),
    atUpperThreshold: atUpper, atLowerThreshold: atLower,
    curve: curve.map((q) => ({ threshold: q.threshold, precision: q.precision, recall: q.recall })),
    set,
  };
}

const results = [];
for (const size of SIZES) {
  const shipped = measure(size, LINKAGE_PARAMS_V1);
  log(`${size}: shipped params — precision ${shipped.atUpperThreshold?.precision}, recall ${shipped.atUpperThreshold?.recall} at ${shipped.thresholds.upper}; recall ${shipped.atLowerThreshold?.recall} at ${shipped.thresholds.lower}`);
  // EM on the same records without their labels: u from random pairs, m by EM over blocked pairs
  const fit = fitLinkageParams(shipped.set.records, LINKAGE_PARAMS_V1, { seed: 7 });
  const fitted = measure(size, fit.params);
  log(`${size}: EM-fitted params (${fit.iterations} iterations, λ ${fit.lambda.toExponential(2)}) — precision ${fitted.atUpperThreshold?.precision}, recall ${fitted.atUpperThreshold?.recall}`);
  const { set: _a, ...shippedOut } = shipped;
  const { set: _b, ...fittedOut } = fitted;
  results.push({
    records: size, shipped: shippedOut,
    emFitted: { ...fittedOut, iterations: fit.iterations, converged: fit.converged, lambda: fit.lambda, m: Object.fromEntries(Object.entries(fit.params.fields).map(([f, levels]) => [f, Object.fromEntries(Object.entries(levels).map(([l, mu]) => [l, (mu as { m: number }).m]))])) },
  });
}

const file = writeResults('linkage-quality', {
  note: 'Pairs of records of one generated person are the truth. Precision: share of pairs at or above a threshold that are true; recall: share of all true pairs found at or above it (pairs never compared count as missed). The upper threshold is "likely the same person", the lower one decides what the review queue shows.',
  generator: LINKAGE_SET_RATES,
  results,
});
log(`wrote ${file}`);
