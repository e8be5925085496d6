/**
 * The trained attribution taggers alone (src/attribution): each document is tokenized and segmented as
 * the pipeline does, read into typed arrays, and tagged (cue windows, then source and content per cue).
 */
import { docArrays, loadAttribution, tagDocument, type Weights } from '../../src/attribution/index.js';
import { segment } from '../../src/text/segment.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Contender } from './contender.js';

export function parallaxAttributionContender(): Contender {
  let weights: Weights | undefined;
  let last: Record<string, number> = {};
  return {
    name: 'parallax-attribution',
    setup() {
      weights = loadAttribution().weights;
    },
    run(docs) {
      if (weights === undefined) throw new Error('setup() was not called');
      const counts: Record<string, number> = { attributions: 0, sourced: 0 };
      for (const text of docs) {
        const tokens = tokenize(text);
        const words = tokens.map((t) => text.slice(t.start, t.end));
        const lower = words.map((w) => w.toLowerCase().replace(/’/g, "'"));
        for (const a of tagDocument(weights, docArrays(text, tokens, words, lower), segment(text, tokens))) {
          counts.attributions = (counts.attributions ?? 0) + 1;
          if (a.source !== undefined) counts.sourced = (counts.sourced ?? 0) + 1;
        }
      }
      last = counts;
    },
    counts: () => last,
  };
}
