/** `parallax eval …`: scores the engine against annotated files; `eval gold` compares gold/v1 files. */
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { assertGoldFile, loadGoldFile } from '../../eval/gold/load.js';
import { formatGoldReport } from '../../eval/gold/report.js';
import type { GoldFile } from '../../eval/gold/schema.js';
import { registerEvalConll } from './eval-conll.js';
import { registerEvalCorpus } from './eval-corpus.js';
import { registerEvalGeo } from './eval-geo.js';
import { registerEvalMuc4 } from './eval-muc4.js';
import { registerEvalPlover } from './eval-plover.js';
import { registerEvalPolnear } from './eval-polnear.js';
import { registerEvalPtc } from './eval-ptc.js';
import { scoreGold, type GoldReport } from '../../eval/gold/score.js';

interface EvalGoldOptions {
  readonly system?: string;
  readonly json?: boolean;
}

/** What this command needs from the analysis exporter; loaded lazily so scoring a saved answer never loads the NLP stack. */
interface GoldAnalyzer {
  analyzeForGold(textPath: string, published: string | undefined, language: string): Promise<unknown>;
}

interface FileResult {
  readonly gold: string;
  readonly system: string | null;
  readonly report: GoldReport;
}

async function loadAnalyzer(): Promise<GoldAnalyzer> {
  try {
    const mod: GoldAnalyzer = await import('../../export/analyze-for-gold.js');
    return mod;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParallaxError('INTERNAL', `cannot load the gold/v1 analyser: ${reason}`, { cause: error });
  }
}

async function analyzeAnew(goldPath: string, file: GoldFile, articlePath: string | null): Promise<GoldFile> {
  if (file.document === undefined || articlePath === null) {
    throw new ParallaxError('GOLD_INVALID', `${goldPath}: has no document.text_file to analyse`);
  }
  const analyzer = await loadAnalyzer();
  const answer = await analyzer.analyzeForGold(articlePath, file.document.published, file.document.language);
  return assertGoldFile(answer, `the analysis of ${articlePath}`, 'answer');
}

async function scoreFile(goldPath: string, systemPath: string | undefined): Promise<FileResult> {
  const gold = loadGoldFile(goldPath, 'gold');
  const answer =
    systemPath !== undefined
      ? loadGoldFile(systemPath, 'answer').file
      : await analyzeAnew(goldPath, gold.file, gold.articlePath);
  return {
    gold: goldPath,
    system: systemPath ?? null,
    report: scoreGold(gold.file, answer, gold.articleText ?? ''),
  };
}

/** Mean of the defined overall figures; a file whose gold has no required item has none. */
function meanOverall(results: readonly FileResult[]): { mean: number | null; count: number } {
  const values = results.flatMap((r) => (r.report.overall === null ? [] : [r.report.overall]));
  return {
    mean: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
    count: values.length,
  };
}

function registerEvalGold(group: Command): void {
  group
    .command('gold')
    .description('score gold/v1 files: a saved answer (--system), or a fresh analysis of each article')
    .argument('<files...>', 'gold/v1 files; each names its article in document.text_file')
    .option('--system <answer>', 'a saved gold/v1 answer to score against the single gold FILE')
    .option('--json', 'print machine-readable JSON')
    .action(async (files: string[], options: EvalGoldOptions) => {
      if (options.system !== undefined && files.length !== 1) {
        throw new ParallaxError(
          'BAD_OPTION',
          `--system scores one answer against one gold file, not ${files.length}`,
        );
      }
      const results: FileResult[] = [];
      for (const file of files) results.push(await scoreFile(file, options.system));
      const { mean, count } = meanOverall(results);
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ files: results, mean, count }, null, 2)}\n`);
        return;
      }
      const blocks = results.map((r) =>
        results.length > 1 ? `== ${r.gold}\n${formatGoldReport(r.report)}` : formatGoldReport(r.report),
      );
      let out = `${blocks.join('\n')}\n`;
      if (results.length > 1) {
        out += `mean overall over ${count} files: ${mean === null ? 'n/a' : mean.toFixed(3)}\n`;
      }
      process.stdout.write(out);
    });
}

/**
 * Adds the `eval` command group; each benchmark format is a subcommand beside `gold`.
 * @example registerEval(new Command('parallax'));
 */
export function registerEval(program: Command): void {
  const group = program.command('eval').description('score the engine against annotated files');
  registerEvalGold(group);
  registerEvalConll(group);
  registerEvalMuc4(group);
  registerEvalPlover(group);
  registerEvalGeo(group);
  registerEvalPolnear(group);
  registerEvalPtc(group);
  registerEvalCorpus(group);
}
