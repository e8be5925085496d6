// Table-driven tests of quote attribution on hand-built mentions: hits with speaker, kind, stance; and misses.
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../model/schema.js';
import type { StageContext } from '../../pipeline/stage.js';
import { buildInput, type MentionSpec } from './fixture.js';
import { quotesStage } from './index.js';
import { lexiconKnowledge } from './lexicon-knowledge.js';
import { findQuoteMarks } from './marks.js';

const ctx: StageContext = { knowledge: lexiconKnowledge(), published: undefined, diagnostics: [] };

function run(text: string, specs: MentionSpec[] = []): Quote[] {
  const input = buildInput(text, specs);
  const quotes = quotesStage.run(input, ctx).quotes ?? [];
  for (const q of quotes) {
    expect(input.document.text.slice(q.content.span.start, q.content.span.end)).toBe(q.content.text);
    expect(input.document.text.slice(q.cue.span.start, q.cue.span.end)).toBe(q.cue.text);
  }
  return quotes;
}

const speakerOf = (q: Quote): string =>
  q.speaker.kind === 'entity'
    ? q.speaker.entity
    : q.speaker.kind === 'unresolved'
      ? `?${q.speaker.text}`
      : 'outlet';

const P = (text: string, entity: string, extra: Partial<MentionSpec> = {}): MentionSpec => ({
  text,
  entity,
  type: 'PERSON',
  ...extra,
});
const O = (text: string, entity: string, extra: Partial<MentionSpec> = {}): MentionSpec => ({
  text,
  entity,
  type: 'ORG',
  ...extra,
});
const G = (text: string, entity: string, extra: Partial<MentionSpec> = {}): MentionSpec => ({
  text,
  entity,
  type: 'GPE',
  ...extra,
});

interface Case {
  readonly name: string;
  readonly text: string;
  readonly mentions: MentionSpec[];
  /** speaker, kind, stance, content (exact) for each expected quote, in text order. */
  readonly expect: [string, Quote['kind'], Quote['stance'], string][];
}

