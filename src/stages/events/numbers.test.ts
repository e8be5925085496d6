// Number reading: digits, words, hyphenated tens, scales, vague quantities and words that are no numbers.
import { describe, expect, it } from 'vitest';
import { parseNumber } from './numbers.js';

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
