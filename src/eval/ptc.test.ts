import { describe, expect, it } from 'vitest';
import {
  codePointToUtf16,
  isPtcHeldOut,
  mergeSpans,
  parseTechniqueLabels,
  poolSi,
  PTC_LOADED_TECHNIQUES,
  siCounts,
  utf16ToCodePoint,
} from './ptc.js';

describe('PTC labels and offsets', () => {
  it('keeps the two loaded-language techniques, by article', () => {
    const raw = '1\tLoaded_Language\t3\t9\n1\tDoubt\t0\t4\n2\tName_Calling,Labeling\t5\t7\nbad line\n';
    expect([...parseTechniqueLabels(raw, PTC_LOADED_TECHNIQUES).entries()]).toEqual([
      ['1', [{ start: 3, end: 9 }]],
      ['2', [{ start: 5, end: 7 }]],
    ]);
  });

  it('converts code points and UTF-16 both ways around an emoji and a BOM', () => {
    const text = '\ufeffa😀bc';
    expect(codePointToUtf16(text)).toEqual([0, 1, 2, 4, 5, 6]);
    expect([...utf16ToCodePoint(text)]).toEqual([0, 1, 2, 2, 3, 4, 5]);
  });

  it('merges overlapping spans only', () => {
    expect(
      mergeSpans([
        { start: 5, end: 9 },
        { start: 0, end: 6 },
        { start: 9, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 9 },
      { start: 9, end: 12 },
    ]);
  });

  it('holds out the articles whose id is divisible by 5', () => {
    expect(isPtcHeldOut('111111115')).toBe(true);
    expect(isPtcHeldOut('111111111')).toBe(false);
  });
});

describe('SI score', () => {
  it('gives partial-overlap credit as the task defines it', () => {
    // gold [0,10) and [20,30); predicted [5,15) (half inside gold) and [20,30) (exact)
    const c = siCounts(
      [
        { start: 0, end: 10 },
        { start: 20, end: 30 },
      ],
      [
        { start: 5, end: 15 },
        { start: 20, end: 30 },
      ],
    );
    expect(c).toEqual({ precisionSum: 1.5, predicted: 2, recallSum: 1.5, gold: 2 });
    const s = poolSi([c, siCounts([{ start: 0, end: 4 }], [])]);
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.5);
    expect(s.f1).toBeCloseTo(0.6);
  });

  it('merges overlapping predictions before counting', () => {
    const c = siCounts(
      [{ start: 0, end: 10 }],
      [
        { start: 0, end: 6 },
        { start: 4, end: 10 },
      ],
    );
    expect(c).toEqual({ precisionSum: 1, predicted: 1, recallSum: 1, gold: 1 });
  });
});
