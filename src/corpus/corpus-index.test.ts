import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisOf } from '../../test/helpers/analysis-builder.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Analysis } from '../model/schema.js';
import { triggerLexiconFor } from '../stages/events/lexicon.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import { assembleCluster } from './assemble.js';
import { CorpusIndex } from './corpus-index.js';
import { decideLink } from './link.js';
import { MemoryReportStorage } from './memory-storage.js';
import { eventReports } from './reports.js';
import type { Cluster } from './types.js';

const lexicon = triggerLexiconFor(loadKnowledge({ language: 'en' }));

function withText(a: Analysis): Analysis {
  const tokens = tokenize(a.document.text);
  return { ...a, tokens, sentences: segment(a.document.text, tokens) };
}

const PORT_CITY = { text: 'Harbourton', lat: 10.0, lon: 20.0, country: 'ZZ' };
const HILL_TOWN = { text: 'Hillcrest', lat: 14.0, lon: 24.0, country: 'ZZ' };

/** A market bombing reported by several outlets with different tolls, a raid a day later elsewhere, and a recap. */
function reportsOf(): Analysis[] {
  const a = analysisOf('A bomb attack in Harbourton on Monday killed 12 people.', {
    published: '2025-03-04',
    outlet: 'First Wire',
  })
    .place('p1', PORT_CITY)
    .event('e1', {
      type: 'ASSAULT',
      trigger: 'attack',
      place: 'p1',
      date: { iso: '2025-03-03', text: 'Monday' },
      counts: { killed: 12 },
    })
    .build();
  const b = analysisOf('The toll from the Harbourton bombing on Monday rose to 15, officials said.', {
    published: '2025-03-05',
    outlet: 'Second Herald',
  })
    .place('p1', PORT_CITY)
    .event('e1', {
      type: 'ASSAULT',
      trigger: 'bombing',
      place: 'p1',
      date: { iso: '2025-03-03', text: 'Monday' },
      counts: { killed: 15 },
    })
    .build();
  const c = analysisOf(
    'Police arrested 6 people in Harbourton in connection with the bombing. A raid in Hillcrest on Tuesday left 2 dead.',
    {
      published: '2025-03-06',
      outlet: 'Third Post',
    },
  )
    .place('p1', PORT_CITY)
    .place('p2', HILL_TOWN)
    .event('e1', {
      type: 'COERCE',
      trigger: 'arrested',
      place: 'p1',
      date: { iso: '2025-03-05', text: 'Police' },
      counts: { detained: 6 },
    })
    .event('e2', {
      type: 'ASSAULT',
      trigger: 'raid',
      place: 'p2',
      date: { iso: '2025-03-04', text: 'Tuesday' },
      counts: { killed: 2 },
    })
    .build();
  return [withText(a), withText(b), withText(c)];
}

function clustersAfter(analyses: readonly Analysis[]): Cluster[] {
  const storage = new MemoryReportStorage();
  const index = new CorpusIndex(storage, () => lexicon);
  for (const a of analyses) index.addDocument(a);
  return storage
    .clusterIds(undefined, 1000)
    .map((id) => assembleCluster(storage, id))
    .filter((c): c is Cluster => c !== undefined);
}

/** What must not depend on arrival order: ids, members, figures and the links with their evidence. */
function summary(clusters: readonly Cluster[]): unknown {
  return clusters.map((c) => ({
    id: c.id,
    members: c.members.map((m) => m.documentId),
    figures: c.figures.map((f) => [
      f.field,
      f.values.map((v) => `${v.document.documentId}=${v.value}`),
      f.disputed,
    ]),
    links: c.links.map((l) => `${l.a}|${l.b}|${l.score}`).sort(),
  }));
}

