// Number reading: digits, words, hyphenated tens, scales, vague quantities and words that are no numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayStartNumber, parseNumber } from './numbers.js';

describe('parseNumber', () => {
  it.each([
    ['284 injured', 284, false],
    ['1,200 people', 1200, false],
    ['Ninety-one people', 91, false],
    ['two suicide attackers', 2, false],
    ['twenty five', 25, false],
    ['two hundred and five', 205, false],
    ['a hundred people', 100, false],
    ['dozens of people', 24, true],
    ['a dozen people', 12, true],
    ['several people', 3, true],
    ['hundreds of people', 200, true],
    ['thousands of people', 2000, true],
  ])('%s → %d', (text, value, vague) => {
    const r = parseNumber(text.split(' '));
    expect(r?.value).toBe(value);
    expect(r?.vague).toBe(vague);
  });

  it.each([['a drone'], ['people'], ['the two'], ['two-day visit']])('miss: %s', (text) => {
    expect(parseNumber(text.split(' '))).toBeUndefined();
  });
});

describe('mayStartNumber', () => {
  const vocabulary = [
    'a',
    'an',
    'about',
    'dozen',
    'dozens',
    'score',
    'scores',
    'several',
    'hundred',
    'hundreds',
    'thousand',
    'million',
    'one',
    'Two',
    'twelve',
    'twenty',
    'Ninety-one',
    'forty-two',
    'and',
    '284',
    '1,200',
    '3.5',
    'killed',
    'people',
    'the',
    'of',
    'pair',
    'both',
    'single',
    'half',
    '-',
    'twenty-',
    'x-ray',
  ];
  it('holds for every first word parseNumber reads a number from', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }), (words) => {
        if (parseNumber(words) !== undefined) expect(mayStartNumber(words[0] as string)).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
  it('rules out ordinary words', () => {
    expect(['killed', 'people', 'the', 'of', 'x-ray', 'Monday'].filter(mayStartNumber)).toEqual([]);
  });
});
