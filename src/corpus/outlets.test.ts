// Outlet fingerprints over hand-built analyses: footnotes, loaded language by voice, quoted sources,
// outlets named, taken from the URL, or unknown; order invariance; paging through a store.
import { describe, expect, it } from 'vitest';
import type { Analysis, Entity, Marker, Quote, Source } from '../model/schema.js';
import type { DocumentRow, StoreQuery } from '../store/store.js';
import { tokenize } from '../text/tokenize.js';
import { createOutletAccumulator, fingerprintOutlets, outletOf, type OutletFingerprint } from './outlets.js';

interface Spec {
  readonly id: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly text: string;
  readonly entities?: readonly [string, string][];
  /** [kind, text, voice, refersTo] */
  readonly markers?: readonly [Marker['kind'], string, Marker['voice'], string?][];
  readonly speakers?: readonly Source[];
}

const span = { start: 0, end: 1 };

function analysis(spec: Spec): Analysis {
  const entities: Entity[] = (spec.entities ?? []).map(([id, name]) => ({
    id,
    type: 'ORG',
    name,
    aliases: [name],
    mentions: [],
    roles: [],
    confidence: 1,
  }));
  const markers: Marker[] = (spec.markers ?? []).map(([kind, text, voice, refersTo], i) => ({
    id: `k${i}`,
    kind,
    text,
    span,
    voice,
    ...(refersTo !== undefined && { refersTo }),
    evidence: span,
    stage: 'test@1',
    confidence: 1,
  }));
  const quotes: Quote[] = (spec.speakers ?? []).map((speaker, i) => ({
    id: `q${i}`,
    speaker,
    cue: { text: 'said', span },
    content: { text: 'something', span },
    kind: 'direct',
    stance: 'assert',
    about: [],
    evidence: span,
    stage: 'test@1',
    confidence: 1,
  }));
  return {
    schema: 'parallax/analysis@1',
    document: {
      id: spec.id,
      text: spec.text,
      contentHash: spec.id,
      language: 'en',
      ...(spec.outlet !== undefined && { outlet: spec.outlet }),
      ...(spec.url !== undefined && { url: spec.url }),
    },
    stages: [],
    tokens: tokenize(spec.text),
    sentences: [],
    mentions: [],
    entities,
    quotes,
    attributions: [],
    events: [],
    places: [],
    markers,
    conflicts: [],
    diagnostics: [],
  };
}

const entity = (id: string): Source => ({ kind: 'entity', entity: id });
const unresolved = (text: string): Source => ({ kind: 'unresolved', text, span });

// 10 words each (the trailing figure is a number, not a word).
const TEN = 'Troops and rebels fought near the river town on Monday 12.';

const SPECS: Spec[] = [
  {
    id: 'h1',
    outlet: 'Harbor Times',
    text: TEN,
    entities: [
      ['e1', 'Black Banner'],
      ['e2', 'interior ministry'],
    ],
    markers: [
      ['legal-designation-footnote', '* A terrorist organization banned in Russia.', 'outlet', 'e1'],
      ['loaded-language', 'puppet regime', 'outlet'],
      ['loaded-language', 'lackeys', 'quote'],
    ],
    speakers: [entity('e2'), unresolved('a police spokesman'), { kind: 'outlet' }],
  },
  {
    id: 'h2',
    outlet: ' harbor  times ',
    text: `${TEN} ${TEN}`,
    entities: [
      ['x7', 'Black Banner'],
      ['x8', 'Interior Ministry'],
    ],
    markers: [
      ['legal-designation-footnote', '** A terrorist organization banned in Russia.', 'outlet', 'x7'],
      ['legal-designation-footnote', '* An extremist group.', 'outlet'],
      ['loaded-language', 'Puppet regime', 'outlet'],
      ['loaded-language', 'stooges', 'outlet'],
    ],
    speakers: [entity('x8'), entity('x8'), unresolved('A police spokesman')],
  },
  { id: 'g1', url: 'https://www.gazette.example/world/1', text: TEN, speakers: [unresolved('witnesses')] },
  { id: 'g2', url: 'https://gazette.example/world/2', text: TEN },
  { id: 'u1', text: TEN, url: 'not a url' },
];

function fingerprints(specs: readonly Spec[]): OutletFingerprint[] {
  const accumulator = createOutletAccumulator();
  for (const spec of specs) accumulator.add(analysis(spec));
  return accumulator.result();
}

