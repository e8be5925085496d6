/** Finds quotation-mark spans in any common style; shared by the quote and marker stages. */
import type { Span } from '../../model/schema.js';

export interface QuoteMarks {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset of the closing mark, or the paragraph end when a quote runs on unclosed. */
  readonly close: number;
  /** The text between the marks. */
  readonly inner: Span;
  readonly closed: boolean;
}

const PAIRS: Readonly<Record<string, readonly string[]>> = {
  '“': ['”'],
  '„': ['“', '”'],
  '«': ['»'],
  '»': ['«'],
  '‹': ['›'],
  '"': ['"'],
  '‘': ['’'],
  "'": ["'"],
};

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** A mark opens when it does not stick to a word on its left; single marks must also start a word. */
function canOpen(text: string, i: number): boolean {
  const c = text[i]!;
  const before = text[i - 1];
  const after = text[i + 1];
  if (c === '‘' || c === "'") return !isWordChar(before) && isWordChar(after);
  if (c === '"') return before === undefined || /[\s([{\-—–:]/u.test(before);
  return true;
}

/** A single closing mark must not be an apostrophe inside a word ("don’t"). */
function canClose(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '’' || c === "'") return !isWordChar(text[i + 1]) && !/\s/u.test(text[i - 1] ?? ' ');
  return true;
}

export function findQuoteMarks(text: string): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let paraStart = 0;
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf('\n', paraStart);
    if (paraEnd < 0) paraEnd = text.length;
    scanParagraph(text, paraStart, paraEnd, out);
    paraStart = paraEnd + 1;
  }
  return out;
}

/** Characters that may open a quotation (the keys of PAIRS): the scan jumps from one to the next. */
const OPENER = /[“„«»‹"‘']/g;

function scanParagraph(text: string, from: number, to: number, out: QuoteMarks[]): void {
  let i = from;
  while (i < to) {
    OPENER.lastIndex = i;
    const next = OPENER.exec(text);
    if (next === null || next.index >= to) return;
    i = next.index;
    const c = text[i]!;
    // Two apostrophes stand for a double mark in some wire and archive texts: ''Quote,'' he said.
    if (c === "'" && text[i + 1] === "'" && !isWordChar(text[i - 1]) && text[i + 2] !== "'") {
      let j = text.indexOf("''", i + 2);
      if (j < 0 || j >= to) j = -1;
      if (j > i + 2) {
        out.push({ open: i, close: j + 1, inner: { start: i + 2, end: j }, closed: true });
        i = j + 2;
        continue;
      }
      if (j < 0) {
        out.push({ open: i, close: to, inner: { start: i + 2, end: to }, closed: false });
        i = to;
        continue;
      }
    }
    const closers = PAIRS[c];
    if (!closers || !canOpen(text, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && !(closers.includes(text[j]!) && canClose(text, j))) j++;
    // Mixed styles in pasted text: “... ," closes with a straight mark when no curly one follows.
    if (j >= to && c === '“') {
      j = text.indexOf('"', i + 1);
      if (j < 0 || j > to) j = to;
    }
    if (j < to) {
      if (j > i + 1) out.push({ open: i, close: j, inner: { start: i + 1, end: j }, closed: true });
      i = j + 1;
    } else {
      // Only double marks run on to the paragraph end (the multi-paragraph quote convention);
      // an unmatched single mark is an apostrophe.
      if (c === '“' || c === '«' || c === '„')
        out.push({ open: i, close: to, inner: { start: i + 1, end: to }, closed: false });
      i++;
      if (c === '“' || c === '«' || c === '„') i = to;
    }
  }
}

export function insideAny(span: Span, marks: readonly QuoteMarks[]): QuoteMarks | undefined {
  return marks.find((m) => m.inner.start <= span.start && span.end <= m.inner.end);
}
