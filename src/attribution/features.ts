/**
 * Hashed features of the attribution taggers. A document is read once into typed arrays (word and
 * suffix hashes, a case class, whether a token lies inside quotation marks); the per-token features are
 * then integer mixes of those, written into a reused Int32Array, so tagging allocates nothing per token.
 *
 * Two feature sets: the cue tagger's (the word and its neighbours, nothing about roles), and the role
 * tagger's, which reads every token relative to one cue: its side, its distance, the cue's words, the
 * commas and other cues between them. Changing any template changes FEATURE_SET, and a model trained with
 * other features is refused at load time.
 */
import type { Token } from '../model/schema.js';
import { hashStep, hashString, mix, mix3 } from '../ner/hash.js';

export const FEATURE_SET = 'parallax-attribution-features@4';

/** Room for one token's features: static templates plus the previous-label ones. */
export const MAX_FEATURES = 40;

export interface DocArrays {
  readonly n: number;
  /** Hash of the lower-cased word (curly apostrophes straightened). */
  readonly word: Uint32Array;
  /** Hash of the word's last three characters. */
  readonly suffix: Uint32Array;
  /** 0 no letters, 1 lower, 2 capitalized, 3 upper case. */
  readonly shape: Uint8Array;
  /** 1 inside a double quotation, 2 the quotation mark itself, else 0. */
  readonly quote: Uint8Array;
  /** 1 where a cue of the quote lexicon starts, 2 inside one, else 0: what the taggers know of rarer cues. */
  readonly lexicon: Uint8Array;
}

/** Length in tokens of the lexicon cue starting at token i, 0 where none does. */
export type CueLookup = (i: number) => number;

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

function shapeOf(word: string, lower: string): number {
  if (word === lower) {
    const c = lower.charCodeAt(0);
    return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) ? 1 : 0;
  }
  return word.length > 1 && word.charAt(1) !== lower.charAt(1) ? 3 : 2;
}

/**
 * Reads a document's tokens into typed arrays. `words` and `lower` are the tokens' text as written and
 * lower-cased (the quote stage's TextView holds both already).
 */
export function docArrays(
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  lower: readonly string[],
  cueAt: CueLookup,
): DocArrays {
  const n = tokens.length;
  const word = new Uint32Array(n);
  const suffix = new Uint32Array(n);
  const shape = new Uint8Array(n);
  const quote = new Uint8Array(n);
  const lexicon = new Uint8Array(n);
  let inside = false;
  let newline = text.indexOf('\n');
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const lo = lower[i] as string;
    const w = words[i] as string;
    // A quotation never runs over a paragraph break without being reopened.
    if (newline >= 0 && newline < t.start) {
      inside = false;
      newline = text.indexOf('\n', t.start);
    }
    word[i] = hashString(lo);
    // hashString of the last three characters, without slicing a new string per token
    let h = 0x2f;
    for (let k = Math.max(0, lo.length - 3); k < lo.length; k++) h = hashStep(h, lo.charCodeAt(k));
    suffix[i] = h >>> 0;
    shape[i] = shapeOf(w, lo);
    if (OPEN.has(w) || (w === '"' && !inside)) {
      quote[i] = 2;
      inside = true;
    } else if (CLOSE.has(w) || (w === '"' && inside)) {
      quote[i] = 2;
      inside = false;
    } else quote[i] = inside ? 1 : 0;
    const len = cueAt(i);
    if (len > 0) {
      lexicon[i] = 1;
      for (let j = i + 1; j < Math.min(n, i + len); j++) lexicon[j] = 2;
    }
  }
  return { n, word, suffix, shape, quote, lexicon };
}

const NONE = 0x5bd1e995;
const at = (a: Uint32Array, i: number, from: number, to: number): number =>
  i >= from && i < to ? (a[i] as number) : NONE + i - (i < from ? from : to);

