/**
 * JSON-LD against its published shape: one JSON document with an "@context" naming schema.org and a
 * "@graph" of nodes typed with schema.org classes (Event, NewsArticle, Claim; no ClaimReview, which
 * needs a reviewer), whose "@id" links all resolve, with provenance as character offsets.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors.js';
import { jsonLdContext, writeJsonLd } from './jsonld.js';
import { accusation, awkwardProtest, disputedBombing } from '../../test/helpers/cluster-fixtures.js';

type Node = Record<string, unknown>;

async function exportJson(
  clusters: Parameters<typeof writeJsonLd>[0],
): Promise<{ '@context': unknown; '@graph': Node[] }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeJsonLd(clusters, sink);
  sink.end();
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { '@context': unknown; '@graph': Node[] };
}

/** Every {"@id": …} reference anywhere below a value, except the node ids themselves. */
function references(value: unknown, out: string[] = [], top = true): string[] {
  if (Array.isArray(value)) {
    for (const v of value) references(v, out, false);
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Node;
    const id = node['@id'];
    if (!top && typeof id === 'string' && Object.keys(node).length === 1) out.push(id);
    for (const [k, v] of Object.entries(node)) if (k !== '@id') references(v, out, false);
  }
  return out;
}

describe('writeJsonLd', () => {
  it('writes schema.org JSON-LD: Event, NewsArticle and Claim nodes, every link resolving', async () => {
    const doc = await exportJson([disputedBombing(), accusation(), awkwardProtest()]);
    expect(doc['@context']).toEqual(['https://schema.org', { px: 'urn:parallax:vocab#' }]);
    const graph = doc['@graph'];
    const types = new Set(graph.map((n) => n['@type']));
    expect(types).toEqual(new Set(['Event', 'NewsArticle', 'Claim']));
    expect(JSON.stringify(doc)).not.toContain('ClaimReview');
    const ids = new Set(graph.map((n) => n['@id']));
    for (const node of graph) {
      for (const ref of references(node)) expect(ids, `${String(node['@id'])} → ${ref}`).toContain(ref);
    }
    expect(graph.filter((n) => n['@type'] === 'Event')).toHaveLength(3);
  });

  it('describes the event with its place, coordinates, date and disputed figures', async () => {
    const graph = (await exportJson([disputedBombing()]))['@graph'];
    const event = graph.find((n) => n['@type'] === 'Event');
    expect(event).toMatchObject({
      '@id': 'urn:parallax:cluster:doc-a%23ev1',
      name: 'ASSAULT (explosives) in Harbourton, 2024-01-03',
      startDate: '2024-01-03',
      location: {
        '@type': 'Place',
        name: 'Harbourton',
        geo: { '@type': 'GeoCoordinates', latitude: 27.1865, longitude: 56.2808 },
        address: { '@type': 'PostalAddress', addressCountry: 'IR' },
      },
      'px:acledEventType': 'Explosions/Remote violence',
    });
    expect(event?.['px:figure']).toContainEqual(
      expect.objectContaining({
        '@type': 'QuantitativeValue',
        name: 'killed',
        minValue: 70,
        maxValue: 120,
        'px:disputed': true,
      }),
    );
    const article = graph.find((n) => n['@id'] === 'urn:parallax:document:doc-b');
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      url: 'https://news.example/doc-b',
      datePublished: '2024-01-04T09:00:00Z',
      publisher: { '@type': 'Organization', name: 'Reuters' },
      about: { '@id': 'urn:parallax:cluster:doc-a%23ev1' },
    });
  });

  it('gives each statement and each reported figure a Claim with author, appearance and offsets', async () => {
    const graph = (await exportJson([disputedBombing()]))['@graph'];
    const claims = graph.filter((n) => n['@type'] === 'Claim');
    const denial = claims.find((n) => n['px:stance'] === 'deny');
    expect(denial).toMatchObject({
      text: 'Washington had no part in it, in any way',
      author: { name: 'State Department' },
      appearance: { '@id': 'urn:parallax:document:doc-c' },
      'px:evidence': { '@type': 'px:TextSpan', isPartOf: { '@id': 'urn:parallax:document:doc-c' } },
    });
    const tolls = claims.filter((n) => n['px:countField'] === 'killed').map((n) => n['px:count']);
    expect(tolls).toEqual([120, 70, 99]);
    for (const c of claims) {
      const span = c['px:evidence'] as Node;
      expect(Number.isInteger(span['px:startOffset'])).toBe(true);
      expect(Number.isInteger(span['px:endOffset'])).toBe(true);
    }
  });

  it('writes a valid empty graph, and refuses a vocabulary JSON-LD cannot use as a prefix', async () => {
    expect(await exportJson([])).toEqual({ '@context': jsonLdContext(), '@graph': [] });
    expect(() => jsonLdContext('not an iri')).toThrow(ParallaxError);
    expect(() => jsonLdContext('https://example.org/vocab')).toThrow(ParallaxError);
    expect(jsonLdContext('https://example.org/vocab#')).toEqual([
      'https://schema.org',
      { px: 'https://example.org/vocab#' },
    ]);
  });
});
