// The trained attribution taggers inside the quote stage: statements the rules miss, spans in the
// PolNeAR convention (Quote.attribution), quotations carried on, and the span helpers.
import { describe, expect, it } from 'vitest';
import type { Quote, Span } from '../../model/schema.js';
import type { StageContext } from '../../pipeline/stage.js';
import { buildInput, type MentionSpec } from './fixture.js';
import { quotesStage } from './index.js';
import { kindOf, learnedConfidence, polnearCue, withMarks } from './learned.js';
import { lexiconKnowledge } from './lexicon-knowledge.js';
import { findQuoteMarks } from './marks.js';

const ctx: StageContext = { knowledge: lexiconKnowledge(), published: undefined, diagnostics: [] };

function run(text: string, specs: MentionSpec[] = []): { text: string; quotes: Quote[] } {
  const input = buildInput(text, specs);
  return { text: input.document.text, quotes: quotesStage.run(input, ctx).quotes ?? [] };
}

const slice = (text: string, s: Span | undefined): string =>
  s === undefined ? '' : text.slice(s.start, s.end);

describe('trained attributions in the quote stage', () => {
  it('finds a statement whose cue the lexicon does not know, with its spans as annotated', () => {
    const { text, quotes } = run('The newspaper has learned that the governor will resign in October.');
    expect(quotes).toHaveLength(1);
    const q = quotes[0]!;
    expect(q.cue.text).toBe('has learned');
    expect(q.content.text).toBe('the governor will resign in October');
    expect(slice(text, q.attribution?.source)).toBe('The newspaper');
    expect(q.attribution?.content.map((s) => slice(text, s))).toEqual([
      'that the governor will resign in October',
    ]);
  });

  it('keeps the quotation marks in the annotated content, not in the shown one', () => {
    const { text, quotes } = run('“We will win this district,” Jane Roe said.', [
      { text: 'Jane Roe', entity: 'roe', type: 'PERSON' },
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.content.text).toBe('We will win this district');
    expect(quotes[0]!.attribution?.content.map((s) => slice(text, s))).toEqual([
      '“We will win this district,”',
    ]);
  });

  it('carries a quotation on to the next sentence as one attribution', () => {
    const { text, quotes } = run('“We will win this district,” Jane Roe said. “Nobody can stop us now.”', [
      { text: 'Jane Roe', entity: 'roe', type: 'PERSON' },
    ]);
    const attributions = new Set(quotes.map((q) => JSON.stringify(q.attribution)));
    expect(attributions.size).toBe(1);
    expect(quotes[0]!.attribution?.content.map((s) => slice(text, s))).toEqual([
      '“We will win this district,”',
      '“Nobody can stop us now.”',
    ]);
  });

  it('misses: no statement in a sentence without a cue', () => {
    expect(run('The storm closed the roads and the schools on Monday.').quotes).toEqual([]);
  });
});

describe('span helpers', () => {
  const text = 'He said “the plan works.” Then “it” failed.';
  const marks = findQuoteMarks(text);

  it('widens a content that fills its quotation to the marks', () => {
    const inner = { start: text.indexOf('the plan'), end: text.indexOf('works') + 5 };
    expect(slice(text, withMarks(text, marks, inner))).toBe('“the plan works.”');
    // A part of a quotation keeps its own span.
    const part = { start: text.indexOf('plan'), end: text.indexOf('plan') + 4 };
    expect(withMarks(text, marks, part)).toEqual(part);
  });

  it('reads direct, mixed and indirect from the marks', () => {
    expect(kindOf(marks, { start: text.indexOf('the plan'), end: text.indexOf('works') })).toBe('direct');
    expect(kindOf(marks, { start: text.indexOf('Then'), end: text.length - 1 })).toBe('mixed');
    expect(kindOf(marks, { start: 0, end: 2 })).toBe('indirect');
  });

  it('turns a cue margin into a confidence between 0.5 and 0.85', () => {
    expect(learnedConfidence(0)).toBe(0.5);
    expect(learnedConfidence(20)).toBeGreaterThan(0.7);
    expect(learnedConfidence(1000)).toBe(0.85);
  });
});

describe('polnearCue', () => {
  const at = (text: string, word: string): Span => {
    const start = text.indexOf(word);
    return { start, end: start + word.length };
  };
  it('takes in the auxiliaries and adverbs the annotators count in the cue', () => {
    const text = 'The mayor has also said the plan works.';
    const cue = polnearCue(text, at(text, 'said'), [at(text, 'The mayor')]);
    expect(text.slice(cue.start, cue.end)).toBe('has also said');
  });
  it('stops at other words and never enters another span of the statement', () => {
    const text = 'Officials then said it works. It is, he is stressing, over.';
    const then = polnearCue(text, at(text, 'said'), []);
    expect(text.slice(then.start, then.end)).toBe('said');
    const stressing = at(text, 'stressing');
    const kept = polnearCue(text, stressing, [{ start: stressing.start - 3, end: stressing.start - 1 }]);
    expect(text.slice(kept.start, kept.end)).toBe('stressing');
  });
  it('cuts words that do not end cues', () => {
    const text = 'She said in Paris that it works.';
    const cue = polnearCue(text, at(text, 'said in'), []);
    expect(text.slice(cue.start, cue.end)).toBe('said');
  });
});
