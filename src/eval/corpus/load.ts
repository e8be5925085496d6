/** Reads corpus/v1 files from disk: JSON, then validation into ParallaxError('GOLD_INVALID'). */
import { ParallaxError } from '../../errors.js';
import { problemsMessage, readJsonFile } from '../annotation-file.js';
import { parseCorpusFile, type CorpusFile, type CorpusProblem, type CorpusRole } from './format.js';

/**
 * One line naming the first few problems and how many more there are.
 * @example corpusProblemsMessage('c.json', [{ path: 'format', message: 'bad' }]) === 'c.json: not a valid corpus/v1 file: format: bad'
 */
export function corpusProblemsMessage(label: string, problems: readonly CorpusProblem[]): string {
  return problemsMessage(label, 'corpus/v1', problems);
}

/**
 * Validates a parsed value or throws GOLD_INVALID with a one-line message.
 * @example const answer = assertCorpusFile(await buildCorpusAnswer(path), 'the built answer', 'answer');
 */
export function assertCorpusFile(value: unknown, label: string, role: CorpusRole): CorpusFile {
  const result = parseCorpusFile(value, role);
  if (!result.ok) throw new ParallaxError('GOLD_INVALID', corpusProblemsMessage(label, result.problems));
  return result.file;
}

/**
 * Reads and validates a corpus/v1 gold file or a system's answer.
 * @example const gold = loadCorpusFile('../shared/examples/kerman-coverage/corpus.json');
 */
export function loadCorpusFile(path: string, role: CorpusRole = 'gold'): CorpusFile {
  return assertCorpusFile(readJsonFile(path), path, role);
}
