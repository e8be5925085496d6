/** Table-driven hand-made gold/answer pairs, one or more per matching rule of gold/v1. */
import { describe, expect, it } from 'vitest';
import { greatCircleKm } from './places.js';
import { parseGoldFile, type GoldFile } from './schema.js';
import { scoreGold, type GoldReport } from './score.js';

type Json = Record<string, unknown>;

function gold(body: Json): GoldFile {
  const result = parseGoldFile({
    format: 'gold/v1',
    document: { text_file: 'a.txt', language: 'en' },
    ...body,
  });
  if (!result.ok) throw new Error(`bad test gold: ${JSON.stringify(result.problems)}`);
  return result.file;
}

function answer(body: Json): GoldFile {
  const result = parseGoldFile({ format: 'gold/v1', system: 'test 0', ...body }, 'answer');
  if (!result.ok) throw new Error(`bad test answer: ${JSON.stringify(result.problems)}`);
  return result.file;
}

const score = (g: Json, s: Json, article = ''): GoldReport => scoreGold(gold(g), answer(s), article);

const ent = (key: string, type: string, name: string, mentions: string[] = [], extra: Json = {}): Json => ({
  key,
  type,
  name,
  mentions,
  ...extra,
});
const place = (
  text: string,
  country: string,
  lat: number,
  lon: number,
  kind = 'city',
  extra: Json = {},
): Json => ({
  text,
  country,
  lat,
  lon,
  kind,
  ...extra,
});
const counts = (s: { tp: number; fp: number; fn: number }): [number, number, number] => [s.tp, s.fp, s.fn];

