/** Sentences made from CAMEO→PLOVER definitions. */
import { describe, expect, it } from 'vitest';
import { definitionRecords, definitionSentences, pastTense } from './plover-definitions.js';

describe('pastTense', () => {
  it.each([
    ['demand', 'demanded'],
    ['carry', 'carried'],
    ['impose', 'imposed'],
    ['meet', 'met'],
    ['ban', 'banned'],
    ['obstruct', 'obstructed'],
  ])('%s -> %s', (verb, past) => expect(pastTense(verb)).toBe(past));
});

describe('definitionSentences', () => {
  it('"Express intent to" is a promise and a future', () => {
    expect(definitionSentences('Express intent to provide humanitarian aid', 'Chile')).toEqual([
      'Chile will provide humanitarian aid.',
      'Chile promised to provide humanitarian aid.',
    ]);
  });
  it('a threat is also an announced coercion, a refusal an announced non-cooperation', () => {
    expect(definitionSentences('Threaten to impose curfew', 'Chile')).toEqual([
      'Chile threatened to impose curfew.',
      'Chile will impose curfew.',
    ]);
    expect(definitionSentences('Decline to release persons or property', 'Chile')).toEqual([
      'Chile declined to release persons or property.',
      'Chile will not release persons or property.',
    ]);
    // miss: "Threaten with" has no infinitive to announce
    expect(definitionSentences('Threaten with military force', 'Chile')).toEqual([
      'Chile threatened with military force.',
      'Chile has threatened with military force.',
    ]);
  });
  it('a bare verb goes to the past; an adverb keeps its place; commas and notes go', () => {
    expect(definitionSentences('Demand release of persons or property', 'Chile')).toEqual([
      'Chile demanded release of persons or property.',
      'Chile has demanded release of persons or property.',
    ]);
    expect(definitionSentences('Physically assault', 'Chile')).toEqual([
      'Chile physically assaulted.',
      'Chile has physically assaulted.',
    ]);
    expect(definitionSentences('Ease curfew  21.09.17: "ease" is no longer a mode', 'Chile')).toEqual([
      'Chile eased curfew.',
      'Chile has eased curfew.',
    ]);
    expect(definitionSentences('Provide aid', 'Chile')[1]).toBe('Chile has provided aid.');
    expect(definitionSentences('Give ultimatum', 'Chile')[1]).toBe('Chile has given ultimatum.');
  });
});

describe('definitionRecords', () => {
  it('reads category lines, maps labels, skips headings and unknown types', () => {
    const table = [
      '# header',
      '03: AGREE',
      '030: AGREE,  , diplomatic # Express intent to cooperate',
      '1053: REQUEST, yield, legal # Demand release of persons or property',
      '999: DOCUMENT, , # Not a category',
    ].join('\n');
    const records = definitionRecords(table);
    expect(records.map((r) => r.label)).toEqual(['AGREE', 'AGREE', 'REQUEST', 'REQUEST']);
    expect(records[2]!.text).toMatch(/ demanded release of persons or property\.$/);
    expect(new Set(records.map((r) => r.id)).size).toBe(4);
  });
});
