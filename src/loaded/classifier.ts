/**
 * The loaded-language span classifier: a linear scorer over hashed token features (features.ts);
 * runs of tokens scoring above the decision threshold inside one sentence become spans.
 */
import { fileURLToPath } from 'node:url';
import type { Sentence, Token } from '../model/schema.js';
import { loadTagger } from '../ner/index.js';
import { FEATURES_PER_TOKEN, LoadedFeatures, type ClusterOf, type LoadedDocInput } from './features.js';
import { readLoadedModel } from './model.js';

export interface LoadedSpan {
  /** UTF-16 offsets of the document text. */
  readonly start: number;
  readonly end: number;
  /** The highest token score in the span (the margin over zero, before the threshold). */
  readonly score: number;
}

/** Sums each token's feature weights into `out` (one score per token). */
export function scoreTokens(weights: Float32Array, feats: Int32Array, n: number, out: Float32Array): void {
  const K = FEATURES_PER_TOKEN;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * K;
    for (let k = 0; k < K; k++) s += weights[feats[o + k] as number] as number;
    out[i] = s;
  }
}

const isWordLike = (t: Token): boolean => t.kind === 'word' || t.kind === 'number';

/**
 * Spans inside one sentence: a run of tokens scoring above `threshold`, widened on both sides over
 * neighbours scoring above `threshold - extend` (multi-word labels often have one weak word), then
 * trimmed of punctuation at both ends (annotators mark the words, not the commas around them).
 */
export function spansFromScores(
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  scores: Float32Array,
  threshold: number,
  extend = 0,
  /** Tokens that may not end a span (closed-class words such as "of", "were"). */
  weakEnd: (token: number) => boolean = () => false,
): LoadedSpan[] {
  const out: LoadedSpan[] = [];
  const low = threshold - extend;
  for (const s of sentences) {
    let i = s.tokenStart;
    let prevEnd = s.tokenStart;
    while (i < s.tokenEnd) {
      if (!((scores[i] as number) > threshold)) {
        i++;
        continue;
      }
      let a = i;
      while (a > prevEnd && (scores[a - 1] as number) > low) a--;
      let j = i;
      while (j < s.tokenEnd && (scores[j] as number) > low) j++;
      let b = j - 1;
      while (a <= b && !isWordLike(tokens[a] as Token)) a++;
      while (b >= a && (!isWordLike(tokens[b] as Token) || weakEnd(b))) b--;
      if (a <= b) {
        let best = -Infinity;
        for (let k = a; k <= b; k++) best = Math.max(best, scores[k] as number);
        out.push({ start: (tokens[a] as Token).start, end: (tokens[b] as Token).end, score: best });
      }
      i = j;
      prevEnd = j;
    }
  }
  return out;
}

export class LoadedClassifier {
  readonly features: LoadedFeatures;
  private feats = new Int32Array(0);
  private scores = new Float32Array(0);

  constructor(
    private readonly weights: Float32Array,
    hashBits: number,
    readonly threshold: number,
    readonly extend: number,
    /** The stricter threshold for news markers (best precision-weighted F0.5 in cross-validation). */
    readonly newsThreshold: number,
    clusterOf?: ClusterOf,
  ) {
    this.features = new LoadedFeatures(hashBits, clusterOf);
  }

  /**
   * The score one word of a lexicon match must pass for the match to stand (the markers stage): the
   * widening floor, threshold − extend, the least a word needs to join a span. The curated list holds
   * words such as "criminals" that the PTC annotators seldom mark; this drops the matches the
   * classifier finds plainly neutral where they stand.
   */
  get lexiconGate(): number {
    return this.threshold - this.extend;
  }

  /** Every token's score; the array is reused by the next call. */
  tokenScores(input: LoadedDocInput): Float32Array {
    const n = input.tokens.length;
    if (this.feats.length < n * FEATURES_PER_TOKEN) this.feats = new Int32Array(n * FEATURES_PER_TOKEN * 2);
    if (this.scores.length < n) this.scores = new Float32Array(n * 2);
    this.features.document(input, this.feats);
    scoreTokens(this.weights, this.feats, n, this.scores);
    return this.scores;
  }

  /**
   * Loaded-language spans of one document; `weakEnds` are the lower-cased words a span may not end
   * on (the function-words lexicon, as in training).
   */
  spans(
    input: LoadedDocInput,
    threshold: number = this.threshold,
    weakEnds: ReadonlySet<string> = new Set(),
  ): LoadedSpan[] {
    return this.spansOf(input, this.tokenScores(input), threshold, weakEnds);
  }

  /** Spans from token scores already computed by tokenScores (see spans). */
  spansOf(
    input: LoadedDocInput,
    scores: Float32Array,
    threshold: number = this.threshold,
    weakEnds: ReadonlySet<string> = new Set(),
  ): LoadedSpan[] {
    const { text, tokens } = input;
    const weakEnd = (i: number): boolean => {
      const t = tokens[i] as Token;
      return weakEnds.has(text.slice(t.start, t.end).toLowerCase());
    };
    return spansFromScores(tokens, input.sentences, scores, threshold, this.extend, weakEnd);
  }
}

/** The shipped model; `src/loaded/` and `dist/loaded/` both sit two levels below the package root. */
export const DEFAULT_LOADED_MODEL_PATH = fileURLToPath(
  new URL('../../models/loaded-en.bin', import.meta.url),
);

const loaded = new Map<string, LoadedClassifier>();

/** Word clusters of the shipped entity tagger (the classifier was trained with them). */
export function nerClusters(): ClusterOf {
  const extractor = loadTagger().extractor;
  return (w) => extractor.info(w).cluster;
}

/** Loads a classifier (memoized per path). Throws LoadedModelError for a file of another feature set. */
export function loadLoadedClassifier(path: string = DEFAULT_LOADED_MODEL_PATH): LoadedClassifier {
  const hit = loaded.get(path);
  if (hit !== undefined) return hit;
  const model = readLoadedModel(path);
  const c = new LoadedClassifier(
    model.weights,
    model.header.hashBits,
    model.header.threshold,
    model.header.extend,
    model.header.newsThreshold,
    nerClusters(),
  );
  loaded.set(path, c);
  return c;
}
