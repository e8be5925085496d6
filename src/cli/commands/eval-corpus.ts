/** `parallax eval corpus FILE [--system ANSWER] [--json]`: scores a corpus/v1 answer against corpus/v1 gold. */
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import type { CorpusFile } from '../../eval/corpus/format.js';
import { assertCorpusFile, loadCorpusFile } from '../../eval/corpus/load.js';
import { formatCorpusReport } from '../../eval/corpus/report.js';
import { scoreCorpus } from '../../eval/corpus/score.js';

export interface EvalCorpusOptions {
  readonly system?: string;
  readonly json?: boolean;
}

/** What this command needs from the corpus answer builder (src/corpus/answer.ts). */
export type BuildCorpusAnswer = (corpusFile: string, options?: { system?: string }) => Promise<unknown>;

/**
 * Where the builder lives, relative to this file. Imported lazily (scoring a saved answer never
 * loads the store or the NLP stack) and through a variable so that this command compiles and says
 * clearly what is missing in a build that does not have the builder yet.
 */
export const ANSWER_BUILDER_MODULE = '../../corpus/answer.js';

/**
 * True only when the module itself is absent: a builder that exists but fails to load one of its own
 * imports also raises ERR_MODULE_NOT_FOUND (naming it as the importer), and that is a real error.
 */
function isMissingModule(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? error.code : undefined;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const missing = /Cannot find module '([^']+)'/.exec(error.message)?.[1];
  const stem = specifier.replace(/^(\.\.?\/)+/, '').replace(/\.js$/, '');
  if (missing === undefined) return false;
  return ['.js', '.ts', ''].some((ext) => missing.endsWith(`/${stem}${ext}`));
}

/**
 * Loads `buildCorpusAnswer` from `specifier`, or says why the answer cannot be built here.
 * @example const build = await loadAnswerBuilder(); const answer = await build('corpus.json');
 */
export async function loadAnswerBuilder(
  specifier: string = ANSWER_BUILDER_MODULE,
): Promise<BuildCorpusAnswer> {
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (error) {
    if (isMissingModule(error, specifier)) {
      throw new ParallaxError(
        'BAD_OPTION',
        'this build cannot ingest a corpus to answer it (no corpus answer builder); score a saved answer with --system ANSWER',
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParallaxError('INTERNAL', `cannot load the corpus answer builder: ${reason}`, { cause: error });
  }
  const build: unknown =
    typeof mod === 'object' && mod !== null && 'buildCorpusAnswer' in mod ? mod.buildCorpusAnswer : undefined;
  if (typeof build !== 'function') {
    throw new ParallaxError(
      'BAD_OPTION',
      'this build cannot ingest a corpus to answer it (the builder has no buildCorpusAnswer); score a saved answer with --system ANSWER',
    );
  }
  // Its result is validated as a corpus/v1 answer before scoring, so only the call shape is assumed.
  return build as BuildCorpusAnswer;
}

async function buildAnswer(file: string, loadBuilder: () => Promise<BuildCorpusAnswer>): Promise<CorpusFile> {
  const build = await loadBuilder();
  const answer = await build(file);
  return assertCorpusFile(answer, `the answer built from ${file}`, 'answer');
}

/**
 * What `eval corpus` prints: the report for a saved answer (`options.system`), or for the answer the
 * builder makes by ingesting the corpus. The builder loader is a parameter so tests can stand one in.
 * @example process.stdout.write(await evalCorpus('corpus.json', { system: 'answer.json' }));
 */
export async function evalCorpus(
  file: string,
  options: EvalCorpusOptions,
  loadBuilder: () => Promise<BuildCorpusAnswer> = loadAnswerBuilder,
): Promise<string> {
  const gold = loadCorpusFile(file, 'gold');
  const answer =
    options.system !== undefined
      ? loadCorpusFile(options.system, 'answer')
      : await buildAnswer(file, loadBuilder);
  const report = scoreCorpus(gold, answer);
  if (options.json === true) {
    return `${JSON.stringify({ gold: file, system: options.system ?? null, report }, null, 2)}\n`;
  }
  return formatCorpusReport(report);
}

/**
 * Adds `corpus` to the `eval` group.
 * @example registerEvalCorpus(program.command('eval'));
 */
export function registerEvalCorpus(evalGroup: Command): void {
  evalGroup
    .command('corpus')
    .description(
      'score corpus/v1 gold (clustering, figures, conflicts across documents): a saved answer (--system), or one built by ingesting every document into a fresh store',
    )
    .argument('<file>', 'corpus/v1 gold file; its documents name their text files')
    .option('--system <answer>', 'a saved corpus/v1 answer to score')
    .option('--json', 'print machine-readable JSON')
    .action(async (file: string, options: EvalCorpusOptions) => {
      process.stdout.write(await evalCorpus(file, options));
    });
}
