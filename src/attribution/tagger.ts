/**
 * Decoding: the cue tagger reads a sentence, then the role tagger reads the sentence once per cue it
 * found and labels that cue's source and content. Sentences without a word ever seen in a training cue
 * are skipped, so most of an article costs one hash lookup per token.
 */
import type { Sentence } from '../model/schema.js';
import {
  MAX_FEATURES,
  cueContext,
  cueFeatures,
  roleFeatures,
  type CueContext,
  type DocArrays,
} from './features.js';
import { bestAllowed, labelCount, score } from './perceptron.js';

/** Role indices of the role tagger (labels 1 + 2t / 2 + 2t). */
export const SOURCE = 0;
export const CONTENT = 1;
export const CUE_LABELS = labelCount(1);
export const ROLE_LABELS = labelCount(2);

/** Token ranges [start, end) of one attribution found by the taggers. */
export interface TaggedAttribution {
  readonly cue: readonly [number, number];
  /** How far the cue tagger preferred B over O at the cue's first token (a score margin, ≥ 0). */
  readonly margin: number;
  readonly source?: readonly [number, number];
  /** One range, or several where the content is split by the cue ("…," she said, "…"). */
  readonly content: readonly (readonly [number, number])[];
}

export interface Weights {
  readonly cue: Float32Array;
  readonly cueBits: number;
  readonly role: Float32Array;
  readonly roleBits: number;
  /** Word hashes seen inside training cues: a sentence without one is not tagged. */
  readonly cueWords: ReadonlySet<number>;
  /**
   * Added to the cue tagger's score for opening a cue (B) when decoding: the greedy tagger alone finds
   * too few cues (PolNeAR dev precision 75, recall 54), so a bias chosen on dev trades some precision for
   * recall. 0 when absent (models written before it).
   */
  readonly cueBias?: number;
}

const FEATS = new Int32Array(MAX_FEATURES);
const SCORES = new Float64Array(8);

/**
 * Cue labels of tokens [a, b) of the sentence [from, to) into `labels` (indexed from `from`), and into
 * `margins` the score margin of each token's label over O. The whole sentence by default; the decoder
 * reads only windows around the words that can key a cue. `bias` is added to the score of B (opening a
 * cue), trading the tagger's precision for recall (see Weights.cueBias).
 */
export function tagCues(
  weights: Float32Array,
  bits: number,
  d: DocArrays,
  from: number,
  to: number,
  labels: Uint8Array,
  margins?: Float32Array,
  a = from,
  b = to,
  bias = 0,
): void {
  const mask = (1 << bits) - 1;
  let prev = a > from ? 0 : 9;
  let prev2 = a > from + 1 ? 0 : 9;
  for (let i = a; i < b; i++) {
    const n = cueFeatures(d, from, to, i, prev, prev2, mask, FEATS);
    score(weights, CUE_LABELS, FEATS, n, SCORES);
    SCORES[1] = (SCORES[1] as number) + bias;
    const best = bestAllowed(SCORES, CUE_LABELS, prev === 9 ? 0 : prev);
    labels[i - from] = best;
    if (margins) margins[i - from] = (SCORES[best] as number) - (SCORES[0] as number);
    prev2 = prev;
    prev = best;
  }
}

/** Role labels of the sentence for one cue; cue tokens are always O. */
export function tagRoles(
  weights: Float32Array,
  bits: number,
  d: DocArrays,
  from: number,
  to: number,
  c: CueContext,
  labels: Uint8Array,
): void {
  const mask = (1 << bits) - 1;
  let prev = 9;
  let prev2 = 9;
  for (let i = from; i < to; i++) {
    let best = 0;
    if (i < c.start || i >= c.end) {
      const n = roleFeatures(d, from, to, c, i, prev, prev2, mask, FEATS);
      score(weights, ROLE_LABELS, FEATS, n, SCORES);
      best = bestAllowed(SCORES, ROLE_LABELS, prev === 9 ? 0 : prev);
    }
    labels[i - from] = best;
    prev2 = prev;
    prev = best;
  }
}

