/** Stratified folds, and the cross-validated figure on the PLOVER dev half when ../shared is present. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath, SKIP_REASON } from '../../test/helpers/shared.js';
import { addModels, crossValidate, definitionExamples, ruleViews, stratifiedFolds } from './plover-folds.js';
import { parsePloverRecords, scorePlover } from './plover.js';

describe('stratifiedFolds', () => {
  const labels = [...'AAAAABBBBBCC'];
  const folds = stratifiedFolds(labels, 3, 7);
  it('deals each label evenly and is the same for the same seed', () => {
    for (const l of 'ABC') {
      const counts = [0, 1, 2].map((f) => labels.filter((x, i) => x === l && folds[i] === f).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedFolds(labels, 3, 7)).toEqual(folds);
    expect([0, 1, 2].map((f) => folds.filter((x) => x === f).length)).toEqual([4, 4, 4]);
  });
});

describe('addModels', () => {
  it('adds weights and biases (a product of experts); features of one model alone are kept', () => {
    const a = { labels: ['AGREE', 'AID'] as const, bias: [1, 0], weights: new Map([['w:x', [1, 2]]]) };
    const b = {
      labels: ['AGREE', 'AID'] as const,
      bias: [0, 1],
      weights: new Map([
        ['w:x', [1, 1]],
        ['w:y', [0, 3]],
      ]),
    };
    const sum = addModels({ ...a, labels: [...a.labels] }, { ...b, labels: [...b.labels] });
    expect(sum.bias).toEqual([1, 1]);
    expect(sum.weights.get('w:x')).toEqual([2, 3]);
    expect(sum.weights.get('w:y')).toEqual([0, 3]);
    expect(() => addModels({ ...a, labels: ['AGREE', 'AID'] }, { ...b, labels: ['AID', 'AGREE'] })).toThrow();
  });
});

const file = sharedPath('data/plover_gsr/PLOVER_GSR_CAMEO.dev.json');

describe.skipIf(!hasShared)(`PLOVER dev, 10-fold (${hasShared ? 'shared data' : SKIP_REASON})`, () => {
  it('the model beats the rules alone and every record gets a type', () => {
    const records = parsePloverRecords(readFileSync(file, 'utf8'));
    const views = ruleViews(records);
    const table = readFileSync(sharedPath('data/plover_gsr/CAMEO2PLOVER-2021.txt'), 'utf8');
    const cv = crossValidate(records, views, 10, 1, {}, undefined, definitionExamples(table));
    const gold = records.map((r) => r.label);
    const model = scorePlover(gold, cv.model);
    const rules = scorePlover(gold, cv.rules);
    expect(model.none).toBe(0);
    expect(model.accuracy).toBeGreaterThan(rules.accuracy);
    // 0.640 when written (README-plover.md); the bar of the issue, 0.70, is not reached.
    expect(model.accuracy).toBeGreaterThanOrEqual(0.6);
    expect(rules.accuracy).toBeGreaterThanOrEqual(0.4);
  }, 60_000);
});
