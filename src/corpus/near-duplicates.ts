/**
 * Near-duplicate reports: syndicated wire copy and lightly edited reposts, so that one text carried by
 * five sites counts as one source, not five.
 *
 * Method: MinHash over word 3-shingles with LSH bands. Why MinHash and not a 64-bit SimHash with a
 * Hamming threshold of 3: a repost with a new headline and a few edited words shares only 70–85 % of
 * its shingles with the original, and at that overlap a 64-bit SimHash differs in 6–12 bits, so a
 * threshold of 3 misses it; widening the threshold to 10 would need 11 pigeonhole bands of about 6 bits
 * each, which makes every band key match a sixty-fourth of the store. MinHash estimates the shingle
 * Jaccard similarity directly, and its bands (3 values of 16 bits) stay selective.
 *
 * The fingerprint is 126 MinHash values, each the low 16 bits of the minimum of one 32-bit hash
 * permutation (b-bit MinHash: two different minima agree in 16 bits with probability 2^-16, far below
 * the estimate's own noise). All arithmetic is 32-bit integer math (Math.imul, >>> 0) over the UTF-16
 * code units of the words, so a fingerprint is the same on every run and platform.
 */
import { ParallaxError } from '../errors.js';

/** Number of MinHash permutations; the estimate's standard error is at most 0.5 / sqrt(126) ≈ 0.045. */
export const PERMUTATIONS = 126;
/** LSH: 42 bands of 3 values each (48 bits per band key); see NEAR_DUPLICATE_THRESHOLD for why 3 rows. */
export const BANDS = 42;
export const ROWS_PER_BAND = PERMUTATIONS / BANDS;
/** Words per shingle: 3 keeps shared stock phrases ("the ministry said") rare between independent reports. */
export const SHINGLE_WORDS = 3;
const HEX_PER_VALUE = 4;
/** Length in hex characters of every fingerprint. */
export const FINGERPRINT_LENGTH = PERMUTATIONS * HEX_PER_VALUE;

/**
 * Two fingerprints are near-duplicates when their estimated Jaccard similarity of word 3-shingles is
 * at least this. Figures from near-duplicates.test.ts (estimate / exact Jaccard; 64-bit SimHash
 * Hamming distance of the same pairs, for comparison):
 *
 * - same text: 1.00 / 1.00 (SimHash 0); with other spacing, case, quotes and diacritics: 1.00;
 * - wire copy (196 words) reposted with a new headline, no dateline, five edited words: 0.79 / 0.77 (10);
 * - the same wire copy cut after its fourth paragraph (140 words): 0.71 / 0.71 (10);
 * - a 44-word brief with a new headline and three edited words: 0.44 / 0.48 (19);
 * - another event written from the same wire template (stock sentences shared): 0.17 / 0.13 (27);
 * - a different outlet's own report of the same event (same facts, other wording): 0.02 / 0.01 (34).
 *
 * Short items are the hard case: every edited word removes three of a few dozen shingles. 0.35 lies
 * between 0.13–0.17 and 0.44–0.48, more than two standard errors from each. Bands of 3 rows × 42 put
 * the LSH curve's middle near 0.29: a pair at 0.48 becomes a candidate with probability 0.99
 * (1 - (1 - 0.48^3)^42), one at 0.35 with 0.84, one at 0.17 with 0.20 and one at 0.01 with 0.00004,
 * so candidates stay few and lightly edited copies are hardly ever missed.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.35;

/** The murmur3 finalizer: a bijection on 32-bit values with full avalanche. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One fixed seed per permutation from a splitmix32 sequence: constants, never Math.random. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(PERMUTATIONS);
  let state = 0x5eed1e55;
  for (let i = 0; i < PERMUTATIONS; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(state);
  }
  return seeds;
})();

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a32(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/**
 * The words that decide similarity: compatibility-folded, without diacritics, lower case, letters and
 * digits only, so re-typeset copy (curly quotes, dashes, non-breaking spaces, capitals) stays identical.
 */
