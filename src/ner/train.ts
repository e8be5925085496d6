/**
 * Training: an averaged perceptron over the greedy decoder's decisions. Documents are visited in a seeded
 * random order each epoch; beside each document's original text, an upper-cased and a lower-cased copy
 * are added with fixed probabilities, so the tagger learns to do without capitalization. Weights are
 * averaged with the usual trick (w − u / c), so averaging costs nothing per step.
 */
import type { ConllDocument } from '../eval/conll.js';
import {
  FeatureExtractor,
  MAX_DYNAMIC,
  emptyDocContext,
  type DocContext,
  type FeatureResources,
  type SentenceFeatures,
} from './features.js';
import { seededRandom, shuffle } from './hash.js';
import {
  NUM_LABELS,
  allowed,
  beginOf,
  insideOf,
  isInside,
  lastOf,
  toLabelIds,
  typeOf,
  unitOf,
} from './labels.js';
import { BOS_LABEL, bestAllowed, recordLabels, scoreToken } from './tagger.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly seed: number;
  /** Chance per epoch that a document is also seen upper-cased, and lower-cased. */
  readonly upperRate: number;
  readonly lowerRate: number;
  /** Called after each epoch with the averaged weights so far (to score a tuning slice). */
  readonly onEpoch?: (epoch: number, averaged: Float32Array) => void;
}

export type CaseVariant = 'original' | 'upper' | 'lower';

export function recase(words: readonly string[], variant: CaseVariant): string[] {
  if (variant === 'upper') return words.map((w) => w.toUpperCase());
  if (variant === 'lower') return words.map((w) => w.toLowerCase());
  return [...words];
}

interface PreparedDoc {
  readonly caseFlags: Map<string, number>;
  readonly sentences: readonly { readonly s: SentenceFeatures; readonly gold: Uint8Array }[];
}

function prepare(extractor: FeatureExtractor, doc: ConllDocument, variant: CaseVariant): PreparedDoc {
  const ctx = emptyDocContext();
  const texts = doc.sentences.map((s) => recase(s.words, variant));
  for (const words of texts) extractor.noteCase(ctx, words);
  return {
    caseFlags: ctx.caseFlags,
    sentences: doc.sentences.map((s, i) => ({
      s: extractor.sentence(texts[i] as string[], ctx),
      gold: toLabelIds(s.tags),
    })),
  };
}

/** Averaged weights w − u / c as float32. */
function average(w: Float64Array, u: Float64Array, c: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const v = (w[i] as number) - (u[i] as number) / c;
    out[i] = Math.abs(v) < 1e-6 ? 0 : v;
  }
  return out;
}

/** Trains on `docs` and returns the averaged weights (NUM_LABELS per bucket of 2^hashBits). */
export function trainPerceptron(
  docs: readonly ConllDocument[],
  resources: FeatureResources,
  options: TrainOptions,
): Float32Array {
  const extractor = new FeatureExtractor(resources);
  const mask = extractor.mask;
  const L = NUM_LABELS;
  const size = (mask + 1) * L;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const random = seededRandom(options.seed);
  const variants: CaseVariant[] = ['original', 'upper', 'lower'];
  const prepared = docs.map((d) => variants.map((v) => prepare(extractor, d, v)));
  const scores = new Float64Array(L);
  const dyn = new Int32Array(MAX_DYNAMIC);
  let c = 1;
  let last: Float32Array | undefined;

  const update = (s: SentenceFeatures, i: number, nd: number, label: number, delta: number): void => {
    const feats = s.feats;
    const end = s.offsets[i + 1] as number;
    const dc = delta * c;
    for (let k = s.offsets[i] as number; k < end; k++) {
      const idx = (feats[k] as number) * L + label;
      w[idx] = (w[idx] as number) + delta;
      u[idx] = (u[idx] as number) + dc;
    }
    for (let k = 0; k < nd; k++) {
      const idx = (dyn[k] as number) * L + label;
      w[idx] = (w[idx] as number) + delta;
      u[idx] = (u[idx] as number) + dc;
    }
  };

  const trainSentence = (
    s: SentenceFeatures,
    gold: Uint8Array,
    doc: DocContext,
    labels: Uint8Array,
  ): void => {
    let prev = BOS_LABEL;
    let prev2 = BOS_LABEL;
    for (let i = 0; i < s.length; i++) {
      const nd = scoreToken(w, mask, s, i, prev, prev2, doc, scores, dyn);
      const p = prev === BOS_LABEL ? -1 : prev;
      const best = bestAllowed(scores, p);
      let target = gold[i] as number;
      // After a wrong previous guess the gold label may be impossible: a gold I- or L- then becomes the
      // B- or U- that is right here; any other impossible target is not learned from.
      if (!allowed(p, target)) {
        if (isInside(target))
          target =
            (gold[i + 1] ?? 0) === insideOf(typeOf(target)) || (gold[i + 1] ?? 0) === lastOf(typeOf(target))
              ? beginOf(typeOf(target))
              : unitOf(typeOf(target));
        if (!allowed(p, target)) target = best;
      }
      if (best !== target) {
        update(s, i, nd, target, 1);
        update(s, i, nd, best, -1);
      }
      c++;
      labels[i] = best;
      prev2 = prev;
      prev = best;
    }
  };

  let labels = new Uint8Array(256);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffle(
      docs.map((_, i) => i),
      random,
    );
    for (const d of order) {
      const chosen: number[] = [0];
      if (random() < options.upperRate) chosen.push(1);
      if (random() < options.lowerRate) chosen.push(2);
      for (const v of chosen) {
        const p = prepared[d]?.[v];
        if (p === undefined) continue;
        const doc: DocContext = { caseFlags: p.caseFlags, labels: new Map() };
        for (const { s, gold } of p.sentences) {
          if (labels.length < s.length) labels = new Uint8Array(s.length * 2);
          trainSentence(s, gold, doc, labels);
          recordLabels(doc, s, labels);
        }
      }
    }
    if (options.onEpoch !== undefined || epoch === options.epochs) {
      last = average(w, u, c);
      options.onEpoch?.(epoch, last);
    }
  }
  return last ?? average(w, u, c);
}
