/**
 * Stratified k-fold cross-validation of the event-type model on PLOVER gold records: every record is
 * scored by a model trained on the other folds only, so no record is scored by a model tuned on it.
 *
 * The record's label with the model is the one the events stage would give with that model: the rules'
 * events re-ranked by it (src/stages/events/rerank.ts), the highest-confidence type winning; a record
 * where the rules find no event gets the most probable type of a second model trained on the same
 * records without the rule features (the record-level sentence classifier),
 * instead of the always-wrong NONE. The rules run once per record with the model switched off, and
 * only the stages before events run with them (nothing after events changes a type).
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import { loadKnowledge } from '../knowledge/load.js';
import { createDocument } from '../model/document.js';
import type { Analysis, Event, PloverType } from '../model/schema.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { defaultStages } from '../analyze.js';
import { createEventsStage, eventsStage } from '../stages/events/index.js';
import {
  triggerAlternatives,
  triggerLexiconFor,
  typeCuesFor,
  type TypeChoice,
} from '../stages/events/lexicon.js';
import { rerankEvents, ruleCandidates } from '../stages/events/rerank.js';
import {
  predictProbs,
  typeFeatures,
  withoutRuleFeatures,
  type CueTable,
  type TypeModel,
} from '../stages/events/typemodel.js';
import { labelFromEvents, NO_EVENT, type PloverRecord } from './plover.js';
import { definitionRecords } from './plover-definitions.js';
import { trainTypeModel, type TrainOptions, type TypeExample } from './plover-train.js';

/** One record as the rules saw it: its lower-cased tokens and events. */
export interface RuleView {
  readonly lower: readonly string[];
  readonly events: readonly Event[];
  /** Lower-cased tokens of a character range of the record. */
  readonly lowerOf: (start: number, end: number) => readonly string[];
  /** The alternative types of an event's trigger (lexicon `alt=`). */
  readonly alternativesOf: (e: Event) => readonly TypeChoice[];
}

function viewOf(a: Analysis, alternativesOf: (e: Event) => readonly TypeChoice[]): RuleView {
  const text = a.document.text;
  const words = a.tokens.map((t) => ({
    start: t.start,
    end: t.end,
    w: text.slice(t.start, t.end).toLowerCase(),
  }));
  return {
    lower: words.map((t) => t.w),
    events: a.events,
    lowerOf: (s, e) => words.filter((t) => t.start >= s && t.end <= e).map((t) => t.w),
    alternativesOf,
  };
}

/**
 * Runs the pipeline with the type model switched off (rules only) on every record.
 * @example ruleViews([record]).length === 1
 */
export function ruleViews(records: readonly PloverRecord[], knowledge?: Knowledge): RuleView[] {
  const kb = knowledge ?? loadKnowledge({ language: 'en' });
  // Only the stages the events stage reads run: the type comes from events, and later stages cost time.
  const all = defaultStages();
  const stages = all
    .slice(0, all.indexOf(eventsStage) + 1)
    .map((s) => (s === eventsStage ? createEventsStage({ typeModel: null }) : s));
  const pipeline = createPipeline(stages, kb);
  const lexicon = triggerLexiconFor(kb);
  const alternativesOf = (e: Event): readonly TypeChoice[] => triggerAlternatives(lexicon, e.trigger.text);
  return records.map((r) => viewOf(pipeline.run(createDocument(r.text)), alternativesOf));
}

/** The model's features of one record. */
export function recordFeatures(v: RuleView, cues: CueTable): string[] {
  return typeFeatures(v.lower, ruleCandidates(v.events, v.lowerOf, v.alternativesOf).candidates, cues);
}

/**
 * The label the events stage gives with `model`; a record where the rules find no event gets the most
 * probable type of the sentence model (words and cues only), or of `model` when there is none.
 */
export function modelLabel(
  model: TypeModel,
  v: RuleView,
  cues: CueTable,
  sentenceModel?: TypeModel,
): PloverType {
  const ruled = labelFromEvents(rerankEvents(v.events, v.lowerOf, model, cues, v.alternativesOf));
  if (ruled !== NO_EVENT) return ruled;
  const features = recordFeatures(v, cues);
  const m = sentenceModel ?? model;
  const p = predictProbs(m, sentenceModel ? withoutRuleFeatures(features) : features);
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return m.labels[best]!;
}

