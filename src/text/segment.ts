/** Sentence segmentation over tokens: sentence boundaries fall between tokens, never inside one. */
import type { Sentence, Token } from '../model/schema.js';

// Abbreviations after which a period does not end a sentence. Titles are the common case in news.
const NON_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'rep',
  'sen',
  'gov',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'inc',
  'corp',
  'ltd',
  'co',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'est',
  'fig',
  'rev',
  'hon',
  'adm',
  'brig',
  'cmdr',
]);

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

export function segment(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number): void => {
    if (last < first) return;
    const a = tokens[first];
    const b = tokens[last];
    if (a && b) sentences.push({ start: a.start, end: b.end, tokenStart: first, tokenEnd: last + 1 });
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(tok.end, next.start);
    // A blank line or a line break always ends a sentence: headlines, datelines and footnotes stand alone.
    if (gap.includes('\n')) {
      close(i);
      continue;
    }
    const s = text.slice(tok.start, tok.end);
    if (s === '.' || s === '!' || s === '?' || s === '…') {
      // Let closing quotes and brackets stay with the sentence they close.
      let last = i;
      while (tokens[last + 1] && CLOSERS.has(text.slice(tokens[last + 1]!.start, tokens[last + 1]!.end))) {
        const t = tokens[last + 1]!;
        if (text.slice(tokens[last]!.end, t.start).length > 0) break;
        last++;
      }
      const after = tokens[last + 1];
      if (!after) break;
      if (text.slice(tokens[last]!.end, after.start).length === 0) continue;
      if (s === '.') {
        const prev = tokens[i - 1];
        const prevText = prev ? text.slice(prev.start, prev.end) : '';
        if (prev && prev.end === tok.start && NON_FINAL.has(prevText.toLowerCase())) continue;
        // "No. 5" abbreviates number; "said no." ends a sentence.
        if (prev && prev.end === tok.start && /^no$/i.test(prevText) && after.kind === 'number') continue;
        // Single initials ("Abu M. Hassan") do not end sentences.
        if (prev && prev.end === tok.start && /^\p{Lu}$/u.test(prevText)) continue;
      }
      const nextText = text.slice(after.start, after.end);
      if (!/^[\p{Lu}\d"“‘'(*]/u.test(nextText)) continue;
      close(last);
      i = last;
    }
  }
  close(tokens.length - 1);
  return sentences;
}
