/** Loaded language from a lexicon, with its voice: the outlet's own words or words inside a quotation. */
import type { Marker, Mention, Quote, Sentence, Span } from '../../model/schema.js';
import { findQuoteMarks } from '../quotes/marks.js';

export function compileLoaded(entries: Iterable<string>): RegExp | undefined {
  const phrases = [...entries]
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'))
    .sort((a, b) => b.length - a.length)
    .map((e) =>
      e
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+')
        .replace(/-/g, '[-‐]'),
    );
  if (phrases.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

// A hyphenated modifier fused to the phrase ("foreign-backed puppet regime") or the name whose
// label it is ("the leader's clique") is part of the label.
const MODIFIER = /([\p{L}\p{N}.]+[-‐][\p{L}\p{N}]+|\p{Lu}[\p{L}-]*['’]s)[ \t]+$/u;

export interface LoadedInput {
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly quotes: readonly Quote[];
  /** Spans not to scan (footnote lines). */
  readonly exclude: readonly Span[];
}

export function loadedMarkers(input: LoadedInput, re: RegExp | undefined, ref: string): Marker[] {
  if (!re) return [];
  const { text } = input;
  const quoted: Span[] = [
    ...findQuoteMarks(text).map((m) => m.inner),
    ...input.quotes.filter((q) => q.kind === 'direct').map((q) => q.content.span),
  ];
  const out: Marker[] = [];
  for (const m of text.matchAll(re)) {
    let start = m.index;
    const end = m.index + m[0].length;
    if (input.exclude.some((s) => s.start <= start && end <= s.end)) continue;
    // All-capitalized matches are names ("Liberation Front"), not labels.
    if (m[0].includes(' ') && isNameLike(m[0])) continue;
    const mod = MODIFIER.exec(text.slice(Math.max(0, start - 40), start));
    if (mod) start -= mod[0].length;
    const span = { start, end };
    const voice = quoted.some((q) => q.start <= span.start && span.end <= q.end) ? 'quote' : 'outlet';
    const sentence = sentenceAt(input.sentences, start, end);
    const marker: Marker = {
      id: '',
      kind: 'loaded-language',
      text: text.slice(start, end),
      span,
      voice,
      evidence: sentence ? { start: sentence.start, end: sentence.end } : span,
      stage: ref,
      confidence: 0.6,
    };
    const mention = input.mentions.find(
      (x) => x.entity !== undefined && x.span.start < end && start < x.span.end,
    );
    if (mention?.entity !== undefined) marker.refersTo = mention.entity;
    out.push(marker);
  }
  return out;
}

/** Every word capitalized, as in an organization's name. */
function isNameLike(s: string): boolean {
  return s.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
}

/** The sentence that contains [start, end), by binary search (sentences are in text order). */
function sentenceAt(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.end < end) lo = mid + 1;
    else hi = mid;
  }
  const s = sentences[lo];
  return s !== undefined && s.start <= start && end <= s.end ? s : undefined;
}
