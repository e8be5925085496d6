/** Pins the gold/v1 normalization order, entity-name keys and content tokens. */
import { describe, expect, it } from 'vitest';
import { contentTokens, entityKey, normalizeGoldText, normalizeWithOffsets, tokenF1 } from './normalize.js';

describe('normalizeGoldText', () => {
  it.each([
    ['NFC: a decomposed é equals the composed one', 'Cafe\u0301', 'café'],
    ['curly single quotes and prime fold to an apostrophe', '‘it’s′', "'it's'"],
    ['curly double quotes fold to a straight one', '“yes”', '"yes"'],
    ['en and em dashes fold to a hyphen', 'A–B—C', 'a-b-c'],
    ['a run of * after a word is dropped', 'Group)* was', 'group) was'],
    ['a run of ** after a word is dropped', 'Militia** leaders', 'militia leaders'],
    ['a run of * before a word is dropped', 'a *footnote', 'a footnote'],
    ['a * between spaces stays', 'a * b', 'a * b'],
    ['a footnote line opening with * and a space keeps it', '* A group, outlawed', '* a group, outlawed'],
    ['** standing alone at the start stays', '** An aside', '** an aside'],
    ['white space runs collapse and ends are trimmed', '  a \t\n b  ', 'a b'],
    ['asterisk deletion happens before white space collapses', 'x **\ty', 'x ** y'],
    ['case is ignored', 'MiXeD', 'mixed'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeGoldText(input)).toBe(expected);
  });
});

describe('entityKey', () => {
  it.each([
    ['U.S.', 'US', true],
    ['The U.S.', 'us', true],
    ['the Militia', 'Militia', true],
    ['THE  Council', 'council', true],
    ['“The Herald”', 'Herald', true],
    ['Theater Group', 'ater Group', false],
    ['Acme’s proxy', "Acme's proxy", true],
    ['Al-Nour Front', 'Al Nour Front', true],
    ['Acme**', 'Acme', true],
    ['São Tomé', 'sao tome', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(entityKey(a) === entityKey(b)).toBe(same);
  });

  it('a string of only "the" or punctuation has an empty key', () => {
    expect(entityKey('The')).toBe('');
    expect(entityKey('—')).toBe('');
  });
});

describe('content tokens and token F1', () => {
  it('tokens are runs of Unicode letters and digits of the normalized text', () => {
    expect(contentTokens('Acme’s 2nd plant, São Paulo — 2024!')).toEqual([
      'acme',
      's',
      '2nd',
      'plant',
      'são',
      'paulo',
      '2024',
    ]);
  });

  it.each([
    ['identical', 'a b c d', 'a b c d', 1],
    ['half the tokens shared both ways', 'a b x y', 'a b c d', 0.5],
    ['a quarter shared', 'a x y z', 'a b c d', 0.25],
    ['bags: a repeated token counts as often as it appears in both', 'a a', 'a b', 0.5],
    ['empty system content', '', 'a b', 0],
    ['curly and straight quotes give the same tokens', 'it’s done', "it's done", 1],
  ])('%s', (_name, system, gold, f1) => {
    expect(tokenF1(system, gold)).toBeCloseTo(f1, 10);
  });
});

describe('normalizeWithOffsets', () => {
  it.each(['  Hello,  “World”**  ', 'a*b * c', 'Line one\n\nLine – two', 'X\u0130Y'])(
    'gives the same text as normalizeGoldText for %j (after NFC)',
    (input) => {
      expect(normalizeWithOffsets(input.normalize('NFC')).text).toBe(normalizeGoldText(input));
    },
  );

  it('maps each output unit back to the unit it came from', () => {
    const source = 'Ab  “cd”*';
    const { text, offsets } = normalizeWithOffsets(source);
    expect(text).toBe('ab "cd"');
    expect(offsets.slice(0, text.length).map((i) => source[i])).toEqual(['A', 'b', ' ', '“', 'c', 'd', '”']);
    expect(offsets[text.length]).toBe(source.length);
  });
});
