/** The corpus/v1 evaluator's public surface: parse, score, format. */
export { CorpusFileSchema, parseCorpusFile } from './format.js';
export type {
  CorpusAnswer,
  CorpusFile,
  CorpusDocument,
  CorpusCluster,
  CorpusFigureValue,
  CorpusResponsibility,
  CorpusConflict,
  CorpusFigureConflict,
  CorpusClaimConflict,
  CorpusClaimSide,
  CorpusProblem,
  CorpusParseResult,
  CorpusRole,
} from './format.js';
export { loadCorpusFile, assertCorpusFile, corpusProblemsMessage } from './load.js';
export { matchClusters, scoreClustering } from './clustering.js';
export type { ClusterMatching, ClusterMatch, ClusteringScore, MergedClusters } from './clustering.js';
export { scoreFigures } from './figures.js';
export type { FiguresScore, MissedFigure } from './figures.js';
export { scoreConflicts, sideMatches } from './conflicts.js';
export type { ConflictsScore } from './conflicts.js';
export { scoreCorpus } from './score.js';
export type { CorpusReport } from './score.js';
export { formatCorpusReport } from './report.js';
