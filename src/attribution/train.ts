/**
 * Training of both taggers on PolNeAR-style documents. The cue tagger learns every gold cue of a
 * sentence; the role tagger learns, for each gold cue, its own source and content inside the cue's
 * sentence (the parts of a content outside that sentence are not learned: the rules handle quotations
 * that run over several sentences). Documents are visited in a seeded order, so a run is reproducible.
 */
import type { PolnearAttribution } from '../eval/polnear.js';
import type { Span, Token } from '../model/schema.js';
import { loadKnowledge } from '../knowledge/load.js';
import { seededRandom, shuffle } from '../ner/hash.js';
import { quoteLexicons } from '../stages/quotes/index.js';
import type { CueTable } from '../stages/quotes/lexicon.js';
import type { TrainingDoc } from './data.js';
import {
  MAX_FEATURES,
  cueContext,
  cueFeatures,
  docArrays,
  roleFeatures,
  type DocArrays,
} from './features.js';
import { AveragedPerceptron, allowed, bestAllowed, score } from './perceptron.js';
import {
  CONTENT,
  CUE_LABELS,
  ROLE_LABELS,
  SOURCE,
  tagDocument,
  type TaggedAttribution,
  type Weights,
} from './tagger.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly cueBits: number;
  readonly roleBits: number;
  /** A word enters the cue vocabulary after this many training cues… */
  readonly minCueWord: number;
  /** …and when at least this share of its occurrences are inside cues ("said" yes, "in" no). */
  readonly minCueRate: number;
  /** Called after each epoch with the averaged weights so far (to score a tuning set). */
  readonly onEpoch?: (epoch: number, weights: Weights) => void;
}

/** Lower-cased token text as the quote stage's TextView has it (curly apostrophes straightened). */
export const lowerOf = (word: string): string => word.toLowerCase().replace(/’/g, "'");

/** The quote lexicon's cues as the stage reads them (data/lexicons/en/cues.txt). */
let lexiconCues: CueTable | undefined;
function cueTable(): CueTable {
  lexiconCues ??= quoteLexicons(loadKnowledge({ language: 'en' })).cues;
  return lexiconCues;
}

export function arraysOf(text: string, tokens: readonly Token[]): DocArrays {
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const lower = words.map(lowerOf);
  const cues = cueTable();
  return docArrays(text, tokens, words, lower, (i) => cues.match(lower, i, lower.length)?.words.length ?? 0);
}

interface CueInstance {
  readonly from: number;
  readonly to: number;
  readonly gold: Uint8Array;
}

interface RoleInstance {
  readonly from: number;
  readonly to: number;
  readonly cue: readonly [number, number];
  readonly gold: Uint8Array;
  readonly isCue: Uint8Array;
}

interface Prepared {
  readonly d: DocArrays;
  readonly cues: CueInstance[];
  readonly roles: RoleInstance[];
}

function prepare(doc: TrainingDoc): Prepared {
  const d = arraysOf(doc.text, doc.tokens);
  const sentenceOf = new Int32Array(doc.tokens.length);
  doc.sentences.forEach((s, k) => sentenceOf.fill(k, s.tokenStart, s.tokenEnd));
  const cueGold = doc.sentences.map((s) => new Uint8Array(s.tokenEnd - s.tokenStart));
  for (const a of doc.gold) {
    for (const [x, y] of a.cue) {
      const k = sentenceOf[x] as number;
      const s = doc.sentences[k];
      if (s === undefined) continue;
      for (let i = x; i < Math.min(y, s.tokenEnd); i++) cueGold[k]![i - s.tokenStart] = i === x ? 1 : 2;
    }
  }
  const roles: RoleInstance[] = [];
  for (const a of doc.gold) {
    const first = a.cue[0];
    if (first === undefined) continue;
    const k = sentenceOf[first[0]] as number;
    const s = doc.sentences[k];
    if (s === undefined) continue;
    const gold = new Uint8Array(s.tokenEnd - s.tokenStart);
    const mark = (ranges: TrainingDoc['gold'][number]['source'], role: number): void => {
      for (const [x, y] of ranges) {
        const a0 = Math.max(x, s.tokenStart);
        const b0 = Math.min(y, s.tokenEnd);
        for (let i = a0; i < b0; i++) {
          const prev = i > s.tokenStart ? (gold[i - 1 - s.tokenStart] as number) : 0;
          gold[i - s.tokenStart] =
            i === a0 && prev !== 1 + 2 * role && prev !== 2 + 2 * role ? 1 + 2 * role : 2 + 2 * role;
        }
      }
    };
    mark(a.source, SOURCE);
    mark(a.content, CONTENT);
    const cueEnd = Math.min(first[1], s.tokenEnd);
    for (let i = first[0]; i < cueEnd; i++) gold[i - s.tokenStart] = 0;
    roles.push({
      from: s.tokenStart,
      to: s.tokenEnd,
      cue: [first[0], cueEnd],
      gold,
      isCue: cueGold[k] as Uint8Array,
    });
  }
  const cues = doc.sentences.map((s, k) => ({
    from: s.tokenStart,
    to: s.tokenEnd,
    gold: cueGold[k] as Uint8Array,
  }));
  return { d, cues, roles };
}

