/** Re-ranking of a sentence's candidate types by the type model. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../model/schema.js';
import { modalAlternatives, rerankEvents } from './rerank.js';
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
  it('an act in a modal frame may take the type CAMEO gives the frame, when the model prefers it', () => {
    const curfew: Event = {
      ...event('COERCE', 'curfew', 0, 0.7),
      trigger: { text: 'curfew', span: { start: 5, end: 6 } },
    };
    const tokens = ['he', 'will', 'extend', 'the', 'curfew'];
    // lowerOf(start, end) of the sentence before the trigger: the words before "curfew".
    const lowerOfWords = (s: number, e: number): string[] => (e === 5 ? tokens.slice(0, 4) : tokens);
    const threatModel: TypeModel = {
      labels: ['COERCE', 'THREATEN'],
      bias: [0, 0],
      weights: new Map([['rq:intent/mconf', [-2, 2]]]),
    };
    const [out] = rerankEvents([curfew], lowerOfWords, threatModel, new Map());
    expect(out).toMatchObject({ type: 'THREATEN', confidence: 0.7 });
    // miss: a foiled plan is no announcement
    const foiled: Event = { ...curfew, attributes: ['planned', 'prevented'] };
    expect(rerankEvents([foiled], lowerOfWords, threatModel, new Map())[0]).toBe(foiled);
    // miss: imposed, not announced
    const [kept] = rerankEvents([curfew], () => ['he', 'imposed', 'a', 'curfew'], threatModel, new Map());
    expect(kept).toBe(curfew);
  });
});

describe('modalAlternatives', () => {
  it.each([
    ['RETREAT', 'intent', 'AGREE'],
    ['COERCE', 'intent', 'THREATEN'],
    ['PROTEST', 'stop', 'CONCEDE'],
    ['RETREAT', 'must', 'REQUEST'],
    ['AID', 'refuse', 'REJECT'],
    ['AGREE', 'stop', 'SANCTION'],
    ['CONSULT', 'intent-stop', 'THREATEN'],
    ['SANCTION', 'intent-stop', 'AGREE'],
    ['COERCE', 'refuse-stop', 'REJECT'],
  ] as const)('%s in a %s frame may be %s', (type, modality, alt) =>
    expect(modalAlternatives(type, modality).map((a) => a.type)).toEqual([alt]),
  );
  it.each([
    ['AGREE', 'intent'],
    ['ACCUSE', 'must'],
    ['ASSAULT', 'refuse'],
    ['RETREAT', ''],
    ['ACCUSE', 'stop'],
  ] as const)('miss: %s in a "%s" frame keeps its type', (type, modality) =>
    expect(modalAlternatives(type, modality)).toEqual([]),
  );
});
