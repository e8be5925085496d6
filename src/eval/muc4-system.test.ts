/** The PLOVER → MUC-4 role mapping and the baseline, on a hand-built analysis (no pipeline run). */
import { describe, expect, it } from 'vitest';
import type { Analysis, Entity, Event, EventArgument, Mention } from '../model/schema.js';
import { DEFAULT_MAPPING, baselineTemplate, isViolent, pipelineTemplate } from './muc4-system.js';

const TEXT = 'Rebels of the Red Front shot Mayor Ann Fox with rifles at the town hall. Officials met Bo Lee.';
const at = (s: string): { start: number; end: number } => {
  const start = TEXT.indexOf(s);
  return { start, end: start + s.length };
};
const mention = (id: string, text: string, type: Mention['type'], entity: string): Mention => ({
  id,
  span: at(text),
  text,
  type,
  form: 'name',
  entity,
  evidence: at(text),
  stage: 'test',
  confidence: 1,
});
const entity = (id: string, type: Entity['type'], name: string, mentions: string[]): Entity => ({
  id,
  type,
  name,
  aliases: [name],
  mentions,
  roles: [],
  confidence: 1,
});
const event = (
  type: Event['type'],
  mode: string,
  trigger: string,
  actors: string[],
  targets: string[],
): Event => ({
  id: `ev-${trigger}`,
  type,
  mode,
  trigger: { text: trigger, span: at(trigger) },
  actors,
  targets,
  counts: {},
  attributes: [],
  reportedBy: { kind: 'outlet' },
  evidence: at(trigger),
  stage: 'test',
  confidence: 0.9,
});

const analysis = {
  document: { id: 'd', text: TEXT, contentHash: '', language: 'en' },
  sentences: [
    { start: 0, end: TEXT.indexOf('Officials') - 1, tokenStart: 0, tokenEnd: 0 },
    { start: TEXT.indexOf('Officials'), end: TEXT.length, tokenStart: 0, tokenEnd: 0 },
  ],
  mentions: [
    mention('m1', 'Red Front', 'ORG', 'e1'),
    mention('m2', 'Ann Fox', 'PERSON', 'e2'),
    mention('m3', 'town hall', 'ORG', 'e3'),
    mention('m4', 'Bo Lee', 'PERSON', 'e4'),
  ],
  entities: [
    entity('e1', 'ORG', 'Red Front', ['m1']),
    entity('e2', 'PERSON', 'Ann Fox', ['m2']),
    entity('e3', 'ORG', 'town hall', ['m3']),
    entity('e4', 'PERSON', 'Bo Lee', ['m4']),
  ],
  events: [
    event('ASSAULT', 'attack', 'shot', ['e1'], ['e2', 'e3']),
    event('CONSULT', 'meet', 'met', [], ['e4']),
  ],
} as unknown as Analysis;

describe('pipelineTemplate', () => {
  it('with the entity mapping on: ORG actors to PerpOrg, PERSON targets to Victim, other targets to Target, instruments to Weapon', () => {
    const mapping = { ...DEFAULT_MAPPING, entityArguments: true, weaponTerms: true };
    expect(pipelineTemplate(analysis, mapping)).toEqual({
      PerpInd: [],
      PerpOrg: [['Red Front']],
      Target: [['town hall']],
      Victim: [['Ann Fox']],
      Weapon: [['rifles']],
    });
  });

  it('answers the learned arguments once per filler: a shorter form of an answered string is the same filler', () => {
    const arg = (role: EventArgument['role'], text: string, confidence: number): EventArgument => ({
      role,
      text,
      span: at(text),
      evidence: at(text),
      stage: 'test',
      confidence,
    });
    const [shot, met] = analysis.events as [Event, Event];
    const withArgs = {
      ...analysis,
      events: [
        {
          ...shot,
          arguments: [
            arg('perpetrator-individual', 'Rebels of the Red Front', 0.9),
            arg('perpetrator-individual', 'Front', 0.5),
            arg('perpetrator-organization', 'Red Front', 0.8),
            arg('victim', 'Mayor Ann Fox', 0.9),
            arg('instrument', 'rifles', 0.9),
            arg('target', 'town hall', 0.3),
          ],
        },
        met,
      ],
    } as Analysis;
    expect(pipelineTemplate(withArgs)).toEqual({
      PerpInd: [['Rebels of the Red Front']],
      PerpOrg: [['Red Front']],
      Target: [['town hall']],
      Victim: [['Mayor Ann Fox']],
      Weapon: [['rifles']],
    });
  });

  it('answers a name and its alias in parentheses once (miss: the same two names apart)', () => {
    const text = 'The Blue Hand (BH) bombed a depot; the Blue Hand and BH were named.';
    const arg = (t: string, from: number, confidence: number): EventArgument => {
      const start = text.indexOf(t, from);
      const span = { start, end: start + t.length };
      return { role: 'perpetrator-organization', text: t, span, evidence: span, stage: 'test', confidence };
    };
    const base = { ...analysis, document: { ...analysis.document, text } } as Analysis;
    const [shot] = analysis.events as [Event];
    const withArgs = (args: EventArgument[]): Analysis => ({
      ...base,
      events: [{ ...shot, arguments: args }],
    });
    expect(pipelineTemplate(withArgs([arg('Blue Hand', 0, 0.9), arg('BH', 0, 0.8)])).PerpOrg).toEqual([
      ['Blue Hand'],
    ]);
    expect(
      pipelineTemplate(withArgs([arg('Blue Hand', 0, 0.9), arg('BH', 0, 0.8)]), {
        ...DEFAULT_MAPPING,
        parenthesisAliases: false,
      }).PerpOrg,
    ).toEqual([['Blue Hand'], ['BH']]);
    const apart = 'The Blue Hand bombed a depot; BH was named.';
    const plain = { ...base, document: { ...base.document, text: apart } } as Analysis;
    const a2 = (t: string, c: number): EventArgument => {
      const start = apart.indexOf(t);
      const span = { start, end: start + t.length };
      return {
        role: 'perpetrator-organization',
        text: t,
        span,
        evidence: span,
        stage: 'test',
        confidence: c,
      };
    };
    expect(
      pipelineTemplate({ ...plain, events: [{ ...shot, arguments: [a2('Blue Hand', 0.9), a2('BH', 0.8)] }] })
        .PerpOrg,
    ).toEqual([['Blue Hand'], ['BH']]);
  });

  it('counts only violent events (miss: a meeting names no victim)', () => {
    expect(isViolent(analysis.events[1]!)).toBe(false);
    expect(isViolent({ ...analysis.events[1]!, type: 'COERCE', mode: 'seize' })).toBe(true);
  });
});

describe('baselineTemplate', () => {
  it('answers the entities of attack sentences only, once each', () => {
    const t = baselineTemplate(analysis);
    expect(t.Victim).toEqual([['Ann Fox']]);
    expect(t.PerpOrg).toEqual([['Red Front'], ['town hall']]);
    expect(t.Weapon).toEqual([['rifles']]);
    expect(t.PerpInd).toEqual([]);
  });
});
