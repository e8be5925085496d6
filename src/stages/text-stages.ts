/** The tokenize and segment stages: the token and sentence layers every later stage reads. */
import type { Stage } from '../pipeline/stage.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';

export const tokenizeStage: Stage = {
  name: 'tokenize',
  version: 1,
  requires: [],
  provides: ['tokens'],
  run: (input) => ({ tokens: tokenize(input.document.text) }),
};

export const segmentStage: Stage = {
  name: 'segment',
  version: 1,
  requires: ['tokens'],
  provides: ['sentences'],
  run: (input) => ({ sentences: segment(input.document.text, input.tokens) }),
};
