/** Reading an annotation file (gold/v1, corpus/v1) from disk, and one-line messages for invalid ones. */
import { readFileSync } from 'node:fs';
import { ParallaxError } from '../errors.js';

const PROBLEMS_SHOWN = 3;

/** One thing wrong with a file, at a JSON path such as `entities[3].type`. */
export interface AnnotationProblem {
  readonly path: string;
  readonly message: string;
}

/** A schema issue's path as people write it: `clusters[0].members[2]`, or `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Schema issues (zod's `error.issues`) as problems. */
export function schemaProblems(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AnnotationProblem[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * One line naming the first few problems and how many more there are.
 * @example problemsMessage('a.json', 'gold/v1', [{ path: 'format', message: 'bad' }]) === 'a.json: not a valid gold/v1 file: format: bad'
 */
export function problemsMessage(
  label: string,
  format: string,
  problems: readonly AnnotationProblem[],
): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > PROBLEMS_SHOWN ? ` (and ${problems.length - PROBLEMS_SHOWN} more)` : '';
  return `${label}: not a valid ${format} file: ${shown.join('; ')}${more}`;
}

/** The parsed JSON of a file: INPUT_NOT_FOUND when it cannot be read, GOLD_INVALID when it is not JSON. */
export function readJsonFile(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ParallaxError('INPUT_NOT_FOUND', `${path}: no such file`);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParallaxError('GOLD_INVALID', `${path}: not valid JSON: ${reason}`, { cause: error });
  }
}
