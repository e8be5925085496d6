/** `parallax eval plover FILE`: event-type accuracy and macro F1 of the events stage on PLOVER gold records. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { formatPloverReport, parsePloverRecords, scorePlover, type PloverRecord } from '../../eval/plover.js';

interface EvalPloverOptions {
  readonly json?: boolean;
  readonly errors?: boolean;
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
      const { analyzeDocument } = await import('../../analyze.js');
      const { createDocument } = await import('../../model/document.js');
      const { labelFromEvents } = await import('../../eval/plover.js');
      const predicted = records.map((r) => labelFromEvents(analyzeDocument(createDocument(r.text)).events));
      const report = scorePlover(
        records.map((r) => r.label),
        predicted,
      );
      const wrong = records.flatMap((r, i) =>
        predicted[i] === r.label ? [] : [{ id: r.id, gold: r.label, predicted: predicted[i], text: r.text }],
      );
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ file, ...report, errors: wrong }, null, 2)}\n`);
        return;
      }
      let out = `${file}\n${formatPloverReport(report)}`;
      if (options.errors === true) {
        for (const w of wrong) out += `${w.id}\t${w.gold}\t${w.predicted}\t${w.text}\n`;
      }
      process.stdout.write(out);
    });
}
