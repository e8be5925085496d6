// Table-driven tests of conflict detection over quotes built by the quote stage from hand-made mentions.
import { describe, expect, it } from 'vitest';
import type { StageContext } from '../../pipeline/stage.js';
import { buildInput, type MentionSpec } from '../quotes/fixture.js';
import { quotesStage } from '../quotes/index.js';
import { lexiconKnowledge } from '../quotes/lexicon-knowledge.js';
import { conflictsStage } from './index.js';

const ctx: StageContext = { knowledge: lexiconKnowledge(), published: undefined, diagnostics: [] };
const P = (text: string, entity: string, occurrence = 0): MentionSpec => ({
  text,
  entity,
  type: 'PERSON',
  occurrence,
});
const G = (text: string, entity: string, occurrence = 0): MentionSpec => ({
  text,
  entity,
  type: 'GPE',
  occurrence,
});
const O = (text: string, entity: string, occurrence = 0): MentionSpec => ({
  text,
  entity,
  type: 'ORG',
  occurrence,
});

function conflicts(text: string, specs: MentionSpec[]): [string, string][] {
  const input = buildInput(text, specs);
  const quotes = quotesStage.run(input, ctx).quotes ?? [];
  const out = conflictsStage.run({ ...input, quotes }, ctx).conflicts ?? [];
  const content = new Map(quotes.map((q) => [q.id, q.content.text]));
  return out.map((c) => [content.get(c.a)!, content.get(c.b)!]);
}

describe('conflictsStage', () => {
  it.each([
    {
      name: 'accusation and denial of involvement in the same attack',
      text: 'General John Doe accused the attackers of being funded by Ruritania. Ruritania denied that it had anything to do with the attack.',
      specs: [P('John Doe', 'doe'), G('Ruritania', 'rur'), G('Ruritania', 'rur', 1)],
      want: [['the attackers of being funded by Ruritania', 'it had anything to do with the attack']],
    },
    {
      name: 'the denial names no happening but denies involvement',
      text: 'Freedonia blamed Ruritania for the bombing. Spokesman Jim Poe said Ruritania had not been involved in any way.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), P('Jim Poe', 'poe'), G('Ruritania', 'rur', 1)],
      want: [['Ruritania for the bombing', 'Ruritania had not been involved in any way']],
    },
    {
      name: 'rival claims of responsibility',
      text: 'The Red Hand claimed the bombing. The Black Banner claimed the bombing too.',
      specs: [O('Red Hand', 'rh'), O('Black Banner', 'bb')],
      want: [['the bombing', 'the bombing too']],
    },
    {
      name: 'miss: accusation about a different matter',
      text: 'Freedonia accused Ruritania of election fraud. Ruritania denied that it had anything to do with the attack.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), G('Ruritania', 'rur', 1)],
      want: [],
    },
    {
      name: 'miss: the denier is not among the accused',
      text: 'Freedonia blamed Ruritania for the bombing. Utopia denied that it had anything to do with the attack.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), G('Utopia', 'uto')],
      want: [],
    },
    {
      name: 'an accusation without a violent matter, answered by the accused',
      text: 'Freedonia accused Ruritania of arming the rebels. Ruritania denied that it had armed anyone.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), G('Ruritania', 'rur', 1)],
      want: [['Ruritania of arming the rebels', 'it had armed anyone']],
    },
    {
      name: 'the accused denies first and the charge is reported after it',
      text: 'Ruritania denied that its drones target homes. Freedonia accused Ruritania of targeting civilians.',
      specs: [G('Ruritania', 'rur'), G('Freedonia', 'fre'), G('Ruritania', 'rur', 1)],
      want: [['Ruritania of targeting civilians', 'its drones target homes']],
    },
    {
      name: 'a denial that points back at the charge',
      text: 'Prosecutors accused Jan Roe of smuggling arms. His lawyer, Ana Poe, said Roe denied the charges.',
      specs: [O('Prosecutors', 'pro'), P('Jan Roe', 'roe'), P('Ana Poe', 'poe'), P('Roe', 'roe', 1)],
      want: [['Jan Roe of smuggling arms', 'the charges']],
    },
    {
      name: 'miss: an earlier denial does not answer a later accusation about another matter',
      text: 'Ruritania denied that it had anything to do with the attack. Freedonia has long accused Ruritania of funding militias.',
      specs: [G('Ruritania', 'rur'), G('Freedonia', 'fre'), G('Ruritania', 'rur', 1)],
      want: [],
    },
    {
      name: 'a neutral statement that calls the charge untrue',
      text: 'Police accused Jan Roe of plotting unrest. Roe said the accusations were invented.',
      specs: [O('Police', 'pol'), P('Jan Roe', 'roe'), P('Roe', 'roe', 1)],
      want: [['Jan Roe of plotting unrest', 'the accusations were invented']],
    },
    {
      name: 'the accused says it never did what it is charged with',
      text: 'Freedonia accused Ruritania of arming the rebels. Ruritania said it had never armed the rebels.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), G('Ruritania', 'rur', 1)],
      want: [['Ruritania of arming the rebels', 'it had never armed the rebels']],
    },
    {
      name: 'miss: a negated statement about something else',
      text: 'Freedonia accused Ruritania of arming the rebels. Ruritania said the talks would not resume this year.',
      specs: [G('Freedonia', 'fre'), G('Ruritania', 'rur'), G('Ruritania', 'rur', 1)],
      want: [],
    },
  ])('$name', ({ text, specs, want }) => {
    expect(conflicts(text, specs)).toEqual(want);
  });
});