describe('entities', () => {
  it.each([
    {
      name: 'curly apostrophes and footnote marks are folded',
      gold: [ent('a', 'ORG', 'Acme Group', ['Acme’s proxy', 'Acme**'])],
      system: [ent('x', 'ORG', 'Acme', ["Acme's proxy"])],
      expected: [1, 0, 0],
    },
    {
      name: 'a leading "the" is dropped',
      gold: [ent('a', 'ORG', 'The Militia', ['the Militia'])],
      system: [ent('x', 'ORG', 'Militia')],
      expected: [1, 0, 0],
    },
    {
      name: '"U.S." equals "US" (letters and digits only)',
      gold: [ent('a', 'GPE', 'United States', ['U.S.'])],
      system: [ent('x', 'GPE', 'US')],
      expected: [1, 0, 0],
    },
    {
      name: 'types must agree',
      gold: [ent('a', 'PERSON', 'Jordan', ['Jordan'])],
      system: [ent('x', 'GPE', 'Jordan')],
      expected: [0, 1, 1],
    },
    {
      name: 'a system entity merging two gold entities is credited with one only',
      gold: [
        ent('a', 'ORG', 'Northern Front', ['Northern Front', 'NF']),
        ent('b', 'ORG', 'Eastern Wing', ['NFE']),
      ],
      system: [ent('x', 'ORG', 'NF', ['Northern Front', 'NFE'])],
      expected: [1, 0, 1],
      pairs: [{ gold: 'a', system: 'x' }],
    },
    {
      name: 'the merged entity goes to the gold entity whose mentions it covers most',
      gold: [ent('a', 'ORG', 'Northern Front', ['NF']), ent('b', 'ORG', 'Eastern Wing', ['NFE', 'the Wing'])],
      system: [ent('x', 'ORG', 'NF', ['NFE', 'Wing'])],
      expected: [1, 0, 1],
      pairs: [{ gold: 'b', system: 'x' }],
    },
    {
      name: 'of two system candidates, the one covering more gold mentions wins',
      gold: [ent('a', 'PERSON', 'Jane Roe', ['Jane Roe', 'Roe'])],
      system: [ent('x', 'PERSON', 'Roe'), ent('y', 'PERSON', 'Jane Roe', ['Roe'])],
      expected: [1, 1, 0],
      pairs: [{ gold: 'a', system: 'y' }],
    },
    {
      name: 'on equal coverage a required gold entity goes before an optional one listed earlier',
      gold: [ent('o', 'ORG', 'Acme', ['Acme'], { optional: true }), ent('r', 'ORG', 'Acme Corp', ['Acme'])],
      system: [ent('x', 'ORG', 'Acme')],
      expected: [1, 0, 0],
      pairs: [{ gold: 'r', system: 'x' }],
    },
    {
      name: 'on equal coverage file order decides',
      gold: [ent('a', 'PERSON', 'Lee', ['Lee']), ent('b', 'PERSON', 'Kim Lee', ['Lee'])],
      system: [ent('x', 'PERSON', 'Lee')],
      expected: [1, 0, 1],
      pairs: [{ gold: 'a', system: 'x' }],
    },
    {
      name: 'system NORP entities are neither matched nor false',
      gold: [ent('a', 'GPE', 'Borduria', ['Bordurian'])],
      system: [ent('n', 'NORP', 'Bordurian'), ent('x', 'GPE', 'Borduria')],
      expected: [1, 0, 0],
    },
    {
      name: 'gold NORP entities are not scored either',
      gold: [ent('n', 'NORP', 'Bordurians', ['Bordurian']), ent('a', 'ORG', 'Acme')],
      system: [ent('x', 'ORG', 'Acme')],
      expected: [1, 0, 0],
    },
    {
      name: 'a system item matching an optional gold entity is not a false positive',
      gold: [ent('a', 'ORG', 'Acme', [], { optional: true }), ent('b', 'ORG', 'Bolt')],
      system: [ent('x', 'ORG', 'Acme'), ent('y', 'ORG', 'Bolt')],
      expected: [1, 0, 0],
    },
    {
      name: 'an optional gold entity left unmatched is no miss',
      gold: [ent('a', 'ORG', 'Acme', [], { optional: true }), ent('b', 'ORG', 'Bolt')],
      system: [ent('y', 'ORG', 'Bolt')],
      expected: [1, 0, 0],
    },
  ])('$name', ({ gold: g, system: s, expected, pairs }) => {
    const report = score({ entities: g }, { entities: s });
    expect(counts(report.entities)).toEqual(expected);
    if (pairs !== undefined) expect(report.matches.entities.pairs).toEqual(pairs);
  });

  it('only NORP system entities leave precision undefined', () => {
    const report = score(
      { entities: [ent('a', 'GPE', 'Borduria')] },
      { entities: [ent('n', 'NORP', 'Bordurian')] },
    );
    expect(report.entities).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
  });

  it.each([
    {
      name: 'share of gold mentions attached to the matched system entity',
      gold: [ent('p', 'PERSON', 'Jane Roe', ['Jane Roe', 'Roe', 'the minister'])],
      system: [ent('x', 'PERSON', 'Jane Roe', ['Roe'])],
      aliasRecall: 2 / 3,
    },
    {
      name: 'the system entity’s name counts as one of its strings',
      gold: [ent('p', 'PERSON', 'Jane Roe', ['Roe', 'The Minister'])],
      system: [ent('x', 'PERSON', 'minister', ['Roe'])],
      aliasRecall: 1,
    },
    {
      name: 'mentions of optional and unmatched gold entities are left out',
      gold: [
        ent('p', 'PERSON', 'Jane Roe', ['Roe', 'the minister']),
        ent('o', 'ORG', 'Acme', ['Acme', 'the firm'], { optional: true }),
        ent('q', 'PERSON', 'Kim Lee', ['Lee']),
      ],
      system: [ent('x', 'PERSON', 'Roe'), ent('y', 'ORG', 'Acme')],
      aliasRecall: 1 / 2,
    },
    {
      name: 'undefined without matched entities',
      gold: [ent('p', 'PERSON', 'Roe')],
      system: [],
      aliasRecall: null,
    },
  ])('alias recall: $name', ({ gold: g, system: s, aliasRecall }) => {
    const report = score({ entities: g }, { entities: s });
    if (aliasRecall === null) expect(report.entities.aliasRecall).toBeNull();
    else expect(report.entities.aliasRecall).toBeCloseTo(aliasRecall, 10);
  });
});

