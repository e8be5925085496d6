/** The dates stage: normalizes date expressions against publication and dates each event. */
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, attachDates } from './dates.js';

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
    }),
  }),
};
