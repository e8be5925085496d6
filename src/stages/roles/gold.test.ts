import { describe, expect, it } from 'vitest';
import { tokenize } from '../../text/tokenize.js';
import { goldTokenLabels } from './gold.js';
import { LABELS } from './labels.js';

describe('goldTokenLabels', () => {
  it('labels every whole-word occurrence, longer fillers first (miss: "bus" inside "buses")', () => {
    const text = 'urban guerrillas burned a bus. the guerrillas fled; buses stopped.';
    const tokens = tokenize(text);
    const labels = goldTokenLabels(text, tokens, [
      { role: 0, text: 'guerrillas' },
      { role: 0, text: 'Urban guerrillas' },
      { role: 2, text: 'bus' },
    ]);
    const tagged = tokens.map((t, i) => `${text.slice(t.start, t.end)}/${LABELS[labels[i] ?? 0]}`);
    expect(tagged.filter((s) => !s.endsWith('/O'))).toEqual([
      'urban/B-perpetrator-individual',
      'guerrillas/I-perpetrator-individual',
      'bus/B-target',
      'guerrillas/B-perpetrator-individual',
    ]);
  });
});
