/** scoreCorpus: a corpus/v1 answer against corpus/v1 gold, section by section. */
import { matchClusters, scoreClustering, type ClusteringScore } from './clustering.js';
import { scoreConflicts, type ConflictsScore } from './conflicts.js';
import { scoreFigures, type FiguresScore } from './figures.js';
import type { CorpusFile } from './format.js';

export interface CorpusReport {
  /** the answer's `system` ("NAME VERSION"), null when it names none */
  readonly system: string | null;
  readonly documents: number;
  readonly goldClusters: number;
  readonly systemClusters: number;
  /**
   * Document ids the answer's clusters name that the gold corpus does not list. They still count
   * (a pair with such a document can only be a false pair); listed so a mismatched answer shows.
   */
  readonly unknownDocuments: readonly string[];
  readonly clustering: ClusteringScore;
  readonly figures: FiguresScore;
  readonly conflicts: ConflictsScore;
}

function unknownDocuments(gold: CorpusFile, system: CorpusFile): string[] {
  const known = new Set(gold.documents.map((d) => d.id));
  const unknown = new Set<string>();
  for (const c of system.clusters) for (const id of c.members) if (!known.has(id)) unknown.add(id);
  return [...unknown].sort();
}

/**
 * Scores a system's answer against gold, both parsed corpus/v1 files (see README.md for the rules).
 * Pure: no file is read.
 * @example
 * const report = scoreCorpus(loadCorpusFile('corpus.json'), loadCorpusFile('answer.json', 'answer'));
 * report.clustering.f1; report.figures.coverage; report.conflicts.recall;
 */
export function scoreCorpus(gold: CorpusFile, system: CorpusFile): CorpusReport {
  const matching = matchClusters(gold.clusters, system.clusters);
  return {
    system: system.system ?? null,
    documents: gold.documents.length,
    goldClusters: gold.clusters.length,
    systemClusters: system.clusters.length,
    unknownDocuments: unknownDocuments(gold, system),
    clustering: scoreClustering(gold.clusters, system.clusters, matching),
    figures: scoreFigures(gold.clusters, system.clusters, matching),
    conflicts: scoreConflicts(gold.clusters, gold.conflicts, system.clusters, system.conflicts, matching),
  };
}
