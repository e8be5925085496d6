/** The tokenizer is lossless and the segmenter never cuts inside a token, on any input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment } from './segment.js';
import { tokenize } from './tokenize.js';

const words = (text: string): string[] => tokenize(text).map((t) => text.slice(t.start, t.end));

describe('tokenize', () => {
  it.each([
    ['The U.S. said', ['The', 'U.S.', 'said']],
    ["Peru's army", ['Peru', "'s", 'army']],
    ['1,000 people, 3.5%', ['1,000', 'people', ',', '3.5', '%']],
    ['al-Doe and ISIS-K', ['al-Doe', 'and', 'ISIS-K']],
    ['“Yes,” he said.', ['“', 'Yes', ',', '”', 'he', 'said', '.']],
    ['Group (X)* was', ['Group', '(', 'X', ')', '*', 'was']],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('is lossless on any string: tokens are ordered, disjoint, and only white space lies between them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const tokens = tokenize(text);
        let at = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(at);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(at, t.start).trim()).toBe('');
          at = t.end;
        }
        expect(text.slice(at).trim()).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});

describe('segment', () => {
  const sentences = (text: string): string[] =>
    segment(text, tokenize(text)).map((s) => text.slice(s.start, s.end));

  it.each([
    ['He left. She stayed.', ['He left.', 'She stayed.']],
    ['Mr. Roe met Dr. Doe. Talks ended.', ['Mr. Roe met Dr. Doe.', 'Talks ended.']],
    ['“We won,” he said. “Now we rest.”', ['“We won,” he said.', '“Now we rest.”']],
    ['A headline\n\nThe body starts here.', ['A headline', 'The body starts here.']],
    ['The U.S. said no. It left.', ['The U.S. said no.', 'It left.']],
  ])('%j', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('covers every token exactly once, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const tokens = tokenize(text);
        const ss = segment(text, tokens);
        let next = 0;
        for (const s of ss) {
          expect(s.tokenStart).toBe(next);
          expect(s.tokenEnd).toBeGreaterThan(s.tokenStart);
          next = s.tokenEnd;
        }
        expect(next).toBe(tokens.length);
      }),
      { numRuns: 500 },
    );
  });
});
