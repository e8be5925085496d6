/** `parallax eval conll FILE`: conlleval-style entity-level scores of the trained tagger on a CoNLL file. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { formatConllReport, parseConll } from '../../eval/conll.js';

interface EvalConllOptions {
  readonly upper?: boolean;
  readonly lower?: boolean;
  readonly model?: string;
  readonly sentences?: boolean;
  readonly json?: boolean;
}

/**
 * Adds `conll` to the `eval` group.
 * @example registerEvalConll(program.command('eval'));
 */
export function registerEvalConll(evalGroup: Command): void {
  evalGroup
    .command('conll')
    .description('score the trained entity tagger on a CoNLL-2003 style file (entity-level P/R/F1 per type)')
    .argument('<file>', 'CoNLL column file: word first, IOB tag last, blank line between sentences')
    .option('--upper', 'upper-case the text before tagging (gold unchanged)')
    .option('--lower', 'lower-case the text before tagging (gold unchanged)')
    .option('--model <path>', 'a model file other than the shipped models/ner-en.bin')
    .option('--sentences', 'tag each sentence alone, without document-level consistency')
    .option('--json', 'print machine-readable JSON')
    .action(async (file: string, options: EvalConllOptions) => {
      if (options.upper === true && options.lower === true) {
        throw new ParallaxError('BAD_OPTION', '--upper and --lower exclude each other');
      }
      if (!existsSync(file)) throw new ParallaxError('INPUT_NOT_FOUND', `${file}: no such file`);
      const docs = parseConll(readFileSync(file, 'utf8'));
      if (docs.length === 0) throw new ParallaxError('INPUT_EMPTY', `${file}: no sentences`);
      const { loadTagger } = await import('../../ner/index.js');
      const { evaluateTagger } = await import('../../ner/evaluate.js');
      let tagger;
      try {
        tagger = loadTagger(options.model);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ParallaxError('INPUT_INVALID', `cannot load the entity model: ${reason}`, { cause: error });
      }
      const variant = options.upper === true ? 'upper' : options.lower === true ? 'lower' : 'original';
      const t0 = performance.now();
      const report = evaluateTagger(tagger, docs, { variant, documents: options.sentences !== true });
      const seconds = (performance.now() - t0) / 1000;
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ file, variant, ...report, seconds }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${file} (${variant} case${options.sentences === true ? ', sentences alone' : ''}); tagged in ${seconds.toFixed(2)} s\n` +
          formatConllReport(report),
      );
    });
}
