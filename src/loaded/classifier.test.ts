// The span rules of the classifier, the model file round trip, and the shipped model on plain sentences.
import { describe, expect, it } from 'vitest';
import type { Sentence, Token } from '../model/schema.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { loadLoadedClassifier, scoreTokens, spansFromScores } from './classifier.js';
import { FEATURES_PER_TOKEN, LoadedFeatures } from './features.js';
import { LoadedModelError, decodeLoadedModel, encodeLoadedModel } from './model.js';

function doc(text: string): { text: string; tokens: Token[]; sentences: Sentence[] } {
  const tokens = tokenize(text);
  return { text, tokens, sentences: segment(text, tokens) };
}

const slice = (text: string, spans: readonly { start: number; end: number }[]): string[] =>
  spans.map((s) => text.slice(s.start, s.end));

describe('spansFromScores', () => {
  const d = doc('They are a corrupt , lying gang of thieves .');
  // They are a corrupt , lying gang of thieves .
  const scores = Float32Array.from([-5, -5, -1, 3, 0.5, 2, -0.5, -0.8, 2.5, 1]);

  it('joins runs above the threshold and trims punctuation at the ends', () => {
    expect(slice(d.text, spansFromScores(d.tokens, d.sentences, scores, 0))).toEqual([
      'corrupt , lying',
      'thieves',
    ]);
  });

  it('widens over weaker neighbours and keeps the best score', () => {
    const spans = spansFromScores(d.tokens, d.sentences, scores, 0, 1.5);
    expect(slice(d.text, spans)).toEqual(['a corrupt , lying gang of thieves']);
    expect(spans[0]?.score).toBe(3);
  });

  it('does not end a span on a weak word', () => {
    const weak = (i: number): boolean => d.text.slice(d.tokens[i]!.start, d.tokens[i]!.end) === 'thieves';
    expect(slice(d.text, spansFromScores(d.tokens, d.sentences, scores, 0, 1.5, weak))).toEqual([
      'a corrupt , lying gang of',
    ]);
  });

  it('miss: nothing above the threshold gives no span', () => {
    expect(spansFromScores(d.tokens, d.sentences, scores, 5)).toEqual([]);
  });
});

describe('scoreTokens', () => {
  it('sums each token’s feature weights', () => {
    const weights = Float32Array.from([0, 1, 2, 4]);
    const feats = new Int32Array(2 * FEATURES_PER_TOKEN);
    feats[0] = 3;
    feats[1] = 2;
    feats[FEATURES_PER_TOKEN] = 1;
    const out = new Float32Array(2);
    scoreTokens(weights, feats, 2, out);
    expect([...out]).toEqual([6, 1]);
  });
});

describe('model file', () => {
  it('round-trips weights and settings', () => {
    const w = new Float32Array(1 << 4);
    w[3] = 1.5;
    w[9] = -2.25;
    const bytes = encodeLoadedModel(w, 4, -1, 0.5, 2, { seed: 1 });
    const m = decodeLoadedModel(bytes);
    expect([...m.weights]).toEqual([...w]);
    expect([m.header.threshold, m.header.newsThreshold, m.header.extend, m.header.count]).toEqual([
      -1, 0.5, 2, 2,
    ]);
  });

  it('refuses other files', () => {
    expect(() => decodeLoadedModel(Buffer.from('not a model at all'))).toThrow(LoadedModelError);
  });
});

describe('the shipped model', () => {
  const c = loadLoadedClassifier();
  const find = (text: string, threshold = c.threshold): string[] => {
    const d = doc(text);
    return slice(text, c.spans({ ...d, quoted: [] }, threshold));
  };

  it('marks abusive labels', () => {
    const hits = find(
      'These treacherous, cowardly traitors are destroying our great nation with their evil lies.',
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.join(' ')).toMatch(/treacherous|cowardly|traitors|evil/);
  });

  it('miss: plain reporting has nothing at the news threshold', () => {
    expect(
      find('The committee met on Tuesday and approved the budget for next year.', c.newsThreshold),
    ).toEqual([]);
  });

  it('news threshold is at least the PTC threshold', () => {
    expect(c.newsThreshold).toBeGreaterThanOrEqual(c.threshold);
  });

  it('scores every token with the fixed feature stride', () => {
    const f = new LoadedFeatures(c.features.hashBits);
    const d = doc('A vile smear.');
    expect(f.document({ ...d, quoted: [] }).length).toBe(d.tokens.length * FEATURES_PER_TOKEN);
  });
});
