// Training helpers: span-length weights of positive tokens and the runs they are computed from.
import { describe, expect, it } from 'vitest';
import { LoadedFeatures } from './features.js';
import { prepareDoc, spanLengthWeight } from './train.js';

describe('spanLengthWeight', () => {
  it('weighs a positive token by (4 / run length)^exponent, kept to [0.25, 2]', () => {
    expect(spanLengthWeight(4, 1)).toBe(1);
    expect(spanLengthWeight(8, 1)).toBe(0.5);
    expect(spanLengthWeight(2, 1)).toBe(2);
    expect(spanLengthWeight(1, 1)).toBe(2);
    expect(spanLengthWeight(40, 1)).toBe(0.25);
    expect(spanLengthWeight(16, 0.5)).toBe(0.5);
  });

  it('miss: exponent 0 or a token outside any span weighs 1', () => {
    expect(spanLengthWeight(12, 0)).toBe(1);
    expect(spanLengthWeight(0, 1)).toBe(1);
  });
});

describe('prepareDoc', () => {
  it('labels the tokens of a gold span and records the length of their run', () => {
    const text = 'Critics called it a shameful betrayal of voters.';
    const start = text.indexOf('shameful');
    const end = text.indexOf(' of');
    const doc = prepareDoc(new LoadedFeatures(16), { id: '1', text, gold: [{ start, end }] });
    const words = doc.tokens.map((t) => text.slice(t.start, t.end));
    const at = words.indexOf('shameful');
    expect([...doc.labels].map((y, i) => (y > 0 ? words[i] : null)).filter((w) => w !== null)).toEqual([
      'shameful',
      'betrayal',
    ]);
    expect(doc.runLength[at]).toBe(2);
    expect(doc.runLength[at + 1]).toBe(2);
    expect(doc.runLength[at - 1]).toBe(0);
    expect(doc.runLength[at + 2]).toBe(0);
  });
});
