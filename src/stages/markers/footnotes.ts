/** Legal-designation footnotes ("* A terrorist group, banned in ...") and the body marks that anchor them. */
import type { Marker, Mention, Span } from '../../model/schema.js';

export interface Footnote {
  readonly span: Span;
  /** Number of asterisks in the mark. */
  readonly stars: number;
  readonly bracketed: boolean;
  readonly text: string;
}

const FOOTNOTE_LINE = /^[ \t]*(\(\*+\)|\*+)[ \t]*(\S[^\n]*?)[ \t]*$/gmu;

export function findFootnotes(text: string): Footnote[] {
  const out: Footnote[] = [];
  for (const m of text.matchAll(FOOTNOTE_LINE)) {
    const mark = m[1]!;
    const lead = m[0].length - m[0].trimStart().length;
    const start = m.index + lead;
    const span = { start, end: m.index + m[0].trimEnd().length };
    out.push({
      span,
      stars: mark.replace(/[()]/g, '').length,
      bracketed: mark.startsWith('('),
      text: text.slice(span.start, span.end),
    });
  }
  return out;
}

/** A footnote designates when its text holds a designation word or phrase. */
export function designates(footnote: string, words: ReadonlySet<string>): boolean {
  const lower = footnote.toLowerCase();
  for (const w of words) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
      'u',
    );
    if (re.test(lower)) return true;
  }
  return false;
}

/** The first mark in the body with exactly this many asterisks, stuck to a word or a closing bracket. */
export function findAnchor(text: string, fn: Footnote, footnotes: readonly Footnote[]): Span | undefined {
  const inFootnote = (i: number): boolean => footnotes.some((f) => f.span.start <= i && i < f.span.end);
  const re = fn.bracketed
    ? new RegExp(`\\(\\*{${fn.stars}}\\)`, 'gu')
    : new RegExp(`(?<=[\\p{L}\\p{N})\\]”"’])\\*{${fn.stars}}(?!\\*)`, 'gu');
  for (const m of text.matchAll(re)) {
    if (!fn.bracketed && text[m.index - 1] === '*') continue;
    if (inFootnote(m.index)) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** The mention right before the anchor, across at most a closing bracket and spaces ("Some Group (SG)*"). */
export function mentionBefore(text: string, anchor: Span, mentions: readonly Mention[]): Mention | undefined {
  let best: Mention | undefined;
  for (const m of mentions) {
    if (m.span.end > anchor.start || anchor.start - m.span.end > 3) continue;
    if (!/^[\s)\]”"’]{0,3}$/u.test(text.slice(m.span.end, anchor.start))) continue;
    if (
      !best ||
      m.span.end > best.span.end ||
      (m.span.end === best.span.end && m.span.start < best.span.start)
    )
      best = m;
  }
  return best;
}

export function footnoteMarkers(
  text: string,
  mentions: readonly Mention[],
  words: ReadonlySet<string>,
  ref: string,
): Marker[] {
  const footnotes = findFootnotes(text);
  const out: Marker[] = [];
  for (const fn of footnotes) {
    if (!designates(fn.text, words)) continue;
    const marker: Marker = {
      id: '',
      kind: 'legal-designation-footnote',
      text: fn.text,
      span: fn.span,
      voice: 'outlet',
      evidence: fn.span,
      stage: ref,
      confidence: 0.9,
    };
    const anchor = findAnchor(text, fn, footnotes);
    if (anchor) {
      marker.anchor = anchor;
      const m = mentionBefore(text, anchor, mentions);
      if (m?.entity !== undefined) marker.refersTo = m.entity;
    } else marker.confidence = 0.6;
    out.push(marker);
  }
  return out;
}
