/**
 * Word clusters learned from unlabeled English news (the non-CoNLL corpora in ../shared/data): each
 * frequent word's left and right neighbours are counted, weighted by positive PMI, projected to a few
 * dense dimensions with a seeded random projection, and split by spherical k-means into a three-level
 * hierarchy (16 × 16 × 8 leaves). A word's cluster path gives features at three granularities, like the
 * bit-string prefixes of Brown clusters. Everything is deterministic for a given seed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './hash.js';

/** Branching per level; a path is l1 * 128 + l2 * 8 + l3. */
export const CLUSTER_LEVELS = [16, 16, 8] as const;
export const CLUSTER_SHIFT = [7, 3, 0] as const;

/** The key a word is clustered under: lower case, every digit 0. */
export function clusterKey(lower: string): string {
  return /\d/.test(lower) ? lower.replace(/\d/g, '0') : lower;
}

const TOKEN =
  /(?:\p{L}\.){2,}|['’]s(?!\p{L})|n['’]t(?!\p{L})|\p{L}+(?:[-&]\p{L}+)*|\p{N}+(?:[.,:/-]\p{N}+)*|\S/gu;

/** Penn-like tokens of raw text, for counting only. */
export function roughTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Raw English text of the unlabeled corpora under `sharedData` (never CoNLL): PolNeAr news articles,
 * the SemEval-2020 propaganda articles, the geoparsing news XML and MUC-4 (all lower case). Missing
 * folders are skipped; the list of what was read comes back for the model header.
 */
export function readUnlabeledCorpora(sharedData: string): { texts: string[]; sources: string[] } {
  const texts: string[] = [];
  const sources: string[] = [];
  const addFiles = (label: string, files: string[], extract: (s: string) => string[]): void => {
    if (files.length === 0) return;
    for (const f of files) texts.push(...extract(readFileSync(f, 'utf8')));
    sources.push(`${label} (${files.length} files)`);
  };
  const whole = (s: string): string[] => [s];
  addFiles(
    'polnear text',
    [
      ...filesUnder(join(sharedData, 'polnear', 'train', 'text'), '.txt'),
      ...filesUnder(join(sharedData, 'polnear', 'dev', 'text'), '.txt'),
    ],
    whole,
  );
  addFiles(
    'semeval2020_task11_ptc train-articles',
    filesUnder(join(sharedData, 'semeval2020_task11_ptc', 'train-articles'), '.txt'),
    whole,
  );
  addFiles('geoparsing', filesUnder(join(sharedData, 'geoparsing'), '.xml'), (s) =>
    [...s.matchAll(/<text>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/text>/g)].map((m) => m[1] ?? ''),
  );
  addFiles(
    'muc4 ree_du_cardie_2020',
    filesUnder(join(sharedData, 'muc4', 'ree_du_cardie_2020'), '.json'),
    (s) =>
      [...s.matchAll(/"doctext":\s*"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => JSON.parse(`"${m[1] ?? ''}"`) as string,
      ),
  );
  return { texts, sources };
}

export interface ClusterOptions {
  readonly seed: number;
  readonly vocabulary?: number;
  readonly contexts?: number;
  readonly dims?: number;
  readonly minCount?: number;
  readonly iterations?: number;
}

/** Spherical k-means of the rows `members` of `vec` (dims `d`, unit rows) into k groups; returns group per member. */
function kmeans(
  vec: Float32Array,
  d: number,
  members: readonly number[],
  k: number,
  iterations: number,
  random: () => number,
): Int32Array {
  const assign = new Int32Array(members.length);
  if (members.length <= k) {
    for (let i = 0; i < members.length; i++) assign[i] = i;
    return assign;
  }
  const centers = new Float64Array(k * d);
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let m = Math.floor(random() * members.length);
    while (picked.has(m)) m = (m + 1) % members.length;
    picked.add(m);
    const row = (members[m] as number) * d;
    for (let j = 0; j < d; j++) centers[c * d + j] = vec[row + j] as number;
  }
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < members.length; i++) {
      const row = (members[i] as number) * d;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const base = c * d;
        for (let j = 0; j < d; j++) s += (vec[row + j] as number) * (centers[base + j] as number);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assign[i] = best;
    }
    centers.fill(0);
    for (let i = 0; i < members.length; i++) {
      const row = (members[i] as number) * d;
      const base = (assign[i] as number) * d;
      for (let j = 0; j < d; j++)
        centers[base + j] = (centers[base + j] as number) + (vec[row + j] as number);
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += (centers[c * d + j] as number) ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) {
        // An empty cluster takes a random member.
        const row = (members[Math.floor(random() * members.length)] as number) * d;
        for (let j = 0; j < d; j++) centers[c * d + j] = vec[row + j] as number;
      } else {
        for (let j = 0; j < d; j++) centers[c * d + j] = (centers[c * d + j] as number) / norm;
      }
    }
  }
  return assign;
}

