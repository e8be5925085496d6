/** The events stage with the shipped type model, against the rules alone, on one-sentence cases. */
import { describe, expect, it } from 'vitest';
import { defaultStages } from '../../analyze.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { createDocument } from '../../model/document.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { createEventsStage, eventsStage } from './index.js';

const knowledge = loadKnowledge({ language: 'en' });
const before = defaultStages().slice(0, defaultStages().indexOf(eventsStage));
const shipped = createPipeline([...before, eventsStage], knowledge);
const rulesOnly = createPipeline([...before, createEventsStage({ typeModel: null })], knowledge);
const types = (p: typeof shipped, text: string): string[] =>
  p.run(createDocument(text)).events.map((e) => e.type);

describe('type model in the events stage', () => {
  it('a promise of aid is AGREE ("express intent to provide aid"), aid sent is AID', () => {
    expect(types(rulesOnly, 'Japan will send humanitarian aid to Haiti.')).toEqual(['AID']);
    expect(types(shipped, 'Japan will send humanitarian aid to Haiti.')).toEqual(['AGREE']);
    expect(types(shipped, 'Brazil sent humanitarian aid to Haiti.')).toEqual(['AID']);
  });
  it.each([
    ['Sudan and Chad signed a ceasefire agreement in Doha.', 'AGREE'],
    ['Iran threatened to impose sanctions on Britain.', 'THREATEN'],
  ])('miss: %s stays %s', (text, type) => {
    expect(types(shipped, text)).toEqual(types(rulesOnly, text));
    expect(types(shipped, text)[0]).toBe(type);
  });
});
