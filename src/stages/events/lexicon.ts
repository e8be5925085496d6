/** Parses the trigger and count-word lexicons into lookup tables keyed by their first word. */
import type { Knowledge } from '../../knowledge/knowledge.js';
import { PLOVER_TYPES, type CountField, type PloverType, COUNT_FIELDS } from '../../model/schema.js';
import { parseCues, type CueTable } from './typemodel.js';

export interface TriggerEntry {
  readonly words: readonly string[];
  readonly type: PloverType;
  readonly mode: string;
  readonly noun: boolean;
  readonly anaphor: boolean;
  readonly casualty: CountField | undefined;
  readonly blame: boolean;
  readonly symmetric: boolean;
  /** Passive voice keeps the subject on the actor side ("security was beefed up" by its owner). */
  readonly active: boolean;
  /**
   * Other types the definitions allow for the same words ("withdrew" an army is RETREAT, "withdrew" an
   * ambassador SANCTION): the learned type model may choose one of them in context (rerank.ts).
   */
  readonly alternatives: readonly TypeChoice[];
}

/** A type with the mode it takes. */
export interface TypeChoice {
  readonly type: PloverType;
  readonly mode: string;
}

export interface TriggerLexicon {
  /** Entries by first word, longest first, so the matcher prefers "drone strike" over "strike". */
  readonly byFirst: ReadonlyMap<string, readonly TriggerEntry[]>;
}

const TYPES = new Set<string>(PLOVER_TYPES);
const FIELDS = new Set<string>(COUNT_FIELDS);

export function splitWords(term: string): string[] {
  return term
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** Lines are "term<TAB>TYPE<TAB>mode<TAB>flags"; malformed lines are skipped, not fatal. */
export function parseTriggerLexicon(lines: Iterable<string>): TriggerLexicon {
  const byFirst = new Map<string, TriggerEntry[]>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [term, type, mode, flagText] = line.split('\t').map((s) => s.trim());
    const upper = (type ?? '').toUpperCase();
    if (!term || !TYPES.has(upper)) continue;
    const flags = new Set(
      (flagText ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    );
    let casualty: CountField | undefined;
    const alternatives: TypeChoice[] = [];
    for (const f of flags) {
      const m = /^casualty=(\w+)$/.exec(f);
      if (m && FIELDS.has(m[1]!)) casualty = m[1] as CountField;
      // alt=TYPE:mode|TYPE:mode
      if (f.startsWith('alt='))
        for (const choice of f.slice(4).split('|')) {
          const [t, altMode] = choice.split(':');
          const up = (t ?? '').trim().toUpperCase();
          if (TYPES.has(up)) alternatives.push({ type: up as PloverType, mode: (altMode ?? '').trim() });
        }
    }
    const words = splitWords(term);
    const entry: TriggerEntry = {
      words,
      type: upper as PloverType,
      mode: mode ?? '',
      noun: flags.has('noun'),
      anaphor: flags.has('anaphor'),
      casualty,
      blame: flags.has('blame'),
      symmetric: flags.has('symmetric'),
      active: flags.has('active'),
      alternatives,
    };
    const list = byFirst.get(words[0]!) ?? [];
    list.push(entry);
    byFirst.set(words[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

/** Lines are "word<TAB>field"; multi-word keys ("death toll") are kept as written. */
export function parseCountWords(lines: Iterable<string>): ReadonlyMap<string, CountField> {
  const out = new Map<string, CountField>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [word, field] = line.split('\t').map((s) => s.trim().toLowerCase());
    if (word && field && FIELDS.has(field)) out.set(word, field as CountField);
  }
  return out;
}

const triggerCache = new WeakMap<Knowledge, TriggerLexicon>();

/** The trigger lexicon of a knowledge base, parsed once and shared by every document. */
export function triggerLexiconFor(knowledge: Knowledge): TriggerLexicon {
  let lexicon = triggerCache.get(knowledge);
  if (!lexicon) {
    lexicon = parseTriggerLexicon(knowledge.lexicon('event-triggers'));
    triggerCache.set(knowledge, lexicon);
  }
  return lexicon;
}

const countCache = new WeakMap<Knowledge, ReadonlyMap<string, CountField>>();

/** The count-word table of a knowledge base, parsed once. */
export function countWordsFor(knowledge: Knowledge): ReadonlyMap<string, CountField> {
  let words = countCache.get(knowledge);
  if (!words) {
    words = parseCountWords(knowledge.lexicon('event-counts'));
    countCache.set(knowledge, words);
  }
  return words;
}

const cueCache = new WeakMap<Knowledge, CueTable>();

/** The type-cue words of a knowledge base (features of the learned type model only), parsed once. */
export function typeCuesFor(knowledge: Knowledge): CueTable {
  let cues = cueCache.get(knowledge);
  if (!cues) {
    cues = parseCues(knowledge.lexicon('event-type-cues'));
    cueCache.set(knowledge, cues);
  }
  return cues;
}

/**
 * The alternative types of the lexicon entry a trigger text was matched by (none when the text is no
 * entry, e.g. when adverbs stood between its words).
 * @example triggerAlternatives(lexicon, 'withdrew') // [{ type: 'SANCTION', mode: 'withdraw' }, ...]
 */
export function triggerAlternatives(lexicon: TriggerLexicon, trigger: string): readonly TypeChoice[] {
  const words = splitWords(trigger);
  const entries = lexicon.byFirst.get(words[0] ?? '') ?? [];
  const entry = entries.find(
    (e) => e.words.length === words.length && e.words.every((w, k) => w === words[k]),
  );
  return entry?.alternatives ?? [];
}

const answerCache = new WeakMap<Knowledge, ReadonlyMap<string, PloverType>>();

/** Nouns that name an earlier act as the object of a rejection ("rejected the sanctions"), by type. */
export function answeredActsFor(knowledge: Knowledge): ReadonlyMap<string, PloverType> {
  let table = answerCache.get(knowledge);
  if (!table) {
    const out = new Map<string, PloverType>();
    for (const line of knowledge.lexicon('event-answers')) {
      const [noun, type] = line.split('\t').map((x) => x.trim());
      if (noun && type && TYPES.has(type)) out.set(noun.toLowerCase(), type as PloverType);
    }
    table = out;
    answerCache.set(knowledge, table);
  }
  return table;
}
