/** Labels, decoding, training on toy data, the model file and the shipped model. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, SKIP_REASON, sharedPath } from '../../test/helpers/shared.js';
import { scorePolnear } from '../eval/polnear.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { readSplit, type TrainingDoc } from './data.js';
import { FEATURE_SET } from './features.js';
import { DEFAULT_ATTRIBUTION_MODEL, loadAttribution } from './index.js';
import { AttributionModelError, decodeAttributionModel, encodeAttributionModel } from './model.js';
import { allowed, labelCount } from './perceptron.js';
import { closeGaps, extendQuoted, readRoles, runsOf, tagDocument, type Weights } from './tagger.js';
import { arraysOf, tagTrainingDoc, trainAttribution } from './train.js';

/** A toy document: `[s:...]`, `[c:...]` and `[q:...]` mark source, cue and content of one attribution. */
function toyDoc(marked: string): TrainingDoc {
  let text = '';
  const spans: Record<string, { start: number; end: number }> = {};
  for (const part of marked.split(/(\[[scq]:[^\]]*\])/)) {
    const m = /^\[([scq]):(.*)\]$/.exec(part);
    if (m) {
      spans[m[1] as string] = { start: text.length, end: text.length + (m[2] as string).length };
      text += m[2] as string;
    } else text += part;
  }
  const tokens = tokenize(text);
  const range = (s: { start: number; end: number } | undefined): [number, number][] => {
    if (s === undefined) return [];
    const a = tokens.findIndex((t) => t.end > s.start);
    let b = a;
    while (b < tokens.length && tokens[b]!.start < s.end) b++;
    return [[a, b]];
  };
  return {
    name: 'toy',
    text,
    tokens,
    sentences: segment(text, tokens),
    gold: [{ source: range(spans.s), cue: range(spans.c), content: range(spans.q) }],
    goldSpans: [
      {
        ...(spans.s && { source: [spans.s] }),
        ...(spans.c && { cue: [spans.c] }),
        ...(spans.q && { content: [spans.q] }),
      },
    ],
  };
}

const toy = [
  '[s:The senator] [c:said] [q:the bill would pass].',
  '[s:Officials] [c:told] reporters [q:the plan had failed].',
  '[q:Talks will resume], [s:a spokesman] [c:said].',
  '[c:According to] [s:the police], [q:three people were arrested].',
  '[s:The mayor] [c:said] [q:the roads were open].',
  'The storm closed the roads and the schools.',
].map(toyDoc);

const options = { epochs: 8, seed: 1, cueBits: 12, roleBits: 12, minCueWord: 1, minCueRate: 0.1 };

describe('labels', () => {
  it('lets I follow only its own B or I', () => {
    expect(labelCount(2)).toBe(5);
    expect(allowed(0, 2)).toBe(false);
    expect(allowed(1, 2)).toBe(true);
    expect(allowed(2, 2)).toBe(true);
    expect(allowed(1, 4)).toBe(false);
    expect(allowed(4, 1)).toBe(true);
  });

  it('reads runs and keeps the source nearest the cue', () => {
    // O B-S I-S O [cue] B-C I-C B-S
    const labels = new Uint8Array([0, 1, 2, 0, 0, 3, 4, 1]);
    expect(runsOf(labels, 10, 18, 0)).toEqual([
      [11, 13],
      [17, 18],
    ]);
    const a = readRoles(labels, 10, 18, [14, 15], 3);
    expect(a.source).toEqual([11, 13]);
    expect(a.content).toEqual([[15, 17]]);
    expect(a.margin).toBe(3);
  });
});

describe('content repairs', () => {
  const arrays = (text: string): ReturnType<typeof arraysOf> => arraysOf(text, tokenize(text));

  it('joins content runs on one side of the cue and runs a content on to the sentence end', () => {
    // He said the plan , which failed , was costly now .
    // 0  1    2   3    4 5     6      7 8   9      10  11
    const d = arrays('He said the plan, which failed, was costly now.');
    const cueLabels = new Uint8Array(12);
    cueLabels[1] = 1;
    expect(
      closeGaps(d, 0, 12, [1, 2], cueLabels, [
        [2, 4],
        [7, 9],
      ]),
    ).toEqual([[2, 11]]);
    // Another cue in the gap keeps the runs apart (and stops the run to the end).
    cueLabels[5] = 1;
    expect(
      closeGaps(d, 0, 12, [1, 2], cueLabels, [
        [2, 4],
        [7, 9],
      ]),
    ).toEqual([
      [2, 4],
      [7, 11],
    ]);
  });

  it('follows a quotation out of its sentence', () => {
    // “ A . B , ” he said .   -> the second sentence starts at token 3
    // 0 1 2 3 4 5 6  7    8
    const d = arrays('“A. B,” he said.');
    expect(extendQuoted(d, 3, 9, [[3, 6]])).toEqual([[0, 6]]);
    expect(extendQuoted(d, 3, 9, [[4, 6]])).toEqual([[4, 6]]);
  });
});

