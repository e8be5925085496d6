/** Headline detection: the first line counts only when it looks like a headline. */
import { describe, expect, it } from 'vitest';
import { headlineOf } from './headline.js';

describe('headlineOf', () => {
  it.each([
    ['Floods hit coastal towns\n\nHeavy rain fell on Monday.', 'Floods hit coastal towns'],
    ['Floods hit coastal towns\n  \nHeavy rain fell.', 'Floods hit coastal towns'],
    ['Heavy rain fell on Monday.\n\nMore followed.', undefined],
    ['One paragraph only, no break', undefined],
    ['Officials said:\n\nnothing.', undefined],
  ])('%j → %j', (text, expected) => {
    expect(headlineOf(text)).toBe(expected);
  });
});
