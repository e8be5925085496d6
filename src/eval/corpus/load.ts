/** Reads corpus/v1 files from disk: JSON, then validation into ParallaxError('GOLD_INVALID'). */
import { readFileSync } from 'node:fs';
import { ParallaxError } from '../../errors.js';
import { parseCorpusFile, type CorpusFile, type CorpusProblem, type CorpusRole } from './format.js';

const PROBLEMS_SHOWN = 3;

/**
 * One line naming the first few problems and how many more there are.
 * @example corpusProblemsMessage('c.json', [{ path: 'format', message: 'bad' }]) === 'c.json: not a valid corpus/v1 file: format: bad'
 */
export function corpusProblemsMessage(label: string, problems: readonly CorpusProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > PROBLEMS_SHOWN ? ` (and ${problems.length - PROBLEMS_SHOWN} more)` : '';
  return `${label}: not a valid corpus/v1 file: ${shown.join('; ')}${more}`;
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
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ParallaxError('INPUT_NOT_FOUND', `${path}: no such file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParallaxError('GOLD_INVALID', `${path}: not valid JSON: ${reason}`, { cause: error });
  }
  return assertCorpusFile(json, path, role);
}
