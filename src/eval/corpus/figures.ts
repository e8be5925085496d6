/** corpus/v1 figures: the share of gold (document, value) pairs the matched system cluster reports. */
import { ratio } from '../gold/metrics.js';
import { normalizeGoldText } from '../gold/normalize.js';
import type { CorpusCluster } from './format.js';
import type { ClusterMatching } from './clustering.js';

/** A gold figure the system did not report on the matched cluster, for the report. */
export interface MissedFigure {
  readonly cluster: string;
  readonly field: string;
  readonly doc: string;
  readonly value: number;
}

export interface FiguresScore {
  readonly found: number;
  readonly total: number;
  /** found / total; null when gold states no required figure */
  readonly coverage: number | null;
  readonly missed: readonly MissedFigure[];
}

// A field compares like every other string of the format (normalized: `Killed` = `killed`).
function fieldKey(field: string): string {
  return normalizeGoldText(field);
}

function valueKey(doc: string, value: number): string {
  return `${doc}\u0000${value}`;
}

/** field → the (document, value) pairs a cluster reports for it. */
function reported(cluster: CorpusCluster | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [field, values] of Object.entries(cluster?.figures ?? {})) {
    const set = out.get(fieldKey(field)) ?? new Set<string>();
    for (const v of values) set.add(valueKey(v.doc, v.value));
    out.set(fieldKey(field), set);
  }
  return out;
}

/**
 * Over every required gold cluster and field together, each distinct (document, value) pair counts
 * once; it is found when the system cluster matched to that gold cluster lists the same document
 * with the same value under the same field. Optional clusters and optional values count nowhere.
 * @example scoreFigures(gold.clusters, answer.clusters, matching).coverage
 */
export function scoreFigures(
  gold: readonly CorpusCluster[],
  system: readonly CorpusCluster[],
  matching: ClusterMatching,
): FiguresScore {
  let found = 0;
  let total = 0;
  const missed: MissedFigure[] = [];
  gold.forEach((g, i) => {
    if (g.optional === true) return;
    const j = matching[i] ?? null;
    const sys = reported(j === null ? undefined : system[j]);
    // Two fields that normalize alike are one field, so a pair is counted once across them.
    const seen = new Set<string>();
    for (const [field, values] of Object.entries(g.figures)) {
      const have = sys.get(fieldKey(field));
      for (const v of values) {
        const k = valueKey(v.doc, v.value);
        const counted = `${fieldKey(field)}\u0000${k}`;
        if (v.optional === true || seen.has(counted)) continue;
        seen.add(counted);
        total += 1;
        if (have?.has(k) === true) found += 1;
        else missed.push({ cluster: g.key, field, doc: v.doc, value: v.value });
      }
    }
  });
  return { found, total, coverage: ratio(found, total), missed };
}
