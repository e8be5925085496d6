/**
 * The learned event-type model: a multinomial logistic regression over one sentence's words, word
 * bigrams, type-cue words (data/lexicons/en/event-type-cues.txt) and the rule stage's own candidates
 * (type, type+mode, type+attribute, trigger words). It is trained on the PLOVER gold records by
 * `npm run train:plover` (src/eval/plover-train.ts) and only re-ranks: the rules decide which events
 * exist, the model says which of a sentence's candidate types is the most plausible.
 *
 * Features are strings so that training, cross-validation and the stage share one definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLOVER_TYPES, type PloverType } from '../../model/schema.js';

export const DEFAULT_TYPE_MODEL_PATH = fileURLToPath(
  new URL('../../../models/plover-types.json', import.meta.url),
);
/** The sentence model: the same features without the rule candidates, for a sentence the rules leave empty. */
export const DEFAULT_SENTENCE_MODEL_PATH = fileURLToPath(
  new URL('../../../models/plover-sentences.json', import.meta.url),
);

/** What the rules proposed for a sentence: one entry per event found in it. */
export interface TypeCandidate {
  readonly type: PloverType;
  readonly mode: string;
  readonly trigger: string;
  readonly attributes: readonly string[];
  /** Other types the trigger's lexicon entry allows. */
  readonly alternatives?: readonly PloverType[];
  /** The modal frame of the trigger (`modalityBefore`): an intention, an obligation, a refusal, or none. */
  readonly modality?: Modality;
}

/**
 * The modal frame of a trigger, from the few words before it in its sentence: CAMEO codes "express
 * intent to X" as AGREE (X cooperative) or THREATEN (X coercive), "demand that Y X" ("Y must X") as
 * REQUEST, and "decline to X" as REJECT, whatever X's own category.
 */
export type Modality = 'intent' | 'intent-stop' | 'must' | 'refuse' | 'refuse-stop' | 'stop' | '';

const INTENT_WORDS = new Set([
  'will',
  'would',
  "'ll",
  'shall',
  'may',
  'might',
  'could',
  'plan',
  'plans',
  'planned',
  'planning',
  'intend',
  'intends',
  'intended',
  'prepared',
  'ready',
  'willing',
  'promise',
  'promised',
  'promises',
  'pledge',
  'pledged',
  'pledges',
  'vow',
  'vowed',
  'vows',
  'offer',
  'offered',
  'offers',
  'decided',
]);
const MUST_WORDS = new Set(['must', 'should', 'ought']);
/** Words that end or ease what follows ("lifted the curfew", "halted aid"). */
const STOP_WORDS = new Set([
  'lift',
  'lifted',
  'lifting',
  'lifts',
  'ease',
  'eased',
  'eases',
  'easing',
  'relax',
  'relaxed',
  'cancel',
  'cancelled',
  'canceled',
  'revoke',
  'revoked',
  'repeal',
  'repealed',
  'remove',
  'removed',
  'removing',
  'end',
  'ended',
  'ending',
  'ends',
  'halt',
  'halted',
  'halts',
  'suspend',
  'suspended',
  'suspends',
  'stop',
  'stopped',
  'stops',
  'cut',
  'reduce',
  'reduced',
  'freeze',
  'froze',
]);
const REFUSE_WORDS = new Set([
  'not',
  "n't",
  'never',
  'refuse',
  'refused',
  'refuses',
  'refusing',
  'decline',
  'declined',
  'declines',
  'declining',
  'failed',
  'fails',
]);

/**
 * The modal frame of a trigger from the (up to four) words before it: a refusal wins over an
 * obligation, an obligation over an intention ("will not release" is a refusal).
 * @example modalityBefore(['syria', 'says', 'it', 'will']) === 'intent'
 */
export function modalityBefore(before: readonly string[]): Modality {
  let found: Modality = '';
  const from = Math.max(0, before.length - 4);
  // An ending verb inside an intention or a refusal turns the act around: "will halt mediation" is a
  // threat to halt it, "refused to lift sanctions" a refusal to ease them.
  const stopAfter = (k: number): boolean => before.slice(k + 1).some((w) => STOP_WORDS.has(w));
  for (let k = from; k < before.length; k++) {
    const w = before[k]!;
    if (REFUSE_WORDS.has(w)) return stopAfter(k) ? 'refuse-stop' : 'refuse';
    if (MUST_WORDS.has(w) || (w === 'to' && ['has', 'have', 'had'].includes(before[k - 1] ?? '')))
      found = 'must';
    else if (found === '' && INTENT_WORDS.has(w)) found = stopAfter(k) ? 'intent-stop' : 'intent';
    else if (found === '' && STOP_WORDS.has(w)) found = 'stop';
  }
  return found;
}

