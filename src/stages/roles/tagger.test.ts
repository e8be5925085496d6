import { describe, expect, it } from 'vitest';
import type { DocTokens } from './features.js';
import { snap } from './tagger.js';

const words = ['gunmen', 'shot', 'eduardo', 'antonio', 'lopez', 'with', 'a', 'pistol', ','];
// one mention over "eduardo antonio lopez" (tokens 2–4)
const doc: DocTokens = {
  mentionType: Int8Array.from([-1, -1, 0, 0, 0, -1, -1, -1, -1]),
  mentionBegin: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 0]),
};

describe('snap', () => {
  it('widens a span to the whole entity mention it cuts', () => {
    expect(snap(3, 5, words, doc, 0)).toEqual([2, 5]);
  });

  it('trims edge words and punctuation (miss: a span of edge words alone is dropped)', () => {
    expect(snap(5, 9, words, doc, 0)).toEqual([6, 8]);
    expect(snap(5, 6, words, doc, 0)).toBeUndefined();
  });

  it('leaves a span outside mentions as it is', () => {
    expect(snap(0, 1, words, doc, 0)).toEqual([0, 1]);
  });
});
