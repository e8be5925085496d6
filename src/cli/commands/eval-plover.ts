/** `parallax eval plover FILE`: event-type accuracy and macro F1 of the events stage on PLOVER gold records. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { formatPloverReport, parsePloverRecords, scorePlover, type PloverRecord } from '../../eval/plover.js';

interface EvalPloverOptions {
  readonly json?: boolean;
  readonly errors?: boolean;
  readonly folds?: string;
  readonly seed?: string;
}

function positive(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new ParallaxError('BAD_OPTION', `--${name} must be an integer >= ${min}`);
  return n;
}

/**
 * Adds `plover` to the `eval` group.
 * @example registerEvalPlover(program.command('eval'));
 */
export function registerEvalPlover(evalGroup: Command): void {
  evalGroup
    .command('plover')
    .description('event-type accuracy and macro F1 on PLOVER gold-standard records (one label per record)')
    .argument('<file>', 'JSON array of PLOVER GSR records (text, event); old v0.5b1 labels are mapped')
    .option('--errors', 'also list the records typed wrongly')
    .option(
      '--folds <k>',
      'k-fold cross-validation of the learned type model (trained on k-1 folds, scored on the rest)',
    )
    .option('--seed <n>', 'seed of the stratified folds (default 1)')
    .option('--json', 'print machine-readable JSON')
    .action(async (file: string, options: EvalPloverOptions) => {
      if (!existsSync(file)) throw new ParallaxError('INPUT_NOT_FOUND', `${file}: no such file`);
      let records: PloverRecord[];
      try {
        records = parsePloverRecords(readFileSync(file, 'utf8'));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ParallaxError('INPUT_INVALID', `${file}: ${reason}`, { cause: error });
      }
      if (records.length === 0) throw new ParallaxError('INPUT_EMPTY', `${file}: no labelled records`);
      const folds = options.folds === undefined ? undefined : positive('folds', options.folds, 10, 2);
      const seed = positive('seed', options.seed, 1, 0);
      // The shipped type model was trained on the dev records: they are scored by the rules alone,
      // or with --folds by models that never saw them.
      const { ruleViews, crossValidate, definitionExamples } = await import('../../eval/plover-folds.js');
      const views = ruleViews(records);
      // Sentences made from the CAMEO→PLOVER definitions beside the file join every training fold.
      const table = join(dirname(file), 'CAMEO2PLOVER-2021.txt');
      const extra =
        folds !== undefined && existsSync(table) ? definitionExamples(readFileSync(table, 'utf8')) : [];
      const cv =
        folds === undefined ? undefined : crossValidate(records, views, folds, seed, {}, undefined, extra);
      const { labelFromEvents } = await import('../../eval/plover.js');
      const rules = views.map((v) => labelFromEvents(v.events));
      const predicted = cv?.model ?? rules;
      const report = scorePlover(
        records.map((r) => r.label),
        predicted,
      );
      const wrong = records.flatMap((r, i) =>
        predicted[i] === r.label ? [] : [{ id: r.id, gold: r.label, predicted: predicted[i], text: r.text }],
      );
      const rulesReport = scorePlover(
        records.map((r) => r.label),
        rules,
      );
      if (options.json === true) {
        const cvInfo = folds === undefined ? {} : { folds, seed, rulesOnly: rulesReport };
        process.stdout.write(`${JSON.stringify({ file, ...report, ...cvInfo, errors: wrong }, null, 2)}\n`);
        return;
      }
      let out = `${file}\n`;
      if (folds !== undefined) {
        const f = (x: number): string => x.toFixed(3);
        out += `rules only: accuracy ${f(rulesReport.accuracy)}  macro F1 ${f(rulesReport.macroF1)}  no event ${rulesReport.none}\n`;
        out += `rules + type model (sentence model where the rules find no event), ${folds}-fold cross-validation (seed ${seed}, each record scored by a model trained without it; ${extra.length} definition sentences in every training fold):\n`;
      } else
        out +=
          'rules only (the shipped type model was trained on the dev records; --folds K scores it fairly):\n';
      out += formatPloverReport(report);
      if (options.errors === true) {
        for (const w of wrong) out += `${w.id}\t${w.gold}\t${w.predicted}\t${w.text}\n`;
      }
      process.stdout.write(out);
    });
}
