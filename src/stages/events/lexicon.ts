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
    for (const f of flags) {
      const m = /^casualty=(\w+)$/.exec(f);
      if (m && FIELDS.has(m[1]!)) casualty = m[1] as CountField;
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