export function shingleWords(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/** Order-sensitive combination of a shingle's word hashes. */
function shingleHash(words: Uint32Array, start: number, count: number): number {
  let h = 0x9747b28c;
  for (let i = start; i < start + count; i++) {
    h = Math.imul(h ^ (words[i] ?? 0), 0xcc9e2d51);
    h = ((h << 15) | (h >>> 17)) >>> 0;
  }
  return fmix32(h ^ count);
}

/** The MinHash fingerprint of a text: FINGERPRINT_LENGTH lower-case hex characters. */
export function fingerprint(text: string): string {
  const words = shingleWords(text);
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a32(words[i] ?? '');
  // A text shorter than a shingle is one shingle of all its words (none at all for an empty text).
  const width = Math.min(SHINGLE_WORDS, words.length);
  const shingles = Math.max(1, words.length - width + 1);
  const minima = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (let s = 0; s < shingles; s++) {
    const h = shingleHash(hashes, s, width);
    for (let p = 0; p < PERMUTATIONS; p++) {
      const v = fmix32(h ^ (SEEDS[p] ?? 0));
      if (v < (minima[p] ?? 0)) minima[p] = v;
    }
  }
  let hex = '';
  for (let p = 0; p < PERMUTATIONS; p++) {
    hex += ((minima[p] ?? 0) & 0xffff).toString(16).padStart(HEX_PER_VALUE, '0');
  }
  return hex;
}

const FINGERPRINT = new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`);

function check(value: string): string {
  if (!FINGERPRINT.test(value)) {
    throw new ParallaxError(
      'INPUT_INVALID',
      `not a near-duplicate fingerprint (want ${FINGERPRINT_LENGTH} lower-case hex characters)`,
    );
  }
  return value;
}

/**
 * LSH keys of a fingerprint, `bb:hhhhhhhhhhhh` (band number, then its 3 values). Two documents
 * whose similarity reaches the threshold share at least one key with high probability (see
 * NEAR_DUPLICATE_THRESHOLD), so a store finds candidates by key and confirms them with isNearDuplicate.
 */
export function bandKeys(fp: string): string[] {
  const value = check(fp);
  const width = ROWS_PER_BAND * HEX_PER_VALUE;
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    keys.push(`${b.toString(16).padStart(2, '0')}:${value.slice(b * width, (b + 1) * width)}`);
  }
  return keys;
}

/** The estimated Jaccard similarity of the two texts' word 3-shingles, 0 to 1. */
export function similarity(a: string, b: string): number {
  const x = check(a);
  const y = check(b);
  let same = 0;
  for (let i = 0; i < FINGERPRINT_LENGTH; i += HEX_PER_VALUE) {
    if (x.slice(i, i + HEX_PER_VALUE) === y.slice(i, i + HEX_PER_VALUE)) same++;
  }
  return same / PERMUTATIONS;
}

/** True when two fingerprints are near-duplicates (similarity ≥ NEAR_DUPLICATE_THRESHOLD); symmetric. */
export function isNearDuplicate(a: string, b: string): boolean {
  return similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD;
}

export interface NearDuplicateInput {
  readonly id: string;
  readonly published?: string;
  readonly text: string;
}

/** Earliest published first (undated last), then smallest id: the copy every other one repeats. */
function earlier(a: NearDuplicateInput, b: NearDuplicateInput): boolean {
  if (a.published !== b.published) {
    if (a.published === undefined) return false;
    if (b.published === undefined) return true;
    return a.published < b.published;
  }
  return a.id < b.id;
}

/**
 * Maps every document id to the canonical member of its near-duplicate group (itself when it has no
 * near-duplicate). Groups are the connected components of the symmetric isNearDuplicate relation, so
 * the result does not depend on input order; a chain of light edits (A≈B, B≈C) forms one group even
 * when its ends have drifted apart. Candidates come only from shared band keys, never all pairs.
 * Ids must be unique.
 */
export function groupNearDuplicates(docs: readonly NearDuplicateInput[]): Map<string, string> {
  const prints = docs.map((d) => fingerprint(d.text));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    // Path compression keeps later finds flat.
    let node = i;
    while (parent[node] !== root) {
      const next = parent[node] ?? root;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const seen = new Set<string>();
  const buckets = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    if (seen.has(doc.id)) throw new ParallaxError('INPUT_INVALID', `document id ${doc.id} occurs twice`);
    seen.add(doc.id);
    for (const key of bandKeys(prints[i] ?? '')) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  for (const bucket of buckets.values()) {
    for (let x = 1; x < bucket.length; x++) {
      for (let y = 0; y < x; y++) {
        const i = bucket[x] ?? 0;
        const j = bucket[y] ?? 0;
        const ri = find(i);
        const rj = find(j);
        // Already joined: the comparison could not change anything, so a bucket of copies stays cheap.
        if (ri === rj) continue;
        if (isNearDuplicate(prints[i] ?? '', prints[j] ?? '')) parent[ri] = rj;
      }
    }
  }
  const canonical = new Map<number, NearDuplicateInput>();
  docs.forEach((doc, i) => {
    const root = find(i);
    const best = canonical.get(root);
    if (best === undefined || earlier(doc, best)) canonical.set(root, doc);
  });
  const out = new Map<string, string>();
  docs.forEach((doc, i) => out.set(doc.id, canonical.get(find(i))?.id ?? doc.id));
  return out;
}
