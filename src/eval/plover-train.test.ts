/** Training of the type model on a tiny separable set. */
import { describe, expect, it } from 'vitest';
import { predictProbs } from '../stages/events/typemodel.js';
import { trainTypeModel, type TypeExample } from './plover-train.js';

const examples: TypeExample[] = [
  { features: ['bias', 'w:protest', 'w:street'], label: 'PROTEST' },
  { features: ['bias', 'w:protest', 'w:march'], label: 'PROTEST' },
  { features: ['bias', 'w:aid', 'w:food'], label: 'AID' },
  { features: ['bias', 'w:aid', 'w:grant'], label: 'AID' },
  { features: ['bias', 'c:AID', 'w:once'], label: 'AID' },
];

describe('trainTypeModel', () => {
  const model = trainTypeModel(examples);
  const best = (features: string[]): string => {
    const p = predictProbs(model, features);
    return model.labels[p.indexOf(Math.max(...p))]!;
  };
  it('learns the separating words and keeps all 16 labels', () => {
    expect(model.labels).toHaveLength(16);
    expect(best(['w:protest'])).toBe('PROTEST');
    expect(best(['w:aid'])).toBe('AID');
  });
  it('drops words seen once, keeps cue features however rare', () => {
    expect(model.weights.has('w:street')).toBe(false);
    expect(model.weights.has('c:AID')).toBe(true);
  });
  it('is deterministic', () => {
    expect(trainTypeModel(examples)).toEqual(model);
  });
});
