// The attributions layer: every attribution the quote stage found, statements (one of the quotes) and
// the other kinds PolNeAR annotates but the product does not count as statements.
import { describe, expect, it } from 'vitest';
import { AttributionSchema, type Attribution, type Quote } from '../../model/schema.js';
import type { StageContext } from '../../pipeline/stage.js';
import { buildInput, type MentionSpec } from './fixture.js';
import { quotesStage } from './index.js';
import { lexiconKnowledge } from './lexicon-knowledge.js';

const ctx: StageContext = { knowledge: lexiconKnowledge(), published: undefined, diagnostics: [] };

function run(
  text: string,
  specs: MentionSpec[] = [],
): { text: string; quotes: Quote[]; attributions: Attribution[] } {
  const input = buildInput(text, specs);
  const out = quotesStage.run(input, ctx);
  const attributions = out.attributions ?? [];
  for (const a of attributions) {
    // Every layer entry validates, and each text is the text at its span.
    expect(AttributionSchema.safeParse(a).success, JSON.stringify(a)).toBe(true);
    for (const part of [a.source, a.cue, ...a.content])
      if (part) expect(input.document.text.slice(part.span.start, part.span.end)).toBe(part.text);
  }
  return { text: input.document.text, quotes: out.quotes ?? [], attributions };
}

describe('the attributions layer', () => {
  it('is provided by the quote stage', () => {
    expect(quotesStage.provides).toContain('attributions');
  });

  it('holds an intention as an attribution of another kind, never a quote', () => {
    const { quotes, attributions } = run('The firm has decided to close two of its factories.');
    expect(quotes).toEqual([]);
    expect(attributions).toHaveLength(1);
    const a = attributions[0]!;
    expect(a.kind).toBe('other');
    expect(a.quote).toBeUndefined();
    expect(a.source?.text).toBe('The firm');
    expect(a.cue.text).toBe('has decided');
    expect(a.content.map((f) => f.text)).toEqual(['to close two of its factories']);
    expect(a.speaker).toEqual({ kind: 'unresolved', text: 'The firm', span: a.source!.span });
    expect(a.stage).toBe(`${quotesStage.name}@${quotesStage.version}`);
    expect(a.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('holds an agreement as another kind, resolving its speaker as for quotes', () => {
    const { quotes, attributions } = run(
      'Northwind Mills agreed to sell its stake in the dam to a rival firm.',
      [{ text: 'Northwind Mills', entity: 'northwind', type: 'ORG' }],
    );
    expect(quotes).toEqual([]);
    expect(attributions.map((a) => [a.kind, a.cue.text])).toEqual([['other', 'agreed']]);
    expect(attributions[0]!.speaker).toEqual({ kind: 'entity', entity: 'northwind' });
  });

  it('holds each quote as a statement with its quote id and its PolNeAR spans', () => {
    const { quotes, attributions } = run('The governor said the bridge will reopen in May.', [
      { text: 'The governor', entity: 'gov', type: 'PERSON' },
    ]);
    expect(quotes).toHaveLength(1);
    expect(attributions).toHaveLength(1);
    const a = attributions[0]!;
    expect(a.kind).toBe('statement');
    expect(a.quote).toBe(quotes[0]!.id);
    expect(a.cue.span).toEqual(quotes[0]!.attribution?.cue);
    expect(a.content.map((f) => f.span)).toEqual(quotes[0]!.attribution?.content);
    expect(a.speaker).toEqual(quotes[0]!.speaker);
    expect(a.evidence).toEqual(quotes[0]!.evidence);
    expect(a.confidence).toBe(quotes[0]!.confidence);
  });

  it('counts a quotation carried on as one statement attribution, named by its first quote', () => {
    const { quotes, attributions } = run(
      '“We will win this district,” Jane Roe said. “Nobody can stop us now.”',
      [{ text: 'Jane Roe', entity: 'roe', type: 'PERSON' }],
    );
    expect(quotes).toHaveLength(2);
    expect(attributions).toHaveLength(1);
    expect(attributions[0]!.quote).toBe('q1');
    expect(attributions[0]!.content.map((f) => f.text)).toEqual([
      '“We will win this district,”',
      '“Nobody can stop us now.”',
    ]);
  });

  it('keeps statements and other kinds apart in one text, in text order with their own ids', () => {
    const { quotes, attributions } = run(
      'The governor said the bridge will reopen in May. The firm has decided to close two of its factories.',
      [{ text: 'The governor', entity: 'gov', type: 'PERSON' }],
    );
    expect(quotes).toHaveLength(1);
    expect(attributions.map((a) => [a.id, a.kind, a.quote])).toEqual([
      ['a1', 'statement', 'q1'],
      ['a2', 'other', undefined],
    ]);
  });

  it('misses: no attribution in a sentence without a cue', () => {
    expect(run('The storm closed the roads and the schools on Monday.').attributions).toEqual([]);
  });
});
