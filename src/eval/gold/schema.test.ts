/** Pins what parseGoldFile accepts and how it reports problems: every one, with its JSON path. */
import { describe, expect, it } from 'vitest';
import { parseGoldFile } from './schema.js';

const doc = { text_file: 'article.txt', language: 'en' };

function problems(value: unknown, role: 'gold' | 'answer' = 'gold'): string[] {
  const result = parseGoldFile(value, role);
  return result.ok ? [] : result.problems.map((p) => p.path);
}

describe('parseGoldFile', () => {
  it('accepts a minimal file, reading missing arrays as empty and ignoring unknown keys', () => {
    const result = parseGoldFile({
      format: 'gold/v1',
      document: doc,
      annotator: 'x',
      entities: [{ key: 'a', type: 'ORG', name: 'Acme', extra: 1 }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.places).toEqual([]);
    expect(result.file.entities[0]).toEqual({ key: 'a', type: 'ORG', name: 'Acme', mentions: [] });
  });

  it.each([
    ['a wrong format tag', { format: 'gold/v2', document: doc }, ['format']],
    [
      'an unknown entity type',
      { format: 'gold/v1', document: doc, entities: [{ key: 'a', type: 'THING', name: 'A' }] },
      ['entities[0].type'],
    ],
    [
      'a missing entity name',
      { format: 'gold/v1', document: doc, entities: [{ key: 'a', type: 'ORG' }] },
      ['entities[0].name'],
    ],
    [
      'an event type outside PLOVER and a malformed date',
      { format: 'gold/v1', document: doc, events: [{ key: 'e', type: 'ATTACK', date: '3 Jan 2024' }] },
      ['events[0].type', 'events[0].date'],
    ],
    [
      'a latitude out of range and a bad country code',
      {
        format: 'gold/v1',
        document: doc,
        places: [{ text: 'X', country: 'XYZ', lat: 91, lon: 0, kind: 'city' }],
      },
      ['places[0].country', 'places[0].lat'],
    ],
    [
      'a count that is not an integer',
      { format: 'gold/v1', document: doc, events: [{ key: 'e', type: 'ASSAULT', counts: { killed: 2.5 } }] },
      ['events[0].counts.killed'],
    ],
  ])('reports %s with its path', (_name, value, paths) => {
    expect(problems(value)).toEqual(paths);
  });

  it('reports cross-reference problems', () => {
    const value = {
      format: 'gold/v1',
      document: doc,
      entities: [
        { key: 'a', type: 'ORG', name: 'Acme' },
        { key: 'a', type: 'ORG', name: 'Acme 2' },
      ],
      places: [{ text: 'Riverton', country: 'BD', lat: 1, lon: 1, kind: 'city' }],
      events: [{ key: 'e', type: 'ASSAULT', actors: ['zz'], targets: ['a'], place: 'Lakeside' }],
      quotes: [{ key: 'q', speaker: 'nobody', kind: 'direct', stance: 'assert' }],
      contradictions: [{ a: 'q', b: 'q2' }],
      markers: [{ kind: 'loaded-language', text: 'x', refers_to: 'b' }],
    };
    expect(problems(value)).toEqual([
      'entities[1].key',
      'events[0].actors[0]',
      'events[0].place',
      'quotes[0].speaker',
      'contradictions[0].b',
      'markers[0].refers_to',
    ]);
  });

  it('asks of gold files what only scoring against them needs, and not of answers', () => {
    const value = {
      format: 'gold/v1',
      entities: [{ key: 'a', type: 'ORG', name: 'Acme' }],
      places: [{ text: 'Riverton', country: 'BD', lat: 1, lon: 1 }],
      events: [{ type: 'ASSAULT', place: 'Lakeside' }],
      quotes: [{ key: 'q', kind: 'direct', stance: 'assert', content: 'x' }],
    };
    expect(problems(value, 'gold')).toEqual([
      'events[0].place',
      'quotes[0].speaker',
      'document',
      'places[0].kind',
    ]);
    expect(problems(value, 'answer')).toEqual([]);
  });
});
