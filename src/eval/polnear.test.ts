import { describe, expect, it } from 'vitest';
import { systemAttributions } from '../cli/commands/eval-polnear.js';
import type { Attribution } from '../model/schema.js';
import {
  alignOffsets,
  formatPolnearReport,
  goldFiles,
  goldRoleSpans,
  isDirect,
  parseAnn,
  scorePolnear,
  scoreRole,
} from './polnear.js';
import { normalizeText } from '../text/normalize.js';

const ANN = [
  'T1\tSource 0 15\tHillary Clinton',
  'T2\tCue 16 21\tcalls',
  'T4\tAttribution 16 21\tcalls',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T3\tContent 30 40;50 60\tto lead, s',
  'tep up fig',
  '#1\tAnnotatorNotes T3\ta note',
  'T5\tAttribution 70 72\tat',
  'E2\tAttribution:T5',
  'T6\tDiscard 0 5\tHilla',
  '',
].join('\n');

describe('parseAnn', () => {
  it('reads roles, discontinuous spans, forward references and continuation lines; skips degenerate events', () => {
    const a = parseAnn(ANN);
    expect(a).toEqual([
      {
        source: [{ start: 0, end: 15 }],
        cue: [{ start: 16, end: 21 }],
        content: [
          { start: 30, end: 40 },
          { start: 50, end: 60 },
        ],
      },
    ]);
    expect(goldRoleSpans(a).content).toHaveLength(1);
  });

  it('joins Content2 fragments to the content and keeps an attribution without source', () => {
    const a = parseAnn(
      'T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthat\nT3\tContent 12 14\tok\nE1\tAttribution:T1 Cue:T1 Content:T2 Content2:T3\n',
    );
    expect(a).toEqual([
      {
        cue: [{ start: 0, end: 4 }],
        content: [
          { start: 5, end: 9 },
          { start: 12, end: 14 },
        ],
      },
    ]);
  });
});

describe('goldFiles', () => {
  it('keeps the smallest annotator id per article', () => {
    expect([...goldFiles(['b_x_7.ann', 'a_3.ann', 'a_12.ann', 'notes.txt']).entries()]).toEqual([
      ['a', 'a_12.ann'],
      ['b_x', 'b_x_7.ann'],
    ]);
  });
});

