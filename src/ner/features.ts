/**
 * Feature extraction. Every feature is a 32-bit hash of a template id and integer values (word hashes,
 * cluster ids, masks), reduced to a bucket of a fixed-size weight table, so extraction allocates no
 * feature strings. What depends on the word alone is computed once per word type and cached.
 *
 * Bump FEATURE_SET_VERSION whenever a template, hash or resource changes: a model records the version it
 * was trained with and refuses to load under another.
 */
import { CLUSTER_SHIFT, clusterKey } from './clusters.js';
import { GAZ_CATEGORIES, MAX_PHRASE, PHRASE_START_BIT, type Gazetteer } from './gazetteer.js';
import { FNV_OFFSET, hashStep, hashString, mix, mix3 } from './hash.js';
import { ENTITY_TYPES, NUM_LABELS } from './labels.js';
import {
  CASE_LOWER,
  CASE_NONE,
  CASE_TITLE,
  CASE_UPPER,
  MODE_NORMAL,
  caseClass,
  sentenceMode,
  shapes,
} from './shape.js';

export const FEATURE_SET_VERSION = 'parallax-ner-features@1';

/** Word-type facts, computed once per distinct word. */
export interface WordInfo {
  readonly lower: string;
  readonly hWord: number;
  readonly hLower: number;
  readonly hShape: number;
  readonly hShort: number;
  /** Hashes of the lower-cased prefixes (length 1–4) then suffixes (length 1–4). */
  readonly affixes: Int32Array;
  /** Cluster path, or -1 when the word was not clustered. */
  readonly cluster: number;
  /** Gazetteer mask (see gazetteer.ts). */
  readonly gaz: number;
  readonly caseClass: number;
  /** Bucket indices of the features of the word alone: word, lower, affixes, cluster levels. */
  readonly own: Int32Array;
}

/** Per-document memory: how each word is cased in ordinary sentences, and the labels given so far. */
export interface DocContext {
  /** Lower-cased word → bit 1: title case not first in a normal sentence; 2: lower case; 4: all caps. */
  readonly caseFlags: Map<string, number>;
  /**
   * Lower-cased word → how its capitalized tokens were tagged earlier in the document: counts per entity
   * type (ENTITY_TYPES order), then of O.
   */
  readonly labels: Map<string, Int32Array>;
}

export function emptyDocContext(): DocContext {
  return { caseFlags: new Map(), labels: new Map() };
}

// Template ids.
const T = {
  bias: 1,
  word: 2,
  lower: 3,
  affix: 4,
  shape: 5,
  short: 6,
  lowerM1: 7,
  lowerM2: 8,
  lowerP1: 9,
  lowerP2: 10,
  shortM1: 11,
  shortP1: 12,
  bigramM: 13,
  bigramP: 14,
  cluster: 15,
  clusterM1: 16,
  clusterP1: 17,
  gazUnit: 18,
  gazPart: 19,
  gazSpan: 20,
  gazM1: 21,
  gazP1: 22,
  first: 23,
  mode: 24,
  docCase: 25,
  shapeTri: 26,
  lowerM1Short: 27,
  prev: 28,
  prev2: 29,
  prevLower: 30,
  prevShort: 31,
  history: 32,
  wordM1: 33,
  wordP1: 34,
  shortP1Lower: 35,
} as const;

const BOS = hashString('<s>');
const EOS = hashString('</s>');
const NO_CLUSTER = 0x7fffffff;

/** Static (label-independent) features of one sentence, flat, with per-position offsets. */
export interface SentenceFeatures {
  readonly length: number;
  readonly feats: Int32Array;
  /** Position i's features are feats[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Int32Array;
  readonly infos: readonly WordInfo[];
  /** The sentence's case mode (shape.ts `MODE_*`). */
  readonly mode: number;
}

export interface FeatureResources {
  readonly gazetteer: Gazetteer;
  readonly clusters: ReadonlyMap<string, number>;
  /** log2 of the number of weight rows. */
  readonly hashBits: number;
}

const CACHE_LIMIT = 300_000;

export class FeatureExtractor {
  readonly mask: number;
  private readonly cache = new Map<string, WordInfo>();
  private buf = new Int32Array(4096);
  private spanU = new Int32Array(256);
  private spanB = new Int32Array(256);
  private spanI = new Int32Array(256);
  private spanL = new Int32Array(256);

  constructor(private readonly res: FeatureResources) {
    this.mask = (1 << res.hashBits) - 1;
  }

