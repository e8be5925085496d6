/** Training on a tiny synthetic set: the tagger learns the pattern, and the same seed gives the same weights. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../model/schema.js';
import { loadTagger } from '../../ner/index.js';
import { segment } from '../../text/segment.js';
import { tokenize } from '../../text/tokenize.js';
import { RoleFeatureExtractor } from './features.js';
import { goldTokenLabels } from './gold.js';
import { ROLES } from './labels.js';
import { RoleTagger, windowFeatures, type TagInput } from './tagger.js';
import { trainRoleTagger, type TrainingWindow } from './train.js';

const BITS = 14;

function input(text: string, trigger: string): TagInput {
  const tokens = tokenize(text);
  const start = text.indexOf(trigger);
  const span = { start, end: start + trigger.length };
  const event: Event = {
    id: 'e',
    type: 'ASSAULT',
    mode: 'attack',
    trigger: { text: trigger, span },
    actors: [],
    targets: [],
    counts: {},
    attributes: [],
    reportedBy: { kind: 'outlet' },
    evidence: span,
    stage: 'test',
    confidence: 1,
  };
  return { text, tokens, sentences: segment(text, tokens), mentions: [], events: [event] };
}

const DOCS: [string, string, string, string][] = [
  ['rebels attacked the bridge last night.', 'attacked', 'rebels', 'bridge'],
  ['gunmen attacked the bank on monday.', 'attacked', 'gunmen', 'bank'],
  ['terrorists attacked the school yesterday.', 'attacked', 'terrorists', 'school'],
  ['bandits attacked the farm at dawn.', 'attacked', 'bandits', 'farm'],
];

function training(extractor: RoleFeatureExtractor): TrainingWindow[] {
  return DOCS.flatMap(([text, trigger, perp, target]) => {
    const inp = input(text, trigger);
    const gold = goldTokenLabels(text, inp.tokens, [
      { role: ROLES.indexOf('perpetrator-individual'), text: perp },
      { role: ROLES.indexOf('target'), text: target },
    ]);
    return windowFeatures(extractor, inp).map(({ window, features }) => ({
      features,
      gold: gold.slice(window.start, window.end),
    }));
  });
}

describe('trainRoleTagger', () => {
  it('learns who attacked what from a few windows, the same way twice', () => {
    const ner = loadTagger().extractor;
    const extractor = new RoleFeatureExtractor(ner, BITS);
    const windows = training(extractor);
    const w = trainRoleTagger(windows, { epochs: 5, seed: 7, hashBits: BITS });
    expect(trainRoleTagger(windows, { epochs: 5, seed: 7, hashBits: BITS })).toEqual(w);
    const tagger = new RoleTagger(w, ner, BITS);
    const text = 'rebels attacked the school on friday.';
    const inp = input(text, 'attacked');
    const found = tagger
      .tag(inp)
      .map((t) => [ROLES[t.role], text.slice(inp.tokens[t.start]!.start, inp.tokens[t.end - 1]!.end)]);
    expect(found).toEqual([
      ['perpetrator-individual', 'rebels'],
      ['target', 'school'],
    ]);
  });
});
