/** The greedy left-to-right tagger: decodes sentences with a weight table, and documents with consistency. */
import {
  FeatureExtractor,
  MAX_DYNAMIC,
  ROLE_NEXT,
  ROLE_NEXT2,
  ROLE_PREV,
  ROLE_PREV2,
  ROLE_SELF,
  WORD_ROLES,
  WORD_ROLE_FEATURES,
  wordRoleFeatures,
  dynamicFeatures,
  emptyDocContext,
  type DocContext,
  type FeatureResources,
  type SentenceFeatures,
  type WordInfo,
} from './features.js';
import { ENTITY_TYPES, NUM_LABELS, O, allowed, spansOf, typeOf, type NerType } from './labels.js';
import { CASE_LOWER, CASE_NONE } from './shape.js';

/** One recognized name: tokens [start, end) of its sentence. */
export interface NerSpan {
  readonly type: NerType;
  readonly start: number;
  readonly end: number;
  /** In (0, 1]: the lowest per-token probability (softmax of the scores) inside the span. */
  readonly confidence: number;
}

export interface TagContext {
  /**
   * The document's memory (case of words in ordinary sentences, labels given earlier); the tagger reads it
   * and adds this sentence's labels to it. Use `tagDocument` to have it managed for you.
   */
  readonly docLabels?: DocContext;
}

/** Start-of-sentence pseudo label for the previous-label features. */
export const BOS_LABEL = NUM_LABELS;

const SCORES = new Float64Array(NUM_LABELS);
const DYN = new Int32Array(MAX_DYNAMIC);

/**
 * Adds to `scores` the rows of token i's static features in `s`, then of its dynamic ones (written into
 * `dyn`), and returns how many dynamic features there were.
 */
function addFeatureRows(
  weights: Float32Array | Float64Array,
  mask: number,
  s: SentenceFeatures,
  i: number,
  prev: number,
  prev2: number,
  doc: DocContext | undefined,
  scores: Float64Array,
  dyn: Int32Array,
): number {
  const L = NUM_LABELS;
  const feats = s.feats;
  const end = s.offsets[i + 1] as number;
  for (let k = s.offsets[i] as number; k < end; k++) {
    const base = (feats[k] as number) * L;
    for (let l = 0; l < L; l++) scores[l] = (scores[l] as number) + (weights[base + l] as number);
  }
  const nd = dynamicFeatures(dyn, mask, s, i, prev, prev2, doc);
  for (let k = 0; k < nd; k++) {
    const base = (dyn[k] as number) * L;
    for (let l = 0; l < L; l++) scores[l] = (scores[l] as number) + (weights[base + l] as number);
  }
  return nd;
}

/**
 * Fills `scores` with token i's label scores (static features, then the dynamic ones written into
 * `dyn`) and returns how many dynamic features there were. Shared by decoding and training so both
 * add the same weights in the same order.
 */
export function scoreToken(
  weights: Float32Array | Float64Array,
  mask: number,
  s: SentenceFeatures,
  i: number,
  prev: number,
  prev2: number,
  doc: DocContext | undefined,
  scores: Float64Array,
  dyn: Int32Array,
): number {
  scores.fill(0);
  return addFeatureRows(weights, mask, s, i, prev, prev2, doc, scores, dyn);
}

/**
 * The label of a token scored `scores` after label `prev` (BOS_LABEL at the start): the best allowed
 * one, with its probability (softmax over the allowed labels) written to `probs[i]` when given.
 */
function choose(scores: Float64Array, prev: number, probs: Float64Array | undefined, i: number): number {
  const p = prev === BOS_LABEL ? -1 : prev;
  const best = bestAllowed(scores, p);
  if (probs !== undefined) {
    const bestScore = scores[best] as number;
    let z = 0;
    for (let l = 0; l < NUM_LABELS; l++) if (allowed(p, l)) z += Math.exp((scores[l] as number) - bestScore);
    probs[i] = 1 / z;
  }
  return best;
}

