/** The dates stage: normalizes date expressions against publication and dates each event. */
import type { Stage } from '../../pipeline/stage.js';
import { triggerLexiconFor } from '../events/lexicon.js';
import { STAGE, VERSION, attachDates } from './dates.js';
import type { Knowledge } from '../../knowledge/knowledge.js';

/** Last words of the noun triggers: the heads a definite reference ("the attack") ends in. */
const nounCache = new WeakMap<Knowledge, Set<string>>();
function nounTriggers(knowledge: Knowledge): Set<string> {
  let out = nounCache.get(knowledge);
  if (!out) {
    out = new Set<string>();
    for (const list of triggerLexiconFor(knowledge).byFirst.values()) {
      for (const e of list) if (e.noun) out.add(e.words[e.words.length - 1]!);
    }
    nounCache.set(knowledge, out);
  }
  return out;
}

export const datesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences', 'events'],
  provides: ['events'],
  run: (input, ctx) => ({
    events: attachDates({
      text: input.document.text,
      tokens: input.tokens,
      sentences: input.sentences,
      events: input.events,
      published: ctx.published,
      nounTriggers: nounTriggers(ctx.knowledge),
    }),
  }),
};
