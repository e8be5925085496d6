/** `parallax eval muc4 FILE`: CEAF-REE scores on MUC-4 `ree_grit` data, for a saved answer or the pipeline. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import {
  formatMuc4Reports,
  parseMuc4,
  scoreMuc4,
  type Muc4Document,
  type Muc4Report,
  type Muc4Template,
} from '../../eval/muc4.js';

interface EvalMuc4Options {
  readonly system?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

function readDocs(file: string, what: string): Muc4Document[] {
  if (!existsSync(file)) throw new ParallaxError('INPUT_NOT_FOUND', `${file}: no such file`);
  try {
    return parseMuc4(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParallaxError('INPUT_INVALID', `${file}: not a ree_grit ${what} file: ${reason}`, {
      cause: error,
    });
  }
}

/** Runs the pipeline once per document and maps it both ways: the event mapping and the baseline. */
async function runPipeline(
  docs: readonly Muc4Document[],
): Promise<{ pipeline: Map<string, Muc4Template>; baseline: Map<string, Muc4Template>; seconds: number }> {
  const { analyzeDocument } = await import('../../analyze.js');
  const { createDocument } = await import('../../model/document.js');
  const { baselineTemplate, pipelineTemplate } = await import('../../eval/muc4-system.js');
  const pipeline = new Map<string, Muc4Template>();
  const baseline = new Map<string, Muc4Template>();
  const t0 = performance.now();
  for (const doc of docs) {
    const analysis = analyzeDocument(createDocument(doc.doctext));
    pipeline.set(doc.docid, pipelineTemplate(analysis));
    baseline.set(doc.docid, baselineTemplate(analysis));
  }
  return { pipeline, baseline, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Adds `muc4` to the `eval` group.
 * @example registerEvalMuc4(program.command('eval'));
 */
export function registerEvalMuc4(evalGroup: Command): void {
  evalGroup
    .command('muc4')
    .description(
      'CEAF-REE (GRIT) scores on MUC-4 ree_grit data: a saved answer, or the pipeline beside a baseline',
    )
    .argument('<file>', 'ree_grit JSON Lines gold file (docid, doctext, extracts)')
    .option('--system <answer>', 'a saved answer in the same format (extracts or pred_extracts per docid)')
    .option('--limit <n>', 'score only the first n documents')
    .option('--json', 'print machine-readable JSON')
    .action(async (file: string, options: EvalMuc4Options) => {
      let gold = readDocs(file, 'gold');
      if (options.limit !== undefined) {
        const n = Number(options.limit);
        if (!Number.isInteger(n) || n <= 0)
          throw new ParallaxError('BAD_OPTION', '--limit takes a positive integer');
        gold = gold.slice(0, n);
      }
      if (gold.length === 0) throw new ParallaxError('INPUT_EMPTY', `${file}: no documents`);
      const reports: { name: string; report: Muc4Report }[] = [];
      let seconds: number | null = null;
      if (options.system !== undefined) {
        const answer = new Map(readDocs(options.system, 'answer').map((d) => [d.docid, d.extracts]));
        reports.push({ name: `system ${options.system}`, report: scoreMuc4(gold, answer) });
      } else {
        const run = await runPipeline(gold);
        seconds = run.seconds;
        reports.push({
          name: 'pipeline (events mapped to MUC-4 roles)',
          report: scoreMuc4(gold, run.pipeline),
        });
        reports.push({
          name: 'baseline (entities in attack sentences)',
          report: scoreMuc4(gold, run.baseline),
        });
      }
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ file, reports, seconds }, null, 2)}\n`);
        return;
      }
      const head = seconds === null ? `${file}\n` : `${file}; analysed in ${seconds.toFixed(2)} s\n`;
      process.stdout.write(head + formatMuc4Reports(reports));
    });
}
