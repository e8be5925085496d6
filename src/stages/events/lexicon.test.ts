/** Parsing of the trigger lexicon's alternative types, and the shipped lexicon's own entries. */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.js';
import { parseTriggerLexicon, triggerAlternatives, triggerLexiconFor, typeCuesFor } from './lexicon.js';

describe('alternative types', () => {
  const lexicon = parseTriggerLexicon([
    'withdrew\tRETREAT\twithdraw\talt=SANCTION:withdraw|AGREE:agree',
    'pulled out\tRETREAT\twithdraw\tnoun,alt=SANCTION:withdraw|NOTATYPE:x',
    'met\tCONSULT\tmeet\tsymmetric',
  ]);
  it('are read from the alt= flag, unknown types skipped, other flags kept', () => {
    expect(triggerAlternatives(lexicon, 'withdrew')).toEqual([
      { type: 'SANCTION', mode: 'withdraw' },
      { type: 'AGREE', mode: 'agree' },
    ]);
    expect(triggerAlternatives(lexicon, 'Pulled out')).toEqual([{ type: 'SANCTION', mode: 'withdraw' }]);
    expect(lexicon.byFirst.get('pulled')![0]!.noun).toBe(true);
  });
  it('miss: no entry, or an entry without alternatives', () => {
    expect(triggerAlternatives(lexicon, 'met')).toEqual([]);
    expect(triggerAlternatives(lexicon, 'pulled quickly out')).toEqual([]);
    expect(triggerAlternatives(lexicon, '')).toEqual([]);
  });
});

describe('shipped lexicons', () => {
  const kb = loadKnowledge({ language: 'en' });
  it.each([
    ['withdrew', 'SANCTION'],
    ['freed', 'RETREAT'],
    ['ceasefire', 'RETREAT'],
  ])('"%s" may also be %s', (trigger, type) => {
    expect(triggerAlternatives(triggerLexiconFor(kb), trigger).map((a) => a.type)).toContain(type);
  });
  it('miss: signing and sanctions stay what the rules say (PLOVER 2 AGREE and SANCTION)', () => {
    expect(triggerAlternatives(triggerLexiconFor(kb), 'signed')).toEqual([]);
    expect(triggerAlternatives(triggerLexiconFor(kb), 'imposed sanctions')).toEqual([]);
  });
  it('type cues cover intent, demands and refusals', () => {
    const cues = typeCuesFor(kb);
    expect(cues.get('promised')?.some(([, t]) => t === 'AGREE')).toBe(true);
    expect(cues.get('demanded')?.some(([, t]) => t === 'REQUEST')).toBe(true);
    expect(cues.get('refused')?.some(([, t]) => t === 'REJECT')).toBe(true);
  });
});
