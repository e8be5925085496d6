/** Reads gold/v1 files from disk: JSON, validation into ParallaxError('GOLD_INVALID'), and the article beside it. */
import { dirname, resolve } from 'node:path';
import { ParallaxError } from '../../errors.js';
import { readArticleFile } from '../../ingest/read-text.js';
import { problemsMessage, readJsonFile } from '../annotation-file.js';
import { parseGoldFile, type GoldFile, type GoldProblem, type GoldRole } from './schema.js';

export interface LoadedGold {
  readonly path: string;
  readonly file: GoldFile;
  /** the article, resolved from document.text_file relative to the gold file (gold role only) */
  readonly articlePath: string | null;
  readonly articleText: string | null;
}

/**
 * One line naming the first few problems and how many more there are.
 * @example goldProblemsMessage('a.json', [{ path: 'format', message: 'bad' }]) === 'a.json: not a valid gold/v1 file: format: bad'
 */
export function goldProblemsMessage(label: string, problems: readonly GoldProblem[]): string {
  return problemsMessage(label, 'gold/v1', problems);
}

/**
 * Validates a parsed value or throws GOLD_INVALID with a one-line message.
 * @example const answer = assertGoldFile(JSON.parse(text), 'answer.json', 'answer');
 */
export function assertGoldFile(value: unknown, label: string, role: GoldRole): GoldFile {
  const result = parseGoldFile(value, role);
  if (!result.ok) throw new ParallaxError('GOLD_INVALID', goldProblemsMessage(label, result.problems));
  return result.file;
}

/**
 * Reads and validates a gold (or answer) file; for a gold file also reads its article.
 * @example const { file, articleText } = loadGoldFile('examples/x/gold.json');
 */
export function loadGoldFile(path: string, role: GoldRole = 'gold'): LoadedGold {
  const file = assertGoldFile(readJsonFile(path), path, role);
  if (role !== 'gold' || file.document === undefined) {
    return { path, file, articlePath: null, articleText: null };
  }
  const articlePath = resolve(dirname(path), file.document.text_file);
  return { path, file, articlePath, articleText: readArticleFile(articlePath) };
}
