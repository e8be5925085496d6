/** PLOVER label mapping, the record label rule and the scores, on hand-made cases. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../model/schema.js';
import { labelFromEvents, mapPloverLabel, parsePloverRecords, scorePlover } from './plover.js';

const event = (type: Event['type'], confidence: number, start: number): Event => ({
  id: `e${start}`,
  type,
  trigger: { text: 'x', span: { start, end: start + 1 } },
  actors: [],
  targets: [],
  counts: {},
  attributes: [],
  reportedBy: { kind: 'outlet' },
  evidence: { start, end: start + 1 },
  stage: 'events.rules@1',
  confidence,
});

describe('mapPloverLabel', () => {
  it.each([
    ['DEMAND', 'REQUEST'],
    ['DISAPPROVE', 'ACCUSE'],
    ['INVESTIGATE', 'ACCUSE'],
    ['FIGHT', 'ASSAULT'],
    ['AGREE', 'AGREE'],
    ['DOCUMENT', null],
  ])('%s -> %s', (old, current) => {
    expect(mapPloverLabel(old)).toBe(current);
  });
});

describe('labelFromEvents', () => {
  it('takes the most confident event, the earliest on a tie, NONE without events', () => {
    expect(labelFromEvents([event('AGREE', 0.6, 10), event('REJECT', 0.8, 20)])).toBe('REJECT');
    expect(labelFromEvents([event('REJECT', 0.7, 20), event('AGREE', 0.7, 10)])).toBe('AGREE');
    expect(labelFromEvents([])).toBe('NONE');
  });
});

describe('parsePloverRecords and scorePlover', () => {
  it('skips the documentation record and maps old labels', () => {
    const recs = parsePloverRecords(
      JSON.stringify([
        { id: 'D', event: 'DOCUMENT' },
        { id: 'a', event: 'FIGHT', text: 'Troops fought rebels.' },
      ]),
    );
    expect(recs).toEqual([{ id: 'a', text: 'Troops fought rebels.', label: 'ASSAULT', original: 'FIGHT' }]);
  });

  it('scores accuracy and macro F1 over the types in gold or predictions', () => {
    const r = scorePlover(['AGREE', 'AGREE', 'ASSAULT', 'REJECT'], ['AGREE', 'NONE', 'ASSAULT', 'ASSAULT']);
    expect(r.accuracy).toBe(0.5);
    expect(r.none).toBe(1);
    // AGREE P1 R.5 F.667; ASSAULT P.5 R1 F.667; REJECT 0
    expect(r.types.map((t) => t.type)).toEqual(['AGREE', 'REJECT', 'ASSAULT']);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3);
  });
});
