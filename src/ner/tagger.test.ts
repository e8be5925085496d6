/** Training on toy data, decoding, the model file (round trip, version check) and the shipped model. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConllDocument } from '../eval/conll.js';
import { FEATURE_SET_VERSION, emptyDocContext } from './features.js';
import { DEFAULT_MODEL_PATH, loadTagger } from './index.js';
import { ModelError, decodeModel, encodeModel } from './model.js';
import { ENTITY_TYPES, spansOf } from './labels.js';
import { Tagger, decode, harmonize, recordLabels, type NerSpan } from './tagger.js';
import { trainPerceptron } from './train.js';

const s = (line: string): { words: string[]; tags: string[] } => {
  const words: string[] = [];
  const tags: string[] = [];
  for (const tok of line.split(' ')) {
    const [w, t] = tok.split('/');
    words.push(w ?? '');
    tags.push(t ?? 'O');
  }
  return { words, tags };
};

const toy: ConllDocument[] = [
  {
    sentences: [
      s('Alice/I-PER Smith/I-PER visited/O Rome/I-LOC ./O'),
      s('She/O met/O Bob/I-PER Jones/I-PER of/O Acme/I-ORG Corp/I-ORG ./O'),
    ],
  },
  {
    sentences: [
      s('Acme/I-ORG Corp/I-ORG opened/O in/O Oslo/I-LOC ./O'),
      s('Bob/I-PER praised/O Italian/I-MISC food/O ./O'),
    ],
  },
];
const resources = { gazetteer: { words: new Map(), phrases: new Map() }, clusters: new Map(), hashBits: 14 };
const opts = { epochs: 8, seed: 7, upperRate: 0, lowerRate: 0 };

const typed = (words: readonly string[], spans: readonly NerSpan[]): string[] =>
  spans.map((x) => `${x.type}:${words.slice(x.start, x.end).join(' ')}`);

describe('training on toy data', () => {
  const weights = trainPerceptron(toy, resources, opts);
  const tagger = new Tagger(weights, resources);

  it('learns its training sentences', () => {
    const words = ['Alice', 'Smith', 'visited', 'Rome', '.'];
    expect(typed(words, tagger.tag(words))).toEqual(['PER:Alice Smith', 'LOC:Rome']);
    const w2 = ['She', 'met', 'Bob', 'Jones', 'of', 'Acme', 'Corp', '.'];
    const spans = tagger.tag(w2);
    expect(typed(w2, spans)).toEqual(['PER:Bob Jones', 'ORG:Acme Corp']);
    for (const x of spans) expect(x.confidence).toBeGreaterThan(0);
    expect(tagger.tag([])).toEqual([]);
  });

  it('is reproducible: the same seed gives the same weights', () => {
    expect(
      Buffer.from(trainPerceptron(toy, resources, opts).buffer).equals(Buffer.from(weights.buffer)),
    ).toBe(true);
  });

  it('round-trips through the model file and refuses another feature set', () => {
    const bytes = encodeModel(weights, resources.hashBits, resources.gazetteer, resources.clusters, {});
    const model = decodeModel(bytes);
    expect(model.header.featureSet).toBe(FEATURE_SET_VERSION);
    expect(Buffer.from(model.weights.buffer).equals(Buffer.from(weights.buffer))).toBe(true);
    expect(encodeModel(model.weights, 14, model.resources.gazetteer, model.resources.clusters, {})).toEqual(
      bytes,
    );
    const forged = Buffer.from(
      bytes.toString('latin1').replace(FEATURE_SET_VERSION, 'parallax-ner-features@0'),
      'latin1',
    );
    expect(() => decodeModel(forged)).toThrow(ModelError);
    expect(() => decodeModel(Buffer.from('not a model at all'))).toThrow(ModelError);
  });
});

describe('harmonize', () => {
  it('gives every occurrence of a name the type with the most confidence', () => {
    const sentences = [
      ['Jordan', 'won'],
      ['Jordan', 'lost'],
      ['JORDAN', 'drew'],
    ];
    const out = harmonize(sentences, [
      [{ type: 'PER', start: 0, end: 1, confidence: 0.9 }],
      [{ type: 'LOC', start: 0, end: 1, confidence: 0.4 }],
      [{ type: 'LOC', start: 0, end: 1, confidence: 0.3 }],
    ]);
    expect(out.map((x) => x[0]?.type)).toEqual(['PER', 'PER', 'PER']);
  });
});

describe.skipIf(!existsSync(DEFAULT_MODEL_PATH))('the shipped model', () => {
  const tagger = loadTagger();

  it('is memoized', () => {
    expect(loadTagger()).toBe(tagger);
  });

  it('tags invented sentences sensibly', () => {
    const a = 'Angela Merkel met Siemens executives in Berlin on Monday .'.split(' ');
    expect(typed(a, tagger.tag(a))).toEqual(['PER:Angela Merkel', 'ORG:Siemens', 'LOC:Berlin']);
    const b = 'The United Nations said French troops left Mali .'.split(' ');
    expect(typed(b, tagger.tag(b))).toEqual(['ORG:United Nations', 'MISC:French', 'LOC:Mali']);
  });

  it('copes with upper- and lower-case text', () => {
    const up = 'PRESIDENT BILL CLINTON FLEW TO LONDON ON FRIDAY .'.split(' ');
    expect(typed(up, tagger.tag(up))).toEqual(expect.arrayContaining(['PER:BILL CLINTON', 'LOC:LONDON']));
    const low = 'officials in germany said the police arrested john smith .'.split(' ');
    expect(typed(low, tagger.tag(low))).toEqual(expect.arrayContaining(['LOC:germany']));
  });

  it('keeps a name’s type through a document', () => {
    const doc = [
      'CRICKET - LARA SCORES CENTURY'.split(' '),
      'Brian Lara scored a century for West Indies on Friday .'.split(' '),
      'Lara was out soon after .'.split(' '),
    ];
    const out = tagger.tagDocument(doc);
    expect(out[2]?.map((x) => x.type)).toEqual(['PER']);
    expect(typed(doc[1] ?? [], out[1] ?? [])).toEqual(expect.arrayContaining(['PER:Brian Lara']));
  });
});

describe('cached word scores', () => {
  it.skipIf(!existsSync(DEFAULT_MODEL_PATH))(
    'give the labels and probabilities of decoding every feature, in every sentence mode and with a document context',
    () => {
      const tagger = loadTagger();
      const sentences = [
        'Angela Merkel met officials of the European Union in Brussels on Monday .',
        'REBELS SEIZE TOWN NEAR KINSHASA AFTER CLASHES WITH ARMY',
        'rebels seized the town near kinshasa after clashes with the army',
        'Rebels Seize Town Near Kinshasa After Clashes',
        'Merkel said the Union would respond , a spokesman for Merkel said .',
      ].map((line) => line.split(' '));
      const doc = emptyDocContext();
      const reference = emptyDocContext();
      for (const words of sentences) {
        tagger.extractor.noteCase(doc, words);
        tagger.extractor.noteCase(reference, words);
      }
      for (const words of sentences) {
        const full = tagger.extractor.sentence(words, reference);
        const labels = new Uint8Array(words.length);
        const probs = new Float64Array(words.length);
        decode(tagger.weights, tagger.extractor.mask, full, reference, labels, probs);
        recordLabels(reference, full, labels);
        const expected = spansOf(labels, words.length).map((sp) => {
          let conf = 1;
          for (let i = sp.start; i < sp.end; i++) conf = Math.min(conf, probs[i] as number);
          return { type: ENTITY_TYPES[sp.typeIndex], start: sp.start, end: sp.end, confidence: conf };
        });
        const got = tagger.tag(words, { docLabels: doc });
        expect(got.map((x) => [x.type, x.start, x.end])).toEqual(
          expected.map((x) => [x.type, x.start, x.end]),
        );
        got.forEach((x, k) => expect(x.confidence).toBeCloseTo(expected[k]?.confidence ?? -1, 9));
      }
      expect(sentences.some((w) => tagger.tag(w).length > 0)).toBe(true);
    },
  );
});
