// Precision and recall of linked pairs against a set with known truth (generate.ts).

export type PairQuality = {
  threshold: number;
  /** pairs at or above the threshold */
  predicted: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
};

type Scored = { a: number; b: number; score: number };
type Columns = { count: number; a: Int32Array; b: Int32Array; score: Float64Array };

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Pair-level quality at each threshold: a predicted pair is right when both records belong to
 * the same true person; recall is over every true pair of the set (so pairs that blocking never
 * compared count as missed).
 */
export function evaluateLinkage(
  truth: { entity: Int32Array; truePairs: number },
  pairs: readonly Scored[] | Columns,
  thresholds: readonly number[],
): PairQuality[] {
  const cols: Columns = 'count' in pairs ? pairs : {
    count: pairs.length, a: Int32Array.from(pairs, (p) => p.a), b: Int32Array.from(pairs, (p) => p.b), score: Float64Array.from(pairs, (p) => p.score),
  };
  return thresholds.map((threshold) => {
    let tp = 0;
    let predicted = 0;
    for (let k = 0; k < cols.count; k++) {
      if ((cols.score[k] as number) < threshold) continue;
      predicted++;
      if (truth.entity[cols.a[k] as number] === truth.entity[cols.b[k] as number]) tp++;
    }
    const precision = predicted ? tp / predicted : 1;
    const recall = truth.truePairs ? tp / truth.truePairs : 1;
    return {
      threshold, predicted, truePositives: tp, falsePositives: predicted - tp, falseNegatives: truth.truePairs - tp,
      precision: round4(precision), recall: round4(recall), f1: round4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    };
  });
}

/** Of the true pairs, how many blocking put in front of the comparator (the ceiling of recall). */
export function blockingRecall(truth: { entity: Int32Array; truePairs: number }, pairNumbers: Float64Array, base: number): number {
  let found = 0;
  for (const p of pairNumbers) {
    const a = Math.floor(p / base);
    const b = p - a * base;
    if (truth.entity[a] === truth.entity[b]) found++;
  }
  return truth.truePairs ? round4(found / truth.truePairs) : 1;
}