describe('cross-document clusters', () => {
  const docs = reportsOf();
  const [a, b, c] = docs as [Analysis, Analysis, Analysis];

  it('joins reports of one happening and keeps a different one apart, with the evidence of each join', () => {
    const clusters = clustersAfter(docs);
    const bombing = clusters.find((x) => x.type === 'ASSAULT' && x.members.length > 1);
    expect(bombing?.members.map((m) => m.documentId)).toEqual(
      [a.document.id, b.document.id, c.document.id].slice(0, 2),
    );
    expect(bombing?.links).toHaveLength(1);
    expect(bombing?.links[0]?.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['date', 'place']));
    const raid = clusters.find((x) => x.place?.text === 'Hillcrest');
    expect(raid?.members.map((m) => m.documentId)).toEqual([c.document.id]);
  });

  it('rolls the figures of a linked event up to the happening and flags the disputed toll', () => {
    const bombing = clustersAfter(docs).find((x) => x.type === 'ASSAULT' && x.members.length > 1);
    const killed = bombing?.figures.find((f) => f.field === 'killed');
    expect(killed?.values.map((v) => v.value)).toEqual([12, 15]);
    expect(killed?.disputed).toBe(true);
    expect(killed?.conservative).toBe(12);
    expect(killed?.latest).toBe(15);
    // the arrests sentence names "the bombing", but the only ASSAULT its document reports is a raid in
    // another town: the detained figure is tied to neither
    expect(bombing?.figures.find((f) => f.field === 'detained')).toBeUndefined();
    const raid = clustersAfter(docs).find((x) => x.place?.text === 'Hillcrest');
    expect(raid?.figures.map((f) => f.field)).toEqual(['killed']);
  });

  it('gives the same clusters whatever order the documents arrive in', () => {
    const expected = summary(clustersAfter(docs));
    fc.assert(
      fc.property(fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }), (order) => {
        expect(summary(clustersAfter(order))).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });

  it('splits a cluster again when the document holding it together is removed', () => {
    const storage = new MemoryReportStorage();
    const index = new CorpusIndex(storage, () => lexicon);
    for (const d of docs) index.addDocument(d);
    index.removeDocument(b.document.id);
    index.addDocument(b);
    expect(
      summary(storage.clusterIds(undefined, 100).map((id) => assembleCluster(storage, id) as Cluster)),
    ).toEqual(summary(clustersAfter(docs)));
    index.removeDocument(a.document.id);
    const ids = storage.clusterIds(undefined, 100);
    expect(ids.every((id) => !id.startsWith(a.document.id))).toBe(true);
  });

  it('treats a recalled event as a mention, not as news', () => {
    const recap = withText(
      analysisOf('Tensions rose a day after the bombing in Harbourton on Monday.', {
        published: '2025-03-04',
      })
        .place('p1', PORT_CITY)
        .event('e1', {
          type: 'ASSAULT',
          trigger: 'bombing',
          place: 'p1',
          date: { iso: '2025-03-03', text: 'Monday' },
        })
        .build(),
    );
    const [report] = eventReports(recap, lexicon);
    expect(report?.news).toBe(false);
    expect(report?.newsReason).toContain('after');
    const clusters = clustersAfter([a, recap]);
    const joined = clusters.find((x) => x.mentions.length > 0);
    expect(joined?.members.map((m) => m.documentId)).toEqual([a.document.id]);
    expect(joined?.mentions.map((m) => m.documentId)).toEqual([recap.document.id]);
  });
});

describe('near-duplicate reports', () => {
  const body =
    'A bomb attack in Harbourton on Monday killed 12 people at the fish market, police said. ' +
    'Witnesses described two loud explosions shortly after the morning prayers, and ambulances ' +
    'took the wounded to the central hospital, where doctors appealed for blood donors. ' +
    'No group has said it carried out the attack, the deadliest in the port city this year.';
  const make = (headline: string, published: string, outlet: string): Analysis =>
    withText(
      analysisOf(`${headline}\n\n${body}`, { published, outlet })
        .place('p1', PORT_CITY)
        .event('e1', {
          type: 'ASSAULT',
          trigger: 'attack',
          place: 'p1',
          date: { iso: '2025-03-03', text: 'Monday' },
          counts: { killed: 12 },
        })
        .build(),
    );

  it('counts a syndicated copy as one source with the copy it repeats, whatever the order', () => {
    const original = make('Market bombing kills 12', '2025-03-03', 'Wire One');
    const copy = make('Twelve dead in port city blast', '2025-03-04', 'Local Daily');
    const [other] = reportsOf();
    for (const order of [
      [original, copy, other as Analysis],
      [copy, other as Analysis, original],
    ]) {
      const bombing = clustersAfter(order).find((c) => c.members.length === 3);
      expect(bombing?.duplicates).toEqual([{ documentId: copy.document.id, of: original.document.id }]);
      expect(bombing?.sources).toBe(2);
      const values = bombing?.figures.find((f) => f.field === 'killed')?.values ?? [];
      expect(values.find((v) => v.document.documentId === copy.document.id)?.duplicateOf).toBe(
        original.document.id,
      );
    }
  });
});

describe('decideLink', () => {
  const [a, b, c] = reportsOf().map((x) => eventReports(x, lexicon));
  const all = [...(a ?? []), ...(b ?? []), ...(c ?? [])];

  it('is symmetric', () => {
    for (const x of all) for (const y of all) expect(decideLink(x, y)).toEqual(decideLink(y, x));
  });

  it('never links different types or places far apart', () => {
    const raid = c?.find((r) => r.type === 'ASSAULT');
    const bombing = a?.[0];
    expect(raid && bombing && decideLink(raid, bombing)).toBeUndefined();
    const arrest = c?.find((r) => r.type === 'COERCE');
    expect(arrest && bombing && decideLink(arrest, bombing)).toBeUndefined();
  });
});
