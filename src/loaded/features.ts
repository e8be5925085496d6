/**
 * Token features of the loaded-language classifier. Every feature is a hash of a template id and
 * integer values reduced to a bucket of a fixed-size weight table; each token gets exactly
 * FEATURES_PER_TOKEN of them, so a document's features are one flat Int32Array and scoring a token
 * is a sum over a fixed stride. What depends on the word alone is hashed once per word type.
 *
 * Bump LOADED_FEATURE_SET whenever a template or hash changes: a model records the version it was
 * trained with and refuses to load under another.
 */
import type { Sentence, Span, Token } from '../model/schema.js';
import { hashString, mix, mix3 } from '../ner/hash.js';
import { shapes } from '../ner/shape.js';

export const LOADED_FEATURE_SET = 'parallax-loaded-features@2';

// Per-word hashes, in this order, in a word's Int32Array.
const W_LOWER = 0;
const W_WORD = 1;
const W_SHORT = 2;
const W_SUF2 = 3;
const W_SUF3 = 4;
const W_SUF4 = 5;
const W_PRE4 = 6;
const W_PRE5 = 7;
const W_LEN = 8;
const W_CLUSTER = 9;
const W_SUF5 = 10;
const W_PRE3 = 11;
const WORD_FIELDS = 12;

/** Template ids (stable: they enter the hashes). */
const T = {
  bias: 1,
  lower: 2,
  word: 3,
  short: 4,
  suf2: 5,
  suf3: 6,
  suf4: 7,
  pre4: 8,
  pre5: 9,
  lowerM1: 10,
  lowerP1: 11,
  lowerM2: 12,
  lowerP2: 13,
  bigramM: 14,
  bigramP: 15,
  suf3M1: 16,
  suf3P1: 17,
  quoted: 18,
  sentence: 19,
  shortCtx: 20,
  len: 21,
  lowerSentence: 22,
  trigram: 23,
  pre4M1: 24,
  pre4P1: 25,
  cluster: 26,
  clusterFine: 27,
  clusterM1: 28,
  clusterP1: 29,
  clusterBigram: 30,
  lowerQuoted: 31,
  suf5: 32,
  pre3: 33,
} as const;

/**
 * After the hashes, a word's row holds the buckets of its features that depend on the word alone, so
 * a token copies them instead of hashing them again: [slot in the token's features, template, field].
 */
const UNARY: readonly (readonly [number, number, number])[] = [
  [1, T.lower, W_LOWER],
  [2, T.word, W_WORD],
  [3, T.short, W_SHORT],
  [4, T.suf2, W_SUF2],
  [5, T.suf3, W_SUF3],
  [6, T.suf4, W_SUF4],
  [7, T.pre4, W_PRE4],
  [8, T.pre5, W_PRE5],
  [20, T.len, W_LEN],
  [31, T.suf5, W_SUF5],
  [32, T.pre3, W_PRE3],
];
/** Slots of the two cluster features (coarse and fine), also word-only, after UNARY in the row. */
const CLUSTER_SLOT = 25;
const CLUSTER_FINE_SLOT = 26;
const ROW = WORD_FIELDS + UNARY.length + 2;
const UNARY_SLOTS = Int32Array.from(UNARY, (u) => u[0]);

export const FEATURES_PER_TOKEN = 33;

/** A word's distributional cluster path (16 × 16 × 8 leaves), or −1; see src/ner/clusters.ts. */
export type ClusterOf = (word: string) => number;

const BOS = hashString('<s>');
const EOS = hashString('</s>');
const CACHE_LIMIT = 200_000;

export interface LoadedDocInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  /** Spans inside quotation marks (the inner text). */
  readonly quoted: readonly Span[];
}

/** Suffix (from the end) or prefix hash of `lower` of length n, or of the whole word when shorter. */
function affix(lower: string, n: number, fromEnd: boolean, salt: number): number {
  const s = lower.length <= n ? lower : fromEnd ? lower.slice(lower.length - n) : lower.slice(0, n);
  return mix(hashString(s), salt);
}

