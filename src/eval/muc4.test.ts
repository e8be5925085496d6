/** CEAF-REE as the GRIT scorer computes it, pinned on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import {
  countRole,
  emptyTemplate,
  matchRole,
  normalizeMuc4,
  parseMuc4,
  scoreMuc4,
  type Muc4Document,
} from './muc4.js';

describe('normalizeMuc4', () => {
  it.each([
    ['The "Red" Army.', 'red army'],
    ['an  armed   column', 'armed column'],
    ['A-B', 'ab'],
    ['theory of a thing', 'theory of thing'],
    ['  ', ''],
  ])('%s -> %s', (input, out) => {
    expect(normalizeMuc4(input)).toBe(out);
  });
});

describe('matchRole', () => {
  it('credits a prediction that names any one coreferent gold mention', () => {
    expect(matchRole([['guerrillas']], [['urban guerrillas', 'guerrillas']])).toBe(1);
  });

  it('needs every mention of a predicted entity to be in the gold entity', () => {
    expect(matchRole([['guerrillas', 'soldiers']], [['urban guerrillas', 'guerrillas']])).toBe(0);
    expect(matchRole([['guerrillas', 'the urban guerrillas']], [['urban guerrillas', 'guerrillas']])).toBe(1);
  });

  it('is one-to-one: the same entity listed twice scores once', () => {
    expect(countRole([['bomb'], ['the bomb']], [['bomb']])).toEqual({ matched: 1, predicted: 2, gold: 1 });
  });

  it('finds the maximum matching, not a greedy one', () => {
    // p0 fits g0 and g1, p1 fits only g0: greedy p0->g0 would leave p1 unmatched
    const gold = [
      ['a car', 'car', 'vehicle'],
      ['vehicle', 'truck'],
    ];
    expect(matchRole([['vehicle'], ['car']], gold)).toBe(2);
  });

  it('drops empty gold entities and empty predictions', () => {
    expect(countRole([[], ['']], [[], ['dynamite']])).toEqual({ matched: 0, predicted: 0, gold: 1 });
  });
});

describe('scoreMuc4', () => {
  const doc = (docid: string, extracts: Partial<ReturnType<typeof emptyTemplate>>): Muc4Document => ({
    docid,
    doctext: '',
    extracts: { ...emptyTemplate(), ...extracts },
  });

  it('sums counts over documents per role and over roles for the micro average', () => {
    const gold = [
      doc('d1', { PerpInd: [['guerrillas', 'rebels']], Victim: [['mayor'], ['priest']] }),
      doc('d2', { Weapon: [['bomb']] }),
      doc('d3', {}),
    ];
    const preds = new Map([
      ['d1', { ...emptyTemplate(), PerpInd: [['rebels']], Victim: [['mayor'], ['soldier']] }],
      ['d3', { ...emptyTemplate(), Target: [['bus']] }],
    ]);
    const r = scoreMuc4(gold, preds);
    expect(r.roles.PerpInd).toMatchObject({ matched: 1, predicted: 1, gold: 1, f1: 1 });
    expect(r.roles.Victim).toMatchObject({ matched: 1, predicted: 2, gold: 2, precision: 0.5, recall: 0.5 });
    expect(r.roles.Weapon).toMatchObject({ matched: 0, predicted: 0, gold: 1, f1: 0 });
    expect(r.roles.Target).toMatchObject({ matched: 0, predicted: 1, gold: 0 });
    expect(r.micro).toMatchObject({ matched: 2, predicted: 4, gold: 4 });
    expect(r.micro.f1).toBeCloseTo(0.5);
  });
});

describe('parseMuc4', () => {
  it('reads ree_grit lines with [mention, offset] pairs', () => {
    const line = JSON.stringify({
      docid: 'X-1',
      doctext: 'rebels attacked',
      extracts: { PerpInd: [[['rebels', 0]]], PerpOrg: [], Target: [], Victim: [], Weapon: [] },
    });
    const [d] = parseMuc4(`${line}\n${line.replace('X-1', 'X-2')}\n`);
    expect(d?.extracts.PerpInd).toEqual([['rebels']]);
  });

  it('reads a docid-keyed object with pred_extracts and bare strings', () => {
    const docs = parseMuc4(JSON.stringify({ 'X-1': { pred_extracts: { Weapon: [['bomb'], 'rifle'] } } }));
    expect(docs[0]).toMatchObject({ docid: 'X-1', extracts: { Weapon: [['bomb'], ['rifle']] } });
  });
});
