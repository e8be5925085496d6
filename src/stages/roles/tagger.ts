/**
 * The role tagger: greedy left-to-right decoding of BIO role labels over the clauses that hold a violent
 * trigger (`windows.ts`), with an averaged-perceptron weight table (`model.ts`). Decoding and training
 * share `scoreToken`, so both add the same weights in the same order.
 */
import type { FeatureExtractor } from '../../ner/features.js';
import { hashString } from '../../ner/hash.js';
import type { Event, Mention, Sentence, Token } from '../../model/schema.js';
import {
  MAX_DYNAMIC,
  RoleFeatureExtractor,
  docTokens,
  dynamicFeatures,
  type DocTokens,
  type WindowFeatures,
} from './features.js';
import { NUM_LABELS, O, ROLES, allowed, roleOf, spansOf } from './labels.js';
import { eventWindows, type Window } from './windows.js';

const INSTRUMENT = ROLES.indexOf('instrument');

/** Start-of-window pseudo label for the previous-label features. */
export const BOS_LABEL = NUM_LABELS;

export function scoreToken(
  weights: Float32Array | Float64Array,
  mask: number,
  f: WindowFeatures,
  i: number,
  prev: number,
  prev2: number,
  scores: Float64Array,
  dyn: Int32Array,
): number {
  const L = NUM_LABELS;
  scores.fill(0);
  const feats = f.feats;
  const end = f.offsets[i + 1] as number;
  for (let k = f.offsets[i] as number; k < end; k++) {
    const base = (feats[k] as number) * L;
    for (let l = 0; l < L; l++) scores[l] = (scores[l] as number) + (weights[base + l] as number);
  }
  const nd = dynamicFeatures(dyn, mask, f, i, prev, prev2);
  for (let k = 0; k < nd; k++) {
    const base = (dyn[k] as number) * L;
    for (let l = 0; l < L; l++) scores[l] = (scores[l] as number) + (weights[base + l] as number);
  }
  return nd;
}

/** The highest-scoring label that may follow `p` (-1 at the start); the first on ties. */
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

/** One argument span found by the tagger. */
export interface TaggedArgument {
  /** Index into ROLES. */
  readonly role: number;
  /** Global token indices [start, end). */
  readonly start: number;
  readonly end: number;
  /** Index of the event (in the input array) whose trigger is nearest in the clause. */
  readonly event: number;
  /** In (0, 1]: the lowest per-token probability (softmax of the scores) inside the span. */
  readonly confidence: number;
}

export interface TagInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly events: readonly Event[];
}

/** The tagger's input from an analysis (or a stage input): the layers it reads. */
export function tagInputOf(a: {
  readonly document: { readonly text: string };
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly events: readonly Event[];
}): TagInput {
  return {
    text: a.document.text,
    tokens: a.tokens,
    sentences: a.sentences,
    mentions: a.mentions,
    events: a.events,
  };
}

/** Hash of an event's type and mode, a feature value. */
export const eventClassOf = (event: Event): number => hashString(`${event.type}:${event.mode ?? ''}`);

/** The windows of a document with their features: shared by tagging and by training. */
export function windowFeatures(
  extractor: RoleFeatureExtractor,
  input: TagInput,
): { window: Window; features: WindowFeatures; words: readonly string[]; doc: DocTokens }[] {
  const windows = eventWindows(input.text, input.tokens, input.sentences, input.events);
  if (windows.length === 0) return [];
  const doc = docTokens(input.tokens, input.mentions);
  const classes = new Int32Array(input.events.length);
  input.events.forEach((e, i) => (classes[i] = eventClassOf(e)));
  const eventClass = (i: number): number => classes[i] as number;
  return windows.map((window) => {
    const words: string[] = [];
    for (let g = window.start; g < window.end; g++) {
      const t = input.tokens[g] as Token;
      words.push(input.text.slice(t.start, t.end));
    }
    return { window, features: extractor.window(doc, window, words, eventClass), words, doc };
  });
}

/** Words a span neither starts nor ends with: the tagger sometimes runs on into "with", "of" or a comma. */
const EDGE_WORDS = new Set([
  'with',
  'by',
  'of',
  'in',
  'on',
  'at',
  'and',
  'to',
  'from',
  'for',
  'who',
  'which',
  'that',
]);

const isEdgeWord = (word: string): boolean =>
  EDGE_WORDS.has(word.toLowerCase()) || !/[\p{L}\p{N}]/u.test(word);

