// Reading the shared PTC folder: gold spans land on the normalized text (skips without ../shared).
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath, SKIP_REASON } from '../../test/helpers/shared.js';
import { isPtcHeldOut } from './ptc.js';
import { readPtcArticles } from './ptc-data.js';

describe.skipIf(!hasShared)(`readPtcArticles (${hasShared ? 'shared data' : SKIP_REASON})`, () => {
  const dir = sharedPath('data/semeval2020_task11_ptc');

  it('reads the held-out fifth alone when asked, with spans inside the text', () => {
    const held = readPtcArticles(dir, isPtcHeldOut);
    expect(held.length).toBe(77);
    expect(held.every((a) => isPtcHeldOut(a.id))).toBe(true);
    for (const a of held)
      for (const s of a.gold) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(a.text.length);
        expect(s.end).toBeGreaterThan(s.start);
      }
    // Spans start and end on word characters or quotation marks, not in the middle of a word.
    const starts = held.flatMap((a) => a.gold.map((s) => a.text.slice(s.start - 1, s.start + 1)));
    const midWord = starts.filter((p) => /^[a-z][a-z]$/.test(p));
    expect(midWord.length).toBeLessThan(starts.length * 0.02);
  });
});
