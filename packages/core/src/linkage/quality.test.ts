// The linker on a generated register with known truth (generate.ts): 20,000 records, precision
// and recall over pairs. Writes nothing; bench/linkage.ts measures the same at a million records.
import { describe, expect, it } from 'vitest';
import { evaluateLinkage } from './evaluate.ts';
import { generateLinkageSet } from './generate.ts';
import { linkRecords } from './link.ts';

describe('record linkage quality on 20,000 generated records', () => {
  it('finds the duplicates with precision ≥ 0.97 and recall ≥ 0.95 at the upper threshold', () => {
    const set = generateLinkageSet({ seed: 2026, records: 20_000 });
    const { candidates, stats } = linkRecords(set.records);
    const [atUpper, atLower] = evaluateLinkage(set, candidates, [stats.thresholds.upper, stats.thresholds.lower]);
    // measured: precision 0.99, recall 0.97 at the upper threshold; the review queue (lower) holds 0.98 of the true pairs
    expect(atUpper!.precision).toBeGreaterThanOrEqual(0.97);
    expect(atUpper!.recall).toBeGreaterThanOrEqual(0.95);
    expect(atLower!.recall).toBeGreaterThanOrEqual(atUpper!.recall);
    expect(atLower!.recall).toBeGreaterThanOrEqual(0.96);
    expect(stats.pairsCompared).toBeLessThan(100_000);
  });
});
