/** A token-level view of one document: lower-cased words, quote state, clause bounds and entity mentions by token. */
import type { Mention, Sentence, Token } from '../../model/schema.js';

// Dashes are left out: in news they mostly set off appositions ("the group – a local affiliate – was").
const BOUNDARY_PUNCT = new Set([';', ':', '“', '”', '"', '«', '»']);
/** Words that open a new clause wherever they stand. */
const SUBORDINATORS = new Set(['that', 'which', 'who', 'whom', 'whose', 'but', 'while', 'because', 'although', 'though', 'whereas', 'when', 'where']);
/** Words that open a new clause after a comma ("..., with the group claiming responsibility"). */
const COMMA_OPENERS = new Set(['and', 'or', 'with', 'as', 'after', 'before', 'according', 'saying', 'adding', 'then', 'amid', 'despite']);

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
  const clauseStart = new Int32Array(n);
  const clauseEnd = new Int32Array(n);
  for (const s of sentences) {
    const opensAt = (i: number): boolean => {
      if (i === s.tokenStart) return true;
      const w = lower[i]!;
      if (BOUNDARY_PUNCT.has(lower[i - 1]!) || inQuote[i] !== inQuote[i - 1]) return true;
      if (SUBORDINATORS.has(w) && !(w === 'that' && i + 1 < s.tokenEnd && tokens[i + 1]!.kind !== 'word')) return true;
      if (lower[i - 1] === ',' && (COMMA_OPENERS.has(w) || /^\p{Ll}+ing$/u.test(text.slice(tokens[i]!.start, tokens[i]!.end)))) return true;
      return false;
    };
    let start = s.tokenStart;
    for (let i = s.tokenStart; i < s.tokenEnd && i < n; i++) {
      if (opensAt(i)) start = i;
      clauseStart[i] = start;
    }
    let end = Math.min(s.tokenEnd, n);
    for (let i = Math.min(s.tokenEnd, n) - 1; i >= s.tokenStart; i--) {
      clauseEnd[i] = end;
      if (opensAt(i)) end = i;
    }
  }
  return { text, tokens, sentences, lower, sentenceOf, inQuote, clauseStart, clauseEnd };
}

/** Mentions that belong to an entity, with token ranges, in text order. */
export function mentionsByToken(view: TextView, mentions: readonly Mention[]): { list: MentionAt[]; at: (MentionAt | undefined)[] } {
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
