/** The gold/v1 evaluator's public surface: parse, score, format. */
export { parseGoldFile, GoldFileSchema } from './schema.js';
export type {
  GoldFile,
  GoldEntity,
  GoldPlace,
  GoldEvent,
  GoldQuote,
  GoldContradiction,
  GoldMarker,
  GoldProblem,
  GoldParseResult,
  GoldRole,
} from './schema.js';
export { scoreGold, GOLD_SECTIONS } from './score.js';
export type { GoldReport, GoldSection } from './score.js';
export type { SectionScore, SectionMatches } from './metrics.js';
export { formatGoldReport } from './report.js';
export { normalizeGoldText, entityKey, contentTokens, tokenF1 } from './normalize.js';
export { greatCircleKm } from './places.js';
export { loadGoldFile, assertGoldFile, goldProblemsMessage } from './load.js';
export type { LoadedGold } from './load.js';
