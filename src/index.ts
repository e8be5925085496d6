/**
 * Parallax's public library surface: analyse articles, store and query analyses, score them against
 * gold annotations. Everything else is internal and may change.
 *
 * @example
 * import { analyzeDocument, createDocument } from 'parallax';
 * const analysis = analyzeDocument(createDocument(text, { published: '2024-01-09' }));
 */
export { analyzeDocument, defaultPipeline, defaultStages } from './analyze.js';
export { createDocument, contentHash, type DocumentMeta } from './model/document.js';
export * from './model/schema.js';
export { analysisJsonSchema } from './model/json-schema.js';
export { createPipeline, emptyLayers, type Pipeline, type RunOptions } from './pipeline/pipeline.js';
export { stageRef, type Stage, type StageContext, type StageInput } from './pipeline/stage.js';
export { loadKnowledge } from './knowledge/load.js';
export type { Knowledge, CountryInfo, CityInfo, OrgInfo } from './knowledge/knowledge.js';
export type {
  Store,
  StoreQuery,
  StoreStats,
  IngestResult,
  DocumentRow,
  EntityRow,
  EventRow,
  QuoteRow,
} from './store/store.js';
export { openSqliteStore, type SqliteStore } from './store/sqlite/sqlite-store.js';
export { resolveStorePath } from './store/default-path.js';
export {
  scoreGold,
  formatGoldReport,
  parseGoldFile,
  type GoldFile,
  type GoldReport,
} from './eval/gold/index.js';
export { toGoldAnswer, type GoldAnswer } from './export/gold.js';
export { toMarkdown, toTable } from './export/report.js';
export { ParallaxError, InternalError, type ErrorCode } from './errors.js';
