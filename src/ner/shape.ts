/** Orthographic classes of a word: its shape, short shape, case class, and a sentence's case mode. */

const UPPER = 0x58; // 'X'
const LOWER = 0x78; // 'x'
const DIGIT = 0x64; // 'd'

function charClass(code: number, ch: string): number {
  if (code >= 48 && code <= 57) return DIGIT;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 97 && code <= 122) return LOWER;
  if (code < 128) return code;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? UPPER : LOWER;
  return code;
}

/**
 * Word shape with runs longer than four cut to four ("Washington" → "Xxxxx"), and the short shape with
 * every run collapsed to one ("Xx", "X.X.", "d-d").
 */
export function shapes(word: string): { shape: string; short: string } {
  let shape = '';
  let short = '';
  let prev = -1;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const c = charClass(code, word[i] ?? '');
    const s = String.fromCharCode(c);
    if (c === prev) {
      run++;
      if (run < 4) shape += s;
    } else {
      run = 0;
      shape += s;
      short += s;
    }
    prev = c;
  }
  return { shape, short };
}

/** Case classes of a single word. */
export const CASE_NONE = 0; // no letters
export const CASE_LOWER = 1;
export const CASE_TITLE = 2; // first letter upper, some lower
export const CASE_UPPER = 3; // all letters upper (two or more letters)
export const CASE_CAP1 = 4; // a single upper-case letter, possibly with punctuation ("A", "J.")
export const CASE_MIXED = 5; // lower first, upper later ("iPhone", "eBay")

export function caseClass(word: string): number {
  let upper = 0;
  let lower = 0;
  let firstLetterUpper = -1;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    const isUp = ch === up;
    if (firstLetterUpper < 0) firstLetterUpper = isUp ? 1 : 0;
    if (isUp) upper++;
    else lower++;
  }
  if (upper + lower === 0) return CASE_NONE;
  if (upper === 0) return CASE_LOWER;
  if (lower === 0) return upper === 1 ? CASE_CAP1 : CASE_UPPER;
  return firstLetterUpper === 1 ? CASE_TITLE : CASE_MIXED;
}

/** Case modes of a sentence: how much its capitalization can be trusted. */
export const MODE_NORMAL = 0;
export const MODE_UPPER = 1; // every cased word is upper case (headlines, wire archives)
export const MODE_LOWER = 2; // every cased word is lower case (processed corpora)
export const MODE_TITLE = 3; // every cased word of two or more letters starts upper case

/** The case mode of a sentence from its words' case classes. */
export function sentenceMode(classes: ArrayLike<number>, length: number): number {
  let cased = 0;
  let upper = 0;
  let lower = 0;
  let title = 0;
  for (let i = 0; i < length; i++) {
    const c = classes[i] ?? CASE_NONE;
    if (c === CASE_NONE || c === CASE_CAP1) continue;
    cased++;
    if (c === CASE_UPPER) upper++;
    else if (c === CASE_LOWER) lower++;
    else if (c === CASE_TITLE) title++;
  }
  if (cased < 2) return MODE_NORMAL;
  if (upper === cased) return MODE_UPPER;
  if (lower === cased) return MODE_LOWER;
  if (title + upper === cased && title >= 2 && cased >= 3) return MODE_TITLE;
  return MODE_NORMAL;
}