/**
 * A tagged span [s, e) of a window's words, trimmed of edge words and widened to whole entity mentions
 * ("antonio lopez palencia" inside the mention "eduardo antonio lopez palencia" becomes the full name):
 * the tagger's boundaries are its weakest part, the entity layer's are better. Undefined when nothing is left.
 */
export function snap(
  s: number,
  e: number,
  words: readonly string[],
  doc: DocTokens,
  offset: number,
): [number, number] | undefined {
  while (s < e && isEdgeWord(words[s] as string)) s++;
  while (e > s && isEdgeWord(words[e - 1] as string)) e--;
  if (s === e) return undefined;
  const inMention = (i: number): boolean =>
    (doc.mentionType[offset + i] as number) >= 0 && doc.mentionBegin[offset + i] === 0;
  while (s > 0 && inMention(s)) s--;
  while (e < words.length && inMention(e)) e++;
  return [s, e];
}

export class RoleTagger {
  readonly extractor: RoleFeatureExtractor;
  private labels = new Uint8Array(256);
  private probs = new Float64Array(256);
  private readonly scores = new Float64Array(NUM_LABELS);
  private readonly dyn = new Int32Array(MAX_DYNAMIC);

  /**
   * Added to each role's B- and I- scores before the argmax (ROLES order): the perceptron learns from
   * windows where most tokens are O and under-tags; biases tuned on held-out documents trade some
   * precision for recall, role by role.
   */
  roleBias: readonly number[] = [];
  /** Lowest span confidence kept, per role; spans below are dropped (tuned with the bias). */
  minConfidence: readonly number[] = [];

  constructor(
    readonly weights: Float32Array,
    ner: FeatureExtractor,
    hashBits: number,
  ) {
    this.extractor = new RoleFeatureExtractor(ner, hashBits);
  }

  /** Decodes one window's labels into `labels` (and per-token probabilities into `probs`). */
  decode(f: WindowFeatures, labels: Uint8Array, probs: Float64Array): void {
    let prev = BOS_LABEL;
    let prev2 = BOS_LABEL;
    const scores = this.scores;
    for (let i = 0; i < f.length; i++) {
      scoreToken(this.weights, this.extractor.mask, f, i, prev, prev2, scores, this.dyn);
      for (let l = 1; l < NUM_LABELS; l++)
        scores[l] = (scores[l] as number) + (this.roleBias[roleOf(l)] ?? 0);
      const p = prev === BOS_LABEL ? -1 : prev;
      const best = bestAllowed(scores, p);
      const top = scores[best] as number;
      let z = 0;
      for (let l = 0; l < NUM_LABELS; l++) if (allowed(p, l)) z += Math.exp((scores[l] as number) - top);
      labels[i] = best;
      probs[i] = 1 / z;
      prev2 = prev;
      prev = best;
    }
  }

  /** Argument spans of a document's violent events. */
  tag(input: TagInput): TaggedArgument[] {
    const out: TaggedArgument[] = [];
    for (const { window, features, words, doc } of windowFeatures(this.extractor, input)) {
      const n = features.length;
      if (this.labels.length < n) {
        this.labels = new Uint8Array(n * 2);
        this.probs = new Float64Array(n * 2);
      }
      this.decode(features, this.labels, this.probs);
      for (const sp of spansOf(this.labels, n)) {
        let conf = 1;
        for (let i = sp.start; i < sp.end; i++) conf = Math.min(conf, this.probs[i] as number);
        if (conf < (this.minConfidence[sp.role] ?? 0)) continue;
        const local = snap(sp.start, sp.end, words, doc, window.start);
        if (local === undefined) continue;
        // a participant is never its event's trigger ("Gunmen stormed": the tagger ran on into the verb);
        // an instrument may be ("the car bomb" is both the trigger and the weapon)
        let start = window.start + local[0];
        let end = window.start + local[1];
        if (sp.role !== INSTRUMENT) {
          const inTrigger = (g: number): boolean => window.triggers.some((t) => t.start <= g && g < t.end);
          while (start < end && inTrigger(start)) start++;
          while (end > start && inTrigger(end - 1)) end--;
          if (start === end) continue;
        }
        // the event whose trigger is nearest the span (the first on ties)
        let event = -1;
        let bestD = Infinity;
        for (const t of window.triggers) {
          const d = end <= t.start ? t.start - end : start >= t.end ? start - t.end : 0;
          if (d < bestD) {
            bestD = d;
            event = t.event;
          }
        }
        out.push({ role: sp.role, start, end, event, confidence: conf });
      }
    }
    return out;
  }
}
