/**
 * The trained attribution taggers alone (src/attribution): each document is tokenized and segmented as
 * the pipeline does, read into typed arrays (with the quote lexicon's cues, as the stage reads them), and
 * tagged (cue windows, then source and content per cue).
 */
import { docArrays, loadAttribution, tagDocument, type Weights } from '../../src/attribution/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { quoteLexicons } from '../../src/stages/quotes/index.js';
import type { CueTable } from '../../src/stages/quotes/lexicon.js';
import { segment } from '../../src/text/segment.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Contender } from './contender.js';

export function parallaxAttributionContender(): Contender {
  let weights: Weights | undefined;
  let cues: CueTable | undefined;
  let last: Record<string, number> = {};
  return {
    name: 'parallax-attribution',
    setup() {
      weights = loadAttribution().weights;
      cues = quoteLexicons(loadKnowledge({ language: 'en' })).cues;
    },
    run(docs) {
      if (weights === undefined || cues === undefined) throw new Error('setup() was not called');
      const table = cues;
      const counts: Record<string, number> = { attributions: 0, sourced: 0 };
      for (const text of docs) {
        const tokens = tokenize(text);
        const words = tokens.map((t) => text.slice(t.start, t.end));
        const lower = words.map((w) => w.toLowerCase().replace(/’/g, "'"));
        const d = docArrays(
          text,
          tokens,
          words,
          lower,
          (i) => table.match(lower, i, lower.length)?.words.length ?? 0,
        );
        for (const a of tagDocument(weights, d, segment(text, tokens))) {
          counts.attributions = (counts.attributions ?? 0) + 1;
          if (a.source !== undefined) counts.sourced = (counts.sourced ?? 0) + 1;
        }
      }
      last = counts;
    },
    counts: () => last,
  };
}
