// Date normalization against the publication date: weekdays, month-days, months, years with relations, relative phrases.
import { describe, expect, it } from 'vitest';
import { findDates } from './find.js';

const PUB = '2024-01-09'; // a Tuesday

function first(text: string, published = PUB) {
  return findDates(text, 0, text.length, published)[0];
}

describe('findDates', () => {
  it.each([
    ['He spoke Monday.', '2024-01-08', 'day', 'on'],
    ['He spoke on Tuesday.', '2024-01-09', 'day', 'on'],
    ['It happened last Tuesday.', '2024-01-02', 'day', 'on'],
    ["Wednesday's bombings", '2024-01-03', 'day', 'on'],
    ['the January 3 attack', '2024-01-03', 'day', 'on'],
    ['on December 30', '2023-12-30', 'day', 'on'],
    ['on 5 March 2021', '2021-03-05', 'day', 'on'],
    ['in January 2020', '2020-01', 'month', 'on'],
    ['in March', '2023-03', 'month', 'on'],
    ['fighting since 2015', '2015', 'year', 'since'],
    ['escalating after 2021', '2021', 'year', 'after'],
    ['before 1990', '1990', 'year', 'before'],
    ["last week's blasts", '2024-01', 'month', 'on'],
    ['yesterday', '2024-01-08', 'day', 'on'],
    ['two days ago', '2024-01-07', 'day', 'on'],
    ['four years since', '2020', 'year', 'on'],
    ['last year', '2023', 'year', 'on'],
    ['on 2023-11-02', '2023-11-02', 'day', 'on'],
    ['late on Saturday', '2024-01-06', 'day', 'on'],
    ['on Friday night', '2024-01-05', 'day', 'on'],
    ['last month', '2023-12', 'month', 'on'],
    ['three days earlier', '2024-01-06', 'day', 'on'],
    ['on January 12', '2023-01-12', 'day', 'on'],
  ])('%s → %s', (text, iso, precision, relation) => {
    const d = first(text);
    expect(d).toBeDefined();
    expect(d!.iso).toBe(iso);
    expect(d!.precision).toBe(precision);
    expect(d!.relation).toBe(relation);
    expect(text.slice(d!.span.start, d!.span.end)).toBe(d!.text);
  });

  it('a week that straddles two months falls back to the year', () => {
    expect(first('last week', '2024-02-06')).toMatchObject({ iso: '2024', precision: 'year' });
  });

  it.each([
    ['They may meet again.'],
    ['The blast went off at 3 p.m.'],
    ['Officials said now is the time.'],
    ['About 2015 people attended.'],
    ['Monday'.toLowerCase()],
  ])('miss: %s', (text) => {
    expect(first(text)).toBeUndefined();
  });

  it.each([[''], ['   '], ['—'], ['Monday Monday Monday']])('does not crash on odd text: %j', (text) => {
    expect(() => findDates(text, 0, text.length, PUB)).not.toThrow();
  });

  it('a weekday needs a publication date', () => {
    expect(first('on Monday', '')).toBeUndefined();
  });
});