/** The highest-scoring label that may follow `p` (-1 at the start of a sentence); the first on ties. */
export function bestAllowed(scores: Float64Array, p: number): number {
  let best = O;
  let bestScore = -Infinity;
  for (let l = 0; l < NUM_LABELS; l++) {
    if (!allowed(p, l)) continue;
    const sc = scores[l] as number;
    if (sc > bestScore) {
      bestScore = sc;
      best = l;
    }
  }
  return best;
}

/**
 * Greedy decoding of one sentence. Writes label ids into `labels` and each token's probability into
 * `probs`. `weights` holds NUM_LABELS floats per hash bucket.
 */
export function decode(
  weights: Float32Array | Float64Array,
  mask: number,
  s: SentenceFeatures,
  doc: DocContext | undefined,
  labels: Uint8Array,
  probs: Float64Array | undefined,
): void {
  const scores = SCORES;
  const dyn = DYN;
  let prev = BOS_LABEL;
  let prev2 = BOS_LABEL;
  for (let i = 0; i < s.length; i++) {
    scoreToken(weights, mask, s, i, prev, prev2, doc, scores, dyn);
    const best = choose(scores, prev, probs, i);
    labels[i] = best;
    prev2 = prev;
    prev = best;
  }
}

/** Adds a tagged sentence's capitalized tokens to the document's label memory. */
export function recordLabels(doc: DocContext, s: SentenceFeatures, labels: ArrayLike<number>): void {
  for (let i = 0; i < s.length; i++) {
    const inf = s.infos[i];
    if (inf === undefined || inf.caseClass === CASE_NONE || inf.caseClass === CASE_LOWER) continue;
    let counts = doc.labels.get(inf.lower);
    if (counts === undefined) {
      counts = new Int32Array(ENTITY_TYPES.length + 1);
      doc.labels.set(inf.lower, counts);
    }
    const l = labels[i] ?? O;
    const slot = l === O ? ENTITY_TYPES.length : typeOf(l);
    counts[slot] = (counts[slot] as number) + 1;
  }
}

/** How many words' summed weights a Tagger keeps before it starts over (as the extractor's word cache). */
const WORD_SCORE_LIMIT = 300_000;

export class Tagger {
  readonly extractor: FeatureExtractor;
  private labels = new Uint8Array(256);
  private probs = new Float64Array(256);
  /**
   * Per word, sentence mode and role (`wordRoleFeatures`): the summed label scores of the features that
   * depend on nothing else, so decoding reads five short rows per token for about thirty scattered ones.
   * Index mode * WORD_ROLES + role; `edgeScores` holds the rows of the sentence edges.
   */
  private readonly wordScores = new Map<WordInfo, (Float64Array | undefined)[]>();
  private readonly edgeScores: (Float64Array | undefined)[] = [];
  private readonly roleFeats = new Int32Array(WORD_ROLE_FEATURES);

  constructor(
    readonly weights: Float32Array,
    resources: FeatureResources,
  ) {
    this.extractor = new FeatureExtractor(resources);
  }

  /**
   * Tags one sentence of tokens.
   * @example tagger.tag(['Angela', 'Merkel', 'visited', 'Paris']) // PER 0–2, LOC 3–4
   */
  tag(words: readonly string[], context?: TagContext): NerSpan[] {
    const n = words.length;
    if (n === 0) return [];
    if (this.labels.length < n) {
      this.labels = new Uint8Array(n * 2);
      this.probs = new Float64Array(n * 2);
    }
    const doc = context?.docLabels;
    const s = this.extractor.sentence(words, doc, false);
    this.decodeCached(s, doc);
    if (doc !== undefined) recordLabels(doc, s, this.labels);
    return spansOf(this.labels, n).map((sp) => {
      let conf = 1;
      for (let i = sp.start; i < sp.end; i++) conf = Math.min(conf, this.probs[i] as number);
      return { type: ENTITY_TYPES[sp.typeIndex] as NerType, start: sp.start, end: sp.end, confidence: conf };
    });
  }

