/**
 * Features of the role tagger. Each token gets the trained entity recognizer's own static features
 * (word, affixes, shape, neighbours, word clusters, gazetteer: `src/ner/features.ts`, re-masked into this
 * model's table) plus features of its place relative to the nearest violent trigger: signed distance,
 * the trigger word and event class by direction, whether "by" stands between them, and the entity
 * layer's mention type. All features are integer hashes; nothing allocates per token.
 *
 * Bump ROLE_FEATURE_SET whenever a template changes: the model records it and refuses another.
 */
import { hashString, mix, mix3 } from '../../ner/hash.js';
import type { FeatureExtractor, WordInfo } from '../../ner/features.js';
import { ENTITY_TYPES, type Mention, type Token } from '../../model/schema.js';
import { tokenAt, type Window } from './windows.js';

export const ROLE_FEATURE_SET = 'parallax-roles-features@5';

// Template ids, offset so that they never equal the recognizer's own (1–35).
const TEMPLATE_BASE = 100;
const T = {
  dist: TEMPLATE_BASE + 1,
  distTrig: TEMPLATE_BASE + 2,
  distCls: TEMPLATE_BASE + 3,
  dirWord: TEMPLATE_BASE + 4,
  dirTrigWord: TEMPLATE_BASE + 5,
  mention: TEMPLATE_BASE + 6,
  mentionDir: TEMPLATE_BASE + 7,
  prevDir: TEMPLATE_BASE + 8,
  leftTrig: TEMPLATE_BASE + 9,
  rightTrig: TEMPLATE_BASE + 10,
  byBetween: TEMPLATE_BASE + 11,
  clsWord: TEMPLATE_BASE + 12,
  inTrigger: TEMPLATE_BASE + 13,
  distMention: TEMPLATE_BASE + 14,
  nextDir: TEMPLATE_BASE + 15,
  prev2Dir: TEMPLATE_BASE + 16,
  afterTrig: TEMPLATE_BASE + 17,
  prep: TEMPLATE_BASE + 18,
  prepWord: TEMPLATE_BASE + 19,
  position: TEMPLATE_BASE + 24,
  positionDist: TEMPLATE_BASE + 25,
  prev: TEMPLATE_BASE + 20,
  prev2: TEMPLATE_BASE + 21,
  prevWord: TEMPLATE_BASE + 22,
  prevDist: TEMPLATE_BASE + 23,
} as const;

const NONE = hashString('<none>');

/** Prepositions that tell a participant's role ("by" the doer, "with" the instrument, "against" the target). */
const PREPOSITIONS = new Set(['by', 'with', 'against', 'of', 'on', 'at', 'in', 'from', 'to', 'near', 'into']);

/**
 * Where a token stands in the document, in tokens: the lead (under 60), then under 150, 300, 600, beyond.
 * The incident a report is about is told first; later paragraphs bring background and older attacks.
 */
export function positionBucket(g: number): number {
  return g < 60 ? 0 : g < 150 ? 1 : g < 300 ? 2 : g < 600 ? 3 : 4;
}

/** Signed distance buckets: 0 inside the trigger, then 1, 2, 3, 4–5, 6–8, 9–14, 15+ on either side. */
export function distBucket(d: number): number {
  const a = d < 0 ? -d : d;
  const b = a === 0 ? 0 : a <= 3 ? a : a <= 5 ? 4 : a <= 8 ? 5 : a <= 14 ? 6 : 7;
  return d < 0 ? -b : b;
}

/** Per-document facts the windows read: the mention type at each token. */
export interface DocTokens {
  /** ENTITY_TYPES index of the mention covering the token, or -1. */
  readonly mentionType: Int8Array;
  /** 1 at a mention's first token. */
  readonly mentionBegin: Uint8Array;
}

export function docTokens(tokens: readonly Token[], mentions: readonly Mention[]): DocTokens {
  const mentionType = new Int8Array(tokens.length).fill(-1);
  const mentionBegin = new Uint8Array(tokens.length);
  for (const m of mentions) {
    if (m.form === 'pronoun') continue;
    const s = tokenAt(tokens, m.span.start);
    if (s < 0) continue;
    const type = ENTITY_TYPES.indexOf(m.type);
    mentionBegin[s] = 1;
    for (let i = s; i < tokens.length && (tokens[i] as Token).start < m.span.end; i++) mentionType[i] = type;
  }
  return { mentionType, mentionBegin };
}

/** Static features of one window, flat, with per-position offsets. */
export interface WindowFeatures {
  readonly length: number;
  readonly feats: Int32Array;
  readonly offsets: Int32Array;
  /** Lower-cased word hash and distance bucket per position, for the label-dependent features. */
  readonly hLower: Int32Array;
  readonly dist: Int8Array;
}

export class RoleFeatureExtractor {
  readonly mask: number;
  private buf = new Int32Array(8192);

