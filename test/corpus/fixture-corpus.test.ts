/**
 * The cross-document layer on reports written for the project (test/fixtures/corpus-somalia, annotated
 * before the system ran on them): needs no shared data, so it always runs.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCorpusAnswer } from '../../src/corpus/answer.js';
import { loadCorpusFile } from '../../src/eval/corpus/load.js';
import { scoreCorpus } from '../../src/eval/corpus/score.js';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus-somalia/corpus.json', import.meta.url));

describe('fixture corpus across sources', () => {
  it('clusters the reports of one bombing apart from a clash the next day, with figures and conflicts', async () => {
    const report = scoreCorpus(loadCorpusFile(CORPUS), await buildCorpusAnswer(CORPUS));
    expect(report.clustering.merged).toBe(false);
    expect(report.clustering.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.figures.coverage).toBeGreaterThanOrEqual(0.75);
    expect(report.conflicts.recall).toBe(1);
    expect(report.conflicts.precision).toBeGreaterThanOrEqual(0.75);
  }, 60_000);
});
