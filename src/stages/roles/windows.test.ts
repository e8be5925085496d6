import { describe, expect, it } from 'vitest';
import type { Event } from '../../model/schema.js';
import { segment } from '../../text/segment.js';
import { tokenize } from '../../text/tokenize.js';
import { eventWindows, isViolentEvent } from './windows.js';

const event = (text: string, trigger: string, type: Event['type']): Event => {
  const start = text.indexOf(trigger);
  const span = { start, end: start + trigger.length };
  return {
    id: trigger,
    type,
    trigger: { text: trigger, span },
    actors: [],
    targets: [],
    counts: {},
    attributes: [],
    reportedBy: { kind: 'outlet' },
    evidence: span,
    stage: 'test',
    confidence: 1,
  };
};

describe('eventWindows', () => {
  it('splits lower-cased wire text at points before lower-case words, keeping context clauses', () => {
    const text =
      'the mayor met reporters. rebels attacked the farm. col. isaacs spoke.    farmers ate lunch. nothing else happened.';
    const tokens = tokenize(text);
    const sentences = segment(text, tokens);
    const windows = eventWindows(text, tokens, sentences, [event(text, 'attacked', 'ASSAULT')], 1);
    expect(windows).toHaveLength(1);
    const w = windows[0]!;
    const slice = text.slice(tokens[w.start]!.start, tokens[w.end - 1]!.end);
    // "col." is no boundary: the clause after the attack runs to the paragraph gap
    expect(slice).toBe('the mayor met reporters. rebels attacked the farm. col. isaacs spoke.');
    expect(w.triggers.map((t) => text.slice(tokens[t.start]!.start, tokens[t.end - 1]!.end))).toEqual([
      'attacked',
    ]);
  });

  it('looks only at violent events (miss: a meeting)', () => {
    const text = 'Officials met in the capital.';
    const tokens = tokenize(text);
    const met = event(text, 'met', 'CONSULT');
    expect(isViolentEvent(met)).toBe(false);
    expect(eventWindows(text, tokens, segment(text, tokens), [met])).toEqual([]);
  });
});
