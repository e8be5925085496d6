/**
 * The trained English entity recognizer: `loadTagger()` reads models/ner-en.bin (once per path) and
 * returns a Tagger whose `tag(words)` gives PER / ORG / LOC / MISC spans of one tokenized sentence and
 * whose `tagDocument(sentences)` tags a whole document with document-level consistency.
 * Independent of the pipeline's Mention model; see train-cli.ts for how the model is made.
 */
import { fileURLToPath } from 'node:url';
import { readModel } from './model.js';
import { Tagger } from './tagger.js';

export { Tagger, harmonize, type NerSpan, type TagContext } from './tagger.js';
export { emptyDocContext, FEATURE_SET_VERSION, type DocContext } from './features.js';
export { ENTITY_TYPES, type NerType } from './labels.js';
export { ModelError, readModel, type ModelHeader, type NerModel } from './model.js';

/**
 * The shipped model. Both `src/ner/` (tsx, vitest) and `dist/ner/` sit two levels below the package
 * root, so one relative URL serves both.
 */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/ner-en.bin', import.meta.url));

const loaded = new Map<string, Tagger>();

/**
 * Loads a tagger (memoized per path). Throws ModelError when the file is not a model or was trained
 * with another feature-set version.
 * @example const spans = loadTagger().tag(['Angela', 'Merkel', 'visited', 'Paris', '.']);
 */
export function loadTagger(path: string = DEFAULT_MODEL_PATH): Tagger {
  const hit = loaded.get(path);
  if (hit !== undefined) return hit;
  const model = readModel(path);
  const tagger = new Tagger(model.weights, model.resources);
  loaded.set(path, tagger);
  return tagger;
}