export class LoadedFeatures {
  readonly mask: number;
  private readonly cache = new Map<string, Int32Array>();
  private words = new Int32Array(0);
  private sentFlags = new Int32Array(0);
  private quoteLen = new Int32Array(0);

  constructor(
    readonly hashBits: number,
    private readonly clusterOf: ClusterOf = () => -1,
  ) {
    this.mask = (1 << hashBits) - 1;
  }

  /** The word's hashes (see W_*), cached per word type. */
  private word(w: string): Int32Array {
    const hit = this.cache.get(w);
    if (hit !== undefined) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const lower = w.toLowerCase();
    const out = new Int32Array(ROW);
    out[W_LOWER] = hashString(lower);
    out[W_WORD] = hashString(w);
    out[W_SHORT] = hashString(shapes(w).short);
    out[W_SUF2] = affix(lower, 2, true, 2);
    out[W_SUF3] = affix(lower, 3, true, 3);
    out[W_SUF4] = affix(lower, 4, true, 4);
    out[W_PRE4] = affix(lower, 4, false, 5);
    out[W_PRE5] = affix(lower, 5, false, 6);
    out[W_LEN] = Math.min(w.length, 12);
    out[W_CLUSTER] = this.clusterOf(w);
    out[W_SUF5] = affix(lower, 5, true, 7);
    out[W_PRE3] = affix(lower, 3, false, 8);
    const mask = this.mask;
    UNARY.forEach(([, template, field], k) => {
      out[WORD_FIELDS + k] = mix(template, out[field] as number) & mask;
    });
    const cl = out[W_CLUSTER] as number;
    out[ROW - 2] = mix(T.cluster, cl < 0 ? -1 : cl >> 3) & mask;
    out[ROW - 1] = mix(T.clusterFine, cl) & mask;
    this.cache.set(w, out);
    return out;
  }

