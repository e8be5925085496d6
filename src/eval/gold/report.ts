/** formatGoldReport: a gold/v1 report as a plain-text table for the terminal. */
import type { SectionScore } from './metrics.js';
import type { GoldReport } from './score.js';

function fig(value: number | null): string {
  return value === null ? '  n/a' : value.toFixed(3);
}

function row(name: string, s: SectionScore): string {
  const counts = `${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
  return `${name.padEnd(18)} ${fig(s.precision).padStart(6)} ${fig(s.recall).padStart(6)} ${fig(s.f1).padStart(6)}  ${counts}`;
}

function extra(text: string): string {
  return `  ${text}`;
}

/**
 * Per section P / R / F1 with tp / fp / fn, the extra figures under their section, then the overall
 * macro F1. Undefined figures print as "n/a".
 * @example process.stdout.write(formatGoldReport(scoreGold(gold, answer, article)));
 */
export function formatGoldReport(report: GoldReport): string {
  const lines = [
    `system: ${report.system ?? '(unnamed)'}`,
    `${'section'.padEnd(18)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
    row('entities', report.entities),
    extra(`alias recall ${fig(report.entities.aliasRecall)}`),
    row('places', report.places),
    extra(`accuracy@161km ${fig(report.places.recall)}  precision ${fig(report.places.precision)}`),
    row('events (strict)', report.events),
    row('events (typed)', report.events.typed),
    row('quotes', report.quotes),
    extra(`kind share ${fig(report.quotes.kindShare)}  stance share ${fig(report.quotes.stanceShare)}`),
    row('contradictions', report.contradictions),
    row('markers', report.markers),
    `overall macro F1 ${fig(report.overall)} over ${report.scoredSections.length} section(s)` +
      (report.scoredSections.length > 0 ? `: ${report.scoredSections.join(', ')}` : ''),
  ];
  return `${lines.join('\n')}\n`;
}