/**
 * The two models of one training set: the sentence model (rule features left out) that labels a
 * sentence where the rules found nothing — trained on what such a sentence offers, it does not lean on
 * an absent `r:none` pattern — and the type model that the events stage uses: a logistic regression on
 * all features, multiplied with the sentence model (a product of experts: weights and biases added,
 * `addModels`), so that the words are heard twice, once beside the rule candidates and once without.
 */
export function trainModels(
  examples: readonly TypeExample[],
  options: TrainOptions = {},
): { readonly types: TypeModel; readonly sentences: TypeModel } {
  const sentences = trainTypeModel(
    examples.map((e) => ({ ...e, features: withoutRuleFeatures(e.features) })),
    options,
  );
  return { types: addModels(trainTypeModel(examples, options), sentences), sentences };
}

/**
 * The product of two models over the same labels: softmax(z1 + z2) is proportional to the product of
 * their probabilities, so weights and biases add.
 * @example addModels(a, b).bias[0] === a.bias[0] + b.bias[0]
 */
export function addModels(a: TypeModel, b: TypeModel): TypeModel {
  if (a.labels.join() !== b.labels.join()) throw new Error('models with different labels');
  const weights = new Map(a.weights);
  for (const [f, w] of b.weights) {
    const base = weights.get(f);
    weights.set(f, base ? base.map((x, k) => x + w[k]!) : w);
  }
  return { labels: a.labels, bias: a.bias.map((x, k) => x + b.bias[k]!), weights };
}

/** A small seeded generator (mulberry32): the folds are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified fold of each record: records of each label are shuffled (seeded) and dealt round-robin,
 * continuing across labels, so every fold holds each label's share and folds differ in size by one.
 * @example stratifiedFolds(['A', 'A', 'B'], 2, 1).length === 3
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const rand = random(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const l of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(l)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}

export interface CrossValidation {
  /** Labels with the fold models (each record scored by a model that never saw it). */
  readonly model: PloverType[];
  /** Labels of the rules alone (NONE where they find no event). */
  readonly rules: (PloverType | typeof NO_EVENT)[];
}

/**
 * K-fold cross-validation over records and their rule views (same order).
 * `extra` examples (sentences made from the ontology's definitions) join every training fold.
 * @example crossValidate(records, ruleViews(records), 10, 1)
 */
export function crossValidate(
  records: readonly PloverRecord[],
  views: readonly RuleView[],
  k: number,
  seed: number,
  options: TrainOptions = {},
  knowledge?: Knowledge,
  extra: readonly TypeExample[] = [],
): CrossValidation {
  const cues = typeCuesFor(knowledge ?? loadKnowledge({ language: 'en' }));
  const examples: TypeExample[] = views.map((v, i) => ({
    features: recordFeatures(v, cues),
    label: records[i]!.label,
  }));
  const fold = stratifiedFolds(
    records.map((r) => r.label),
    k,
    seed,
  );
  const model = new Array<PloverType>(records.length);
  for (let f = 0; f < k; f++) {
    const train = [...examples.filter((_, i) => fold[i] !== f), ...extra];
    if (train.length === 0) continue;
    const m = trainModels(train, options);
    views.forEach((v, i) => {
      if (fold[i] === f) model[i] = modelLabel(m.types, v, cues, m.sentences);
    });
  }
  return { model, rules: views.map((v) => labelFromEvents(v.events)) };
}

/** Weight of a sentence made from a definition against a gold record's 1. */
export const DEFINITION_WEIGHT = 0.5;

/**
 * Training examples from the CAMEO→PLOVER table's definitions (src/eval/plover-definitions.ts), run
 * through the same rules as the records.
 */
export function definitionExamples(
  table: string,
  knowledge?: Knowledge,
  weight = DEFINITION_WEIGHT,
): TypeExample[] {
  const kb = knowledge ?? loadKnowledge({ language: 'en' });
  const cues = typeCuesFor(kb);
  const records = definitionRecords(table);
  return ruleViews(records, kb).map((v, i) => ({
    features: recordFeatures(v, cues),
    label: records[i]!.label,
    weight,
  }));
}
