/** corpus/v1 clustering: gold-to-system cluster matches, pairwise P/R/F1 over document pairs, merges. */
import { sectionScore, type SectionScore } from '../gold/metrics.js';
import type { CorpusCluster } from './format.js';

/** Which system cluster (index) each gold cluster (index) matched; null when it shares no document. */
export type ClusterMatching = readonly (number | null)[];

/** One gold cluster's match, for the report. */
export interface ClusterMatch {
  readonly gold: string;
  readonly system: string | null;
  /** gold members found in the matched system cluster */
  readonly overlap: number;
  /** distinct gold members */
  readonly members: number;
  /** documents of the matched system cluster that are not gold members */
  readonly extra: number;
  readonly optional: boolean;
}

/** Two gold clusters that one system cluster brought together. */
export interface MergedClusters {
  readonly a: string;
  readonly b: string;
  /** the system clusters that merged them, in system file order */
  readonly systems: readonly string[];
}

export interface ClusteringScore extends SectionScore {
  readonly matches: readonly ClusterMatch[];
  readonly merged: boolean;
  readonly mergedClusters: readonly MergedClusters[];
}

function memberSet(cluster: CorpusCluster): Set<string> {
  return new Set(cluster.members);
}

// An unordered pair as one string; ids cannot contain NUL in practice, and the order is fixed.
function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/** Every unordered pair of distinct documents that share one of the clusters, as a set. */
function pairsOf(clusters: readonly CorpusCluster[]): Set<string> {
  const pairs = new Set<string>();
  for (const c of clusters) {
    const ids = [...memberSet(c)];
    for (let i = 0; i < ids.length; i += 1) {
      for (let j = i + 1; j < ids.length; j += 1) pairs.add(pairKey(ids[i] ?? '', ids[j] ?? ''));
    }
  }
  return pairs;
}

/**
 * For each gold cluster, the system cluster holding most of its members. Ties go to the system
 * cluster with fewer documents outside the gold cluster (the purer one), then to the earlier one in
 * the answer. Not one-to-one: two gold clusters may match the same system cluster (a merge).
 * @example matchClusters([{ key: 'g', members: ['a'] }], [{ key: 's', members: ['a'] }]) // [0]
 */
export function matchClusters(
  gold: readonly CorpusCluster[],
  system: readonly CorpusCluster[],
): ClusterMatching {
  const systemSets = system.map(memberSet);
  return gold.map((g) => {
    const members = memberSet(g);
    let best: number | null = null;
    let bestOverlap = 0;
    let bestExtra = 0;
    for (const [j, s] of systemSets.entries()) {
      let overlap = 0;
      for (const id of s) if (members.has(id)) overlap += 1;
      const extra = s.size - overlap;
      if (overlap > bestOverlap || (overlap > 0 && overlap === bestOverlap && extra < bestExtra)) {
        best = j;
        bestOverlap = overlap;
        bestExtra = extra;
      }
    }
    return best;
  });
}

/**
 * Pairs of required gold clusters that a system cluster merged: both matched it, or it holds a
 * document of each. A document that both gold clusters list proves nothing (a report of two
 * happenings belongs with both), so "holds" counts only documents of one and not the other.
 */
function findMerges(
  gold: readonly CorpusCluster[],
  system: readonly CorpusCluster[],
  matching: ClusterMatching,
): MergedClusters[] {
  const goldSets = gold.map(memberSet);
  const required = gold.map((_, i) => i).filter((i) => gold[i]?.optional !== true);
  // doc → required gold clusters listing it, so each system cluster only looks at clusters it touches.
  const byDoc = new Map<string, number[]>();
  for (const i of required) {
    for (const id of goldSets[i] ?? []) byDoc.set(id, [...(byDoc.get(id) ?? []), i]);
  }
  const merged = new Map<string, { a: number; b: number; systems: Set<number> }>();
  const note = (a: number, b: number, s: number): void => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const k = `${x},${y}`;
    const entry = merged.get(k) ?? { a: x, b: y, systems: new Set<number>() };
    entry.systems.add(s);
    merged.set(k, entry);
  };
  system.forEach((s, j) => {
    const held = new Map<number, Set<string>>();
    for (const id of memberSet(s)) {
      for (const g of byDoc.get(id) ?? []) held.set(g, (held.get(g) ?? new Set<string>()).add(id));
    }
    const touched = [...held.keys()];
    for (let p = 0; p < touched.length; p += 1) {
      for (let q = p + 1; q < touched.length; q += 1) {
        const a = touched[p] ?? 0;
        const b = touched[q] ?? 0;
        const onlyA = [...(held.get(a) ?? [])].some((id) => !(goldSets[b]?.has(id) ?? false));
        const onlyB = [...(held.get(b) ?? [])].some((id) => !(goldSets[a]?.has(id) ?? false));
        if (onlyA && onlyB) note(a, b, j);
      }
    }
  });
  for (let p = 0; p < required.length; p += 1) {
    for (let q = p + 1; q < required.length; q += 1) {
      const a = required[p] ?? 0;
      const b = required[q] ?? 0;
      const s = matching[a];
      if (s !== null && s !== undefined && s === matching[b]) note(a, b, s);
    }
  }
  return [...merged.values()]
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((m) => ({
      a: gold[m.a]?.key ?? '',
      b: gold[m.b]?.key ?? '',
      systems: [...m.systems].sort((x, y) => x - y).map((j) => system[j]?.key ?? ''),
    }));
}

/**
 * Pairwise scores over unordered document pairs that share a cluster (each pair once, however many
 * clusters it shares). Pairs only optional gold clusters hold count nowhere: not missed when the
 * system lacks them, not false when it has them.
 * @example scoreClustering(gold.clusters, answer.clusters, matchClusters(gold.clusters, answer.clusters)).f1
 */
export function scoreClustering(
  gold: readonly CorpusCluster[],
  system: readonly CorpusCluster[],
  matching: ClusterMatching,
): ClusteringScore {
  const required = pairsOf(gold.filter((c) => c.optional !== true));
  const optional = pairsOf(gold.filter((c) => c.optional === true));
  const found = pairsOf(system);
  let tp = 0;
  let fp = 0;
  for (const pair of found) {
    if (required.has(pair)) tp += 1;
    else if (!optional.has(pair)) fp += 1;
  }
  const fn = required.size - tp;
  const systemSets = system.map(memberSet);
  const matches = gold.map((g, i): ClusterMatch => {
    const members = memberSet(g);
    const j = matching[i] ?? null;
    const s = j === null ? new Set<string>() : (systemSets[j] ?? new Set<string>());
    let overlap = 0;
    for (const id of s) if (members.has(id)) overlap += 1;
    return {
      gold: g.key,
      system: j === null ? null : (system[j]?.key ?? null),
      overlap,
      members: members.size,
      extra: s.size - overlap,
      optional: g.optional === true,
    };
  });
  const mergedClusters = findMerges(gold, system, matching);
  return {
    ...sectionScore(tp, fp, fn),
    matches,
    merged: mergedClusters.length > 0,
    mergedClusters,
  };
}