  info(word: string): WordInfo {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const lower = word.toLowerCase();
    const { shape, short } = shapes(word);
    const affixes = new Int32Array(8);
    let h = FNV_OFFSET;
    for (let k = 0; k < 4; k++) {
      if (k < lower.length) h = hashStep(h, lower.charCodeAt(k));
      affixes[k] = mix(h, k);
    }
    h = FNV_OFFSET;
    for (let k = 0; k < 4; k++) {
      if (k < lower.length) h = hashStep(h, lower.charCodeAt(lower.length - 1 - k));
      affixes[4 + k] = mix(h, 4 + k);
    }
    const cluster = this.res.clusters.get(clusterKey(lower)) ?? -1;
    const hWord = hashString(word);
    const hLower = hashString(lower);
    const own = new Int32Array(10 + CLUSTER_SHIFT.length);
    own[0] = mix(T.word, hWord) & this.mask;
    own[1] = mix(T.lower, hLower) & this.mask;
    for (let k = 0; k < 8; k++) own[2 + k] = mix(T.affix, affixes[k] as number) & this.mask;
    for (let lv = 0; lv < CLUSTER_SHIFT.length; lv++) {
      own[10 + lv] =
        mix3(T.cluster, lv, cluster < 0 ? NO_CLUSTER : cluster >> (CLUSTER_SHIFT[lv] as number)) & this.mask;
    }
    const info: WordInfo = {
      own,
      lower,
      hWord,
      hLower,
      hShape: hashString(shape),
      hShort: hashString(short),
      affixes,
      cluster,
      gaz: this.res.gazetteer.words.get(lower) ?? 0,
      caseClass: caseClass(word),
    };
    this.cache.set(word, info);
    return info;
  }

  /** Records how the words of a sentence are cased, for the document's case flags. */
  noteCase(doc: DocContext, words: readonly string[]): void {
    const infos = words.map((w) => this.info(w));
    const classes = new Uint8Array(infos.length);
    for (let i = 0; i < infos.length; i++) classes[i] = (infos[i] as WordInfo).caseClass;
    if (sentenceMode(classes, infos.length) !== MODE_NORMAL) return;
    for (let i = 0; i < infos.length; i++) {
      const inf = infos[i] as WordInfo;
      let bit = 0;
      if (inf.caseClass === CASE_LOWER) bit = 2;
      else if (inf.caseClass === CASE_UPPER) bit = 4;
      else if (inf.caseClass === CASE_TITLE && i > 0) bit = 1;
      if (bit !== 0) doc.caseFlags.set(inf.lower, (doc.caseFlags.get(inf.lower) ?? 0) | bit);
    }
  }

