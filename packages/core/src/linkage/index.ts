// Record linkage (Fellegi–Sunter): which person records of the register are the same person.
// Pure functions; the server reads the register, runs linkRecords and stores the candidates.
export {
  LINK_FIELDS, LINK_LEVELS, LINKAGE_PARAMS_V1, levelWeight, validateParams, weightTable,
  type FieldParams, type LinkageParams, type LinkField, type LinkLevel, type MU,
} from './params.ts';
export { addressTokens, patronymicRoot, prepareRecords, RecordPreparer, type LinkRecord, type PreparedRecords } from './prepare.ts';
export { createComparator, explainLevels, fastJaroWinkler, FIELD_COUNT, type FieldContribution, type PairExplanation } from './compare.ts';
export { BLOCKING_PASSES, blockPairs, PAIR_BASE, type BlockingPass, type BlockingStats } from './blocking.ts';
export { candidateAt, compareRecords, linkRecords, ScoredPairs, scorePairs, thresholdsFor, type LinkCandidate, type LinkOptions, type LinkResult, type LinkStats } from './link.ts';
export { estimateParameters, estimateU, fitLinkageParams, type EmResult } from './em.ts';
export { countTruePairs, generateLinkageSet, LINKAGE_SET_RATES, streamLinkageSet, type LinkageSet, type LinkageSetOptions } from './generate.ts';
export { blockingRecall, evaluateLinkage, type PairQuality } from './evaluate.ts';