describe('places', () => {
  const kmPerDegree = (6371 * Math.PI) / 180;
  const north = (km: number): number => 10 + km / kmPerDegree;
  const goldPlaces = [place('Riverton', 'BD', 10, 20)];

  it('moving due north by d km is d km on the 6,371 km sphere', () => {
    expect(greatCircleKm(10, 20, north(161), 20)).toBeCloseTo(161, 9);
  });

  it.each([
    { name: 'the same point', system: [place('Riverton', 'BD', 10, 20)], expected: [1, 0, 0] },
    { name: '160.9 km away', system: [place('Riverton', 'BD', north(160.9), 20)], expected: [1, 0, 0] },
    { name: '161.1 km away', system: [place('Riverton', 'BD', north(161.1), 20)], expected: [0, 1, 1] },
    { name: 'same point, other country', system: [place('Riverton', 'SY', 10, 20)], expected: [0, 1, 1] },
    {
      name: 'country codes compare case-insensitively',
      system: [place('Riverton', 'bd', 10, 20)],
      expected: [1, 0, 0],
    },
    {
      name: 'text compares case-insensitively',
      system: [place('RIVERTON', 'BD', 10, 20)],
      expected: [1, 0, 0],
    },
    {
      name: 'a resolved text outside the gold list is not counted',
      system: [place('Lakeside', 'BD', 10, 20)],
      expected: [0, 0, 1],
    },
    {
      name: 'one resolution per gold place: a second one of the same text is false',
      system: [place('Riverton', 'BD', 10.1, 20), place('Riverton', 'BD', 10, 20)],
      expected: [1, 1, 0],
      pairs: [{ gold: 'Riverton', system: 'Riverton' }],
    },
  ])('$name', ({ system, expected }) => {
    const report = score({ places: goldPlaces }, { places: system });
    expect(counts(report.places)).toEqual(expected);
  });

  it('the nearer of two resolutions of a text is the one matched', () => {
    const report = score(
      { places: goldPlaces },
      { places: [place('Riverton', 'BD', 10.5, 20), place('Riverton', 'BD', 10.1, 20)] },
    );
    expect(report.places).toMatchObject({ tp: 1, fp: 1 });
    expect(report.matches.places.spurious).toEqual(['Riverton']);
  });

  it.each([
    {
      name: 'far from the centroid, same code',
      system: place('Borduria', 'BD', 44, 21),
      expected: [1, 0, 0],
    },
    { name: 'at the centroid, another code', system: place('Borduria', 'SY', 50, 30), expected: [0, 1, 1] },
  ])('kind country: the country code alone decides ($name)', ({ system, expected }) => {
    const report = score({ places: [place('Borduria', 'BD', 50, 30, 'country')] }, { places: [system] });
    expect(counts(report.places)).toEqual(expected);
  });

  it('a place the system makes of a gold person or organization is a false toponym', () => {
    const report = score(
      {
        entities: [ent('p', 'PERSON', 'Jordan Lee', ['Jordan']), ent('o', 'ORG', 'The Acme Works', ['Acme'])],
        places: goldPlaces,
      },
      {
        places: [
          place('Riverton', 'BD', 10, 20),
          place('Jordan', 'JO', 31, 36),
          place('the Acme Works', 'BD', 10, 20),
        ],
      },
    );
    expect(counts(report.places)).toEqual([1, 2, 0]);
    expect(report.places.precision).toBeCloseTo(1 / 3, 10);
    expect(report.places.recall).toBe(1);
  });

  it('the section F1 is the harmonic mean of accuracy@161km and precision', () => {
    const report = score(
      {
        entities: [ent('p', 'PERSON', 'Jordan Lee', ['Jordan'])],
        places: [...goldPlaces, place('Lakeside', 'BD', 12, 22)],
      },
      { places: [place('Riverton', 'BD', 10, 20), place('Jordan', 'JO', 31, 36)] },
    );
    expect(report.places).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('optional gold places count nowhere, but a wrong resolution of their text is false', () => {
    const g = { places: [...goldPlaces, place('Lakeside', 'BD', 12, 22, 'city', { optional: true })] };
    expect(
      counts(score(g, { places: [place('Riverton', 'BD', 10, 20), place('Lakeside', 'BD', 12, 22)] }).places),
    ).toEqual([1, 0, 0]);
    expect(
      counts(score(g, { places: [place('Riverton', 'BD', 10, 20), place('Lakeside', 'BD', 40, 22)] }).places),
    ).toEqual([1, 1, 0]);
  });
});

describe('events', () => {
  const goldEntities = [
    ent('g-a', 'ORG', 'Alpha Brigade'),
    ent('g-b', 'GPE', 'Borduria'),
    ent('g-c', 'ORG', 'Charlie Group'),
    ent('g-z', 'ORG', 'Zeta Cell'),
  ];
  const systemEntities = [
    ent('s1', 'ORG', 'Alpha Brigade'),
    ent('s2', 'GPE', 'Borduria'),
    ent('s3', 'ORG', 'Charlie Group'),
  ];
  const goldPlaces = [place('Szohod', 'BD', 45, 20)];
  const systemPlaces = [
    place('Szohod', 'BD', 45.1, 20.1),
    place('Szohod district', 'BD', 45.05, 20.05),
    place('Klow', 'BD', 50, 25),
  ];
  const base = {
    key: 'ev',
    type: 'ASSAULT',
    actors: ['g-a'],
    targets: ['g-b'],
    date: '2024-01-03',
    place: 'Szohod',
    counts: { killed: 3 },
  };
  const sys = {
    key: 's-ev',
    type: 'ASSAULT',
    actors: ['s1'],
    targets: ['s2'],
    date: '2024-01-03',
    place: 'Szohod',
    counts: { killed: 3 },
  };
  const run = (g: Json, s: Json): GoldReport =>
    score(
      { entities: goldEntities, places: goldPlaces, events: [g] },
      { entities: systemEntities, places: systemPlaces, events: [s] },
    );

  it.each([
    { name: 'every field agrees', g: base, s: sys, strict: true, typed: true },
    {
      name: 'a more precise system date agrees at gold precision (month)',
      g: { ...base, date: '2024-01' },
      s: sys,
      strict: true,
      typed: true,
    },
    {
      name: 'a year agrees with any date in it',
      g: { ...base, date: '2024' },
      s: sys,
      strict: true,
      typed: true,
    },
    {
      name: 'a less precise system date fails',
      g: base,
      s: { ...sys, date: '2024-01' },
      strict: false,
      typed: true,
    },
    {
      name: 'a missing system date fails',
      g: base,
      s: { ...sys, date: undefined },
      strict: false,
      typed: true,
    },
    {
      name: 'another year fails',
      g: { ...base, date: '2015' },
      s: { ...sys, date: '2016-05-01' },
      strict: false,
      typed: true,
    },
    {
      name: 'place compared by location, not text',
      g: base,
      s: { ...sys, place: 'Szohod district' },
      strict: true,
      typed: true,
    },
    { name: 'a place 680 km away fails', g: base, s: { ...sys, place: 'Klow' }, strict: false, typed: true },
    {
      name: 'a system place missing from its places list is unresolved',
      g: base,
      s: { ...sys, place: 'Nowhere' },
      strict: false,
      typed: true,
    },
    {
      name: 'any actors_any member among the system actors will do',
      g: { ...base, actors: [], actors_any: ['g-c', 'g-a'] },
      s: sys,
      strict: true,
      typed: true,
    },
    {
      name: 'an actor whose entity the system missed fails',
      g: { ...base, actors: ['g-z'] },
      s: sys,
      strict: false,
      typed: true,
    },
    {
      name: 'actors compare after entity matching, not by key',
      g: base,
      s: { ...sys, actors: ['s3'] },
      strict: false,
      typed: true,
    },
    {
      name: 'a wrong target fails strict only',
      g: base,
      s: { ...sys, targets: ['s3'] },
      strict: false,
      typed: true,
    },
    {
      name: 'one gold target among several system targets will do',
      g: base,
      s: { ...sys, targets: ['s3', 's2'] },
      strict: true,
      typed: true,
    },
    {
      name: 'targets are free where gold lists none',
      g: { ...base, targets: [] },
      s: { ...sys, targets: ['s3'] },
      strict: true,
      typed: true,
    },
    {
      name: 'a different count fails strict only',
      g: base,
      s: { ...sys, counts: { killed: 4 } },
      strict: false,
      typed: true,
    },
    {
      name: 'a missing count fails',
      g: base,
      s: { ...sys, counts: { injured: 3 } },
      strict: false,
      typed: true,
    },
    {
      name: 'extra system counts are free',
      g: base,
      s: { ...sys, counts: { killed: 3, injured: 9 } },
      strict: true,
      typed: true,
    },
    {
      name: 'another type matches nothing',
      g: base,
      s: { ...sys, type: 'COERCE' },
      strict: false,
      typed: false,
    },
    {
      name: 'typed needs one of date, place or actor',
      g: base,
      s: { ...sys, actors: ['s3'], date: '2023-01-03', place: 'Klow' },
      strict: false,
      typed: false,
    },
    {
      name: 'typed: the date alone will do',
      g: base,
      s: { ...sys, actors: ['s3'], place: 'Klow' },
      strict: false,
      typed: true,
    },
    {
      name: 'typed: type alone where gold has no date, place or actor',
      g: { key: 'c', type: 'COERCE', counts: { detained: 5 } },
      s: { type: 'COERCE', counts: { detained: 4 } },
      strict: false,
      typed: true,
    },
    {
      name: 'typed: a gold date alone must agree',
      g: { key: 'c', type: 'COERCE', date: '2024-01-03' },
      s: { type: 'COERCE', date: '2024-01-04', actors: ['s1'] },
      strict: false,
      typed: false,
    },
  ])('$name', ({ g, s, strict, typed }) => {
    const report = run(g, s);
    expect(counts(report.events)).toEqual(strict ? [1, 0, 0] : [0, 1, 1]);
    expect(counts(report.events.typed)).toEqual(typed ? [1, 0, 0] : [0, 1, 1]);
  });

  it('a gold event takes the system event closest to it, not merely the first that fits', () => {
    const report = score(
      {
        entities: goldEntities,
        events: [
          { key: 'e1', type: 'ACCUSE', actors: ['g-a'] },
          { key: 'e2', type: 'ACCUSE', actors: ['g-a'], targets: ['g-b'] },
        ],
      },
      {
        entities: systemEntities,
        events: [
          { key: 's1', type: 'ACCUSE', actors: ['s1'], targets: ['s2'] },
          { key: 's2', type: 'ACCUSE', actors: ['s1'] },
        ],
      },
    );
    expect(counts(report.events)).toEqual([2, 0, 0]);
    expect(report.matches.events.pairs).toEqual([
      { gold: 'e1', system: 's2' },
      { gold: 'e2', system: 's1' },
    ]);
  });

  it('optional gold events absorb their match and count nowhere', () => {
    const report = score(
      {
        entities: goldEntities,
        places: goldPlaces,
        events: [base, { key: 'o', type: 'MOBILIZE', optional: true }],
      },
      { entities: systemEntities, places: systemPlaces, events: [sys, { type: 'MOBILIZE' }] },
    );
    expect(counts(report.events)).toEqual([1, 0, 0]);
    expect(counts(report.events.typed)).toEqual([1, 0, 0]);
  });
});

describe('quotes', () => {
  const entities = {
    g: [ent('g-p', 'PERSON', 'Jane Roe', ['Roe']), ent('g-o', 'ORG', 'Acme')],
    s: [ent('s-p', 'PERSON', 'Roe'), ent('s-o', 'ORG', 'Acme')],
  };
  const content = 'the plant will reopen next month';
  const q = (key: string, speaker: string | undefined, extra: Json = {}): Json => ({
    key,
    ...(speaker !== undefined && { speaker }),
    kind: 'direct',
    stance: 'assert',
    content,
    ...extra,
  });
  const run = (g: Json[], s: Json[]): GoldReport =>
    score({ entities: entities.g, quotes: g }, { entities: entities.s, quotes: s });

  it.each([
    { name: 'same speaker and content', g: [q('a', 'g-p')], s: [q('x', 's-p')], expected: [1, 0, 0] },
    {
      name: 'token F1 of exactly 0.5 is enough',
      g: [q('a', 'g-p')],
      s: [q('x', 's-p', { content: 'the plant will close for good' })],
      expected: [1, 0, 0],
    },
    {
      name: 'token F1 under 0.5 is not',
      g: [q('a', 'g-p')],
      s: [q('x', 's-p', { content: 'the plant shut down for good' })],
      expected: [0, 1, 1],
    },
    {
      name: 'curly quotes and footnote marks do not change tokens',
      g: [q('a', 'g-p', { content: 'Acme’s** plant “will reopen”' })],
      s: [q('x', 's-p', { content: 'Acme\'s plant "will reopen"' })],
      expected: [1, 0, 0],
    },
    { name: 'another speaker fails', g: [q('a', 'g-p')], s: [q('x', 's-o')], expected: [0, 1, 1] },
    {
      name: 'an unresolved system speaker fails',
      g: [q('a', 'g-p')],
      s: [q('x', undefined)],
      expected: [0, 1, 1],
    },
    {
      name: 'any speaker_any member will do',
      g: [q('a', 'g-o', { speaker_any: ['g-o', 'g-p'] })],
      s: [q('x', 's-p')],
      expected: [1, 0, 0],
    },
    {
      name: 'system content missing fails a gold quote with content',
      g: [q('a', 'g-p')],
      s: [q('x', 's-p', { content: undefined })],
      expected: [0, 1, 1],
    },
    {
      name: 'content-less gold: same speaker and stance match',
      g: [q('a', 'g-p', { content: undefined, stance: 'deny' })],
      s: [q('x', 's-p', { content: 'anything at all', stance: 'deny' })],
      expected: [1, 0, 0],
    },
    {
      name: 'content-less gold: another stance fails',
      g: [q('a', 'g-p', { content: undefined, stance: 'deny' })],
      s: [q('x', 's-p', { stance: 'assert' })],
      expected: [0, 1, 1],
    },
    {
      name: 'content-less gold: each system quote matches one gold quote only',
      g: [q('a', 'g-p', { content: undefined }), q('b', 'g-p', { content: undefined })],
      s: [q('x', 's-p')],
      expected: [1, 0, 1],
    },
    {
      name: 'a content match ranks before a content-less one',
      g: [q('a', 'g-p', { content: undefined }), q('b', 'g-p')],
      s: [q('x', 's-p')],
      expected: [1, 0, 1],
      pairs: [{ gold: 'b', system: 'x' }],
    },
    {
      name: 'the higher token F1 wins',
      g: [q('a', 'g-p', { content: 'the plant will reopen' }), q('b', 'g-p')],
      s: [q('x', 's-p')],
      expected: [1, 0, 1],
      pairs: [{ gold: 'b', system: 'x' }],
    },
    {
      name: 'optional gold quotes count nowhere',
      g: [q('a', 'g-p', { optional: true })],
      s: [q('x', 's-p')],
      expected: [0, 0, 0],
    },
  ])('$name', ({ g, s, expected, pairs }) => {
    const report = run(g, s);
    expect(counts(report.quotes)).toEqual(expected);
    if (pairs !== undefined) expect(report.matches.quotes.pairs).toEqual(pairs);
  });

  it('kind and stance shares are over matched required quotes', () => {
    const report = run(
      [
        q('a', 'g-p'),
        q('b', 'g-o', { content: 'prices will rise again', stance: 'claim' }),
        q('c', 'g-o', { content: 'we never agreed', optional: true }),
      ],
      [
        q('x', 's-p', { kind: 'indirect' }),
        q('y', 's-o', { content: 'prices will rise again', stance: 'assert' }),
        q('z', 's-o', { content: 'we never agreed', kind: 'mixed' }),
      ],
    );
    expect(counts(report.quotes)).toEqual([2, 0, 0]);
    expect(report.quotes.kindShare).toBe(0.5);
    expect(report.quotes.stanceShare).toBe(0.5);
  });

  it('shares are undefined without matched quotes', () => {
    const report = run([q('a', 'g-p')], []);
    expect(report.quotes).toMatchObject({
      kindShare: null,
      stanceShare: null,
      precision: null,
      recall: 0,
      f1: 0,
    });
  });
});

describe('contradictions', () => {
  const entities = {
    g: [ent('g-p', 'PERSON', 'Jane Roe'), ent('g-o', 'ORG', 'Acme')],
    s: [ent('s-p', 'PERSON', 'Jane Roe'), ent('s-o', 'ORG', 'Acme')],
  };
  const gq = [
    { key: 'qa', speaker: 'g-p', kind: 'indirect', stance: 'accuse', content: 'the fire was set by Acme' },
    {
      key: 'qb',
      speaker: 'g-o',
      kind: 'indirect',
      stance: 'deny',
      content: 'Acme had nothing to do with the fire',
    },
  ];
  const sq = [
    {
      key: 'x1',
      speaker: 's-o',
      kind: 'indirect',
      stance: 'deny',
      content: 'Acme had nothing to do with the fire',
    },
    { key: 'x2', speaker: 's-p', kind: 'indirect', stance: 'accuse', content: 'the fire was set by Acme' },
    { key: 'x3', speaker: 's-p', kind: 'direct', stance: 'assert', content: 'the weather was dry' },
  ];
  const run = (g: Json[], s: Json[], systemQuotes: Json[] = sq): GoldReport =>
    score(
      { entities: entities.g, quotes: gq, contradictions: g },
      { entities: entities.s, quotes: systemQuotes, contradictions: s },
    );

  it.each([
    { name: 'same order', s: [{ a: 'x2', b: 'x1' }], expected: [1, 0, 0] },
    { name: 'either order', s: [{ a: 'x1', b: 'x2' }], expected: [1, 0, 0] },
    { name: 'a conflict between other quotes is false', s: [{ a: 'x3', b: 'x1' }], expected: [0, 1, 1] },
    {
      name: 'the same conflict flagged twice is once false',
      s: [
        { a: 'x1', b: 'x2' },
        { a: 'x2', b: 'x1' },
      ],
      expected: [1, 1, 0],
    },
    { name: 'none flagged', s: [], expected: [0, 0, 1] },
  ])('$name', ({ s, expected }) => {
    expect(counts(run([{ a: 'qa', b: 'qb', about: 'who set the fire' }], s).contradictions)).toEqual(
      expected,
    );
  });

  it('a side whose quote the system missed cannot be found', () => {
    const report = run([{ a: 'qa', b: 'qb' }], [{ a: 'x1', b: 'x3' }], [sq[0] ?? {}, sq[2] ?? {}]);
    expect(counts(report.contradictions)).toEqual([0, 1, 1]);
  });
});

describe('markers', () => {
  const article =
    'Officials denounced the “foreign-funded puppet council” on Monday.\n* A group outlawed in several countries.';
  const marker = (text: string, kind = 'loaded-language', extra: Json = {}): Json => ({
    kind,
    text,
    ...extra,
  });
  const run = (g: Json[], s: Json[], text = article): GoldReport =>
    score({ markers: g }, { markers: s }, text);

  it.each([
    {
      name: 'the same text',
      g: 'foreign-funded puppet council',
      s: 'foreign-funded puppet council',
      expected: [1, 0, 0],
    },
    { name: 'exactly half of the gold characters', g: 'puppet council', s: 'puppet ', expected: [1, 0, 0] },
    { name: 'under half', g: 'puppet council', s: 'puppet', expected: [0, 1, 1] },
    {
      name: 'a longer system span covering gold',
      g: 'puppet council',
      s: 'the “foreign-funded puppet council”',
      expected: [1, 0, 0],
    },
    {
      name: 'a system text with straight quotes is placed by normalization',
      g: 'foreign-funded puppet council',
      s: '"Foreign-funded puppet  council"',
      expected: [1, 0, 0],
    },
    {
      name: 'a system text not in the article has no span',
      g: 'puppet council',
      s: 'puppet council of old',
      expected: [0, 1, 1],
    },
    {
      name: 'a footnote with its leading mark',
      g: '* A group outlawed in several countries.',
      s: '* A group outlawed in several countries.',
      kind: 'legal-designation-footnote',
      expected: [1, 0, 0],
    },
  ])('$name', ({ g, s, expected, kind }) => {
    expect(counts(run([marker(g, kind)], [marker(s, kind)]).markers)).toEqual(expected);
  });

  it('kinds must agree', () => {
    expect(
      counts(
        run([marker('puppet council')], [marker('puppet council', 'legal-designation-footnote')]).markers,
      ),
    ).toEqual([0, 1, 1]);
  });

  it('overlap is measured where the texts sit in the article, not by shared words', () => {
    const text = 'a puppet council here; later a council of elders';
    expect(counts(run([marker('a puppet council')], [marker('a council of elders')], text).markers)).toEqual([
      0, 1, 1,
    ]);
  });

  it('a gold text that is not in the article is compared with the system text directly', () => {
    expect(counts(run([marker('puppet councils')], [marker('puppet council')]).markers)).toEqual([1, 0, 0]);
  });

  it('optional gold markers count nowhere', () => {
    expect(
      counts(
        run([marker('puppet council', 'loaded-language', { optional: true })], [marker('puppet council')])
          .markers,
      ),
    ).toEqual([0, 0, 0]);
  });
});

describe('figures and the overall score', () => {
  const one = { entities: [ent('a', 'ORG', 'Acme')] };

  it('precision is undefined without system items; F1 is then 0', () => {
    expect(score(one, {}).entities).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
  });

  it('recall and F1 are undefined without required gold items', () => {
    expect(score({}, one).entities).toMatchObject({
      tp: 0,
      fp: 1,
      fn: 0,
      precision: 0,
      recall: null,
      f1: null,
    });
  });

  it('nothing on either side leaves every figure undefined and no overall score', () => {
    const report = score({}, {});
    expect(report.entities).toMatchObject({ precision: null, recall: null, f1: null });
    expect(report.scoredSections).toEqual([]);
    expect(report.overall).toBeNull();
  });

  it('F1 is 0 when precision is 0', () => {
    expect(score(one, { entities: [ent('x', 'ORG', 'Bolt')] }).entities).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });

  it('F1 is the harmonic mean otherwise', () => {
    const report = score(
      { entities: [ent('a', 'ORG', 'Acme'), ent('b', 'ORG', 'Bolt')] },
      { entities: [ent('x', 'ORG', 'Acme'), ent('y', 'ORG', 'Crane'), ent('z', 'ORG', 'Dune')] },
    );
    expect(report.entities.precision).toBeCloseTo(1 / 3, 10);
    expect(report.entities.recall).toBe(0.5);
    expect(report.entities.f1).toBeCloseTo(0.4, 10);
  });

  it('macro-averages section F1 over sections with a required gold item only', () => {
    const report = score(
      {
        entities: [ent('p', 'PERSON', 'Jane Roe')],
        quotes: [{ key: 'q', speaker: 'p', kind: 'direct', stance: 'assert', content: 'all is well' }],
        markers: [{ kind: 'loaded-language', text: 'regime', optional: true }],
      },
      {
        entities: [ent('x', 'PERSON', 'Jane Roe')],
        places: [place('Riverton', 'BD', 1, 1)],
        markers: [{ kind: 'loaded-language', text: 'junta' }],
      },
    );
    expect(report.scoredSections).toEqual(['entities', 'quotes']);
    expect(report.entities.f1).toBe(1);
    expect(report.quotes.f1).toBe(0);
    expect(report.markers.f1).toBeNull();
    expect(report.overall).toBe(0.5);
  });

  it('the events section enters the overall figure with its strict F1', () => {
    const report = score(
      {
        entities: [ent('a', 'ORG', 'Acme')],
        events: [{ key: 'e', type: 'PROTEST', actors: ['a'], date: '2024-02-01' }],
      },
      {
        entities: [ent('x', 'ORG', 'Acme')],
        events: [{ type: 'PROTEST', actors: ['x'], date: '2024-02-02' }],
      },
    );
    expect(report.events.f1).toBe(0);
    expect(report.events.typed.f1).toBe(1);
    expect(report.overall).toBe(0.5);
  });
});
