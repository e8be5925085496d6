/** Feature extraction: shapes, case modes, gazetteer spans, determinism, document case flags. */
import { describe, expect, it } from 'vitest';
import { FeatureExtractor, emptyDocContext } from './features.js';
import { GAZ_COUNTRY, PHRASE_START_BIT } from './gazetteer.js';
import { MODE_LOWER, MODE_NORMAL, MODE_TITLE, MODE_UPPER, caseClass, sentenceMode, shapes } from './shape.js';

const gazetteer = {
  words: new Map([
    ['france', 1 << GAZ_COUNTRY],
    ['new', (1 << (GAZ_COUNTRY + 16)) | PHRASE_START_BIT],
    ['zealand', 1 << (GAZ_COUNTRY + 16)],
  ]),
  phrases: new Map([['new zealand', 1 << GAZ_COUNTRY]]),
};
const extractor = (): FeatureExtractor =>
  new FeatureExtractor({ gazetteer, clusters: new Map([['paris', 5]]), hashBits: 16 });

describe('shapes and case', () => {
  it('computes long and short shapes', () => {
    expect(shapes('Washington')).toEqual({ shape: 'Xxxxx', short: 'Xx' });
    expect(shapes('U.S.')).toEqual({ shape: 'X.X.', short: 'X.X.' });
    expect(shapes('1996-08-22')).toEqual({ shape: 'dddd-dd-dd', short: 'd-d-d' });
    expect(shapes('Zürich').short).toBe('Xx');
  });

  it('classifies words and sentences', () => {
    const modeOf = (words: string[]): number => {
      const c = words.map(caseClass);
      return sentenceMode(c, c.length);
    };
    expect(modeOf(['The', 'man', 'saw', 'Paris', '.'])).toBe(MODE_NORMAL);
    expect(modeOf(['SOCCER', '-', 'JAPAN', 'GET', 'WIN'])).toBe(MODE_UPPER);
    expect(modeOf(['the', 'man', 'saw', 'paris'])).toBe(MODE_LOWER);
    expect(modeOf(['Japan', 'Get', 'Lucky', 'Win'])).toBe(MODE_TITLE);
  });
});

describe('FeatureExtractor', () => {
  it('is deterministic and gives every token features within the table', () => {
    const ex = extractor();
    const words = ['Rain', 'fell', 'on', 'New', 'Zealand', 'and', 'France', '.'];
    const a = ex.sentence(words);
    const b = extractor().sentence(words);
    expect([...a.feats]).toEqual([...b.feats]);
    expect(a.offsets.length).toBe(words.length + 1);
    for (let i = 0; i < words.length; i++) {
      expect((a.offsets[i + 1] ?? 0) - (a.offsets[i] ?? 0)).toBeGreaterThan(20);
    }
    for (const f of a.feats) expect(f >= 0 && f <= ex.mask).toBe(true);
  });

  it('adds gazetteer span features to the words of a matched name', () => {
    const ex = extractor();
    const count = (words: string[], i: number): number => {
      const s = ex.sentence(words);
      return (s.offsets[i + 1] ?? 0) - (s.offsets[i] ?? 0);
    };
    // "Zealand" after "New" is the end of a country name; after "Old" it is only part of one.
    expect(count(['in', 'New', 'Zealand'], 2)).toBeGreaterThan(count(['in', 'Old', 'Zealand'], 2));
  });

  it('falls back to the same lower-case features whatever the case', () => {
    const ex = extractor();
    const a = ex.info('Paris');
    const b = ex.info('PARIS');
    expect(a.hLower).toBe(b.hLower);
    expect(a.cluster).toBe(5);
    expect(b.cluster).toBe(5);
    expect(a.hWord).not.toBe(b.hWord);
  });

  it('records how words are cased in ordinary sentences of a document', () => {
    const ex = extractor();
    const doc = emptyDocContext();
    ex.noteCase(doc, ['JAPAN', 'WIN']);
    ex.noteCase(doc, ['They', 'beat', 'Japan', 'in', 'Tokyo', '.']);
    expect(doc.caseFlags.get('japan')).toBe(1);
    expect(doc.caseFlags.get('beat')).toBe(2);
    expect(doc.caseFlags.has('win')).toBe(false);
  });
});
