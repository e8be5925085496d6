/** The dates stage: normalizes date expressions against publication and dates each event. */
import type { Stage } from '../../pipeline/stage.js';
import { parseTriggerLexicon } from '../events/lexicon.js';
import { STAGE, VERSION, attachDates } from './dates.js';
import type { Knowledge } from '../../knowledge/knowledge.js';

/** Last words of the noun triggers: the heads a definite reference ("the attack") ends in. */
function nounTriggers(knowledge: Knowledge): Set<string> {
  const out = new Set<string>();
  for (const list of parseTriggerLexicon(knowledge.lexicon('event-triggers')).byFirst.values()) {
    for (const e of list) if (e.noun) out.add(e.words[e.words.length - 1]!);
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