  private push(n: number, key: number): number {
    if (n >= this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[n] = key & this.mask;
    return n + 1;
  }

  /**
   * Static features of a sentence; `doc` supplies the document's case flags when given. With `wordPart`
   * false the features that depend on one word and the sentence mode alone (`wordRoleFeatures`) are left
   * out, for a decoder that adds their weights from a per-word cache instead.
   */
  sentence(words: readonly string[], doc?: DocContext, wordPart = true): SentenceFeatures {
    const n = words.length;
    const infos: WordInfo[] = new Array<WordInfo>(n);
    const classes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const inf = this.info(words[i] as string);
      infos[i] = inf;
      classes[i] = inf.caseClass;
    }
    const mode = sentenceMode(classes, n);
    // Gazetteer spans: per position, category masks of matched names by position in the name.
    if (this.spanU.length < n) {
      this.spanU = new Int32Array(n * 2);
      this.spanB = new Int32Array(n * 2);
      this.spanI = new Int32Array(n * 2);
      this.spanL = new Int32Array(n * 2);
    }
    const { spanU, spanB, spanI, spanL } = this;
    spanU.fill(0, 0, n);
    spanB.fill(0, 0, n);
    spanI.fill(0, 0, n);
    spanL.fill(0, 0, n);
    const phrases = this.res.gazetteer.phrases;
    for (let i = 0; i < n; i++) {
      const inf = infos[i] as WordInfo;
      spanU[i] = (spanU[i] as number) | (inf.gaz & 0x3ff);
      if ((inf.gaz & PHRASE_START_BIT) === 0) continue;
      let key = inf.lower;
      const keys: string[] = [];
      for (let j = i + 1; j < n && j - i < MAX_PHRASE; j++) {
        key += ` ${(infos[j] as WordInfo).lower}`;
        keys.push(key);
      }
      for (let len = keys.length + 1; len >= 2; len--) {
        const m = phrases.get(keys[len - 2] as string);
        if (m === undefined) continue;
        spanB[i] = (spanB[i] as number) | m;
        for (let j = i + 1; j < i + len - 1; j++) spanI[j] = (spanI[j] as number) | m;
        spanL[i + len - 1] = (spanL[i + len - 1] as number) | m;
        break;
      }
    }
    const offsets = new Int32Array(n + 1);
    let c = 0;
    const ncat = GAZ_CATEGORIES.length;
    for (let i = 0; i < n; i++) {
      offsets[i] = c;
      const w = infos[i] as WordInfo;
      const m1 = i > 0 ? infos[i - 1] : undefined;
      const m2 = i > 1 ? infos[i - 2] : undefined;
      const p1 = i + 1 < n ? infos[i + 1] : undefined;
      const p2 = i + 2 < n ? infos[i + 2] : undefined;
      const hm1 = m1 ? m1.hLower : BOS;
      const hp1 = p1 ? p1.hLower : EOS;
      const sm1 = m1 ? m1.hShort : BOS;
      const sp1 = p1 ? p1.hShort : EOS;
      if (wordPart) {
        c = this.push(c, T.bias);
        const own = w.own;
        for (let k = 0; k < own.length; k++) c = this.push(c, own[k] as number);
        c = this.push(c, mix3(T.shape, w.hShape, mode));
        c = this.push(c, mix3(T.short, w.hShort, mode));
        c = this.push(c, mix(T.lowerM1, hm1));
        c = this.push(c, mix(T.lowerM2, m2 ? m2.hLower : BOS));
        c = this.push(c, mix(T.lowerP1, hp1));
        c = this.push(c, mix(T.lowerP2, p2 ? p2.hLower : EOS));
        c = this.push(c, mix(T.wordM1, m1 ? m1.hWord : BOS));
        c = this.push(c, mix(T.wordP1, p1 ? p1.hWord : EOS));
        c = this.push(c, mix3(T.shortM1, sm1, mode));
        c = this.push(c, mix3(T.shortP1, sp1, mode));
      }
      c = this.push(c, mix3(T.bigramM, hm1, w.hLower));
      c = this.push(c, mix3(T.bigramP, w.hLower, hp1));
      c = this.push(c, mix3(T.shapeTri, mix(sm1, w.hShort), mix(sp1, mode)));
      c = this.push(c, mix3(T.lowerM1Short, hm1, mix(w.hShort, mode)));
      c = this.push(c, mix3(T.shortP1Lower, w.hShort, mix(hp1, mode)));
      if (wordPart) {
        // The cluster levels again (they are in `own` too): the model was trained with both copies.
        const own = w.own;
        for (let lv = 0; lv < CLUSTER_SHIFT.length; lv++) c = this.push(c, own[10 + lv] as number);
        const cm1 = m1 === undefined ? -2 : m1.cluster < 0 ? -1 : m1.cluster >> 3;
        const cp1 = p1 === undefined ? -2 : p1.cluster < 0 ? -1 : p1.cluster >> 3;
        c = this.push(c, mix(T.clusterM1, cm1));
        c = this.push(c, mix(T.clusterP1, cp1));
      }
      // Gazetteer: whole-name and part-of-name categories, span positions, neighbours' categories.
      const capital = w.caseClass === CASE_TITLE || w.caseClass === CASE_UPPER ? 1 : 0;
      const trust = mode === MODE_NORMAL ? capital : 2;
      for (let b = 0; b < ncat; b++) {
        if (wordPart && (w.gaz & (1 << b)) !== 0) c = this.push(c, mix3(T.gazUnit, b, trust));
        if (wordPart && (w.gaz & (1 << (b + 16))) !== 0) c = this.push(c, mix3(T.gazPart, b, trust));
        const bit = 1 << b;
        if (((spanB[i] as number) & bit) !== 0) c = this.push(c, mix3(T.gazSpan, b, 1));
        if (((spanI[i] as number) & bit) !== 0) c = this.push(c, mix3(T.gazSpan, b, 2));
        if (((spanL[i] as number) & bit) !== 0) c = this.push(c, mix3(T.gazSpan, b, 3));
      }
      if (wordPart) {
        c = this.push(c, mix(T.gazM1, m1 ? m1.gaz & 0x3ff : -1));
        c = this.push(c, mix(T.gazP1, p1 ? p1.gaz & 0x3ff : -1));
      }
      c = this.push(c, mix3(T.first, i === 0 ? 1 : 0, mix(w.hShort, mode)));
      if (wordPart) c = this.push(c, mix3(T.mode, mode, w.caseClass));
      if (doc !== undefined && (mode !== MODE_NORMAL || i === 0) && w.caseClass !== CASE_NONE) {
        const flags = doc.caseFlags.get(w.lower) ?? 0;
        c = this.push(c, mix3(T.docCase, flags, mode));
        c = this.push(c, mix3(T.docCase, mix(flags, w.hLower), 7));
      }
    }
    offsets[n] = c;
    return { length: n, feats: this.buf.slice(0, c), offsets, infos, mode };
  }
}

