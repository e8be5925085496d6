/**
 * Training of the loaded-language classifier: a binary linear model over tokens (inside a gold span
 * or not) trained by logistic loss with AdaGrad (or as a perceptron), visiting documents in a seeded
 * random order each epoch; the weights are averaged over all steps. Averaging uses the usual trick
 * (w − u / c) so it costs nothing per step.
 */
import type { PtcArticle } from '../eval/ptc-data.js';
import { poolSi, siCounts, type SiScore } from '../eval/ptc.js';
import type { Sentence, Span, Token } from '../model/schema.js';
import { seededRandom, shuffle } from '../ner/hash.js';
import { findQuoteMarks } from '../stages/quotes/marks.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { scoreTokens, spansFromScores } from './classifier.js';
import type { LoadedFeatures } from './features.js';
import { FEATURES_PER_TOKEN } from './features.js';

export interface PreparedDoc {
  readonly id: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly gold: readonly Span[];
  readonly feats: Int32Array;
  /** 1 for a token that may not end a span. */
  readonly weakEnd: Uint8Array;
  /** +1 for a token inside a gold span (at least half of its characters), −1 otherwise. */
  readonly labels: Int8Array;
  /** For a token inside a gold span, how many tokens its run of inside tokens has (0 outside). */
  readonly runLength: Uint16Array;
}

/**
 * The weight of a positive token in a run of `length` inside tokens: (4 / length)^exponent, kept to
 * [0.25, 2]. The SI score averages over spans, not tokens, so a one-word label matters as much as a
 * twelve-word one; unweighted, long spans dominate the positives.
 */
export function spanLengthWeight(length: number, exponent: number): number {
  if (exponent === 0 || length === 0) return 1;
  return Math.min(2, Math.max(0.25, Math.pow(4 / length, exponent)));
}

/** Tokenizes, segments and featurizes an article, and labels its tokens from the gold spans. */
export function prepareDoc(
  features: LoadedFeatures,
  a: PtcArticle,
  weakEnds: ReadonlySet<string> = new Set(),
): PreparedDoc {
  const tokens = tokenize(a.text);
  const sentences = segment(a.text, tokens);
  const quoted = findQuoteMarks(a.text).map((m) => m.inner);
  const feats = features.document({ text: a.text, tokens, sentences, quoted });
  const labels = new Int8Array(tokens.length).fill(-1);
  let g = 0;
  tokens.forEach((t, i) => {
    while (g < a.gold.length && (a.gold[g] as Span).end <= t.start) g++;
    for (let k = g; k < a.gold.length && (a.gold[k] as Span).start < t.end; k++) {
      const s = a.gold[k] as Span;
      const inside = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (2 * inside >= t.end - t.start) labels[i] = 1;
    }
  });
  const runLength = new Uint16Array(tokens.length);
  for (let i = 0; i < tokens.length;) {
    if (labels[i] !== 1) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && labels[j] === 1) j++;
    runLength.fill(Math.min(j - i, 65535), i, j);
    i = j;
  }
  const weakEnd = Uint8Array.from(tokens, (t) =>
    weakEnds.has(a.text.slice(t.start, t.end).toLowerCase()) ? 1 : 0,
  );
  return { id: a.id, tokens, sentences, gold: a.gold, feats, labels, runLength, weakEnd };
}

export interface LoadedTrainOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly hashBits: number;
  /** Update weight of a missed positive token relative to a false positive (recall is scarce). */
  readonly positiveWeight: number;
  /**
   * Exponent of the span-length weight of positive tokens (spanLengthWeight; 0: every positive
   * weighs the same). Logistic loss only.
   */
  readonly spanWeight?: number;
  /** 0: perceptron (update on mistakes); > 0: logistic loss by AdaGrad with this learning rate. */
  readonly logisticRate?: number;
  /** Called after each epoch with the averaged weights so far. */
  readonly onEpoch?: (epoch: number, averaged: Float32Array) => void;
}

function average(w: Float64Array, u: Float64Array, c: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const v = (w[i] as number) - (u[i] as number) / c;
    out[i] = Math.abs(v) < 1e-5 ? 0 : v;
  }
  return out;
}

/** Trains on `docs` and returns the averaged weights (one per bucket of 2^hashBits). */
export function trainLoaded(docs: readonly PreparedDoc[], options: LoadedTrainOptions): Float32Array {
  const size = 1 << options.hashBits;
  const K = FEATURES_PER_TOKEN;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const random = seededRandom(options.seed);
  const rate = options.logisticRate ?? 0;
  const spanWeight = options.spanWeight ?? 0;
  const g2 = new Float64Array(rate > 0 ? size : 0).fill(1e-2);
  let c = 1;
  let last: Float32Array | undefined;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffle(
      docs.map((_, i) => i),
      random,
    );
    for (const d of order) {
      const doc = docs[d] as PreparedDoc;
      const { feats, labels, runLength } = doc;
      for (let i = 0; i < labels.length; i++) {
        const o = i * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += w[feats[o + k] as number] as number;
        const y = labels[i] as number;
        if (rate > 0) {
          // Logistic gradient, scaled per feature by AdaGrad; positives weigh positiveWeight times
          // their span-length weight.
          const p = 1 / (1 + Math.exp(-s));
          const g =
            y > 0
              ? options.positiveWeight * spanLengthWeight(runLength[i] as number, spanWeight) * (1 - p)
              : -p;
          if (g > 1e-4 || g < -1e-4) {
            for (let k = 0; k < K; k++) {
              const f = feats[o + k] as number;
              g2[f] = (g2[f] as number) + g * g;
              const delta = (rate * g) / Math.sqrt(g2[f] as number);
              w[f] = (w[f] as number) + delta;
              u[f] = (u[f] as number) + delta * c;
            }
          }
        } else if (y * s <= 0) {
          const delta = y > 0 ? options.positiveWeight : -1;
          const dc = delta * c;
          for (let k = 0; k < K; k++) {
            const f = feats[o + k] as number;
            w[f] = (w[f] as number) + delta;
            u[f] = (u[f] as number) + dc;
          }
        }
        c++;
      }
    }
    if (options.onEpoch !== undefined || epoch === options.epochs) {
      last = average(w, u, c);
      options.onEpoch?.(epoch, last);
    }
  }
  return last ?? average(w, u, c);
}

/** Token scores of every document under `weights`. */
export function scoreDocs(docs: readonly PreparedDoc[], weights: Float32Array): Float32Array[] {
  return docs.map((d) => {
    const out = new Float32Array(d.tokens.length);
    scoreTokens(weights, d.feats, d.tokens.length, out);
    return out;
  });
}

/** Pooled SI score of the documents at one threshold, given their token scores. */
export function siAt(
  docs: readonly PreparedDoc[],
  scores: readonly Float32Array[],
  threshold: number,
  extend = 0,
): SiScore {
  return poolSi(
    docs.map((d, i) =>
      siCounts(
        d.gold,
        spansFromScores(
          d.tokens,
          d.sentences,
          scores[i] as Float32Array,
          threshold,
          extend,
          (k) => d.weakEnd[k] === 1,
        ),
      ),
    ),
  );
}
