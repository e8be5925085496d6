/** Reads cardinal numbers written in digits or words ("57", "1,200", "Forty-two", "two dozen", "dozens"). */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  a: 1,
  an: 1,
  single: 1,
  twin: 2,
  both: 2,
  pair: 2,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000 };
/**
 * Vague quantities: the value is the smallest the word allows ("dozens" is at least two dozen), and the
 * count's qualifier says "about". "a dozen" and "a score" read as 12 and 20, also vague.
 */
const VAGUE: Readonly<Record<string, number>> = {
  dozens: 24,
  scores: 40,
  hundreds: 200,
  thousands: 2000,
  several: 3,
  dozen: 12,
  score: 20,
};

export interface ParsedNumber {
  readonly value: number;
  /** How many word tokens the number used. */
  readonly length: number;
  readonly vague: boolean;
}

/** Value of one word ("forty-two", "57", "1,200"), or undefined. "a"/"an" only count before a scale word. */
export function wordValue(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d{1,3}(,\d{3})+$/.test(w)) return Number(w.replace(/,/g, ''));
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w in TENS) return TENS[w];
  const m = /^(\w+)-(\w+)$/.exec(w);
  if (m && m[1]! in TENS && m[2]! in UNITS && (UNITS[m[2]!] ?? 0) < 10 && (UNITS[m[2]!] ?? 0) > 0) {
    return TENS[m[1]!]! + UNITS[m[2]!]!;
  }
  if (w in UNITS && w !== 'a' && w !== 'an' && w !== 'pair' && w !== 'both' && w !== 'single')
    return UNITS[w];
  return undefined;
}

/**
 * False only for a word `parseNumber` can never start with, whatever follows: a digit, a number word,
 * a vague quantity, or "a", "an", "about" (before a scale word or "dozen"). Scanners test it first.
 */
export function mayStartNumber(word: string): boolean {
  const w = word.toLowerCase();
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  if (w in VAGUE || w in TENS || w in UNITS || w === 'a' || w === 'an' || w === 'about') return true;
  const dash = w.indexOf('-');
  return dash > 0 && w.slice(0, dash) in TENS;
}

/** Parses a number starting at words[0]; words are the following tokens' texts. */
export function parseNumber(words: readonly string[]): ParsedNumber | undefined {
  const first = words[0]?.toLowerCase();
  if (first === undefined) return undefined;
  if (first in VAGUE && first !== 'dozen' && first !== 'score') {
    return { value: VAGUE[first]!, length: 1, vague: true };
  }
  const second = words[1]?.toLowerCase();
  if ((first === 'a' || first === 'about') && (second === 'dozen' || second === 'score')) {
    return { value: VAGUE[second]!, length: 2, vague: true };
  }
  let total = 0;
  let current: number | undefined;
  let used = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase();
    if (current === undefined && (w === 'a' || w === 'an') && (words[i + 1]?.toLowerCase() ?? '') in SCALES) {
      current = 1;
      used = i + 1;
      continue;
    }
    if (current !== undefined && w in SCALES) {
      current *= SCALES[w]!;
      if (SCALES[w]! >= 1000) {
        total += current;
        current = 0;
      }
      used = i + 1;
      continue;
    }
    if (current !== undefined && w === 'dozen') {
      current *= 12;
      used = i + 1;
      continue;
    }
    if (current !== undefined && w === 'and' && wordValue(words[i + 1] ?? '') !== undefined) continue;
    const v = wordValue(w);
    if (v === undefined) break;
    if (current !== undefined && (/^\d/.test(w) || current % 10 !== 0 || (current === 0 && total === 0))) {
      if (!(current >= 100 && v < 100)) break;
    }
    current = (current ?? 0) + v;
    used = i + 1;
  }
  if (current === undefined || used === 0) return undefined;
  return { value: total + current, length: used, vague: false };
}
