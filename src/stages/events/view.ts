/** A token-level view of one document: lower-cased words, quote state, clause bounds and entity mentions by token. */
import { datelineLength } from '../../text/dateline.js';
import type { Mention, Sentence, Token } from '../../model/schema.js';

// Dashes are left out: in news they mostly set off appositions ("the group – a local affiliate – was").
const BOUNDARY_PUNCT = new Set([';', ':', '“', '”', '"', '«', '»']);
/** Words that open a new clause wherever they stand. */
const SUBORDINATORS = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'but',
  'while',
  'because',
  'although',
  'though',
  'whereas',
  'when',
  'where',
]);
/** Words that open a new clause after a comma ("..., with the group claiming responsibility"). */
const COMMA_OPENERS = new Set([
  'and',
  'or',
  'with',
  'as',
  'after',
  'before',
  'according',
  'saying',
  'adding',
  'then',
  'amid',
  'despite',
  'a',
  'an',
]);
/** Relative pronouns: after a comma they open a non-restrictive clause that the next comma closes. */
const RELATIVES = new Set(['who', 'which', 'whose', 'whom']);

export interface TextView {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly lower: readonly string[];
  /** Sentence index of each token. */
  readonly sentenceOf: Int32Array;
  /** 1 when the token stands inside quotation marks. */
  readonly inQuote: Uint8Array;
  /** Index of the first token of the clause holding each token. */
  readonly clauseStart: Int32Array;
  /** Index one past the last token of the clause holding each token. */
  readonly clauseEnd: Int32Array;
  /** 1 for tokens of a comma-delimited relative clause (", who met X in Y,"), which never holds the main subject. */
  readonly relative: Uint8Array;
  /** 1 for tokens of a dateline ("CITY, Country —" opening a paragraph): a place of filing, never an argument. */
  readonly dateline: Uint8Array;
  /** Index of the headline sentence (a first line without final punctuation, followed by a line break), or -1. */
  readonly headline: number;
}

export interface MentionAt {
  readonly mention: Mention;
  readonly entity: string;
  /** Token range [start, end). */
  readonly start: number;
  readonly end: number;
}

export function buildView(text: string, tokens: readonly Token[], sentences: readonly Sentence[]): TextView {
  const n = tokens.length;
  const lower = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const sentenceOf = new Int32Array(n).fill(-1);
  sentences.forEach((s, k) => {
    for (let i = s.tokenStart; i < s.tokenEnd && i < n; i++) sentenceOf[i] = k;
  });
  // Quotation state runs across sentences (a quote may hold several) but never across a paragraph.
  const inQuote = new Uint8Array(n);
  let open = false;
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    if (i > 0 && text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) open = false;
    if (w === '“' || w === '«') open = true;
    else if (w === '”' || w === '»') open = false;
    else if (w === '"') {
      const prevGap = i > 0 ? tokens[i]!.start - tokens[i - 1]!.end : 1;
      open = prevGap > 0 || i === 0 ? !open : false;
    } else if (open) inQuote[i] = 1;
  }
  const dateline = new Uint8Array(n);
  for (const s of sentences) {
    if (s.tokenStart >= n) continue;
    const start = tokens[s.tokenStart]!.start;
    const end = start + datelineLength(text, start);
    for (let k = s.tokenStart; k < s.tokenEnd && tokens[k]!.end <= end; k++) dateline[k] = 1;
  }
  const clauseStart = new Int32Array(n);
  const clauseEnd = new Int32Array(n);
  const relative = new Uint8Array(n);
  for (const s of sentences) {
    const last = Math.min(s.tokenEnd, n);
    const opens = new Uint8Array(Math.max(0, last - s.tokenStart));
    let inRelative = false;
    for (let i = s.tokenStart; i < last; i++) {
      const w = lower[i]!;
      let open =
        i === s.tokenStart ||
        BOUNDARY_PUNCT.has(lower[i - 1]!) ||
        inQuote[i] !== inQuote[i - 1] ||
        (dateline[i - 1] === 1 && dateline[i] === 0);
      if (SUBORDINATORS.has(w) && !(w === 'that' && i + 1 < s.tokenEnd && tokens[i + 1]!.kind !== 'word'))
        open = true;
      if (
        lower[i - 1] === ',' &&
        (COMMA_OPENERS.has(w) || /^\p{Ll}+ing$/u.test(text.slice(tokens[i]!.start, tokens[i]!.end)))
      )
        open = true;
      // ", who met X in Y, urged ...": the comma after a relative clause gives the sentence back to its subject.
      if (inRelative && lower[i - 1] === ',' && !RELATIVES.has(w)) {
        open = true;
        inRelative = false;
      }
      if (
        open &&
        inRelative &&
        i > s.tokenStart &&
        (BOUNDARY_PUNCT.has(lower[i - 1]!) || inQuote[i] !== inQuote[i - 1])
      )
        inRelative = false;
      if (RELATIVES.has(w) && lower[i - 1] === ',') inRelative = true;
      if (inRelative) relative[i] = 1;
      opens[i - s.tokenStart] = open ? 1 : 0;
    }
    let start = s.tokenStart;
    for (let i = s.tokenStart; i < last; i++) {
      if (opens[i - s.tokenStart]) start = i;
      clauseStart[i] = start;
    }
    let end = last;
    for (let i = last - 1; i >= s.tokenStart; i--) {
      clauseEnd[i] = end;
      if (opens[i - s.tokenStart]) end = i;
    }
  }
  let headline = -1;
  const first = sentences[0];
  if (first && sentences.length > 1 && first.tokenEnd > first.tokenStart) {
    const line = text.slice(first.start, first.end).trim();
    const after = text.slice(first.end, sentences[1]!.start);
    if (line.length > 0 && !/[.!?:;"”»)]$/.test(line) && /\n/.test(after)) headline = 0;
  }
  return {
    text,
    tokens,
    sentences,
    lower,
    sentenceOf,
    inQuote,
    clauseStart,
    clauseEnd,
    relative,
    dateline,
    headline,
  };
}

/** Mentions that belong to an entity, with token ranges, in text order. */
export function mentionsByToken(
  view: TextView,
  mentions: readonly Mention[],
): { list: MentionAt[]; at: (MentionAt | undefined)[] } {
  const startIndex = new Map<number, number>();
  const endIndex = new Map<number, number>();
  view.tokens.forEach((t, i) => {
    startIndex.set(t.start, i);
    endIndex.set(t.end, i + 1);
  });
  const list: MentionAt[] = [];
  const at: (MentionAt | undefined)[] = new Array<MentionAt | undefined>(view.tokens.length).fill(undefined);
  for (const m of [...mentions].sort((a, b) => a.span.start - b.span.start)) {
    if (m.entity === undefined) continue;
    const s = startIndex.get(m.span.start);
    const e = endIndex.get(m.span.end);
    if (s === undefined || e === undefined || e <= s) continue;
    if (at.slice(s, e).some((x) => x !== undefined)) continue;
    const entry: MentionAt = { mention: m, entity: m.entity, start: s, end: e };
    list.push(entry);
    for (let i = s; i < e; i++) at[i] = entry;
  }
  return { list, at };
}

/** Token span → character span. */
export function charSpan(view: TextView, a: number, b: number): { start: number; end: number } {
  return { start: view.tokens[a]!.start, end: view.tokens[b - 1]!.end };
}