  constructor(
    private readonly ner: FeatureExtractor,
    hashBits: number,
  ) {
    this.mask = (1 << hashBits) - 1;
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
   * Features of the window's tokens. `eventClass` gives a hash per event index (type and mode) so the
   * tagger can tell a kidnapping's victim from a bombing's target.
   */
  window(
    doc: DocTokens,
    w: Window,
    words: readonly string[],
    eventClass: (event: number) => number,
  ): WindowFeatures {
    const n = w.end - w.start;
    const ner = this.ner.sentence(words);
    const hLower = new Int32Array(n);
    const dist = new Int8Array(n);
    const offsets = new Int32Array(n + 1);
    const trig = w.triggers;
    let c = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = c;
      const g = w.start + i;
      const hl = (ner.infos[i] as WordInfo).hLower;
      hLower[i] = hl;
      for (let k = ner.offsets[i] as number; k < (ner.offsets[i + 1] as number); k++) {
        c = this.push(c, ner.feats[k] as number);
      }
      // nearest trigger, and the nearest on each side
      let best = 0;
      let bestD = Infinity;
      let left = -1;
      let right = -1;
      for (let t = 0; t < trig.length; t++) {
        const tr = trig[t] as (typeof trig)[number];
        const d = g < tr.start ? g - tr.start : g >= tr.end ? g - tr.end + 1 : 0;
        if (Math.abs(d) < Math.abs(bestD)) {
          bestD = d;
          best = t;
        }
        if (d > 0) left = t;
        if (d < 0 && right < 0) right = t;
      }
      const tr = trig[best] as (typeof trig)[number];
      const db = distBucket(bestD);
      dist[i] = db;
      const dir = bestD < 0 ? 1 : bestD > 0 ? 2 : 0;
      const hTrig = (ner.infos[tr.start - w.start] as WordInfo).hLower;
      const cls = eventClass(tr.event);
      c = this.push(c, mix(T.dist, db));
      c = this.push(c, mix3(T.distTrig, db, hTrig));
      c = this.push(c, mix3(T.distCls, db, cls));
      c = this.push(c, mix3(T.dirWord, dir, hl));
      c = this.push(c, mix3(T.dirTrigWord, mix(dir, hTrig), hl));
      c = this.push(c, mix3(T.clsWord, cls, mix(dir, hl)));
      if (bestD === 0) c = this.push(c, mix(T.inTrigger, hl));
      const mt = doc.mentionType[g] as number;
      const mb = doc.mentionBegin[g] as number;
      c = this.push(c, mix3(T.mention, mt, mb));
      c = this.push(c, mix3(T.mentionDir, mix(mt, mb), dir));
      c = this.push(c, mix3(T.distMention, db, mt));
      const hPrev = i > 0 ? (hLower[i - 1] as number) : NONE;
      c = this.push(c, mix3(T.prevDir, hPrev, dir));
      const lt = left >= 0 ? (trig[left] as (typeof trig)[number]) : undefined;
      const rt = right >= 0 ? (trig[right] as (typeof trig)[number]) : undefined;
      c = this.push(c, mix(T.leftTrig, lt ? eventClass(lt.event) : NONE));
      c = this.push(c, mix(T.rightTrig, rt ? eventClass(rt.event) : NONE));
      // "killed by guerrillas": a "by" between a later token and its trigger marks the doer
      let by = 0;
      if (bestD > 0) {
        for (let k = tr.end; k < g; k++) if ((ner.infos[k - w.start] as WordInfo).lower === 'by') by = 1;
      }
      c = this.push(c, mix3(T.byBetween, by, dir));
      const hNext = i + 1 < n ? (ner.infos[i + 1] as WordInfo).hLower : NONE;
      c = this.push(c, mix3(T.nextDir, hNext, dir));
      c = this.push(c, mix3(T.prev2Dir, i > 1 ? (hLower[i - 2] as number) : NONE, dir));
      // the word right after the trigger: "attacked the …" vs "killed by …"
      const after = tr.end - w.start < n ? (ner.infos[tr.end - w.start] as WordInfo).hLower : NONE;
      c = this.push(c, mix3(T.afterTrig, mix(after, hTrig), dir));
      // the nearest preposition before the token, up to four words back, that opens its phrase
      let prep = NONE;
      for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
        const inf = ner.infos[k] as WordInfo;
        if (PREPOSITIONS.has(inf.lower)) {
          prep = inf.hLower;
          break;
        }
      }
      c = this.push(c, mix3(T.prep, prep, dir));
      c = this.push(c, mix3(T.prepWord, prep, hl));
      const pos = positionBucket(g);
      c = this.push(c, mix(T.position, pos));
      c = this.push(c, mix3(T.positionDist, pos, db));
    }
    offsets[n] = c;
    return { length: n, feats: this.buf.slice(0, c), offsets, hLower, dist };
  }
}

/** Label-dependent features at position i given the two previous labels; writes into `out`, returns count. */
export function dynamicFeatures(
  out: Int32Array,
  mask: number,
  f: WindowFeatures,
  i: number,
  prev: number,
  prev2: number,
): number {
  out[0] = mix(T.prev, prev) & mask;
  out[1] = mix3(T.prev2, prev, prev2) & mask;
  out[2] = mix3(T.prevWord, prev, f.hLower[i] as number) & mask;
  out[3] = mix3(T.prevDist, prev, f.dist[i] as number) & mask;
  return 4;
}

export const MAX_DYNAMIC = 4;