/**
 * Computes cluster paths for the most frequent words of `texts`.
 * @returns word key (see clusterKey) → path (l1 * 128 + l2 * 8 + l3)
 */
export function computeClusters(texts: readonly string[], options: ClusterOptions): Map<string, number> {
  const vocabSize = options.vocabulary ?? 40_000;
  const contextSize = options.contexts ?? 800;
  const dims = options.dims ?? 96;
  const minCount = options.minCount ?? 3;
  const iterations = options.iterations ?? 8;
  const random = seededRandom(options.seed);

  // Token ids over the whole text; -1 marks a document boundary.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const freq: number[] = [];
  const stream: number[] = [];
  for (const text of texts) {
    stream.push(-1);
    for (const t of roughTokens(text)) {
      const key = clusterKey(t.toLowerCase());
      let id = ids.get(key);
      if (id === undefined) {
        id = names.length;
        ids.set(key, id);
        names.push(key);
        freq.push(0);
      }
      freq[id] = (freq[id] as number) + 1;
      stream.push(id);
    }
  }
  stream.push(-1);
  const byFreq = names
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (freq[b] as number) - (freq[a] as number) || ((names[a] as string) < (names[b] as string) ? -1 : 1),
    );
  const vocab = byFreq.filter((i) => (freq[i] as number) >= minCount).slice(0, vocabSize);
  const row = new Int32Array(names.length).fill(-1);
  vocab.forEach((id, r) => (row[id] = r));
  const ctx = new Int32Array(names.length).fill(-1);
  byFreq.slice(0, contextSize).forEach((id, c) => (ctx[id] = c));
  const width = 2 * contextSize;
  const counts = new Float32Array(vocab.length * width);
  for (let i = 0; i < stream.length; i++) {
    const w = stream[i] as number;
    if (w < 0) continue;
    const r = row[w] as number;
    if (r < 0) continue;
    const left = stream[i - 1] ?? -1;
    const right = stream[i + 1] ?? -1;
    const cl = left >= 0 ? (ctx[left] as number) : -1;
    const cr = right >= 0 ? (ctx[right] as number) : -1;
    if (cl >= 0) counts[r * width + cl] = (counts[r * width + cl] as number) + 1;
    if (cr >= 0) counts[r * width + contextSize + cr] = (counts[r * width + contextSize + cr] as number) + 1;
  }
  // Positive PMI with context-distribution smoothing (alpha 0.75).
  const rowSum = new Float64Array(vocab.length);
  const colSum = new Float64Array(width);
  for (let r = 0; r < vocab.length; r++) {
    for (let c = 0; c < width; c++) {
      const v = counts[r * width + c] as number;
      rowSum[r] = (rowSum[r] as number) + v;
      colSum[c] = (colSum[c] as number) + v;
    }
  }
  let colTotal = 0;
  for (let c = 0; c < width; c++) {
    colSum[c] = Math.pow(colSum[c] as number, 0.75);
    colTotal += colSum[c] as number;
  }
  // Random projection: each context dimension gets a seeded ±1 vector.
  const proj = new Float32Array(width * dims);
  for (let i = 0; i < proj.length; i++) proj[i] = random() < 0.5 ? -1 : 1;
  const vec = new Float32Array(vocab.length * dims);
  for (let r = 0; r < vocab.length; r++) {
    const rs = rowSum[r] as number;
    if (rs === 0) continue;
    for (let c = 0; c < width; c++) {
      const v = counts[r * width + c] as number;
      if (v === 0) continue;
      const pmi = Math.log((v * colTotal) / (rs * (colSum[c] as number)));
      if (pmi <= 0) continue;
      for (let j = 0; j < dims; j++)
        vec[r * dims + j] = (vec[r * dims + j] as number) + pmi * (proj[c * dims + j] as number);
    }
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (vec[r * dims + j] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dims; j++) vec[r * dims + j] = (vec[r * dims + j] as number) / norm;
  }
  // Three-level hierarchy.
  const path = new Int32Array(vocab.length);
  let groups: number[][] = [vocab.map((_, r) => r)];
  for (let level = 0; level < CLUSTER_LEVELS.length; level++) {
    const k = CLUSTER_LEVELS[level] as number;
    const shift = CLUSTER_SHIFT[level] as number;
    const next: number[][] = [];
    for (const members of groups) {
      const assign = kmeans(vec, dims, members, k, iterations, random);
      const parts: number[][] = Array.from({ length: k }, () => []);
      members.forEach((m, i) => {
        const a = assign[i] as number;
        path[m] = (path[m] as number) + (a << shift);
        (parts[a] as number[]).push(m);
      });
      next.push(...parts.filter((p) => p.length > 0));
    }
    groups = next;
  }
  const out = new Map<string, number>();
  vocab.forEach((id, r) => out.set(names[id] as string, path[r] as number));
  return out;
}

export function serializeClusters(clusters: ReadonlyMap<string, number>): string {
  return [...clusters.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w, p]) => `${w}\t${p}`)
    .join('\n');
}

export function parseClusters(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return out;
}
