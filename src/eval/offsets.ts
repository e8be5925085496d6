/**
 * Gold offsets are given in the raw text of a corpus; the pipeline works on the text `normalizeText`
 * made of it. This maps one onto the other for every evaluator.
 */

const MARK = /^\p{M}/u;
const MARK_CHAR = /\p{M}/u;

/**
 * Maps offsets in a raw text onto the text `normalizeText` made of it. The normalizer only deletes
 * characters (byte-order marks, carriage returns, trailing spaces, blank lines at the ends) and composes
 * combining sequences (NFC: "a" + U+0303 becomes "ã"); a raw character a composition swallowed maps to
 * the composed one. (A plain left-to-right match loses its place for the rest of the text at the first
 * composition.)
 */
export function alignOffsets(raw: string, normalized: string): (offset: number) => number {
  if (raw === normalized) return (o) => o;
  const map = new Int32Array(raw.length + 1);
  let i = 0;
  let j = 0;
  while (i < raw.length) {
    if (j < normalized.length && raw[i] === normalized[j] && !MARK.test(raw.slice(i + 1, i + 2))) {
      map[i++] = j++;
      continue;
    }
    // A base character and the marks after it, composed.
    let k = i + 1;
    while (k < raw.length && MARK_CHAR.test(raw[k] as string)) k++;
    const composed = raw.slice(i, k).normalize('NFC');
    if (k > i + 1 && normalized.startsWith(composed, j)) {
      for (let x = i; x < k; x++) map[x] = j;
      i = k;
      j += composed.length;
      continue;
    }
    map[i++] = j; // a character the normalizer deleted
  }
  map[raw.length] = j;
  return (o) => map[Math.max(0, Math.min(o, raw.length))] as number;
}
