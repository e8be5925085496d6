import { describe, expect, it } from 'vitest';
import { LABELS, NUM_LABELS, O, allowed, beginOf, insideOf, spansOf } from './labels.js';

describe('role labels', () => {
  it('has O plus B- and I- for each of the five roles', () => {
    expect(NUM_LABELS).toBe(11);
    expect(LABELS[beginOf(3)]).toBe('B-victim');
    expect(LABELS[insideOf(4)]).toBe('I-instrument');
  });

  it('lets an I- follow only its own role (miss: I-victim after B-target or at the start)', () => {
    expect(allowed(beginOf(3), insideOf(3))).toBe(true);
    expect(allowed(beginOf(2), insideOf(3))).toBe(false);
    expect(allowed(-1, insideOf(3))).toBe(false);
    expect(allowed(O, beginOf(0))).toBe(true);
  });

  it('decodes spans, a stray I- opening its own span', () => {
    const labels = [O, beginOf(0), insideOf(0), O, insideOf(2), beginOf(3), beginOf(3)];
    expect(spansOf(labels, labels.length)).toEqual([
      { role: 0, start: 1, end: 3 },
      { role: 2, start: 4, end: 5 },
      { role: 3, start: 5, end: 6 },
      { role: 3, start: 6, end: 7 },
    ]);
  });
});
