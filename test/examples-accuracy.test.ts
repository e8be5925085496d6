/**
 * Accuracy floors on the example gold files, scored by the project's own evaluator on fresh analyses.
 * They guard against regressions; the figures themselves are printed by `npm run eval:examples`.
 */
import { describe, expect, it } from 'vitest';
import { scoreExamples } from '../src/eval/examples.js';
import { hasShared, sharedPath } from './helpers/shared.js';

describe.skipIf(!hasShared)('accuracy on the example gold files', () => {
  it('reference article: entities F1 ≥ 0.80 and overall ≥ 0.50', async () => {
    const { scores } = await scoreExamples(sharedPath('examples/kerman'));
    const report = scores[0]!.report;
    expect(report.entities.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.overall).toBeGreaterThanOrEqual(0.5);
  });

  it('mean overall over every example gold file ≥ 0.45', async () => {
    const { scores, mean } = await scoreExamples(sharedPath('examples'));
    expect(scores.length).toBeGreaterThanOrEqual(4);
    expect(mean).toBeGreaterThanOrEqual(0.45);
  });
});
