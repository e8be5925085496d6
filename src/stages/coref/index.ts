/** The alias and coreference stage: mentions grouped into entities. */
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, resolve } from './resolve.js';

export const corefStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'mentions'],
  provides: ['mentions', 'entities'],
  run: (input, ctx) =>
    resolve({ text: input.document.text, tokens: input.tokens, mentions: input.mentions }, ctx.knowledge),
};
