/** `parallax eval corpus FILE [--system ANSWER] [--json]`: scores corpus/v1 answers (being written). */
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';

/**
 * Adds `corpus` to the `eval` group.
 * @example registerEvalCorpus(program.command('eval'));
 */
export function registerEvalCorpus(evalGroup: Command): void {
  evalGroup
    .command('corpus')
    .description('score a corpus/v1 answer: clustering, figures and conflicts across documents')
    .argument('<file>', 'corpus/v1 gold file')
    .option('--system <answer>', 'a saved corpus/v1 answer')
    .option('--json', 'print machine-readable JSON')
    .action(() => {
      throw new ParallaxError('BAD_OPTION', 'eval corpus is not implemented yet');
    });
}