/** Cue tagger features of token i of the sentence [from, to); returns how many were written. */
export function cueFeatures(
  d: DocArrays,
  from: number,
  to: number,
  i: number,
  prev: number,
  prev2: number,
  mask: number,
  out: Int32Array,
): number {
  const w = d.word[i] as number;
  const wm1 = at(d.word, i - 1, from, to);
  const wp1 = at(d.word, i + 1, from, to);
  const wm2 = at(d.word, i - 2, from, to);
  const wp2 = at(d.word, i + 2, from, to);
  const sh = d.shape[i] as number;
  const shm1 = i > from ? (d.shape[i - 1] as number) : 9;
  const shp1 = i + 1 < to ? (d.shape[i + 1] as number) : 9;
  const q = d.quote[i] as number;
  const toEnd = Math.min(to - 1 - i, 4);
  let k = 0;
  out[k++] = mix(1, 0);
  out[k++] = mix(2, w);
  out[k++] = mix(3, wm1);
  out[k++] = mix(4, wp1);
  out[k++] = mix(5, wm2);
  out[k++] = mix(6, wp2);
  out[k++] = mix3(7, wm1, w);
  out[k++] = mix3(8, w, wp1);
  out[k++] = mix3(9, mix(wm1, w), wp1);
  out[k++] = mix(10, d.suffix[i] as number);
  out[k++] = mix(11, sh);
  out[k++] = mix(12, (shm1 << 8) | (sh << 4) | shp1);
  out[k++] = mix(13, q);
  out[k++] = mix3(14, q, w);
  out[k++] = mix3(15, toEnd, w);
  out[k++] = mix3(16, shm1, w);
  out[k++] = mix3(17, w, shp1);
  out[k++] = mix(18, Math.min(i - from, 3));
  out[k++] = mix3(19, Math.min(i - from, 3), w);
  out[k++] = mix3(20, wm2, mix(wm1, w));
  const qm1 = i > from ? (d.quote[i - 1] as number) : 3;
  const qp1 = i + 1 < to ? (d.quote[i + 1] as number) : 3;
  out[k++] = mix3(21, (qm1 << 4) | (q << 2) | qp1, w);
  out[k++] = mix3(22, mix(w, wp1), wp2);
  out[k++] = mix3(23, (qm1 << 4) | (q << 2) | qp1, d.suffix[i] as number);
  out[k++] = mix3(24, wm1, wp1);
  const lx = d.lexicon[i] as number;
  const lxm1 = i > from ? (d.lexicon[i - 1] as number) : 3;
  const lxp1 = i + 1 < to ? (d.lexicon[i + 1] as number) : 3;
  out[k++] = mix(25, (lxm1 << 4) | (lx << 2) | lxp1);
  out[k++] = mix3(26, lx, d.suffix[i] as number);
  out[k++] = mix3(27, lx, (shm1 << 4) | q);
  // previous labels
  out[k++] = mix(30, prev);
  out[k++] = mix3(31, prev, w);
  out[k++] = mix3(32, prev, prev2);
  out[k++] = mix3(33, prev, wp1);
  for (let j = 0; j < k; j++) out[j] = (out[j] as number) & mask;
  return k;
}

/** The cue a role tagging pass is about, and the other cues of its sentence. */
export interface CueContext {
  readonly start: number;
  readonly end: number;
  /** Hash of the cue's first and last words and of all its words. */
  readonly first: number;
  readonly last: number;
  readonly all: number;
  /** Word hashes just before and after the cue. */
  readonly before: number;
  readonly after: number;
  /** Commas before each token of the sentence (running count from the sentence start). */
  readonly commas: Int32Array;
  /** Tokens of other cues before each token (running count), so a token knows a cue lies between. */
  readonly otherCues: Int32Array;
}

const COMMA = hashString(',');

/**
 * Builds the cue context for the cue [start, end) in the sentence [from, to); `isCue` marks every cue
 * token of the sentence (this cue's included), indexed from `from`.
 */
export function cueContext(
  d: DocArrays,
  from: number,
  to: number,
  start: number,
  end: number,
  isCue: Uint8Array,
): CueContext {
  let all = 0x1234;
  for (let i = start; i < end; i++) all = mix(all, d.word[i] as number);
  const len = to - from + 1;
  const commas = new Int32Array(len);
  const otherCues = new Int32Array(len);
  for (let i = from; i < to; i++) {
    const r = i - from;
    commas[r + 1] = (commas[r] as number) + (d.word[i] === COMMA ? 1 : 0);
    otherCues[r + 1] = (otherCues[r] as number) + ((isCue[r] ?? 0) !== 0 && (i < start || i >= end) ? 1 : 0);
  }
  return {
    start,
    end,
    first: d.word[start] as number,
    last: d.word[end - 1] as number,
    all,
    before: at(d.word, start - 1, from, to),
    after: at(d.word, end, from, to),
    commas,
    otherCues,
  };
}

