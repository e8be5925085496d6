/**
 * Lossless tokenizer: tokens are half-open ranges of the text and the gaps between them are only
 * white space, so the text can always be rebuilt from tokens and gaps.
 */
import type { Token, TokenKind } from '../model/schema.js';

// Order matters: abbreviations with inner periods ("U.S.") and numbers with separators ("1,000",
// "3.5") must win over plain words and punctuation. Words may contain inner hyphens and apostrophes
// ("al-Doe", "ISIS-K", "O'Brien"), but the possessive "'s" is split off so "Peru's" yields "Peru".
const TOKEN_RE =
  /(\p{Lu}\.(?:\p{L}\.)+)|(\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?(?![\p{L}]))|([\p{L}\p{M}\d]+(?:[-‐'’][\p{L}\p{M}\d]+)*?(?=['’][sS]\b)|[\p{L}\p{M}\d]+(?:[-‐'’][\p{L}\p{M}\d]+)*)|(['’][sS]\b)|(\.{3}|…|--|\p{P})|(\S)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    let kind: TokenKind;
    if (m[1] !== undefined) kind = 'word';
    else if (m[2] !== undefined) kind = 'number';
    else if (m[3] !== undefined) kind = /^\d/.test(m[0]) && !/\p{L}/u.test(m[0]) ? 'number' : 'word';
    else if (m[4] !== undefined) kind = 'word';
    else if (m[5] !== undefined) kind = 'punct';
    else kind = 'symbol';
    tokens.push({ start, end, kind });
  }
  return tokens;
}
