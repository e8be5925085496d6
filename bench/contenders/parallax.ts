/** Parallax contenders: the whole default pipeline, and the same stages run one by one with a timer around each. */
import { performance } from 'node:perf_hooks';
import { defaultPipeline } from '../../src/analyze.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import { createDocument } from '../../src/model/document.js';
import type { Analysis } from '../../src/model/schema.js';
import { emptyLayers, type Pipeline } from '../../src/pipeline/pipeline.js';
import type { StageContext, StageInput } from '../../src/pipeline/stage.js';
import type { Contender, ProfiledContender } from './contender.js';

/** The part name used for building the Document (normalization + content hash) before any stage. */
export const DOCUMENT_PART = '(createDocument)';

interface Built {
  readonly knowledge: Knowledge;
  readonly pipeline: Pipeline;
}

function build(): Built {
  const knowledge = loadKnowledge({ language: 'en' });
  return { knowledge, pipeline: defaultPipeline('en', knowledge) };
}

function countLayers(
  analyses: readonly Pick<Analysis, 'entities' | 'sentences' | 'mentions'>[],
): Record<string, number> {
  let entities = 0;
  let mentions = 0;
  let sentences = 0;
  for (const a of analyses) {
    entities += a.entities.length;
    mentions += a.mentions.length;
    sentences += a.sentences.length;
  }
  return { entities, mentions, sentences };
}

/** `pipeline.run(createDocument(text))` per document: what a user of `analyzeDocument` pays. */
export function parallaxPipeline(): Contender {
  let pipeline: Pipeline | undefined;
  let last: Record<string, number> = {};
  return {
    name: 'parallax',
    setup() {
      pipeline = build().pipeline;
    },
    run(docs) {
      if (!pipeline) throw new Error('parallax: setup() was not called');
      let entities = 0;
      let mentions = 0;
      let sentences = 0;
      for (const text of docs) {
        const analysis = pipeline.run(createDocument(text));
        entities += analysis.entities.length;
        mentions += analysis.mentions.length;
        sentences += analysis.sentences.length;
      }
      last = { entities, mentions, sentences };
    },
    counts: () => last,
  };
}

/**
 * Runs the pipeline's own stages in order, exactly as `Pipeline.run` chains them, timing each call:
 * every stage is measured on the layers the earlier stages produced for that same document.
 */
export function parallaxStages(): ProfiledContender & { readonly stageNames: () => readonly string[] } {
  let built: Built | undefined;
  let times = new Map<string, number>();
  let last: Record<string, number> = {};
  return {
    name: 'parallax-stages',
    setup() {
      built = build();
    },
    stageNames: () => (built ? built.pipeline.stages.map((s) => s.name) : []),
    run(docs) {
      if (!built) throw new Error('parallax-stages: setup() was not called');
      const { knowledge, pipeline } = built;
      const stages = pipeline.stages;
      const acc = new Float64Array(stages.length + 1);
      const results: Pick<Analysis, 'entities' | 'sentences' | 'mentions'>[] = [];
      for (const text of docs) {
        let t0 = performance.now();
        const document = createDocument(text);
        let t1 = performance.now();
        acc[0] = (acc[0] ?? 0) + (t1 - t0);
        const ctx: StageContext = { knowledge, published: document.published?.slice(0, 10), diagnostics: [] };
        let layers: StageInput = { document, ...emptyLayers() };
        for (let i = 0; i < stages.length; i++) {
          const stage = stages[i];
          if (!stage) continue;
          t0 = performance.now();
          const out = stage.run(layers, ctx);
          layers = { ...layers, ...out };
          t1 = performance.now();
          acc[i + 1] = (acc[i + 1] ?? 0) + (t1 - t0);
        }
        results.push(layers);
      }
      times = new Map([[DOCUMENT_PART, acc[0] ?? 0]]);
      stages.forEach((s, i) => times.set(s.name, acc[i + 1] ?? 0));
      last = countLayers(results);
    },
    lastPartTimes: () => times,
    counts: () => last,
  };
}
