/** formatCorpusReport: a corpus/v1 report as a plain-text table for the terminal. */
import type { SectionScore } from '../gold/metrics.js';
import type { CorpusReport } from './score.js';

function fig(value: number | null): string {
  return value === null ? '  n/a' : value.toFixed(3);
}

// The same columns as the gold/v1 report, so the two read alike.
function row(name: string, s: SectionScore): string {
  const counts = `${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
  return `${name.padEnd(18)} ${fig(s.precision).padStart(6)} ${fig(s.recall).padStart(6)} ${fig(s.f1).padStart(6)}  ${counts}`;
}

function matchLines(report: CorpusReport): string[] {
  return report.clustering.matches.map((m) => {
    const target =
      m.system === null
        ? 'no system cluster'
        : `${m.system} (${m.overlap}/${m.members} members, ${m.extra} other)`;
    return `  ${m.gold}${m.optional ? ' (optional)' : ''} → ${target}`;
  });
}

function mergeLine(report: CorpusReport): string {
  const merged = report.clustering.mergedClusters;
  if (merged.length === 0) return '  gold clusters merged: no';
  return `  gold clusters merged: yes: ${merged.map((m) => `${m.a} + ${m.b} in ${m.systems.join(', ')}`).join('; ')}`;
}

/**
 * Clustering (pairwise P / R / F1 with tp / fp / fn over document pairs, each gold cluster's match,
 * merges), figure coverage, then conflicts (P / R / F1, by kind, and what was missed). Undefined
 * figures print as "n/a".
 * @example process.stdout.write(formatCorpusReport(scoreCorpus(gold, answer)));
 */
export function formatCorpusReport(report: CorpusReport): string {
  const { clustering, figures, conflicts } = report;
  const lines = [
    `system: ${report.system ?? '(unnamed)'}`,
    `documents ${report.documents}; clusters: gold ${report.goldClusters}, system ${report.systemClusters}`,
    ...(report.unknownDocuments.length > 0
      ? [`  answer names documents the corpus lacks: ${report.unknownDocuments.join(', ')}`]
      : []),
    `${'section'.padEnd(18)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
    row('clustering (pairs)', clustering),
    mergeLine(report),
    ...matchLines(report),
    `figures coverage ${fig(figures.coverage)} (${figures.found}/${figures.total})`,
    ...figures.missed.map((m) => `  missed ${m.cluster} ${m.field} ${m.doc}=${m.value}`),
    row('conflicts', conflicts),
    row('  figure', conflicts.figure),
    row('  claim', conflicts.claim),
    ...conflicts.matches.missed.map((label) => `  missed ${label}`),
    ...conflicts.matches.spurious.map((label) => `  spurious ${label}`),
  ];
  return `${lines.join('\n')}\n`;
}
