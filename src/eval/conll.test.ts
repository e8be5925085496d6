/** conlleval-exact IOB decoding and entity-level scoring, on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { ConllScorer, decodeIob, formatConllReport, parseConll } from './conll.js';

describe('decodeIob', () => {
  it('reads IOB1: I- throughout, B- only between two names of the same type', () => {
    expect(decodeIob(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'LOC', start: 4, end: 5 },
    ]);
  });

  it('starts a new chunk when the type changes, even inside I- tags', () => {
    expect(decodeIob(['I-ORG', 'I-MISC', 'I-MISC'])).toEqual([
      { type: 'ORG', start: 0, end: 1 },
      { type: 'MISC', start: 1, end: 3 },
    ]);
  });

  it('reads IOB2 the same way', () => {
    expect(decodeIob(['B-PER', 'I-PER', 'B-PER', 'B-LOC', 'I-LOC', 'O'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'LOC', start: 3, end: 5 },
    ]);
  });

  it('closes a chunk at the end of the sentence and ignores O', () => {
    expect(decodeIob(['O', 'O'])).toEqual([]);
    expect(decodeIob(['O', 'I-ORG'])).toEqual([{ type: 'ORG', start: 1, end: 2 }]);
    expect(decodeIob([])).toEqual([]);
  });
});

describe('parseConll', () => {
  it('splits articles at -DOCSTART- and sentences at blank lines, the tag being the last column', () => {
    const text = [
      '-DOCSTART- -X- O O',
      '',
      'Alpha NNP I-NP I-ORG',
      'said VBD I-VP O',
      '',
      'Beta NNP I-NP I-PER',
      '',
      '-DOCSTART- -X- O O',
      '',
      'Gamma NNP I-NP I-LOC',
      '',
    ].join('\n');
    const docs = parseConll(text);
    expect(docs).toHaveLength(2);
    expect(docs[0]?.sentences).toEqual([
      { words: ['Alpha', 'said'], tags: ['I-ORG', 'O'] },
      { words: ['Beta'], tags: ['I-PER'] },
    ]);
    expect(docs[1]?.sentences).toEqual([{ words: ['Gamma'], tags: ['I-LOC'] }]);
  });
});

describe('ConllScorer', () => {
  it('counts only exact span and type matches', () => {
    const s = new ConllScorer();
    // gold: PER 0–2, LOC 3–4, ORG 5–6
    // guess: PER 0–1 (wrong span), LOC 3–4 (right), MISC 5–6 (wrong type)
    s.addTags(['I-PER', 'I-PER', 'O', 'I-LOC', 'O', 'I-ORG'], ['I-PER', 'O', 'O', 'I-LOC', 'O', 'I-MISC']);
    const r = s.report();
    expect(r.overall.correct).toBe(1);
    expect(r.overall.guessed).toBe(3);
    expect(r.overall.gold).toBe(3);
    expect(r.overall.precision).toBeCloseTo(1 / 3);
    expect(r.overall.recall).toBeCloseTo(1 / 3);
    expect(r.overall.f1).toBeCloseTo(1 / 3);
    expect(r.byType.LOC?.f1).toBe(1);
    expect(r.byType.PER).toMatchObject({ correct: 0, guessed: 1, gold: 1, f1: 0 });
    expect(r.byType.MISC).toMatchObject({ correct: 0, guessed: 1, gold: 0, precision: 0 });
    expect(r.byType.ORG).toMatchObject({ correct: 0, guessed: 0, gold: 1, recall: 0 });
    expect(r.tokens).toBe(6);
  });

  it('treats an IOB1 and an IOB2 encoding of the same names as equal', () => {
    const s = new ConllScorer();
    s.addTags(['I-PER', 'B-PER', 'O', 'I-ORG', 'I-ORG'], ['B-PER', 'B-PER', 'O', 'B-ORG', 'I-ORG']);
    expect(s.report().overall.f1).toBe(1);
  });

  it('micro-averages over sentences and prints a table', () => {
    const s = new ConllScorer();
    s.addTags(['I-PER'], ['I-PER']);
    s.addTags(['I-LOC', 'O'], ['O', 'O']);
    const r = s.report();
    expect(r.overall).toMatchObject({ correct: 1, guessed: 1, gold: 2, precision: 1, recall: 0.5 });
    expect(r.overall.f1).toBeCloseTo(2 / 3);
    const table = formatConllReport(r);
    expect(table).toContain('overall');
    expect(table).toContain('66.67');
  });

  it('rejects sequences of different lengths', () => {
    expect(() => new ConllScorer().addTags(['O'], [])).toThrow();
  });
});