const cases: Case[] = [
  {
    name: 'direct quote, speaker after',
    text: '“We will rebuild the bridge within a year,” Jane Roe said on Tuesday.',
    mentions: [P('Jane Roe', 'roe')],
    expect: [['roe', 'direct', 'assert', 'We will rebuild the bridge within a year']],
  },
  {
    name: 'direct quote, inverted cue and straight marks',
    text: '"The talks have failed," said Minister Jane Roe.',
    mentions: [P('Jane Roe', 'roe')],
    expect: [['roe', 'direct', 'assert', 'The talks have failed']],
  },
  {
    name: 'direct quote, speaker before with colon, guillemets',
    text: 'Jane Roe said: «The harvest was the worst in a decade.»',
    mentions: [P('Jane Roe', 'roe')],
    expect: [['roe', 'direct', 'assert', 'The harvest was the worst in a decade']],
  },
  {
    name: 'interrupted quote and pronoun',
    text: 'Jane Roe spoke in the capital. “We tried,” she said, “but the rebels refused to talk.”',
    mentions: [P('Jane Roe', 'roe')],
    expect: [
      ['roe', 'direct', 'assert', 'We tried'],
      ['roe', 'direct', 'assert', 'but the rebels refused to talk'],
    ],
  },
  {
    name: 'reported speech with that, time phrase skipped',
    text: 'The Freedonian Navy said on Friday that the tanker had left port.',
    mentions: [O('Freedonian Navy', 'navy')],
    expect: [['navy', 'indirect', 'assert', 'the tanker had left port']],
  },
  {
    name: 'sentence-final attribution with auxiliary, blame content',
    text: 'A rebel cell was behind the market bombing, Governor John Doe has said.',
    mentions: [P('John Doe', 'doe')],
    expect: [['doe', 'indirect', 'accuse', 'A rebel cell was behind the market bombing']],
  },
  {
    name: 'coordinated cues share the subject',
    text: 'Ruritania denied that its army had anything to do with the shelling, and told reporters that the rebels were responsible.',
    mentions: [G('Ruritania', 'rur')],
    expect: [
      ['rur', 'indirect', 'deny', 'its army had anything to do with the shelling'],
      ['rur', 'indirect', 'accuse', 'the rebels were responsible'],
    ],
  },
  {
    name: 'participial cues and a mixed quote',
    text: 'Ten people died in the raid, with the Red Hand claiming responsibility and General John Doe accusing the attackers of being “paid by foreign agents.”',
    mentions: [O('Red Hand', 'rh'), P('John Doe', 'doe')],
    expect: [
      ['rh', 'indirect', 'claim', 'responsibility'],
      ['doe', 'mixed', 'accuse', 'the attackers of being “paid by foreign agents'],
    ],
  },
  {
    name: 'according to, attaches to the preceding clause',
    text: 'Along with the first blast, 12 more devices were found and defused, according to police chief John Doe.',
    mentions: [P('John Doe', 'doe')],
    expect: [['doe', 'indirect', 'assert', '12 more devices were found and defused']],
  },
  {
    name: 'urged: request with the object',
    text: 'The mayor urged residents to stay indoors.',
    mentions: [],
    expect: [['?The mayor', 'indirect', 'request', 'residents to stay indoors']],
  },
  {
    name: 'demonym officials stand for the country; negated involvement is a denial',
    text: 'Ruritanian officials said the army had not been involved in the shelling.',
    mentions: [G('Ruritanian', 'rur', { form: 'demonym', link: 'country:RU' })],
    expect: [['rur', 'indirect', 'deny', 'the army had not been involved in the shelling']],
  },
  {
    name: 'the group refers to the last organization speaker; self claim',
    text: 'The Red Hand claimed the raid. In a statement, the group said two of its members had planted the bomb.',
    mentions: [O('Red Hand', 'rh')],
    expect: [
      ['rh', 'indirect', 'claim', 'the raid'],
      ['rh', 'indirect', 'claim', 'two of its members had planted the bomb'],
    ],
  },
  {
    name: 'vowed: noun-phrase content without the place phrase',
    text: 'The head of the guard, John Doe, vowed revenge at the funeral.',
    mentions: [P('John Doe', 'doe')],
    expect: [['doe', 'indirect', 'threaten', 'revenge']],
  },
  // Misses.
  { name: 'miss: negated subject', text: 'No group has claimed responsibility.', mentions: [], expect: [] },
  {
    name: 'miss: relative clause',
    text: 'The storm hit the coast, which forecasters say killed nine people.',
    mentions: [],
    expect: [],
  },
  { name: 'miss: noun use of a cue', text: 'The claims could not be verified.', mentions: [], expect: [] },
  {
    name: 'miss: declared without a that-clause',
    text: 'Officials declared a day of mourning.',
    mentions: [],
    expect: [],
  },
  {
    name: 'miss: scare quotes without a cue',
    text: 'The so-called “peace plan” was shelved by the council.',
    mentions: [],
    expect: [],
  },
  {
    name: 'miss: negated speech',
    text: 'John Doe did not say whether the talks would resume.',
    mentions: [P('John Doe', 'doe')],
    expect: [],
  },
  {
    name: 'miss: headline',
    text: 'Ruritania says rebels attacked convoy\n\nThe convoy was hit on Monday.',
    mentions: [G('Ruritania', 'rur')],
    expect: [],
  },
];

describe('quotesStage', () => {
  it.each(cases)('$name', ({ text, mentions, expect: want }) => {
    const got = run(text, mentions).map((q) => [speakerOf(q), q.kind, q.stance, q.content.text]);
    expect(got).toEqual(want);
  });

  it('lists the entities mentioned in the content as about', () => {
    const [q] = run('John Doe said Ruritania had armed the rebels.', [
      P('John Doe', 'doe'),
      G('Ruritania', 'rur'),
    ]);
    expect(q?.about).toEqual(['rur']);
    expect(q?.speakerSpan).toEqual({ start: 0, end: 8 });
  });
});

