/** The conflict stage: pairs of statements that cannot both be true. */
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Stage } from '../../pipeline/stage.js';
import { detectConflicts } from './detect.js';
import { parseMatterLexicon } from './matter.js';

const cache = new WeakMap<Knowledge, Map<string, string>>();

export const conflictsStage: Stage = {
  name: 'conflicts.rules',
  version: 1,
  requires: ['quotes', 'entities', 'mentions'],
  provides: ['conflicts'],
  run: (input, ctx) => {
    let lexicon = cache.get(ctx.knowledge);
    if (!lexicon) {
      lexicon = parseMatterLexicon(ctx.knowledge.lexicon('violent-events'));
      cache.set(ctx.knowledge, lexicon);
    }
    return { conflicts: detectConflicts({ quotes: input.quotes, entities: input.entities }, lexicon) };
  },
};