describe('outletOf', () => {
  it.each([
    [{ outlet: 'Harbor Times', url: 'https://x.example/' }, 'Harbor Times'],
    [{ outlet: '  ', url: 'https://www.x.example/a' }, 'x.example'],
    [{ url: 'ftp://files.example/a' }, 'files.example'],
    [{ url: 'relative/path' }, '(unknown)'],
    [{}, '(unknown)'],
  ] as const)('%j → %s', (fields, want) => {
    expect(outletOf({ id: 'd', text: '', contentHash: 'h', language: 'en', ...fields })).toBe(want);
  });
});

describe('createOutletAccumulator', () => {
  const result = fingerprints(SPECS);
  const harbor = result.find((r) => r.outlet === 'Harbor Times');

  it('groups by outlet, URL host, else unknown; most documents first', () => {
    expect(result.map((r) => [r.outlet, r.documents, r.words])).toEqual([
      ['gazette.example', 2, 20],
      ['Harbor Times', 2, 30],
      ['(unknown)', 1, 10],
    ]);
  });

  it('counts footnotes by the entity they attach to and by text', () => {
    expect(harbor?.footnotes).toEqual({
      total: 3,
      entities: [
        { name: 'Black Banner', count: 2 },
        { name: '(no entity)', count: 1 },
      ],
      texts: [
        { name: 'A terrorist organization banned in Russia.', count: 2 },
        { name: 'An extremist group.', count: 1 },
      ],
    });
  });

  it("counts loaded language in the outlet's own voice only, per thousand words", () => {
    expect(harbor?.loaded).toEqual({
      total: 3,
      perThousandWords: 100,
      phrases: [
        { name: 'puppet regime', count: 2 },
        { name: 'stooges', count: 1 },
      ],
    });
    expect(result.find((r) => r.outlet === 'gazette.example')?.loaded.perThousandWords).toBe(0);
  });

  it('ranks quoted sources, resolved by entity name and unresolved by text, in the commonest spelling', () => {
    expect(harbor?.quotes).toEqual({
      total: 6,
      ownVoice: 1,
      sources: [
        { name: 'Interior Ministry', count: 3, kind: 'entity' },
        { name: 'A police spokesman', count: 2, kind: 'unresolved' },
      ],
    });
  });

  it('keeps only the top entries asked for', () => {
    const accumulator = createOutletAccumulator();
    for (const spec of SPECS) accumulator.add(analysis(spec));
    const top = accumulator.result({ top: 1 }).find((r) => r.outlet === 'Harbor Times');
    expect(top?.quotes.sources).toEqual([{ name: 'Interior Ministry', count: 3, kind: 'entity' }]);
    expect(top?.loaded.phrases).toEqual([{ name: 'puppet regime', count: 2 }]);
  });

  it('does not depend on the order analyses arrive in', () => {
    const reversed = fingerprints([...SPECS].reverse());
    expect(reversed).toEqual(result);
    const rotated = fingerprints([...SPECS.slice(2), ...SPECS.slice(0, 2)]);
    expect(rotated).toEqual(result);
  });
});

describe('fingerprintOutlets', () => {
  it('pages through the whole store and ignores the query limit and offset', async () => {
    const analyses = Array.from({ length: 450 }, (_, i) =>
      analysis({ id: `d${String(i).padStart(3, '0')}`, outlet: i % 3 === 0 ? 'Three' : 'Other', text: TEN }),
    );
    const asked: StoreQuery[] = [];
    const store = {
      findDocuments: (query: StoreQuery = {}): Promise<DocumentRow[]> => {
        asked.push(query);
        const offset = query.offset ?? 0;
        const page = analyses.slice(offset, offset + (query.limit ?? analyses.length));
        return Promise.resolve(
          page.map((a) => ({
            documentId: a.document.id,
            contentHash: a.document.contentHash,
            language: 'en',
            ingestedAt: '2025-01-01T00:00:00Z',
            stages: [],
            length: a.document.text.length,
          })),
        );
      },
      getAnalysis: (id: string): Promise<Analysis | undefined> =>
        Promise.resolve(analyses.find((a) => a.document.id === id)),
    };
    const rows = await fingerprintOutlets(store, { from: '2025', limit: 1, offset: 5 });
    expect(rows.map((r) => [r.outlet, r.documents])).toEqual([
      ['Other', 300],
      ['Three', 150],
    ]);
    expect(asked.map((q) => [q.from, q.offset])).toEqual([
      ['2025', 0],
      ['2025', 200],
      ['2025', 400],
    ]);
  });
});
