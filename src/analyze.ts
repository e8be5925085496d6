/** The default pipeline and the one-call analysis entry point used by the CLI, the store and the benchmark. */
import { loadKnowledge } from './knowledge/load.js';
import type { Knowledge } from './knowledge/knowledge.js';
import type { Analysis, Document } from './model/schema.js';
import { createPipeline, type Pipeline, type RunOptions } from './pipeline/pipeline.js';
import type { Stage } from './pipeline/stage.js';
import { conflictsStage } from './stages/conflicts/index.js';
import { corefStage } from './stages/coref/index.js';
import { datesStage } from './stages/dates/index.js';
import { entitiesStage } from './stages/entities/index.js';
import { eventsStage } from './stages/events/index.js';
import { markersStage } from './stages/markers/index.js';
import { placesStage } from './stages/places/index.js';
import { quotesStage } from './stages/quotes/index.js';
import { rolesStage } from './stages/roles/index.js';
import { segmentStage, tokenizeStage } from './stages/text-stages.js';

/** The full pipeline, in order: each later stage reads only layers that earlier ones provide. */
export function defaultStages(): Stage[] {
  return [
    tokenizeStage,
    segmentStage,
    entitiesStage,
    corefStage,
    eventsStage,
    // the trained argument tagger reads the events' triggers and adds arguments to them
    rolesStage,
    datesStage,
    quotesStage,
    markersStage,
    conflictsStage,
    // places turns event place texts into place ids, so it runs after events and dates
    placesStage,
  ];
}

const pipelines = new Map<string, Pipeline>();

export function defaultPipeline(language = 'en', knowledge?: Knowledge): Pipeline {
  if (knowledge) return createPipeline(defaultStages(), knowledge);
  let p = pipelines.get(language);
  if (!p) {
    p = createPipeline(defaultStages(), loadKnowledge({ language }));
    pipelines.set(language, p);
  }
  return p;
}

export function analyzeDocument(document: Document, options?: RunOptions): Analysis {
  return defaultPipeline(document.language).run(document, options);
}
