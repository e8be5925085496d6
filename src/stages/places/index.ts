/** The places stage: toponyms resolved to coordinates; event places become place ids. */
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, resolvePlaces } from './resolve-places.js';

export const placesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['mentions', 'entities'],
  provides: ['places', 'events'],
  run: (input, ctx) => resolvePlaces({ ...input, text: input.document.text }, ctx.knowledge),
};