/** The modal class of one word alone (the sentence's `m:` features), as `modalityBefore` ranks them. */
const WORD_MODALITY = new Map<string, Modality>([
  ...[...STOP_WORDS].map((w) => [w, 'stop'] as const),
  ...[...INTENT_WORDS].map((w) => [w, 'intent'] as const),
  ...[...MUST_WORDS].map((w) => [w, 'must'] as const),
  ...[...REFUSE_WORDS].map((w) => [w, 'refuse'] as const),
]);

/** PLOVER's quad classes: verbal and material cooperation and conflict. */
export const QUAD: Readonly<Record<PloverType, string>> = {
  AGREE: 'vcoop',
  CONSULT: 'vcoop',
  SUPPORT: 'vcoop',
  CONCEDE: 'vcoop',
  COOPERATE: 'mcoop',
  AID: 'mcoop',
  RETREAT: 'mcoop',
  REQUEST: 'vconf',
  ACCUSE: 'vconf',
  REJECT: 'vconf',
  THREATEN: 'vconf',
  PROTEST: 'mconf',
  SANCTION: 'mconf',
  MOBILIZE: 'mconf',
  COERCE: 'mconf',
  ASSAULT: 'mconf',
};

export interface TypeModel {
  readonly labels: readonly PloverType[];
  readonly bias: readonly number[];
  /** Feature name to one weight per label. */
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

/** Cue phrases by first word; value lists [words, type] pairs, longest first. */
export type CueTable = ReadonlyMap<string, readonly (readonly [readonly string[], PloverType])[]>;

const TYPES = new Set<string>(PLOVER_TYPES);

/** Lines are "phrase<TAB>TYPE"; phrases are lower-case words matched exactly. */
export function parseCues(lines: Iterable<string>): CueTable {
  const out = new Map<string, [string[], PloverType][]>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [phrase, type] = line.split('\t').map((s) => s.trim());
    const upper = (type ?? '').toUpperCase();
    if (!phrase || !TYPES.has(upper)) continue;
    const words = phrase.toLowerCase().split(/\s+/);
    const list = out.get(words[0]!) ?? [];
    list.push([words, upper as PloverType]);
    out.set(words[0]!, list);
  }
  for (const list of out.values()) list.sort((a, b) => b[0].length - a[0].length);
  return out;
}

/**
 * A crude suffix stripper: with a few hundred training sentences "accused", "accuses" and "accusing"
 * must count as one word, or each is seen once and learned never.
 * @example stem('accusing') === 'accus'
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ing', 'ed', 'es', 's', 'e']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Words that make what follows an intention, offer or promise ("will provide", "offered to"). */
const INTENT = new Set([
  'will',
  'would',
  "'ll",
  'shall',
  'to',
  'ready',
  'prepared',
  'willing',
  'plans',
  'intends',
]);
const NEGATION = new Set(['not', "n't", 'never', 'no', 'refused', 'declined', 'rejected', 'without']);

