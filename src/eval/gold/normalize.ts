/** gold/v1 string normalization, entity-name keys and content tokens, in the order FORMAT.md fixes. */

const FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
};
const FOLD_RE = /[\u2018\u2019\u2032\u201c\u201d\u2013\u2014]/g;
const SPACE_RE = /\s/;
const ALNUM_RUN_RE = /[\p{L}\p{N}]+/gu;
const NOT_ALNUM_RE = /[^\p{L}\p{N}]/gu;
// A leading "the" is a word only when no letter or digit follows it ("theater" keeps its "the").
const LEADING_THE_RE = /^[^\p{L}\p{N}]*the(?![\p{L}\p{N}])/u;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE_RE.test(ch);
}

/** A footnote run of `*` is dropped when it touches a non-space character on either side. */
function stickyAsteriskRun(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1] : undefined;
  const after = end < text.length ? text[end] : undefined;
  return (before !== undefined && !isSpace(before)) || (after !== undefined && !isSpace(after));
}

/**
 * The normalization every gold/v1 string comparison starts from: NFC; fold typographic quotes and
 * dashes; drop `*` runs stuck to a word; collapse (and trim) white space; lower-case.
 * @example normalizeGoldText('  Acme**  “rules” ') === 'acme "rules"'
 */
export function normalizeGoldText(input: string): string {
  let text = input.normalize('NFC');
  text = text.replace(FOLD_RE, (ch) => FOLDS[ch] ?? ch);
  text = text.replace(/\*+/g, (run: string, offset: number, all: string) =>
    stickyAsteriskRun(all, offset, offset + run.length) ? '' : run,
  );
  text = text.replace(/\s+/g, ' ').trim();
  return text.toLowerCase();
}

/**
 * The form entity strings compare in: normalized, a leading word "the" dropped, letters and digits only.
 * An empty key never matches anything.
 * @example entityKey('The U.S.') === entityKey('US') // 'us'
 */
export function entityKey(input: string): string {
  return normalizeGoldText(input).replace(LEADING_THE_RE, '').replace(NOT_ALNUM_RE, '');
}

/**
 * Content tokens: runs of Unicode letters and digits of the normalized text.
 * @example contentTokens("Acme’s 2nd plant") // ['acme', 's', '2nd', 'plant']
 */
export function contentTokens(input: string): string[] {
  return normalizeGoldText(input).match(ALNUM_RUN_RE) ?? [];
}

/**
 * Token-level F1 over token bags (a token repeated in both counts as often as it appears in both).
 * @example tokenF1('a b c', 'a b d') // 0.666…
 */
export function tokenF1(system: string, gold: string): number {
  const sys = contentTokens(system);
  const ref = contentTokens(gold);
  if (sys.length === 0 || ref.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of sys) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(t, left - 1);
    }
  }
  // 2PR / (P + R) reduces to this; computed this way a pair exactly at a threshold lands on it exactly.
  return (2 * common) / (sys.length + ref.length);
}

/** Normalized text with, for each of its UTF-16 units, the index of the source unit it came from. */
export interface MappedText {
  readonly text: string;
  /** `offsets[i]` is the source index of `text[i]`; `offsets[text.length]` is the source length. */
  readonly offsets: readonly number[];
}

/**
 * The same steps as {@link normalizeGoldText} after NFC (the caller applies NFC to the source), keeping
 * where each output unit came from so that a match in normalized text maps back to a source span.
 * Lower-casing is per code point here, which differs from whole-string lower-casing only for a Greek
 * final sigma; both the haystack and the needle go through this function, so searches stay consistent.
 * @example normalizeWithOffsets('A  B').text === 'a b'
 */
export function normalizeWithOffsets(source: string): MappedText {
  const folded = source.replace(FOLD_RE, (ch) => FOLDS[ch] ?? ch);
  // Pass 1: drop sticky asterisk runs, keeping source indices.
  const kept: number[] = [];
  for (let i = 0; i < folded.length;) {
    if (folded[i] === '*') {
      let end = i;
      while (end < folded.length && folded[end] === '*') end += 1;
      if (!stickyAsteriskRun(folded, i, end)) for (let k = i; k < end; k += 1) kept.push(k);
      i = end;
    } else {
      kept.push(i);
      i += 1;
    }
  }
  // Pass 2: collapse white space runs to one space, trimming both ends.
  const collapsed: number[] = [];
  let pendingSpace = -1;
  for (const index of kept) {
    if (isSpace(folded[index])) {
      if (pendingSpace < 0) pendingSpace = index;
      continue;
    }
    if (pendingSpace >= 0 && collapsed.length > 0) collapsed.push(-1 - pendingSpace);
    pendingSpace = -1;
    collapsed.push(index);
  }
  // Pass 3: lower-case per code point (a code point may lower-case to more or fewer units).
  let text = '';
  const offsets: number[] = [];
  for (let k = 0; k < collapsed.length; k += 1) {
    const marker = collapsed[k] ?? 0;
    if (marker < 0) {
      text += ' ';
      offsets.push(-1 - marker);
      continue;
    }
    const code = folded.codePointAt(marker) ?? 0;
    const ch = String.fromCodePoint(code);
    if (ch.length === 2) k += 1; // the low surrogate was pushed as its own index
    const lower = ch.toLowerCase();
    for (let u = 0; u < lower.length; u += 1) {
      text += lower[u];
      offsets.push(marker);
    }
  }
  offsets.push(source.length);
  return { text, offsets };
}
