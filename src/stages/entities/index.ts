/** The entity stage: named mentions with types, knowledge links and roles. */
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, recognize } from './recognize.js';

export const entitiesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences'],
  provides: ['mentions'],
  run: (input, ctx) => ({
    mentions: recognize(
      { text: input.document.text, tokens: input.tokens, sentences: input.sentences },
      ctx.knowledge,
    ),
  }),
};
