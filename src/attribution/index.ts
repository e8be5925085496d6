/**
 * The trained attribution taggers (cue, then source and content per cue), learned from PolNeAR train by
 * `npm run train:attribution`. `loadAttribution()` reads models/attribution-en.bin once per path;
 * `tagDocument` returns token ranges of each attribution found.
 */
import { fileURLToPath } from 'node:url';
import { readAttributionModel, type AttributionModel } from './model.js';

export { docArrays, type DocArrays } from './features.js';
export { tagDocument, tagSentence, type TaggedAttribution, type Weights } from './tagger.js';
export { AttributionModelError, type AttributionModel } from './model.js';

/** `src/attribution/` and `dist/attribution/` both sit two levels below the package root. */
export const DEFAULT_ATTRIBUTION_MODEL = fileURLToPath(
  new URL('../../models/attribution-en.bin', import.meta.url),
);

const loaded = new Map<string, AttributionModel>();

/**
 * Loads the model (memoized per path); throws AttributionModelError on a file of another format or
 * feature set.
 * @example const { weights } = loadAttribution();
 */
export function loadAttribution(path: string = DEFAULT_ATTRIBUTION_MODEL): AttributionModel {
  let m = loaded.get(path);
  if (m === undefined) {
    m = readAttributionModel(path);
    loaded.set(path, m);
  }
  return m;
}