/** Maximal runs of one role in BIO labels, as absolute token ranges. */
export function runsOf(labels: Uint8Array, from: number, to: number, role: number): [number, number][] {
  const out: [number, number][] = [];
  const b = 1 + 2 * role;
  for (let i = from; i < to; i++) {
    const l = labels[i - from] as number;
    if (l === b || (l === b + 1 && out.length > 0 && (out[out.length - 1] as [number, number])[1] === i)) {
      if (l === b) out.push([i, i + 1]);
      else (out[out.length - 1] as [number, number])[1] = i + 1;
    }
  }
  return out;
}

/** The source run nearest the cue, and every content run, read off the role labels. */
export function readRoles(
  labels: Uint8Array,
  from: number,
  to: number,
  cue: readonly [number, number],
  margin = 0,
): TaggedAttribution {
  const sources = runsOf(labels, from, to, SOURCE);
  const content = runsOf(labels, from, to, CONTENT);
  let source: [number, number] | undefined;
  let bestDist = Infinity;
  for (const s of sources) {
    const dist = s[1] <= cue[0] ? cue[0] - s[1] : s[0] - cue[1];
    if (dist < bestDist) {
      bestDist = dist;
      source = s;
    }
  }
  return { cue, margin, ...(source !== undefined && { source }), content };
}

/** How far a quotation is followed out of its sentence, in tokens. */
const MAX_QUOTE_RUN = 400;

/**
 * A content that starts or ends inside a quotation whose mark lies outside the sentence takes the rest of
 * the quotation: the taggers read one sentence, but quotations run over several ("“A. B,” he said").
 */
export function extendQuoted(
  d: DocArrays,
  from: number,
  to: number,
  content: [number, number][],
): [number, number][] {
  if (content.length === 0) return content;
  const first = content[0] as [number, number];
  const last = content[content.length - 1] as [number, number];
  if (first[0] === from && d.quote[from] === 1) {
    let k = from - 1;
    while (k >= 0 && from - k < MAX_QUOTE_RUN && d.quote[k] === 1) k--;
    if (k >= 0 && d.quote[k] === 2) first[0] = k;
  }
  if (last[1] === to && d.quote[to - 1] === 1) {
    let k = to;
    while (k < d.n && k - to < MAX_QUOTE_RUN && d.quote[k] === 1) k++;
    if (k < d.n && d.quote[k] === 2) last[1] = k + 1;
  }
  return content;
}

/**
 * Closes gaps the greedy decoder leaves in a content: two content runs on the same side of the cue are
 * one span unless another cue lies between them (annotated contents break only around their own cue and
 * source), and a content after its cue that stops short of the sentence end runs on to it (its final
 * punctuation left out) unless another cue lies between ("… called her on | Friday to express …"). Running
 * a content before its cue back to the sentence start was tried and lost on PolNeAR dev.
 */
export function closeGaps(
  d: DocArrays,
  from: number,
  to: number,
  cue: readonly [number, number],
  cueLabels: Uint8Array,
  content: [number, number][],
): [number, number][] {
  const free = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if ((cueLabels[i - from] as number) !== 0) return false;
    return true;
  };
  const out: [number, number][] = [];
  for (const r of content) {
    const prev = out[out.length - 1];
    const sameSide = prev !== undefined && (prev[1] <= cue[0] ? r[1] <= cue[0] : prev[0] >= cue[1]);
    if (prev !== undefined && sameSide && free(prev[1], r[0])) prev[1] = r[1];
    else out.push([r[0], r[1]]);
  }
  const last = out[out.length - 1];
  if (last !== undefined && last[0] >= cue[1]) {
    let end = to;
    while (end > last[1] && d.shape[end - 1] === 0 && d.quote[end - 1] !== 2) end--;
    if (end > last[1] && free(last[1], end)) last[1] = end;
  }
  return out;
}

