/**
 * Where the role tagger looks: the clauses that hold a violent event's trigger. Tagging only there keeps
 * the stage cheap on ordinary news (most sentences hold no attack) and gives the tagger a trigger to
 * measure distances from. Sentences are split once more at sentence-final punctuation followed by a
 * paragraph gap or a lower-case word, because lower-cased wire text (MUC-4) reaches this stage as a few
 * very long "sentences" the segmenter could not split without capitals.
 */
import type { Event, Sentence, Token } from '../../model/schema.js';

/** Event types whose participants are perpetrators, targets, victims and instruments. */
export function isViolentEvent(event: Event): boolean {
  return event.type === 'ASSAULT' || event.type === 'COERCE';
}

/** Clauses of context on either side of a trigger's clause. */
export const CONTEXT_CLAUSES = 99;

export interface WindowTrigger {
  /** Global token indices [start, end) of the trigger. */
  readonly start: number;
  readonly end: number;
  /** Index of the event in the input events array. */
  readonly event: number;
}

export interface Window {
  /** Global token indices [start, end). */
  readonly start: number;
  readonly end: number;
  readonly triggers: readonly WindowTrigger[];
}

/** Index of the token starting at or covering `offset` (tokens sorted by start), or -1. */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid] as Token;
    if (t.end <= offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else return mid;
  }
  return lo < tokens.length ? lo : -1;
}

const isLowerStart = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  return c >= 97 && c <= 122;
};

/** Clause boundaries inside sentence token range [from, to): returns the start index of each clause. */
function clauseStarts(text: string, tokens: readonly Token[], from: number, to: number): number[] {
  const starts = [from];
  for (let i = from + 1; i < to - 1; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct' || t.end - t.start !== 1) continue;
    const ch = text.charCodeAt(t.start);
    if (ch !== 46 && ch !== 63 && ch !== 33) continue; // . ? !
    const next = tokens[i + 1] as Token;
    const gap = next.start - t.end;
    if (gap === 0) continue;
    const prev = tokens[i - 1] as Token;
    // "col. isaacs": a short word before the point is likely an abbreviation, unless a paragraph gap follows
    if (gap >= 2 || (prev.end - prev.start >= 4 && isLowerStart(text, next.start))) starts.push(i + 1);
  }
  return starts;
}

/**
 * The clauses holding at least one violent event trigger, with `context` clauses of the same sentence on
 * either side (perpetrators and victims are often named in the clause before or after the trigger's),
 * in text order; overlapping windows are merged, each with its triggers.
 */
export function eventWindows(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  events: readonly Event[],
  context = CONTEXT_CLAUSES,
): Window[] {
  const byStart = new Map<number, WindowTrigger[]>();
  const triggerSentences: number[] = [];
  events.forEach((event, index) => {
    if (!isViolentEvent(event)) return;
    const start = tokenAt(tokens, event.trigger.span.start);
    if (start < 0) return;
    let end = start + 1;
    while (end < tokens.length && (tokens[end] as Token).end <= event.trigger.span.end) end++;
    const si = sentences.findIndex((s) => s.tokenStart <= start && start < s.tokenEnd);
    if (si < 0) return;
    let list = byStart.get(si);
    if (list === undefined) {
      byStart.set(si, (list = []));
      triggerSentences.push(si);
    }
    list.push({ start, end, event: index });
  });
  triggerSentences.sort((a, b) => a - b);
  const out: Window[] = [];
  for (const si of triggerSentences) {
    const s = sentences[si] as Sentence;
    const starts = clauseStarts(text, tokens, s.tokenStart, s.tokenEnd);
    const triggers = byStart.get(si) ?? [];
    let open: { start: number; end: number; triggers: WindowTrigger[] } | undefined;
    for (let c = 0; c < starts.length; c++) {
      const cs = starts[c] as number;
      const ce = starts[c + 1] ?? s.tokenEnd;
      const inside = triggers.filter((t) => t.start >= cs && t.start < ce);
      if (inside.length === 0) continue;
      const start = starts[Math.max(0, c - context)] as number;
      const end = starts[c + 1 + context] ?? s.tokenEnd;
      if (open !== undefined && start <= open.end) {
        open.end = end;
        open.triggers.push(...inside);
      } else {
        if (open !== undefined) out.push(open);
        open = { start, end, triggers: [...inside] };
      }
    }
    if (open !== undefined) out.push(open);
  }
  return out;
}