describe('training', () => {
  it('learns cue, source and content of toy attributions, the same way twice', () => {
    const w = trainAttribution(toy, options);
    const again = trainAttribution(toy, options);
    expect(Buffer.from(again.role.buffer).equals(Buffer.from(w.role.buffer))).toBe(true);
    const r = scorePolnear(
      toy.map((d) => ({ text: d.text, gold: d.goldSpans, predicted: tagTrainingDoc(w, d) })),
    );
    expect(r.roles.cue.exact.f1).toBeGreaterThan(0.9);
    expect(r.roles.source.exact.f1).toBeGreaterThan(0.9);
    expect(r.roles.content.exact.f1).toBeGreaterThan(0.9);
    // The sentence without a cue word is not tagged at all.
    const plain = toy[5]!;
    expect(tagDocument(w, arraysOf(plain.text, plain.tokens), plain.sentences)).toEqual([]);
  });
});

describe('model file', () => {
  const w: Weights = trainAttribution(toy, { ...options, epochs: 2 });

  it('round-trips the weights up to int16 quantization', () => {
    const bytes = encodeAttributionModel(w, { note: 'toy' });
    expect(encodeAttributionModel(w, { note: 'toy' }).equals(bytes)).toBe(true);
    const m = decodeAttributionModel(bytes);
    expect(m.header.featureSet).toBe(FEATURE_SET);
    expect([...m.weights.cueWords].sort()).toEqual([...w.cueWords].sort());
    let max = 0;
    for (const v of w.role) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < w.role.length; i++)
      expect(Math.abs((m.weights.role[i] as number) - (w.role[i] as number))).toBeLessThanOrEqual(
        max / 32767,
      );
  });

  it('refuses other files and other feature sets', () => {
    expect(() => decodeAttributionModel(Buffer.from('not a model at all'))).toThrow(AttributionModelError);
    const bytes = encodeAttributionModel(w, {});
    const tampered = Buffer.from(
      bytes.toString('latin1').replace(FEATURE_SET, 'parallax-attribution-features@0'),
      'latin1',
    );
    expect(() => decodeAttributionModel(tampered)).toThrow(/retrain/);
  });
});

describe('shipped model', () => {
  it.runIf(existsSync(DEFAULT_ATTRIBUTION_MODEL))('tags reported speech in plain text', () => {
    const text = 'The governor said on Monday that the bridge would reopen next week.';
    const tokens = tokenize(text);
    const [a] = tagDocument(loadAttribution().weights, arraysOf(text, tokens), segment(text, tokens));
    const at = (r: readonly [number, number] | undefined): string =>
      r === undefined ? '' : text.slice(tokens[r[0]]!.start, tokens[r[1] - 1]!.end);
    expect(at(a?.cue)).toBe('said');
    expect(at(a?.source)).toBe('The governor');
    expect(at(a?.content[0])).toBe('that the bridge would reopen next week');
  });

  it.skipIf(!hasShared)(
    `scores well on part of PolNeAR dev (${hasShared ? 'shared data present' : SKIP_REASON})`,
    () => {
      const dev = readSplit(sharedPath('data/polnear/dev'), 20);
      const w = loadAttribution().weights;
      const r = scorePolnear(
        dev.map((d) => ({ text: d.text, gold: d.goldSpans, predicted: tagTrainingDoc(w, d) })),
      );
      expect(r.roles.cue.exact.f1).toBeGreaterThan(0.5);
      expect(r.roles.source.exact.f1).toBeGreaterThan(0.5);
      expect(r.roles.content.exact.f1).toBeGreaterThan(0.25);
    },
  );
});
