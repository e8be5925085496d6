/** The quote stage: direct, reported and mixed statements with speaker, cue, stance and topics. */
import type { Stage } from '../../pipeline/stage.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import { extractQuotes, STAGE, VERSION, type QuoteLexicons } from './extract.js';
import { compileStancePatterns, CueTable, parseTagged } from './lexicon.js';
import { TextView } from './view.js';

const cache = new WeakMap<Knowledge, QuoteLexicons>();

export function quoteLexicons(knowledge: Knowledge): QuoteLexicons {
  let lex = cache.get(knowledge);
  if (!lex) {
    lex = {
      cues: new CueTable(parseTagged(knowledge.lexicon('cues'))),
      stancePatterns: compileStancePatterns(parseTagged(knowledge.lexicon('stance-phrases'))),
      violent: new Set(parseTagged(knowledge.lexicon('violent-events')).map((e) => e.words.join(' '))),
      groups: knowledge.lexicon('speaker-groups'),
      media: knowledge.lexicon('speaker-media'),
      descriptions: knowledge.lexicon('group-descriptions'),
      titles: knowledge.lexicon('titles'),
    };
    cache.set(knowledge, lex);
  }
  return lex;
}

export const quotesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences', 'mentions', 'entities'],
  provides: ['quotes', 'attributions'],
  run: (input, ctx) => {
    const view = new TextView(
      input.document.text,
      input.tokens,
      input.sentences,
      input.mentions,
      input.entities,
    );
    return extractQuotes(view, quoteLexicons(ctx.knowledge));
  },
};
