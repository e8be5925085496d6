/** Dateline detection at the start of a line, and its refusals. */
import { describe, expect, it } from 'vitest';
import { datelineAround, datelineLength } from './dateline.js';

describe('datelineLength', () => {
  it.each([
    ['LIMA — The talks began.', 'LIMA — '],
    ['QUITO, Ecuador — Rain fell.', 'QUITO, Ecuador — '],
    ['NAIROBI, Nov 7 (Agency) - Police said.', 'NAIROBI, Nov 7 (Agency) - '],
    ['SANTIAGO/LIMA, March 3 – Ministers met.', 'SANTIAGO/LIMA, March 3 – '],
    ['BRUSSELS (AP) — The bloc agreed.', 'BRUSSELS (AP) — '],
    ['Two explosions — one after another — shook the city.', ''],
    ['The talks began on Monday.', ''],
  ])('%j', (text, prefix) => {
    expect(text.slice(0, datelineLength(text, 0))).toBe(prefix);
  });

  it('only at the start of a line', () => {
    expect(datelineLength('Intro.\nLIMA — Rain.', 7)).toBe(7);
    expect(datelineLength('Intro. LIMA — Rain.', 7)).toBe(0);
    expect(datelineAround('Intro.\nLIMA — Rain.', 8)).toEqual({ start: 7, end: 14 });
    expect(datelineAround('Intro.\nLIMA — Rain.', 15)).toBeUndefined();
  });
});