  /** The summed scores of what word `w` (undefined: a sentence edge) gives a position in `role`. */
  private roleRow(w: WordInfo | undefined, mode: number, role: number): Float64Array {
    let rows: (Float64Array | undefined)[];
    if (w === undefined) rows = this.edgeScores;
    else {
      let hit = this.wordScores.get(w);
      if (hit === undefined) {
        if (this.wordScores.size >= WORD_SCORE_LIMIT) this.wordScores.clear();
        hit = [];
        this.wordScores.set(w, hit);
      }
      rows = hit;
    }
    const slot = mode * WORD_ROLES + role;
    let row = rows[slot];
    if (row === undefined) {
      const L = NUM_LABELS;
      row = new Float64Array(L);
      const feats = this.roleFeats;
      const n = wordRoleFeatures(feats, this.extractor.mask, w, mode, role);
      for (let k = 0; k < n; k++) {
        const base = (feats[k] as number) * L;
        for (let l = 0; l < L; l++) row[l] = (row[l] as number) + (this.weights[base + l] as number);
      }
      rows[slot] = row;
    }
    return row;
  }

  /**
   * `decode` for a sentence extracted without its word part: the same labels, with the word part's
   * weights taken from `roleRow` (sums in another order, so probabilities may differ in the last bits).
   */
  private decodeCached(s: SentenceFeatures, doc: DocContext | undefined): void {
    const L = NUM_LABELS;
    const scores = SCORES;
    const dyn = DYN;
    const weights = this.weights;
    const mask = this.extractor.mask;
    let prev = BOS_LABEL;
    let prev2 = BOS_LABEL;
    for (let i = 0; i < s.length; i++) {
      const infos = s.infos;
      const mode = s.mode;
      scores.set(this.roleRow(infos[i], mode, ROLE_SELF));
      const prevRow = this.roleRow(infos[i - 1], mode, ROLE_PREV);
      const nextRow = this.roleRow(infos[i + 1], mode, ROLE_NEXT);
      const prev2Row = this.roleRow(infos[i - 2], mode, ROLE_PREV2);
      const next2Row = this.roleRow(infos[i + 2], mode, ROLE_NEXT2);
      for (let l = 0; l < L; l++) {
        scores[l] =
          (scores[l] as number) +
          (prevRow[l] as number) +
          (nextRow[l] as number) +
          (prev2Row[l] as number) +
          (next2Row[l] as number);
      }
      addFeatureRows(weights, mask, s, i, prev, prev2, doc, scores, dyn);
      const best = choose(scores, prev, this.probs, i);
      this.labels[i] = best;
      prev2 = prev;
      prev = best;
    }
  }

  /**
   * Tags the sentences of one document with document-level consistency: the case of each word in the
   * document's ordinary sentences and the labels given earlier feed the features, and afterwards every
   * repeated name takes the type most of its confident occurrences have.
   */
  tagDocument(sentences: readonly (readonly string[])[]): NerSpan[][] {
    const doc = emptyDocContext();
    for (const words of sentences) this.extractor.noteCase(doc, words);
    const out = sentences.map((words) => this.tag(words, { docLabels: doc }));
    return harmonize(sentences, out);
  }
}

/** Post-hoc vote: a name (same words, case-insensitively) seen with several types takes the type of most confidence. */
export function harmonize(sentences: readonly (readonly string[])[], tagged: NerSpan[][]): NerSpan[][] {
  const votes = new Map<string, Float64Array>();
  const keyOf = (words: readonly string[], sp: NerSpan): string =>
    words
      .slice(sp.start, sp.end)
      .map((w) => w.toLowerCase())
      .join(' ');
  tagged.forEach((spans, si) => {
    const words = sentences[si] ?? [];
    for (const sp of spans) {
      const key = keyOf(words, sp);
      let v = votes.get(key);
      if (v === undefined) {
        v = new Float64Array(ENTITY_TYPES.length);
        votes.set(key, v);
      }
      const t = ENTITY_TYPES.indexOf(sp.type);
      v[t] = (v[t] as number) + sp.confidence;
    }
  });
  return tagged.map((spans, si) =>
    spans.map((sp) => {
      const v = votes.get(keyOf(sentences[si] ?? [], sp));
      if (v === undefined) return sp;
      let best = ENTITY_TYPES.indexOf(sp.type);
      for (let t = 0; t < v.length; t++) if ((v[t] as number) > (v[best] as number)) best = t;
      const type = ENTITY_TYPES[best] as NerType;
      return type === sp.type ? sp : { ...sp, type };
    }),
  );
}
