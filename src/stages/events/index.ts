/** The events stage: PLOVER events with actors, targets, place text, counts and attributes, one per happening. */
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, extractEvents } from './extract.js';

export const eventsStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences', 'mentions', 'entities'],
  provides: ['events'],
  run: (input, ctx) => ({
    events: extractEvents(
      {
        text: input.document.text,
        tokens: input.tokens,
        sentences: input.sentences,
        mentions: input.mentions,
        entities: input.entities,
        published: ctx.published,
      },
      ctx.knowledge,
    ),
  }),
};
