/** The type model's features, prediction and file format, on hand-made cases. */
import { describe, expect, it } from 'vitest';
import {
  modalityBefore,
  parseCues,
  parseTypeModel,
  predictProbs,
  serializeTypeModel,
  stem,
  typeFeatures,
  withoutRuleFeatures,
  type TypeModel,
} from './typemodel.js';

const cues = parseCues(['# comment', 'promised\tAGREE', 'aid\tAID', 'called for\tREQUEST', 'bad\tNOTATYPE']);

describe('stem', () => {
  it.each([
    ['accusing', 'accus'],
    ['accused', 'accus'],
    ['accuses', 'accus'],
    ['talks', 'talk'],
    ['met', 'met'],
    ['aid', 'aid'],
  ])('%s -> %s', (word, expected) => expect(stem(word)).toBe(expected));
});

describe('parseCues', () => {
  it('keeps known types only, phrases by first word', () => {
    expect(cues.get('called')?.[0]?.[1]).toBe('REQUEST');
    expect(cues.has('bad')).toBe(false);
  });
});

describe('typeFeatures', () => {
  it('words, bigrams, cues and the intent before a cue', () => {
    const f = typeFeatures(['japan', 'will', 'send', 'aid', '.'], [], cues);
    expect(f).toEqual(
      expect.arrayContaining(['bias', 'w:japan', 'b:<s>_japan', 'c:AID', 'ci:AID', 'c1:AID', 'r:none']),
    );
    expect(f).not.toContain('w:.');
  });
  it('negation before a cue', () => {
    expect(typeFeatures(['they', 'did', 'not', 'send', 'aid'], [], cues)).toContain('cn:AID');
  });
  it('a phrase cue needs all its words', () => {
    expect(typeFeatures(['called', 'for', 'talks'], [], cues)).toContain('c:REQUEST');
    expect(typeFeatures(['called', 'him'], [], cues)).not.toContain('c:REQUEST');
  });
  it('rule candidates: type, mode, trigger, attributes; the first one apart', () => {
    const f = typeFeatures(
      ['x'],
      [
        { type: 'THREATEN', mode: 'violence', trigger: 'Threatened', attributes: ['planned'] },
        { type: 'SANCTION', mode: 'sanctions', trigger: 'sanctions', attributes: [] },
      ],
      cues,
    );
    expect(f).toEqual(
      expect.arrayContaining([
        'r:THREATEN',
        'rm:THREATEN/violence',
        'rt:threatened',
        'ra:THREATEN/planned',
        'r1:THREATEN',
        'r:SANCTION',
      ]),
    );
    expect(f).not.toContain('r1:SANCTION');
    expect(f).not.toContain('r:none');
  });
});

const model: TypeModel = {
  labels: ['AGREE', 'AID'],
  bias: [0, 0],
  weights: new Map([['c:AID', [0, 2]]]),
};

describe('predictProbs', () => {
  it('softmax over the labels, moved by the features it knows', () => {
    const p = predictProbs(model, ['c:AID', 'unknown']);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 9);
    expect(p[1]!).toBeGreaterThan(0.85);
    expect(predictProbs(model, [])).toEqual([0.5, 0.5]);
  });
});

describe('model file', () => {
  it('round-trips and rejects other formats', () => {
    const back = parseTypeModel(JSON.stringify(serializeTypeModel(model)));
    expect(back.labels).toEqual(['AGREE', 'AID']);
    expect(back.weights.get('c:AID')).toEqual([0, 2]);
    expect(() => parseTypeModel('{"format":"x"}')).toThrow(/format|parallax/);
  });
});

describe('withoutRuleFeatures', () => {
  it('keeps words, bigrams and cues; drops every rule candidate feature', () => {
    expect(
      withoutRuleFeatures([
        'bias',
        'w:met',
        'b:<s>_met',
        'c:CONSULT',
        'ci:AID',
        'r:none',
        'r1:AGREE',
        'rm:A/b',
        'rt:met',
        'ra:A/planned',
        'rx:AGREE',
      ]),
    ).toEqual(['bias', 'w:met', 'b:<s>_met', 'c:CONSULT', 'ci:AID']);
  });
});

describe('modalityBefore', () => {
  it.each([
    [['syria', 'says', 'it', 'will'], 'intent'],
    [['greece', 'plans', 'to'], 'intent'],
    [['libya', 'must'], 'must'],
    [['iraq', 'has', 'to'], 'must'],
    [['syria', 'will', 'not'], 'refuse'],
    [['it', 'declined', 'to'], 'refuse'],
    [['serbia', 'lifted', 'a', 'night'], 'stop'],
    [['the', 'ec', 'may', 'halt'], 'intent-stop'],
    [['it', 'refused', 'to', 'lift'], 'refuse-stop'],
    [['the', 'army'], ''],
    // only the four words before the trigger count
    [['will', 'say', 'the', 'army', 'has'], ''],
  ] as const)('%j -> %s', (before, expected) => expect(modalityBefore(before)).toBe(expected));
});

describe('modal features', () => {
  it('a cue and a rule candidate in a modal frame give type and quad features', () => {
    const f = typeFeatures(
      ['japan', 'will', 'send', 'aid'],
      [{ type: 'AID', mode: 'aid', trigger: 'aid', attributes: [], modality: 'intent' }],
      cues,
    );
    expect(f).toEqual(
      expect.arrayContaining(['cq:intent/AID', 'cq:intent/mcoop', 'rq:intent/AID', 'rq:intent/mcoop']),
    );
    expect(withoutRuleFeatures(f)).not.toContain('rq:intent/AID');
  });
  it("a cue's quad class and the sentence's modal words count apart", () => {
    const f = typeFeatures(['japan', 'must', 'not', 'send', 'aid'], [], cues);
    expect(f).toEqual(expect.arrayContaining(['cQ:mcoop', 'm:must', 'm:refuse']));
  });
  it('miss: no modal word, no modal feature', () => {
    const f = typeFeatures(['japan', 'sent', 'aid'], [], cues);
    expect(f.filter((x) => /^(cq|rq|m):/.test(x))).toEqual([]);
  });
});
