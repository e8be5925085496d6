/** corpus/v1 conflicts: figure disputes on the matched cluster and claim conflicts by document, speaker, stance. */
import { assignGreedy, type Assignment, type Candidate } from '../gold/assign.js';
import { describeAssignment, sectionScore, type SectionMatches, type SectionScore } from '../gold/metrics.js';
import { entityKey, normalizeGoldText } from '../gold/normalize.js';
import type {
  CorpusClaimSide,
  CorpusCluster,
  CorpusConflict,
  CorpusFigureConflict,
  CorpusClaimConflict,
} from './format.js';
import type { ClusterMatching } from './clustering.js';

export interface ConflictsScore extends SectionScore {
  /** the same counts over figure conflicts only */
  readonly figure: SectionScore;
  /** the same counts over claim conflicts only */
  readonly claim: SectionScore;
  readonly matches: SectionMatches;
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/**
 * The gold side's speaker must equal (as an entity name) the system speaker or one of its aliases;
 * the stance must agree only where gold states one. An empty name (punctuation only) matches nothing.
 */
export function sideMatches(gold: CorpusClaimSide, system: CorpusClaimSide): boolean {
  if (gold.doc !== system.doc) return false;
  if (gold.stance !== undefined && gold.stance !== system.stance) return false;
  const wanted = entityKey(gold.speaker);
  if (wanted === '') return false;
  return [system.speaker, ...(system.aliases ?? [])].some((name) => entityKey(name) === wanted);
}

function claimMatches(gold: CorpusClaimConflict, system: CorpusClaimConflict): boolean {
  return (
    (sideMatches(gold.a, system.a) && sideMatches(gold.b, system.b)) ||
    (sideMatches(gold.a, system.b) && sideMatches(gold.b, system.a))
  );
}

/** The system conflict must be filed under the cluster matched to the gold conflict's cluster. */
function figureMatches(
  gold: CorpusFigureConflict,
  system: CorpusFigureConflict,
  matchedKey: string | null,
): boolean {
  return (
    matchedKey !== null &&
    system.cluster === matchedKey &&
    normalizeGoldText(system.field) === normalizeGoldText(gold.field) &&
    sameValues(gold.values, system.values)
  );
}

export function conflictLabel(c: CorpusConflict): string {
  if (c.kind === 'figure') return `${c.cluster} ${c.field} {${c.values.join(', ')}}`;
  const side = (s: CorpusClaimSide): string => `${s.doc}:${s.speaker}${s.stance ? `/${s.stance}` : ''}`;
  return `${c.cluster} ${side(c.a)} × ${side(c.b)}`;
}

/** tp / fp / fn of one kind, read off the shared assignment. */
function countKind(
  kind: CorpusConflict['kind'],
  assignment: Assignment,
  gold: readonly CorpusConflict[],
  system: readonly CorpusConflict[],
): SectionScore {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  gold.forEach((g, i) => {
    if (g.kind !== kind || g.optional === true) return;
    if (assignment.goldToSystem.has(i)) tp += 1;
    else fn += 1;
  });
  system.forEach((s, j) => {
    if (s.kind === kind && !assignment.systemToGold.has(j)) fp += 1;
  });
  return sectionScore(tp, fp, fn);
}

/**
 * One-to-one greedy assignment (gold/v1's rule: required gold first, then file order; every
 * candidate is of equal quality) between gold and system conflicts of the same kind. Every system
 * conflict counts for precision except one matched to an optional gold conflict.
 * @example scoreConflicts(gold, answer, matching).recall
 */
export function scoreConflicts(
  goldClusters: readonly CorpusCluster[],
  gold: readonly CorpusConflict[],
  systemClusters: readonly CorpusCluster[],
  system: readonly CorpusConflict[],
  matching: ClusterMatching,
): ConflictsScore {
  const goldIndex = new Map(goldClusters.map((c, i) => [c.key, i]));
  const matchedKey = (goldKey: string): string | null => {
    const j = matching[goldIndex.get(goldKey) ?? -1] ?? null;
    return j === null ? null : (systemClusters[j]?.key ?? null);
  };
  const candidates: Candidate[] = [];
  gold.forEach((g, i) => {
    system.forEach((s, j) => {
      const ok =
        g.kind === 'figure'
          ? s.kind === 'figure' && figureMatches(g, s, matchedKey(g.cluster))
          : s.kind === 'claim' && claimMatches(g, s);
      if (ok) candidates.push({ gold: i, system: j, quality: 0 });
    });
  });
  const goldOptional = gold.map((g) => g.optional === true);
  const assignment = assignGreedy(candidates, goldOptional);
  const figure = countKind('figure', assignment, gold, system);
  const claim = countKind('claim', assignment, gold, system);
  const all = system.map((_, j) => j);
  return {
    ...sectionScore(figure.tp + claim.tp, figure.fp + claim.fp, figure.fn + claim.fn),
    figure,
    claim,
    matches: describeAssignment(
      assignment,
      gold.map(conflictLabel),
      system.map(conflictLabel),
      goldOptional,
      all,
    ),
  };
}
