/** Scores the analysis of every gold/v1 file under a folder: the project's accuracy figure on the examples. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeForGold } from '../export/analyze-for-gold.js';
import { assertGoldFile, loadGoldFile } from './gold/load.js';
import { scoreGold, type GoldReport } from './gold/score.js';

export interface ExampleScore {
  readonly gold: string;
  readonly report: GoldReport;
}

/** Every JSON file under `dir` whose `format` is gold/v1 (corpus files and others are skipped). */
export function findGoldFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findGoldFiles(p));
    else if (name.endsWith('.json')) {
      try {
        const json = JSON.parse(readFileSync(p, 'utf8')) as { format?: unknown };
        if (json.format === 'gold/v1') out.push(p);
      } catch {
        // Not JSON we can read: not a gold file.
      }
    }
  }
  return out;
}

export async function scoreExamples(dir: string): Promise<{ scores: ExampleScore[]; mean: number | null }> {
  const scores: ExampleScore[] = [];
  for (const goldPath of findGoldFiles(dir)) {
    const gold = loadGoldFile(goldPath, 'gold');
    if (gold.articlePath === null || gold.file.document === undefined) continue;
    const answer = await analyzeForGold(
      gold.articlePath,
      gold.file.document.published,
      gold.file.document.language,
    );
    const report = scoreGold(gold.file, assertGoldFile(answer, goldPath, 'answer'), gold.articleText ?? '');
    scores.push({ gold: goldPath, report });
  }
  const overall = scores.flatMap((s) => (s.report.overall === null ? [] : [s.report.overall]));
  return { scores, mean: overall.length > 0 ? overall.reduce((a, b) => a + b, 0) / overall.length : null };
}
