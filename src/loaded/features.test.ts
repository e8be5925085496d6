// Feature extraction: a fixed stride, determinism, and the quotation and sentence cues.
import { describe, expect, it } from 'vitest';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { FEATURES_PER_TOKEN, LoadedFeatures, type LoadedDocInput } from './features.js';

function input(text: string, quoted: { start: number; end: number }[] = []): LoadedDocInput {
  const tokens = tokenize(text);
  return { text, tokens, sentences: segment(text, tokens), quoted };
}

const row = (f: Int32Array, i: number): number[] => [
  ...f.subarray(i * FEATURES_PER_TOKEN, (i + 1) * FEATURES_PER_TOKEN),
];

describe('LoadedFeatures', () => {
  const f = new LoadedFeatures(16);

  it('gives every token FEATURES_PER_TOKEN buckets inside the table', () => {
    const d = input('Critics called the plan a disgrace. It passed anyway!');
    const out = f.document(d);
    expect(out.length).toBe(d.tokens.length * FEATURES_PER_TOKEN);
    expect(Math.max(...out)).toBeLessThan(1 << 16);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic across extractors and calls', () => {
    const d = input('A shameful betrayal of the voters.');
    expect([...new LoadedFeatures(16).document(d)]).toEqual([...f.document(d)]);
  });

  it('tells a scare-quoted word from the same word outside quotes', () => {
    const plain = input('They call it reform today.');
    const text = 'They call it “reform” today.';
    const start = text.indexOf('reform');
    const quoted = input(text, [{ start, end: start + 'reform'.length }]);
    const a = row(f.document(plain), 3);
    const b = row(f.document(quoted), 4);
    expect(a).not.toEqual(b);
    // The word's own features (word, lower case, affixes) are the same.
    expect(a.slice(1, 9)).toEqual(b.slice(1, 9));
  });

  it('miss: the same word in the same context gives the same features', () => {
    const d = input('Lies. Lies.');
    const out = f.document(d);
    // Both "Lies" start a sentence of the same shape, but only the first is in the headline sentence.
    expect(row(out, 0).slice(1, 9)).toEqual(row(out, 2).slice(1, 9));
  });
});
