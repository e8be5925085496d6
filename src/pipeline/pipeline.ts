/** Builds a pipeline from stages, checking at build time that every stage's inputs are provided. */
import { ParallaxError } from '../errors.js';
import type { Analysis, Diagnostic, Document, Layer } from '../model/schema.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { stageRef, type Stage, type StageContext, type StageInput } from './stage.js';

export interface RunOptions {
  /** Overrides document.published as the anchor for relative dates. */
  readonly published?: string;
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  run(document: Document, options?: RunOptions): Analysis;
  /** Runs only the stages up to and including `name`: used by the benchmark to time stages alone. */
  runUntil(name: string, document: Document): Analysis;
}

export function emptyLayers(): Pick<Analysis, Layer> {
  return {
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    quotes: [],
    attributions: [],
    events: [],
    places: [],
    markers: [],
    conflicts: [],
  };
}

export function createPipeline(stages: readonly Stage[], knowledge: Knowledge): Pipeline {
  const available = new Set<Layer>();
  for (const stage of stages) {
    for (const layer of stage.requires) {
      if (!available.has(layer)) {
        throw new ParallaxError(
          'STAGE_REQUIRES_MISSING_LAYER',
          `stage ${stageRef(stage)} requires layer '${layer}', which no earlier stage provides`,
        );
      }
    }
    for (const layer of stage.provides) available.add(layer);
  }

  const runStages = (document: Document, upTo: number, options?: RunOptions): Analysis => {
    const diagnostics: Diagnostic[] = [];
    const published = (options?.published ?? document.published)?.slice(0, 10);
    const ctx: StageContext = { knowledge, published, diagnostics };
    let layers: StageInput = { document, ...emptyLayers() };
    const ran: string[] = [];
    for (const stage of stages.slice(0, upTo)) {
      const out = stage.run(layers, ctx);
      layers = { ...layers, ...out };
      ran.push(stageRef(stage));
    }
    return { schema: 'parallax/analysis@1', ...layers, document, stages: ran, diagnostics };
  };

  return {
    stages,
    run: (document, options) => runStages(document, stages.length, options),
    runUntil: (name, document) => {
      const index = stages.findIndex((s) => s.name === name);
      if (index < 0) throw new ParallaxError('BAD_OPTION', `no stage named '${name}' in this pipeline`);
      return runStages(document, index + 1);
    },
  };
}