const WORD = /^[\p{L}][\p{L}'-]*$/u;

/**
 * The feature names of one sentence (lower-cased tokens) and its rule candidates; duplicates removed.
 * @example typeFeatures(['they', 'protested'], [], new Map()).includes('w:protest') === true
 */
export function typeFeatures(
  lower: readonly string[],
  candidates: readonly TypeCandidate[],
  cues: CueTable,
): string[] {
  const out = new Set<string>(['bias']);
  let prev = '<s>';
  let firstCue = -1;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]!;
    const s = WORD.test(w) ? stem(w) : /\d/.test(w) ? '<num>' : '';
    if (s === '') continue;
    out.add(`w:${s}`);
    out.add(`b:${prev}_${s}`);
    prev = s;
    for (const [words, type] of cues.get(w) ?? []) {
      if (!words.every((x, k) => lower[i + k] === x)) continue;
      out.add(`c:${type}`);
      out.add(`cQ:${QUAD[type]}`);
      // A lead sentence tells its main act first ("X accused Y of ..."): the first cue counts apart.
      if (firstCue === i) out.add(`c1:${type}`);
      else if (firstCue < 0) {
        firstCue = i;
        out.add(`c1:${type}`);
      }
      // CAMEO's "express intent to X" and "decline to X" are their own categories (AGREE, REJECT):
      // a cue under a modal or a negation says so.
      for (let k = Math.max(0, i - 3); k < i; k++) {
        if (INTENT.has(lower[k]!)) out.add(`ci:${type}`);
        if (NEGATION.has(lower[k]!)) out.add(`cn:${type}`);
      }
      const modality = modalityBefore(lower.slice(Math.max(0, i - 4), i));
      if (modality) {
        out.add(`cq:${modality}/${type}`);
        out.add(`cq:${modality}/${QUAD[type]}`);
      }
    }
  }
  for (let i = 0; i < lower.length; i++) {
    const m = WORD_MODALITY.get(lower[i]!);
    if (m) out.add(`m:${m}`);
  }
  if (candidates.length === 0) out.add('r:none');
  else out.add(`r1:${candidates[0]!.type}`);
  for (const c of candidates) {
    out.add(`r:${c.type}`);
    out.add(`rm:${c.type}/${c.mode}`);
    out.add(`rt:${c.trigger.toLowerCase()}`);
    for (const a of c.attributes) out.add(`ra:${c.type}/${a}`);
    for (const a of c.alternatives ?? []) out.add(`rx:${a}`);
    if (c.modality) {
      out.add(`rq:${c.modality}/${c.type}`);
      out.add(`rq:${c.modality}/${QUAD[c.type]}`);
    }
  }
  return [...out];
}

const RULE_FEATURE = /^r[a-z1]*:/;

/**
 * The features that do not come from the rule stage (words, bigrams, cues): the sentence model's.
 * @example withoutRuleFeatures(['w:x', 'r:none', 'rt:met']) // ['w:x']
 */
export function withoutRuleFeatures(features: readonly string[]): string[] {
  return features.filter((f) => !RULE_FEATURE.test(f));
}

/** Class probabilities (softmax), in the order of `model.labels`. */
export function predictProbs(model: TypeModel, features: readonly string[]): number[] {
  const z = [...model.bias];
  for (const f of features) {
    const w = model.weights.get(f);
    if (w) for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The probability of each label as a map, for picking among candidates. */
export function typeProbabilities(model: TypeModel, features: readonly string[]): Map<PloverType, number> {
  const p = predictProbs(model, features);
  return new Map(model.labels.map((l, k) => [l, p[k]!]));
}

/** The JSON form of a model file (models/plover-types.json). */
export interface TypeModelFile {
  readonly format: 'parallax-plover-types/1';
  readonly labels: readonly string[];
  readonly bias: readonly number[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

export function serializeTypeModel(model: TypeModel): TypeModelFile {
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number[]> = {};
  for (const f of [...model.weights.keys()].sort()) weights[f] = model.weights.get(f)!.map(round);
  return { format: 'parallax-plover-types/1', labels: model.labels, bias: model.bias.map(round), weights };
}

export function parseTypeModel(content: string): TypeModel {
  const raw = JSON.parse(content) as TypeModelFile;
  if (raw.format !== 'parallax-plover-types/1') throw new Error('not a parallax-plover-types/1 model');
  const labels = raw.labels.map((l) => {
    if (!TYPES.has(l)) throw new Error(`unknown label ${l}`);
    return l as PloverType;
  });
  const weights = new Map<string, readonly number[]>();
  for (const [f, w] of Object.entries(raw.weights)) {
    if (w.length !== labels.length) throw new Error(`feature ${f}: ${w.length} weights`);
    weights.set(f, w);
  }
  return { labels, bias: raw.bias, weights };
}

const loaded = new Map<string, TypeModel | null>();

/** The shipped model, read once; null when the file is absent (the rules then decide alone). */
export function loadTypeModel(path = DEFAULT_TYPE_MODEL_PATH): TypeModel | null {
  if (!loaded.has(path))
    loaded.set(path, existsSync(path) ? parseTypeModel(readFileSync(path, 'utf8')) : null);
  return loaded.get(path)!;
}