function distBucket(x: number): number {
  if (x <= 4) return x;
  if (x <= 6) return 5;
  if (x <= 10) return 6;
  if (x <= 15) return 7;
  if (x <= 25) return 8;
  return 9;
}

/** Role tagger features of token i of the sentence [from, to) relative to the cue `c`. */
export function roleFeatures(
  d: DocArrays,
  from: number,
  to: number,
  c: CueContext,
  i: number,
  prev: number,
  prev2: number,
  mask: number,
  out: Int32Array,
): number {
  const dir = i < c.start ? 0 : i < c.end ? 1 : 2;
  const dist = distBucket(dir === 0 ? c.start - i : dir === 2 ? i - c.end + 1 : 0);
  const dd = (dir << 4) | dist;
  const w = d.word[i] as number;
  const wm1 = at(d.word, i - 1, from, to);
  const wp1 = at(d.word, i + 1, from, to);
  const sh = d.shape[i] as number;
  const shm1 = i > from ? (d.shape[i - 1] as number) : 9;
  const shp1 = i + 1 < to ? (d.shape[i + 1] as number) : 9;
  const q = d.quote[i] as number;
  const r = i - from;
  // Commas and other cues between the token and the cue.
  const lo = dir === 0 ? r : c.end - from;
  const hi = dir === 0 ? c.start - from : r;
  const commas = Math.min((c.commas[hi] as number) - (c.commas[lo] as number), 3);
  const others = (c.otherCues[hi] as number) - (c.otherCues[lo] as number) > 0 ? 1 : 0;
  const edge = (i === from ? 1 : 0) | (i === to - 1 ? 2 : 0);
  let k = 0;
  out[k++] = mix(1, dir);
  out[k++] = mix(2, dd);
  out[k++] = mix3(3, w, dir);
  out[k++] = mix3(4, w, dd);
  out[k++] = mix3(5, wm1, dir);
  out[k++] = mix3(6, wp1, dir);
  out[k++] = mix3(7, c.last, dir);
  out[k++] = mix3(8, c.last, dd);
  out[k++] = mix3(9, c.all, dir);
  out[k++] = mix3(10, c.first, dd);
  out[k++] = mix3(11, sh, dir);
  out[k++] = mix3(12, (shm1 << 8) | (sh << 4) | shp1, dir);
  out[k++] = mix3(13, q, dd);
  out[k++] = mix3(14, (commas << 2) | others, dir);
  out[k++] = mix3(15, mix(commas, others), mix(c.last, dir));
  out[k++] = mix3(16, c.after, dd);
  out[k++] = mix3(17, c.before, dd);
  out[k++] = mix3(18, edge, dir);
  out[k++] = mix3(19, mix(w, c.last), dir);
  out[k++] = mix3(20, d.suffix[i] as number, dir);
  out[k++] = mix3(21, mix(wm1, w), dir);
  out[k++] = mix3(22, mix(q, c.after), dir);
  out[k++] = mix3(23, mix(commas, others), dd);
  out[k++] = mix3(24, mix(w, wp1), dir);
  // How far the sentence runs on either side, and whether a comma lies on the way to its ends.
  const toEnd = distBucket(to - 1 - i);
  const fromStart = distBucket(i - from);
  const commasAfter = Math.min((c.commas[to - from] as number) - (c.commas[r + 1] as number), 2);
  const commasBefore = Math.min(c.commas[r] as number, 2);
  out[k++] = mix3(25, (toEnd << 4) | fromStart, dir);
  out[k++] = mix3(26, (commasBefore << 4) | commasAfter, dd);
  out[k++] = mix3(27, mix(wp1, dd), c.last);
  out[k++] = mix3(28, (toEnd << 4) | commasAfter, mix(dir, q));
  // previous labels
  out[k++] = mix3(30, prev, dir);
  out[k++] = mix3(31, mix(prev, w), dir);
  out[k++] = mix3(32, mix(prev, prev2), dir);
  out[k++] = mix3(33, prev, dd);
  out[k++] = mix3(34, mix(prev, q), dir);
  out[k++] = mix3(35, mix(prev, sh), dir);
  for (let j = 0; j < k; j++) out[j] = (out[j] as number) & mask;
  return k;
}