/** The gold label to learn at a step, given the label guessed before it (an I after a miss becomes B). */
function target(gold: number, prev: number): number {
  if (allowed(prev, gold)) return gold;
  return gold - 1;
}

/** Trains both taggers; returns the averaged weights of the last epoch. */
export function trainAttribution(docs: readonly TrainingDoc[], options: TrainOptions): Weights {
  const prepared = docs.map(prepare);
  // The gate of the decoder: words often enough inside a cue, and rarely enough outside one, that a
  // sentence without any is not worth tagging.
  const counts = new Map<number, number>();
  const totals = new Map<number, number>();
  for (const p of prepared)
    for (const c of p.cues)
      for (let i = c.from; i < c.to; i++) {
        const word = p.d.word[i] as number;
        totals.set(word, (totals.get(word) ?? 0) + 1);
        if ((c.gold[i - c.from] as number) !== 0) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
  // Each cue is keyed by its most cue-like word ("said" in "said Friday", "according" in "according to"),
  // so words that only ride along in cues ("to", "Friday") open no sentence.
  const rate = (w: number): number => (counts.get(w) ?? 0) / (totals.get(w) ?? 1);
  const keys = new Map<number, number>();
  for (const p of prepared)
    for (const c of p.cues)
      for (let i = c.from; i < c.to; i++) {
        if ((c.gold[i - c.from] as number) !== 1) continue;
        let key = p.d.word[i] as number;
        for (let j = i + 1; j < c.to && (c.gold[j - c.from] as number) === 2; j++)
          if (rate(p.d.word[j] as number) > rate(key)) key = p.d.word[j] as number;
        keys.set(key, (keys.get(key) ?? 0) + 1);
      }
  const cueWords = new Set(
    [...keys].filter(([w, n]) => n >= options.minCueWord && rate(w) >= options.minCueRate).map(([w]) => w),
  );
  const cue = new AveragedPerceptron(CUE_LABELS, options.cueBits);
  const role = new AveragedPerceptron(ROLE_LABELS, options.roleBits);
  const cueMask = (1 << options.cueBits) - 1;
  const roleMask = (1 << options.roleBits) - 1;
  const feats = new Int32Array(MAX_FEATURES);
  const scores = new Float64Array(8);
  const random = seededRandom(options.seed);
  let last: Weights | undefined;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffle(
      prepared.map((_, i) => i),
      random,
    );
    for (const k of order) {
      const p = prepared[k] as Prepared;
      for (const c of p.cues) {
        // Sentences the decoder would skip are not learned from either.
        let any = false;
        for (let i = c.from; i < c.to && !any; i++) any = cueWords.has(p.d.word[i] as number);
        if (!any) continue;
        let prev = 9;
        let prev2 = 9;
        for (let i = c.from; i < c.to; i++) {
          const n = cueFeatures(p.d, c.from, c.to, i, prev, prev2, cueMask, feats);
          score(cue.w, CUE_LABELS, feats, n, scores);
          const p0 = prev === 9 ? 0 : prev;
          const guess = bestAllowed(scores, CUE_LABELS, p0);
          const gold = target(c.gold[i - c.from] as number, p0);
          if (guess !== gold) cue.update(feats, n, gold, guess);
          cue.tick();
          prev2 = prev;
          prev = guess;
        }
      }
      for (const r of p.roles) {
        const ctx = cueContext(p.d, r.from, r.to, r.cue[0], r.cue[1], r.isCue);
        let prev = 9;
        let prev2 = 9;
        for (let i = r.from; i < r.to; i++) {
          let guess = 0;
          if (i < r.cue[0] || i >= r.cue[1]) {
            const n = roleFeatures(p.d, r.from, r.to, ctx, i, prev, prev2, roleMask, feats);
            score(role.w, ROLE_LABELS, feats, n, scores);
            const p0 = prev === 9 ? 0 : prev;
            guess = bestAllowed(scores, ROLE_LABELS, p0);
            const gold = target(r.gold[i - r.from] as number, p0);
            if (guess !== gold) role.update(feats, n, gold, guess);
            role.tick();
          }
          prev2 = prev;
          prev = guess;
        }
      }
    }
    if (options.onEpoch !== undefined || epoch === options.epochs) {
      last = {
        cue: cue.averaged(),
        cueBits: options.cueBits,
        role: role.averaged(),
        roleBits: options.roleBits,
        cueWords,
      };
      options.onEpoch?.(epoch, last);
    }
  }
  return last as Weights;
}

/** Character spans of tagged attributions, in the evaluator's shape. */
export function toPolnear(
  tokens: readonly Token[],
  tagged: readonly TaggedAttribution[],
): PolnearAttribution[] {
  const span = (r: readonly [number, number]): Span => ({
    start: (tokens[r[0]] as Token).start,
    end: (tokens[r[1] - 1] as Token).end,
  });
  return tagged.map((a) => ({
    cue: [span(a.cue)],
    ...(a.source !== undefined && { source: [span(a.source)] }),
    content: a.content.map(span),
  }));
}

/** Tags a training document with the given weights (for tuning). */
export function tagTrainingDoc(w: Weights, doc: TrainingDoc): PolnearAttribution[] {
  return toPolnear(doc.tokens, tagDocument(w, arraysOf(doc.text, doc.tokens), doc.sentences));
}