/**
 * A word that keys cues in training. (Letting lexicon cues open sentences too was tried and lost on
 * PolNeAR dev: the lexicon counts as a feature only.)
 */
export const isKey = (w: Weights, d: DocArrays, i: number): boolean => w.cueWords.has(d.word[i] as number);

/** Whether the sentence holds a key word. */
export function hasCueWord(w: Weights, d: DocArrays, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isKey(w, d, i)) return true;
  return false;
}

/** Tokens read before and after a key word (cues of more words are rare and mostly start at the key). */
const WINDOW_BEFORE = 3;
const WINDOW_AFTER = 7;

/** A tagged attribution whose content fragments may still grow (a quotation carried on). */
interface Growing extends TaggedAttribution {
  readonly content: [number, number][];
}

/** Attributions of one sentence: cues first, then one role pass per cue. */
export function tagSentence(w: Weights, d: DocArrays, s: Sentence): Growing[] {
  const from = s.tokenStart;
  const to = s.tokenEnd;
  if (to <= from || !hasCueWord(w, d, from, to)) return [];
  const cueLabels = new Uint8Array(to - from);
  const margins = new Float32Array(to - from);
  const bias = w.cueBias ?? 0;
  // Cues lie next to their key word: only windows around key words are read (merged when they touch).
  let a = -1;
  let b = -1;
  for (let i = from; i < to; i++) {
    if (!isKey(w, d, i)) continue;
    const lo = Math.max(from, i - WINDOW_BEFORE);
    const hi = Math.min(to, i + WINDOW_AFTER);
    if (lo > b) {
      if (b > a) tagCues(w.cue, w.cueBits, d, from, to, cueLabels, margins, a, b, bias);
      a = lo;
    }
    b = hi;
  }
  if (b > a) tagCues(w.cue, w.cueBits, d, from, to, cueLabels, margins, a, b, bias);
  const cues = runsOf(cueLabels, from, to, 0);
  if (cues.length === 0) return [];
  const roleLabels = new Uint8Array(to - from);
  const out: Growing[] = [];
  for (const cue of cues) {
    const ctx = cueContext(d, from, to, cue[0], cue[1], cueLabels);
    tagRoles(w.role, w.roleBits, d, from, to, ctx, roleLabels);
    const a = readRoles(roleLabels, from, to, cue, margins[cue[0] - from] as number);
    if (a.content.length > 0) {
      const content = a.content.map((r): [number, number] => [r[0], r[1]]);
      out.push({ ...a, content: extendQuoted(d, from, to, closeGaps(d, from, to, cue, cueLabels, content)) });
    }
  }
  return out;
}

/** The closing mark of the quotation opened at token `open`, or -1. */
function closingMark(d: DocArrays, open: number): number {
  let k = open + 1;
  while (k < d.n && k - open < MAX_QUOTE_RUN && d.quote[k] === 1) k++;
  return k < d.n && d.quote[k] === 2 ? k : -1;
}

/**
 * Attributions of a whole document. A quotation that opens the sentence after a direct statement and has
 * no cue of its own continues that statement ("“A,” he said. “B.”"), as the annotators join them.
 */
export function tagDocument(w: Weights, d: DocArrays, sentences: readonly Sentence[]): TaggedAttribution[] {
  const out: TaggedAttribution[] = [];
  let open: Growing | undefined;
  for (const s of sentences) {
    const found = tagSentence(w, d, s);
    if (found.length === 0 && open !== undefined && d.quote[s.tokenStart] === 2) {
      const close = closingMark(d, s.tokenStart);
      if (close >= 0) {
        open.content.push([s.tokenStart, close + 1]);
        continue;
      }
    }
    open = undefined;
    for (const a of found) out.push(a);
    const last = found[found.length - 1];
    // Only a statement whose content is a quotation before its cue carries on.
    const c = last?.content[last.content.length - 1];
    if (last !== undefined && c !== undefined && d.quote[c[0]] === 2 && d.quote[c[1] - 1] === 2) open = last;
  }
  return out;
}