describe('findQuoteMarks', () => {
  it.each([
    ['“a b”', ['a b']],
    ['He said "yes" and "no".', ['yes', 'no']],
    ['The ‘Iron Dome’ works; don’t panic.', ['Iron Dome']],
    ["It's the rebels' plan.", []],
  ])('%s', (text, inner) => {
    expect(findQuoteMarks(text).map((m) => text.slice(m.inner.start, m.inner.end))).toEqual(inner);
  });
});

describe('quotesStage, more patterns', () => {
  it.each<Case>([
    {
      name: 'a quotation signed with a dash and a name',
      text: 'Readers wrote in after the vote.\n“The new bridge will cost us all dearly.” ― Jane Roe\n“I think it is worth every cent.” — John Doe.',
      mentions: [P('Jane Roe', 'roe'), P('John Doe', 'doe')],
      expect: [
        ['roe', 'direct', 'assert', 'The new bridge will cost us all dearly'],
        ['doe', 'direct', 'assert', 'I think it is worth every cent'],
      ],
    },
    {
      name: 'a signature names the speaker before the quotation before it does; no-break spaces count as spaces',
      text: 'Jane Roe said: “We will build the bridge.”\n“It will cost the town far too much.” ―\u00a0John Doe\u00a0\n',
      mentions: [P('Jane Roe', 'roe'), P('John Doe', 'doe')],
      expect: [
        ['roe', 'direct', 'assert', 'We will build the bridge'],
        ['doe', 'direct', 'assert', 'It will cost the town far too much'],
      ],
    },
    {
      name: 'transcript labels: upper-case names with a colon, two or more of them',
      text: 'Partial transcript as follows:\n\nROE: Will the bridge open on time this year?\n\nDOE: It will open in May, weather permitting.',
      mentions: [],
      expect: [
        ['?ROE', 'indirect', 'assert', 'Will the bridge open on time this year?'],
        ['?DOE', 'indirect', 'assert', 'It will open in May, weather permitting'],
      ],
    },
    {
      name: 'a title-case name labels the title line',
      text: 'Roe: The Bridge Will Open in May.\n\nThe council approved the plan on Monday.',
      mentions: [],
      expect: [['?Roe', 'indirect', 'assert', 'The Bridge Will Open in May']],
    },
    {
      name: 'miss: a title that opens with an article',
      text: 'The Latest: Council Approves the Bridge Plan.\n\nThe council approved the plan on Monday.',
      mentions: [],
      expect: [],
    },
    {
      name: 'a statement reported inside a transcript line nests in it',
      text: 'ROE: Will the bridge open on time this year?\n\nDOE: Officials said the bridge would open in May.',
      mentions: [],
      expect: [
        ['?ROE', 'indirect', 'assert', 'Will the bridge open on time this year?'],
        ['?DOE', 'indirect', 'assert', 'Officials said the bridge would open in May'],
        ['?Officials', 'indirect', 'assert', 'the bridge would open in May'],
      ],
    },
    {
      name: 'a label line names a speaker the recognizer found; a lone upper-case label or a title word does not',
      text: 'Jane Roe: The bridge will open in May.\n\nUPDATE: The vote was moved to Friday.\n\nThe Latest: Officials meet on the bridge plan.',
      mentions: [P('Jane Roe', 'roe')],
      expect: [['roe', 'indirect', 'assert', 'The bridge will open in May']],
    },
    {
      name: 'participle after a final attribution shares its speaker',
      text: 'Gunmen attacked the depot, the Freedonian army said, blaming the Red Hand for the attack.',
      mentions: [G('Freedonian', 'fre', { form: 'demonym', link: 'country:FR' }), O('Red Hand', 'rh')],
      expect: [
        ['fre', 'indirect', 'assert', 'Gunmen attacked the depot'],
        ['fre', 'indirect', 'accuse', 'the Red Hand for the attack'],
      ],
    },
    {
      name: 'told without that: the addressee is skipped',
      text: 'John Doe told reporters the convoy was ambushed.',
      mentions: [P('John Doe', 'doe')],
      expect: [['doe', 'indirect', 'assert', 'the convoy was ambushed']],
    },
    {
      name: 'a plural description stays an unresolved speaker',
      text: 'The militants denied that they had attacked civilians.',
      mentions: [],
      expect: [['?The militants', 'indirect', 'deny', 'they had attacked civilians']],
    },
    {
      name: 'a trailing according-to phrase is not part of the statement',
      text: 'The militants denied that they had attacked civilians, according to a statement.',
      mentions: [],
      expect: [['?The militants', 'indirect', 'deny', 'they had attacked civilians']],
    },
    {
      name: 'appositive between the speaker and the cue',
      text: 'John Roe, a former minister, said the budget was a disaster.',
      mentions: [P('John Roe', 'roe')],
      expect: [['roe', 'indirect', 'assert', 'the budget was a disaster']],
    },
    {
      name: 'a quotation closed before the stop is no quote of the next sentence',
      text: 'The Red Hand said its fighters had killed “more than 30 soldiers”. Minister John Roe denied that any soldiers were among the dead.',
      mentions: [O('Red Hand', 'rh'), P('John Roe', 'roe')],
      expect: [
        ['rh', 'mixed', 'claim', 'its fighters had killed “more than 30 soldiers'],
        ['roe', 'indirect', 'deny', 'any soldiers were among the dead'],
      ],
    },
    {
      name: 'a quoted word inside reported speech does not end it',
      text: 'Colonel John Roe said Ruritanian troops had opened "unprovoked" fire on posts in the north.',
      mentions: [P('John Roe', 'roe'), G('Ruritanian', 'rur')],
      expect: [
        ['roe', 'mixed', 'assert', 'Ruritanian troops had opened "unprovoked" fire on posts in the north'],
      ],
    },
    {
      name: 'a speaker who says another state did violence accuses it',
      text: 'Colonel John Roe said Ruritanian troops had shelled three villages near the border.',
      mentions: [P('John Roe', 'roe'), G('Ruritanian', 'rur')],
      expect: [['roe', 'indirect', 'accuse', 'Ruritanian troops had shelled three villages near the border']],
    },
    {
      name: 'miss: a dateline opening the content is no subject',
      text: 'RURITANIA — Security forces killed two protesters in the capital, the rights group Foro Roe said.',
      mentions: [G('RURITANIA', 'rur'), O('Foro Roe', 'fr')],
      expect: [
        ['fr', 'indirect', 'assert', 'RURITANIA — Security forces killed two protesters in the capital'],
      ],
    },
    {
      name: 'a colon after the cue is no part of the statement',
      text: 'John Roe said: the talks will resume next week.',
      mentions: [P('John Roe', 'roe')],
      expect: [['roe', 'indirect', 'assert', 'the talks will resume next week']],
    },
    {
      name: 'a relative clause between the speaker and the cue',
      text: 'John Roe, who ran the agency under the late President Ana Poe, denies the charges.',
      mentions: [P('John Roe', 'roe'), P('Ana Poe', 'poe')],
      expect: [['roe', 'indirect', 'deny', 'the charges']],
    },
    {
      name: 'organization with an acronym and an appositive claims',
      text: 'The Red Hand (RH), the group’s affiliate in the north, claimed responsibility for the raid.',
      mentions: [O('Red Hand', 'rh')],
      expect: [['rh', 'indirect', 'claim', 'responsibility for the raid']],
    },
    {
      name: 'nested descriptions after a direct quote: the named speaker wins',
      text: '“It is an invasion of our domain,” Jane Roe, the attorney general of Ruritania, one of the states suing the agency, said at an event.',
      mentions: [P('Jane Roe', 'roe'), G('Ruritania', 'rur')],
      expect: [['roe', 'direct', 'assert', 'It is an invasion of our domain']],
    },
    {
      name: 'abbreviated title and a parenthesis before the cue',
      text: '“It is a dog whistle,” Rep. Jane Roe (D-Ruri.) said Friday.',
      mentions: [P('Jane Roe', 'roe')],
      expect: [['roe', 'direct', 'assert', 'It is a dog whistle']],
    },
    {
      name: 'two apostrophes as quotation marks',
      text: "''The plan is a tax increase,'' said Mr. Roe. ''Nothing more.''",
      mentions: [P('Roe', 'roe')],
      expect: [['roe', 'direct', 'assert', 'The plan is a tax increase']],
    },
    {
      name: 'the army refers back to the country whose army spoke earlier',
      text: 'Ruritania’s army said the border post was shelled. The army said its troops returned fire.',
      mentions: [G('Ruritania', 'rur', { link: 'country:RU' })],
      expect: [
        ['rur', 'indirect', 'assert', 'the border post was shelled'],
        ['rur', 'indirect', 'assert', 'its troops returned fire'],
      ],
    },
    {
      name: 'a ministry description needs the same modifiers',
      text: 'Ruritania’s interior ministry said the curfew was lifted. The foreign ministry said the envoy was recalled. The interior ministry said roads were open.',
      mentions: [G('Ruritania', 'rur', { link: 'country:RU' })],
      expect: [
        ['rur', 'indirect', 'assert', 'the curfew was lifted'],
        ['?The foreign ministry', 'indirect', 'assert', 'the envoy was recalled'],
        ['rur', 'indirect', 'assert', 'roads were open'],
      ],
    },
    {
      name: 'the government is the dominant country',
      text: 'Ruritania closed its border. Ruritania recalled its envoy to Freedonia. Ruritania cut flights. The government denied that it had expelled journalists.',
      mentions: [
        G('Ruritania', 'rur', { link: 'country:RU' }),
        G('Ruritania', 'rur', { link: 'country:RU', occurrence: 1 }),
        G('Freedonia', 'fre', { link: 'country:FR' }),
        G('Ruritania', 'rur', { link: 'country:RU', occurrence: 2 }),
      ],
      expect: [['rur', 'indirect', 'deny', 'it had expelled journalists']],
    },
    {
      name: 'miss: the government with two countries balanced stays unresolved',
      text: 'Ruritania met Freedonia. The government denied that it had expelled journalists.',
      mentions: [
        G('Ruritania', 'rur', { link: 'country:RU' }),
        G('Freedonia', 'fre', { link: 'country:FR' }),
      ],
      expect: [['?The government', 'indirect', 'deny', 'it had expelled journalists']],
    },
    {
      name: 'relative-clause cue: a charge the government denied',
      text: 'Rights groups said the militia had burned villages, a charge Ruritania has denied.',
      mentions: [G('Ruritania', 'rur', { link: 'country:RU' })],
      expect: [
        ['?Rights groups', 'indirect', 'assert', 'the militia had burned villages'],
        ['rur', 'indirect', 'deny', 'the militia had burned villages'],
      ],
    },
    {
      name: 'relative-clause cue on a plain clause: a figure the police disputed',
      text: 'At least two protesters were killed, a figure the police disputed.',
      mentions: [],
      expect: [['?the police', 'indirect', 'deny', 'At least two protesters were killed']],
    },
    {
      name: 'dateline, time phrase and venue phrase are not content',
      text: 'VALDORIA, March 9 (Wire) - Ruritania’s air force said on Tuesday it had shot down ten drones. John Doe said in his weekly radio address that the drones were foreign.',
      mentions: [G('Ruritania', 'rur', { link: 'country:RU' }), P('John Doe', 'doe')],
      expect: [
        ['rur', 'indirect', 'assert', 'it had shot down ten drones'],
        ['doe', 'indirect', 'assert', 'the drones were foreign'],
      ],
    },
    {
      name: 'a cue noun after a cue verb is its object',
      text: 'The Red Hand rejected claims that it had attacked the convoy.',
      mentions: [O('Red Hand', 'rh')],
      expect: [['rh', 'indirect', 'deny', 'claims that it had attacked the convoy']],
    },
    {
      name: 'warned threatens only when the content threatens',
      text: 'John Doe warned that Ruritania would retaliate against any attack. Jane Roe warned that prices could rise.',
      mentions: [P('John Doe', 'doe'), G('Ruritania', 'rur'), P('Jane Roe', 'roe')],
      expect: [
        ['doe', 'indirect', 'threaten', 'Ruritania would retaliate against any attack'],
        ['roe', 'indirect', 'assert', 'prices could rise'],
      ],
    },
    {
      name: 'vowed to avenge threatens; called on is a request; condemned accuses; dismissed denies',
      text: 'John Doe vowed to avenge the soldiers. The Red Hand condemned the raid. Jane Roe called on the council to resign. The Red Hand dismissed the report as propaganda.',
      mentions: [
        P('John Doe', 'doe'),
        O('Red Hand', 'rh'),
        P('Jane Roe', 'roe'),
        O('Red Hand', 'rh', { occurrence: 1 }),
      ],
      expect: [
        ['doe', 'indirect', 'threaten', 'to avenge the soldiers'],
        ['rh', 'indirect', 'accuse', 'the raid'],
        ['roe', 'indirect', 'request', 'the council to resign'],
        ['rh', 'indirect', 'deny', 'the report'],
      ],
    },
    {
      name: 'miss: vowed to rebuild is no threat',
      text: 'Jane Roe vowed to rebuild the school.',
      mentions: [P('Jane Roe', 'roe')],
      expect: [['roe', 'indirect', 'assert', 'to rebuild the school']],
    },
    {
      name: 'a quotation paragraph continues the previous paragraph’s speaker',
      text: 'Jane Roe told parliament that spending would be cut.\n\n“We have no choice, the debt is too high.”\n\nLawmakers walked out.\n\n“This budget punishes the poor and the sick.”',
      mentions: [P('Jane Roe', 'roe')],
      expect: [
        ['roe', 'indirect', 'assert', 'spending would be cut'],
        ['roe', 'direct', 'assert', 'We have no choice, the debt is too high'],
      ],
    },
    {
      name: 'miss: a headline ending in a quotation yields nothing',
      text: 'Ruritania says strike on base was ‘act of war’\n\nThe base was hit on Monday.',
      mentions: [G('Ruritania', 'rur')],
      expect: [],
    },
    {
      name: 'told X to: an instruction is a request',
      text: 'Police told the crowd to disperse.',
      mentions: [],
      expect: [['?Police', 'indirect', 'request', 'to disperse']],
    },
    {
      name: 'a participle after a direct quote shares its speaker; a cue without content still passes on its speaker',
      text: '“We are ready,” Jane Roe said, adding that talks would resume.\n\nJohn Doe said in a statement, adding that the vote was “rigged.”',
      mentions: [P('Jane Roe', 'roe'), P('John Doe', 'doe')],
      expect: [
        ['roe', 'direct', 'assert', 'We are ready'],
        ['roe', 'indirect', 'assert', 'talks would resume'],
        ['doe', 'mixed', 'assert', 'the vote was “rigged'],
      ],
    },
    {
      name: 'miss: an infinitive cue',
      text: 'Jane Roe wants to tell voters the plan works.',
      mentions: [P('Jane Roe', 'roe')],
      expect: [],
    },
    {
      name: 'miss: a participle modifying a noun',
      text: 'Protesters calling for reform marched through the capital.',
      mentions: [],
      expect: [],
    },
    {
      name: 'miss: it goes without saying',
      text: 'It goes without saying that the plan is costly.',
      mentions: [],
      expect: [],
    },
    {
      name: 'miss: a time phrase alone is no statement',
      text: 'John Doe said Friday.',
      mentions: [P('John Doe', 'doe')],
      expect: [],
    },
    {
      name: 'miss: a list of names is no appositive',
      text: 'In the capital, Jane Roe, John Doe and others marched, which police said was peaceful.',
      mentions: [P('Jane Roe', 'roe'), P('John Doe', 'doe')],
      expect: [],
    },
  ])('$name', ({ text, mentions, expect: want }) => {
    expect(run(text, mentions).map((q) => [speakerOf(q), q.kind, q.stance, q.content.text])).toEqual(want);
  });
});
