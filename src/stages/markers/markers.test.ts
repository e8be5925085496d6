// Table-driven tests of footnote and loaded-language markers on hand-built inputs, hits and misses.
import { describe, expect, it } from 'vitest';
import type { Marker } from '../../model/schema.js';
import type { StageContext } from '../../pipeline/stage.js';
import { buildInput, type MentionSpec } from '../quotes/fixture.js';
import { quotesStage } from '../quotes/index.js';
import { lexiconKnowledge } from '../quotes/lexicon-knowledge.js';
import { markersStage } from './index.js';

const ctx: StageContext = { knowledge: lexiconKnowledge(), published: undefined, diagnostics: [] };

function run(text: string, specs: MentionSpec[] = []): { markers: Marker[]; text: string } {
  const input = buildInput(text, specs);
  const quotes = quotesStage.run(input, ctx).quotes ?? [];
  const markers = markersStage.run({ ...input, quotes }, ctx).markers ?? [];
  for (const m of markers) expect(input.document.text.slice(m.span.start, m.span.end)).toBe(m.text);
  return { markers, text: input.document.text };
}

const O = (text: string, entity: string, occurrence = 0): MentionSpec => ({
  text,
  entity,
  type: 'ORG',
  occurrence,
});

describe('legal-designation footnotes', () => {
  const body = 'The Black Banner* and the Red Hand** clashed with Blue Front (BF)*** near the border.';
  const text = `${body}\n* A terrorist organization banned in several countries.\n** An extremist group under UN sanctions.\n*** A political party.`;
  const specs = [O('Black Banner', 'bb'), O('Red Hand', 'rh'), O('Blue Front', 'bf'), O('BF', 'bf')];

  it('finds designating footnotes with their anchors and entities', () => {
    const { markers, text: t } = run(text, specs);
    const fns = markers.filter((m) => m.kind === 'legal-designation-footnote');
    expect(fns.map((m) => [m.text, m.refersTo, t.slice(m.anchor!.start, m.anchor!.end)])).toEqual([
      ['* A terrorist organization banned in several countries.', 'bb', '*'],
      ['** An extremist group under UN sanctions.', 'rh', '**'],
    ]);
  });

  it.each([
    [
      'bracketed marks',
      'The Green Cell(*) met.\n(*) Designated as a foreign agent.',
      [O('Green Cell', 'gc')],
      ['gc'],
    ],
    [
      'mark after a closing bracket',
      'The Green Cell (GC)* met.\n* Outlawed in the country.',
      [O('Green Cell', 'gc'), O('GC', 'gc')],
      ['gc'],
    ],
    [
      'miss: a footnote that designates nothing',
      'The Green Cell* met.\n* Founded in 1990.',
      [O('Green Cell', 'gc')],
      [],
    ],
    ['miss: a bulleted line without designation', 'Items:\n* bread and milk', [], []],
  ] as const)('%s', (_name, t, s, want) => {
    const got = run(t, [...s])
      .markers.filter((m) => m.kind === 'legal-designation-footnote')
      .map((m) => m.refersTo);
    expect(got).toEqual(want);
  });
});

describe('loaded language', () => {
  it.each([
    [
      'outlet voice with hyphenated modifier',
      'The rebels fought the foreign-backed puppet regime for years.',
      [['foreign-backed puppet regime', 'outlet']],
    ],
    ['a possessive name joins the label', "Critics mocked Roe's clique again.", [["Roe's clique", 'outlet']]],
    [
      'quote voice inside a fragment',
      'He accused them of serving “the occupation forces and their lackeys.”',
      [
        ['occupation forces', 'quote'],
        ['lackeys', 'quote'],
      ],
    ],
    ['quote voice in a direct quote', '“These thugs will pay,” the minister said.', [['thugs', 'quote']]],
    ['case-insensitive', 'So-called experts disagreed.', [['So-called', 'outlet']]],
    ['miss: inside a longer word', 'The puppeteer took a bow.', []],
    ['miss: a capitalized name', 'The Freedom Fighters Party won two seats.', []],
    ['miss: neutral terms', 'The terrorist attack killed ten people, officials said.', []],
    // 'criminals' is in the lexicon, but the classifier scores it below its widening floor here.
    [
      'miss: a lexicon word the classifier finds neutral where it stands',
      'Police arrested three criminals on Tuesday.',
      [],
    ],
  ] as const)('%s', (_name, t, want) => {
    const got = run(t)
      .markers.filter((m) => m.kind === 'loaded-language')
      .map((m) => [m.text, m.voice]);
    expect(got).toEqual(want);
  });
});

describe('loaded language from the trained classifier', () => {
  it('marks a loaded phrase the lexicon lacks, in the outlet voice', () => {
    const got = run(
      'The senator called the bill a disgusting betrayal of hardworking families.',
    ).markers.filter((m) => m.kind === 'loaded-language');
    expect(got.map((m) => m.voice)).toEqual(['outlet']);
    expect(got[0]?.text).toMatch(/disgusting betrayal/);
    expect(got[0]?.stage).toBe('markers.rules@2');
  });

  it('miss: plain reporting gets no marker', () => {
    expect(run('The committee met on Tuesday and approved the budget for next year.').markers).toEqual([]);
  });
});