/**
 * What a word contributes to the features of a position, by where it stands from that position: its
 * own word and shape features (`ROLE_SELF`), or the features that read it as the previous, next, second
 * previous or second next word. `sentence(words, doc, false)` leaves all of these out, for a decoder
 * that adds their weights from a per-word cache (see Tagger). Every one depends only on the word (or its
 * absence at a sentence edge) and the sentence's mode.
 */
export const ROLE_SELF = 0;
export const ROLE_PREV = 1;
export const ROLE_NEXT = 2;
export const ROLE_PREV2 = 3;
export const ROLE_NEXT2 = 4;
export const WORD_ROLES = 5;

/** Upper bound of `wordRoleFeatures`' count. */
export const WORD_ROLE_FEATURES = 16 + 2 * CLUSTER_SHIFT.length + 2 * GAZ_CATEGORIES.length;

/**
 * Writes into `out` the features of `role` that word `w` (undefined: past the sentence's edge) gives a
 * position in a sentence of `mode`, masked as `sentence` masks them; returns how many.
 */
export function wordRoleFeatures(
  out: Int32Array,
  mask: number,
  w: WordInfo | undefined,
  mode: number,
  role: number,
): number {
  let n = 0;
  const put = (key: number): void => {
    out[n++] = key & mask;
  };
  if (role === ROLE_SELF) {
    if (w === undefined) return 0;
    put(T.bias);
    const own = w.own;
    for (let k = 0; k < own.length; k++) put(own[k] as number);
    put(mix3(T.shape, w.hShape, mode));
    put(mix3(T.short, w.hShort, mode));
    for (let lv = 0; lv < CLUSTER_SHIFT.length; lv++) put(own[10 + lv] as number);
    const capital = w.caseClass === CASE_TITLE || w.caseClass === CASE_UPPER ? 1 : 0;
    const trust = mode === MODE_NORMAL ? capital : 2;
    for (let b = 0; b < GAZ_CATEGORIES.length; b++) {
      if ((w.gaz & (1 << b)) !== 0) put(mix3(T.gazUnit, b, trust));
      if ((w.gaz & (1 << (b + 16))) !== 0) put(mix3(T.gazPart, b, trust));
    }
    put(mix3(T.mode, mode, w.caseClass));
  } else if (role === ROLE_PREV || role === ROLE_NEXT) {
    const before = role === ROLE_PREV;
    const edge = before ? BOS : EOS;
    put(mix(before ? T.lowerM1 : T.lowerP1, w ? w.hLower : edge));
    put(mix(before ? T.wordM1 : T.wordP1, w ? w.hWord : edge));
    put(mix3(before ? T.shortM1 : T.shortP1, w ? w.hShort : edge, mode));
    put(mix(before ? T.clusterM1 : T.clusterP1, w === undefined ? -2 : w.cluster < 0 ? -1 : w.cluster >> 3));
    put(mix(before ? T.gazM1 : T.gazP1, w ? w.gaz & 0x3ff : -1));
  } else if (role === ROLE_PREV2) {
    put(mix(T.lowerM2, w ? w.hLower : BOS));
  } else if (role === ROLE_NEXT2) {
    put(mix(T.lowerP2, w ? w.hLower : EOS));
  }
  return n;
}

/** Label-dependent features at position i, given the two previous labels; writes into `out`, returns count. */
export function dynamicFeatures(
  out: Int32Array,
  mask: number,
  s: SentenceFeatures,
  i: number,
  prev: number,
  prev2: number,
  doc: DocContext | undefined,
): number {
  const w = s.infos[i] as WordInfo;
  out[0] = mix(T.prev, prev) & mask;
  out[1] = mix3(T.prev2, prev, prev2) & mask;
  out[2] = mix3(T.prevLower, prev, w.hLower) & mask;
  out[3] = mix3(T.prevShort, prev, w.hShort) & mask;
  let n = 4;
  if (doc !== undefined && w.caseClass !== CASE_NONE) {
    const counts = doc.labels.get(w.lower);
    if (counts !== undefined) {
      let best = -1;
      let bestN = 0;
      let total = 0;
      for (let t = 0; t <= ENTITY_TYPES.length; t++) {
        const k = counts[t] as number;
        total += k;
        if (k > bestN) {
          bestN = k;
          best = t;
        }
      }
      out[n++] = mix3(T.history, best, bestN === total ? 1 : 0) & mask;
    }
  }
  return n;
}

/** Most features one position can have (static + dynamic); a bound for buffers. */
export const MAX_DYNAMIC = 8;
export const LABEL_COUNT = NUM_LABELS;