describe('scoreRole', () => {
  //            0         1         2         3
  //            0123456789012345678901234567890123456
  const text = '"We will win," he said, "all of it."';
  it('exact match is by token set, one-to-one', () => {
    const gold = [[{ start: 0, end: 14 }]];
    // same tokens, trailing space included: exact
    expect(scoreRole(text, gold, [[{ start: 0, end: 15 }]]).tp).toBe(1);
    // a word short: not exact, but overlapping
    const c = scoreRole(text, gold, [[{ start: 1, end: 12 }]]);
    expect(c.tp).toBe(0);
    expect(c).toMatchObject({ predicted: 3, predictedHit: 3, gold: 6, goldHit: 3 });
    // two identical predictions match one gold span once
    expect(scoreRole(text, gold, [[{ start: 0, end: 14 }], [{ start: 0, end: 14 }]]).tp).toBe(1);
  });

  it('a discontinuous gold span is matched exactly only by the same fragments', () => {
    const gold = [
      [
        { start: 0, end: 14 },
        { start: 24, end: 36 },
      ],
    ];
    expect(scoreRole(text, gold, [[{ start: 0, end: 36 }]]).tp).toBe(0);
    expect(
      scoreRole(text, gold, [
        [
          { start: 0, end: 14 },
          { start: 24, end: 36 },
        ],
      ]).tp,
    ).toBe(1);
    const o = scoreRole(text, gold, [[{ start: 0, end: 36 }]]);
    expect(o.goldHit).toBe(o.gold);
    expect(o.predicted - o.predictedHit).toBe(3); // `he`, `said`, `,`
  });

  it('calls content opening or closing with a quotation mark direct', () => {
    expect(isDirect(text, [{ start: 0, end: 14 }])).toBe(true);
    expect(isDirect(text, [{ start: 15, end: 22 }])).toBe(false);
  });

  it('exact on word tokens alone, as a diagnostic, ignores quotation marks', () => {
    const c = scoreRole(text, [[{ start: 0, end: 14 }]], [[{ start: 1, end: 12 }]]);
    expect(c).toMatchObject({ tp: 0, tpWords: 1 });
  });

  it('pools documents into P/R/F1', () => {
    const r = scorePolnear([
      {
        text,
        gold: [
          {
            source: [{ start: 15, end: 17 }],
            cue: [{ start: 18, end: 22 }],
            content: [
              { start: 0, end: 14 },
              { start: 24, end: 36 },
            ],
          },
        ],
        predicted: [
          {
            source: [{ start: 15, end: 17 }],
            cue: [{ start: 15, end: 22 }],
            content: [{ start: 1, end: 35 }],
          },
          { cue: [{ start: 30, end: 33 }] },
        ],
      },
    ]);
    expect(r.roles.source.exact).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(r.roles.cue.exact.f1).toBe(0);
    expect(r.roles.cue.overlap).toMatchObject({ precision: 0.25, recall: 1 }); // `he said` + `of it` vs `said`
    expect(r.roles.content.exact.f1).toBe(0);
    expect(r.goldAttributions).toBe(1);
    // attribution level: the first prediction's cue overlaps the gold cue; the second's does not
    expect(r.attributions).toMatchObject({ matched: 1, predicted: 2, gold: 1, precision: 0.5, recall: 1 });
    expect(r.attributions.direct).toEqual({ gold: 1, matched: 1 });
    expect(r.attributions).toMatchObject({
      sourceExact: 1,
      sourceOverlap: 1,
      contentExact: 0,
      contentOverlap: 1,
    });
  });
});

describe('alignOffsets', () => {
  it('follows composed characters and deleted ones to the end of the text', () => {
    const raw = 'Fran\u0303a said so. \r\nThe mayor  \nagreed.';
    const text = normalizeText(raw);
    const map = alignOffsets(raw, text);
    const at = (word: string): string => {
      const start = raw.indexOf(word);
      return text.slice(map(start), map(start + word.length));
    };
    expect(at('said')).toBe('said');
    expect(at('mayor')).toBe('mayor');
    expect(at('agreed')).toBe('agreed');
    expect(at('Fran\u0303a')).toBe('Fra\u00f1a');
    expect(map(raw.length)).toBe(text.length);
  });
});

describe('system attributions', () => {
  const text = 'Ann said it rains. Bob agreed to go.';
  const at = (word: string): { text: string; span: { start: number; end: number } } => {
    const start = text.indexOf(word);
    return { text: word, span: { start, end: start + word.length } };
  };
  const base = { evidence: { start: 0, end: text.length }, stage: 'quotes.rules@2', confidence: 0.8 };
  const layer: Attribution[] = [
    {
      id: 'a1',
      kind: 'statement',
      quote: 'q1',
      source: at('Ann'),
      cue: at('said'),
      content: [at('it rains')],
      ...base,
    },
    { id: 'a2', kind: 'other', source: at('Bob'), cue: at('agreed'), content: [at('to go')], ...base },
  ];

  it('scores every kind in the attributions layer, statements and others', () => {
    const predicted = systemAttributions(layer);
    expect(predicted).toEqual([
      { source: [at('Ann').span], cue: [at('said').span], content: [at('it rains').span] },
      { source: [at('Bob').span], cue: [at('agreed').span], content: [at('to go').span] },
    ]);
    const report = scorePolnear([{ text, gold: predicted.slice(1), predicted }]);
    expect(report.roles.cue.exact.tp).toBe(1);
    expect(report.roles.cue.exact.fp).toBe(1);
    expect(formatPolnearReport('x', report)).toMatch(/attributions layer, every kind/);
  });
});
