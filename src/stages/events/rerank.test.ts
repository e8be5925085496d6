/** Re-ranking of a sentence's candidate types by the type model. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../model/schema.js';
import { rerankEvents } from './rerank.js';
import type { TypeChoice } from './lexicon.js';
import type { TypeModel } from './typemodel.js';

const event = (type: Event['type'], trigger: string, sentence: number, confidence: number): Event => ({
  id: `e-${trigger}`,
  type,
  mode: 'm',
  trigger: { text: trigger, span: { start: sentence + 1, end: sentence + 2 } },
  actors: [],
  targets: [],
  counts: {},
  attributes: [],
  reportedBy: { kind: 'outlet' },
  evidence: { start: sentence, end: sentence + 10 },
  stage: 'events.rules@1',
  confidence,
});

// A model that believes a sentence with the word "threatened" is about THREATEN.
const model: TypeModel = {
  labels: ['THREATEN', 'SANCTION'],
  bias: [0, 0],
  weights: new Map([['w:threaten', [3, -3]]]),
};
const lowerOf = (): string[] => ['iran', 'threatened', 'sanctions'];

describe('rerankEvents', () => {
  it('the model lifts its type above a rule-preferred one in a sentence of two types', () => {
    const out = rerankEvents(
      [event('SANCTION', 'sanctions', 0, 0.9), event('THREATEN', 'threatened', 0, 0.5)],
      lowerOf,
      model,
      new Map(),
    );
    const [sanction, threaten] = out;
    expect(threaten!.confidence).toBeGreaterThan(sanction!.confidence);
    expect(out.map((e) => e.type)).toEqual(['SANCTION', 'THREATEN']);
  });
  it("miss: a sentence of one type keeps the rules' confidence", () => {
    const input = [event('SANCTION', 'sanctions', 0, 0.9), event('SANCTION', 'embargo', 0, 0.6)];
    expect(rerankEvents(input, lowerOf, model, new Map())).toEqual(input);
  });
  it('miss: events of different sentences are not compared', () => {
    const input = [event('SANCTION', 'sanctions', 0, 0.9), event('THREATEN', 'threatened', 50, 0.5)];
    expect(rerankEvents(input, lowerOf, model, new Map())).toEqual(input);
  });
  it('no model: the rules alone', () => {
    const input = [event('SANCTION', 'sanctions', 0, 0.9), event('THREATEN', 'threatened', 0, 0.5)];
    expect(rerankEvents(input, lowerOf, null, new Map())).toEqual(input);
  });
  it('a trigger with alternatives takes the type the model prefers, with its mode', () => {
    const withdrew = event('RETREAT', 'withdrew', 0, 0.7);
    const sanctionModel: TypeModel = {
      labels: ['RETREAT', 'SANCTION'],
      bias: [0, 0],
      weights: new Map([['w:ambassador', [-2, 2]]]),
    };
    const alternatives = (): readonly TypeChoice[] => [{ type: 'SANCTION', mode: 'withdraw' }];
    const [out] = rerankEvents(
      [withdrew],
      () => ['it', 'withdrew', 'its', 'ambassador'],
      sanctionModel,
      new Map(),
      alternatives,
    );
    expect(out).toMatchObject({ type: 'SANCTION', mode: 'withdraw', confidence: 0.7 });
    const [kept] = rerankEvents(
      [withdrew],
      () => ['it', 'withdrew', 'troops'],
      sanctionModel,
      new Map(),
      alternatives,
    );
    expect(kept).toBe(withdrew);
  });
});
