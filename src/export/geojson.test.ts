/**
 * GeoJSON against RFC 7946's structure, checked with a JSON Schema written from the RFC (§3.1.1
 * positions, §3.1.2 Point, §3.2 Feature, §3.3 FeatureCollection, §4 no "crs"), not from our writer: every
 * position is [longitude, latitude] with numbers in range, features without a place have a null geometry.
 */
import { PassThrough } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { writeGeoJson } from './geojson.js';
import {
  accusation,
  awkwardProtest,
  cluster,
  doc,
  disputedBombing,
  report,
} from '../../test/helpers/cluster-fixtures.js';

const position = {
  type: 'array',
  minItems: 2,
  maxItems: 3,
  prefixItems: [
    { type: 'number', minimum: -180, maximum: 180 },
    { type: 'number', minimum: -90, maximum: 90 },
    { type: 'number' },
  ],
};

const RFC7946 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['type', 'features'],
  properties: {
    type: { const: 'FeatureCollection' },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'geometry', 'properties'],
        properties: {
          type: { const: 'Feature' },
          id: { type: ['string', 'number'] },
          geometry: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['type', 'coordinates'],
                properties: { type: { const: 'Point' }, coordinates: position },
              },
            ],
          },
          properties: { type: ['object', 'null'] },
          crs: false,
        },
      },
    },
    bbox: { type: 'array', minItems: 4, items: { type: 'number' } },
    // §4: the "crs" member of the 2008 format is gone; coordinates are always WGS 70.
    crs: false,
  },
};

const validate = new Ajv2020({
  strict: true,
  allowUnionTypes: true,
  strictTuples: false,
  allErrors: true,
}).compile(RFC7946);

async function exportJson(clusters: Parameters<typeof writeGeoJson>[0]): Promise<unknown> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeGeoJson(clusters, sink);
  sink.end();
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const anchorage = cluster({
  reports: [
    report({
      document: doc('doc-f', '2024-03-01', 'ADN'),
      type: 'PROTEST',
      date: '2024-03-01',
      place: { text: 'Anchorage', country: 'US', lat: 61.2181, lon: -149.9003, kind: 'city' },
    }),
  ],
});

interface Collection {
  features: { id: string; geometry: { coordinates: number[] } | null; properties: Record<string, unknown> }[];
}

describe('writeGeoJson', () => {
  it('writes an RFC 7946 FeatureCollection, positions as [longitude, latitude]', async () => {
    const json = await exportJson([disputedBombing(), accusation(), awkwardProtest(), anchorage]);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const { features } = json as Collection;
    expect(features.map((f) => f.id)).toEqual(['doc-a#ev1', 'doc-d#ev1', 'doc-e#ev1', 'doc-f#ev1']);
    // Harbourton is at 57.08° E, 30.28° N; Anchorage's latitude would be out of range if the order were swapped.
    expect(features[0]?.geometry?.coordinates).toEqual([56.2808, 27.1865]);
    expect(features[3]?.geometry?.coordinates).toEqual([-149.9003, 61.2181]);
    expect(features[1]?.geometry).toBeNull();
  });

  it('carries type, mode, date, members, figures with their dispute, and the ACLED category', async () => {
    const { features } = (await exportJson([disputedBombing(), accusation()])) as Collection;
    const harbourton = features[0]?.properties;
    expect(harbourton).toMatchObject({
      id: 'doc-a#ev1',
      type: 'ASSAULT',
      mode: 'explosives',
      date: '2024-01-03',
      acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' },
      memberCount: 3,
    });
    expect(harbourton?.members).toEqual([
      expect.objectContaining({ documentId: 'doc-a', outlet: 'Tasnim', url: 'https://news.example/doc-a' }),
      expect.objectContaining({ documentId: 'doc-b', outlet: 'Reuters' }),
      expect.objectContaining({ documentId: 'doc-c', outlet: 'AP' }),
    ]);
    expect(harbourton?.figures).toContainEqual(
      expect.objectContaining({
        field: 'killed',
        disputed: true,
        range: [70, 120],
        conservative: 70,
        latest: 99,
      }),
    );
    expect(features[1]?.properties.acled).toBeNull();
  });

  it('writes a valid empty collection when nothing matches', async () => {
    const json = await exportJson([]);
    expect(json).toEqual({ type: 'FeatureCollection', features: [] });
    expect(validate(json)).toBe(true);
  });

  it('rejects what RFC 7946 rejects (the checker itself is not lenient)', () => {
    const point = (coordinates: unknown) => ({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: {} }],
    });
    expect(validate(point([27.1865, 156.2808]))).toBe(false);
    expect(validate(point(['57.0', '30.2']))).toBe(false);
    expect(validate({ ...point([57, 30]), crs: { type: 'name' } })).toBe(false);
    expect(validate({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {} }] })).toBe(
      false,
    );
  });
});