  /**
   * The features of every token of a document: token i's are out[i * FEATURES_PER_TOKEN …). The
   * returned array is reused by the next call when `reuse` is given and large enough.
   */
  document(input: LoadedDocInput, reuse?: Int32Array): Int32Array {
    const { text, tokens, sentences } = input;
    const n = tokens.length;
    const K = FEATURES_PER_TOKEN;
    const out = reuse !== undefined && reuse.length >= n * K ? reuse : new Int32Array(n * K);
    if (this.words.length < n * WORD_FIELDS) this.words = new Int32Array(n * WORD_FIELDS * 2);
    if (this.sentFlags.length < n) {
      this.sentFlags = new Int32Array(n * 2);
      this.quoteLen = new Int32Array(n * 2);
    }
    const words = this.words;
    const U = UNARY.length;
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      const row = this.word(text.slice(t.start, t.end));
      const b = i * WORD_FIELDS;
      for (let f = 0; f < WORD_FIELDS; f++) words[b + f] = row[f] as number;
      const o = i * K;
      for (let k = 0; k < U; k++) out[o + (UNARY_SLOTS[k] as number)] = row[WORD_FIELDS + k] as number;
      out[o + CLUSTER_SLOT] = row[ROW - 2] as number;
      out[o + CLUSTER_FINE_SLOT] = row[ROW - 1] as number;
    }
    this.sentenceFlags(input);
    this.quoteLengths(input);
    const mask = this.mask;
    const lowerAt = (j: number, lo: number, hi: number): number =>
      j < lo ? BOS : j >= hi ? EOS : (words[j * WORD_FIELDS + W_LOWER] as number);
    const fieldAt = (j: number, f: number, lo: number, hi: number): number =>
      j < lo ? BOS : j >= hi ? EOS : (words[j * WORD_FIELDS + f] as number);
    for (const s of sentences) {
      const lo = s.tokenStart;
      const hi = s.tokenEnd;
      for (let i = lo; i < hi; i++) {
        const b = i * WORD_FIELDS;
        const o = i * K;
        const lower = words[b + W_LOWER] as number;
        const m1 = lowerAt(i - 1, lo, hi);
        const p1 = lowerAt(i + 1, lo, hi);
        const sflags = this.sentFlags[i] as number;
        out[o] = T.bias & mask;
        out[o + 9] = mix(T.lowerM1, m1) & mask;
        out[o + 10] = mix(T.lowerP1, p1) & mask;
        out[o + 11] = mix(T.lowerM2, lowerAt(i - 2, lo, hi)) & mask;
        out[o + 12] = mix(T.lowerP2, lowerAt(i + 2, lo, hi)) & mask;
        out[o + 13] = mix3(T.bigramM, m1, lower) & mask;
        out[o + 14] = mix3(T.bigramP, lower, p1) & mask;
        out[o + 15] = mix(T.suf3M1, fieldAt(i - 1, W_SUF3, lo, hi)) & mask;
        out[o + 16] = mix(T.suf3P1, fieldAt(i + 1, W_SUF3, lo, hi)) & mask;
        out[o + 17] = mix(T.quoted, this.quoteLen[i] as number) & mask;
        out[o + 18] = mix(T.sentence, sflags) & mask;
        out[o + 19] =
          mix3(
            T.shortCtx,
            fieldAt(i - 1, W_SHORT, lo, hi),
            mix(words[b + W_SHORT] as number, fieldAt(i + 1, W_SHORT, lo, hi)),
          ) & mask;
        out[o + 21] = mix3(T.lowerSentence, lower, sflags) & mask;
        out[o + 22] = mix3(T.trigram, m1, mix(lower, p1)) & mask;
        out[o + 23] = mix(T.pre4M1, fieldAt(i - 1, W_PRE4, lo, hi)) & mask;
        out[o + 24] = mix(T.pre4P1, fieldAt(i + 1, W_PRE4, lo, hi)) & mask;
        const cl = words[b + W_CLUSTER] as number;
        const clm1 = fieldAt(i - 1, W_CLUSTER, lo, hi);
        const clp1 = fieldAt(i + 1, W_CLUSTER, lo, hi);
        out[o + 27] = mix(T.clusterM1, clm1 < 0 ? clm1 : clm1 >> 3) & mask;
        out[o + 28] = mix(T.clusterP1, clp1 < 0 ? clp1 : clp1 >> 3) & mask;
        out[o + 29] = mix3(T.clusterBigram, clm1 < 0 ? clm1 : clm1 >> 3, cl < 0 ? cl : cl >> 3) & mask;
        out[o + 30] = mix3(T.lowerQuoted, lower, this.quoteLen[i] as number) & mask;
      }
    }
    return out;
  }

  /**
   * Per token, bits of its sentence: 1 the first sentence (a headline), 2 the sentence has "!",
   * 4 the sentence has "?", 8 the token starts the sentence.
   */
  private sentenceFlags(input: LoadedDocInput): void {
    const { text, sentences } = input;
    for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si] as Sentence;
      let flags = si === 0 ? 1 : 0;
      const body = text.slice(s.start, s.end);
      if (body.includes('!')) flags |= 2;
      if (body.includes('?')) flags |= 4;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) this.sentFlags[i] = flags;
      if (s.tokenStart < s.tokenEnd) this.sentFlags[s.tokenStart] = flags | 8;
    }
  }

  /**
   * Per token, how long the quotation around it is (0 outside; 1, 2, 3: that many tokens; 4: up to
   * six; 5: longer). Short quotations are scare quotes, which often hold a label.
   */
  private quoteLengths(input: LoadedDocInput): void {
    const { tokens, quoted } = input;
    const n = tokens.length;
    this.quoteLen.fill(0, 0, n);
    const spans = [...quoted].sort((a, b) => a.start - b.start);
    let i = 0;
    for (const q of spans) {
      while (i < n && (tokens[i] as Token).start < q.start) i++;
      let j = i;
      while (j < n && (tokens[j] as Token).end <= q.end) j++;
      const len = j - i;
      const bucket = len <= 3 ? len : len <= 6 ? 4 : 5;
      for (let k = i; k < j; k++) this.quoteLen[k] = Math.max(this.quoteLen[k] as number, bucket);
    }
  }
}
