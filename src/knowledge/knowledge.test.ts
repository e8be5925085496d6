/** Tests for the knowledge loader: country, demonym, capital, city and organization lookups, lexicon overrides. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, foldKey, loadKnowledge, parseLexicon } from './load.js';

const k = loadKnowledge('en');

describe('countryByName', () => {
  it.each([
    ['US', 'US'],
    ['U.S.', 'US'],
    ['United States', 'US'],
    ['the United States', 'US'],
    ['UNITED STATES', 'US'],
    ['America', 'US'],
    ['Iran', 'IR'],
    ['Islamic Republic of Iran', 'IR'],
    ['UK', 'GB'],
    ['Britain', 'GB'],
    ['UAE', 'AE'],
    ['Russia', 'RU'],
    ['South Korea', 'KR'],
    ['North Korea', 'KP'],
    ['Syria', 'SY'],
    ['Congo', 'CD'],
    ['Republic of the Congo', 'CG'],
    ['Turkey', 'TR'],
    ['Türkiye', 'TR'],
    ['Cote d’Ivoire', 'CI'],
    ['Iceland', 'IS'],
  ])('%s → %s', (name, code) => {
    expect(k.countryByName(name)?.code).toBe(code);
  });

  // Lower-case words and short acronyms in the wrong case are everyday words, not countries.
  it.each(['us', 'Us', 'uk', 'iran', 'turkey', 'chad', 'Island', 'Thai', 'IS', 'IN'])(
    '%s → undefined',
    (word) => {
      expect(k.countryByName(word)).toBeUndefined();
    },
  );

  it('keeps the package coordinates and lists other names', () => {
    const us = k.countryByCode('US');
    expect(us).toMatchObject({ code: 'US', name: 'United States', lat: 38, lon: -97 });
    expect(us?.names).toEqual(expect.arrayContaining(['U.S.', 'United States of America']));
    expect(k.countryByCode('usa')?.code).toBe('US');
    expect(k.countryNames?.[0]?.length).toBeGreaterThanOrEqual(k.countryNames?.at(-1)?.length ?? 0);
  });
});

describe('countryByDemonym', () => {
  it.each([
    ['Iranian', 'IR'],
    ['Afghan', 'AF'],
    ['Afghani', 'AF'],
    ['American', 'US'],
    ['Americans', 'US'],
    ['Tajik', 'TJ'],
    ['Iraqi', 'IQ'],
    ['Iraqis', 'IQ'],
    ['Emirati', 'AE'],
    ['Saudi', 'SA'],
    ['Israeli', 'IL'],
    ['British', 'GB'],
    ['Pakistani', 'PK'],
    ['Congolese', 'CD'],
    ['French', 'FR'],
  ])('%s → %s', (word, code) => {
    expect(k.countryByDemonym(word)?.code).toBe(code);
  });

  it('has no plural for invariant demonyms and ignores lower-case words', () => {
    expect(k.countryByDemonym('Swiss')?.code).toBe('CH');
    expect(k.countryByDemonym('Swisses')).toBeUndefined();
    expect(k.countryByDemonym('american')).toBeUndefined();
  });
});

describe('countryByCapital', () => {
  it.each([
    ['Washington', 'US'],
    ['Tehran', 'IR'],
    ['Jerusalem', 'IL'],
    ['Tel Aviv', 'IL'], // from data/metonyms.json: seat used as metonym, not the package's capital
    ['Kyiv', 'UA'],
    ['Kiev', 'UA'],
    ['Bogota', 'CO'],
  ])('%s → %s', (name, code) => {
    expect(k.countryByCapital(name)?.code).toBe(code);
  });

  it('returns undefined for a city that is no capital', () => {
    expect(k.countryByCapital('Kerman')).toBeUndefined();
  });
});

describe('cities', () => {
  it('finds Kerman in Iran first', () => {
    const [first] = k.cities('Kerman');
    expect(first?.country).toBe('IR');
    expect(first?.lat).toBeCloseTo(30.28, 2);
    expect(first?.id).toMatch(/^geonames:\d+$/);
  });

  it.each([
    ['Baghdad', 'IQ'],
    ['Paris', 'FR'],
    ['Washington', 'US'],
    ['Kiev', 'UA'],
    ['Khan Younis', 'PS'],
  ])('%s → %s first', (name, code) => {
    expect(k.cities(name)[0]?.country).toBe(code);
  });

  it('orders candidates most populous first', () => {
    const paris = k.cities('Paris');
    expect(paris.length).toBeGreaterThan(1);
    for (let i = 1; i < paris.length; i++) {
      expect(paris[i - 1]?.population).toBeGreaterThanOrEqual(paris[i]?.population ?? 0);
    }
  });

  it('matches case- and accent-insensitively', () => {
    expect(k.cities('Sao Paulo')[0]?.name).toBe('São Paulo');
    expect(k.cities('SÃO PAULO')[0]?.name).toBe('São Paulo');
    expect(k.cities('baghdad')[0]?.isCapital).toBe(true);
  });

  it('returns an empty list for an unknown name', () => {
    expect(k.cities('Nowhereville Xyz')).toEqual([]);
  });
});

describe('organizations', () => {
  it('keeps Islamic State aliases together and ISIS-K distinct with a parent', () => {
    const isis = k.orgByAlias('ISIS');
    expect(isis).toBeDefined();
    expect(k.orgByAlias('Daesh')?.key).toBe(isis?.key);
    expect(k.orgByAlias('ISIL')?.key).toBe(isis?.key);
    expect(k.orgByAlias('Islamic State group')?.key).toBe(isis?.key);
    const isisK = k.orgByAlias('ISIS-K');
    expect(isisK?.key).not.toBe(isis?.key);
    expect(isisK?.parent).toBe(isis?.key);
    expect(k.orgByAlias('ISKP')?.key).toBe(isisK?.key);
    expect(k.orgByKey(isisK?.parent ?? '')?.name).toBe('Islamic State');
  });

  it('keeps the IRGC and the Quds Force distinct', () => {
    expect(k.orgByAlias('Revolutionary Guards')?.key).toBe('irgc');
    expect(k.orgByAlias('Quds Force')?.parent).toBe('irgc');
  });

  it.each([
    ['Nato', 'nato'],
    ['Al-Qaeda', 'al-qaeda'],
    ['al Qaida', 'al-qaeda'],
    ['U.N.', 'united-nations'],
    ['WHO', 'who'],
  ])('%s → %s', (alias, key) => {
    expect(k.orgByAlias(alias)?.key).toBe(key);
  });

  // Short all-caps aliases match only in their own case; lower-case text never matches.
  it.each(['who', 'Who', 'is', 'Is', 'un', 'nato', 'amnesty'])('%s → undefined', (word) => {
    expect(k.orgByAlias(word)).toBeUndefined();
  });

  it('has no alias claimed by two organizations', () => {
    const raw = JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, 'organizations.json'), 'utf8')) as {
      key: string;
      name: string;
      aliases: string[];
    }[];
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const o of raw) {
      for (const a of [o.name, ...o.aliases]) {
        const prev = owner.get(foldKey(a));
        if (prev !== undefined && prev !== o.key) clashes.push(`${a}: ${prev} / ${o.key}`);
        owner.set(foldKey(a), o.key);
      }
    }
    expect(clashes).toEqual([]);
    expect(raw.length).toBeGreaterThanOrEqual(150);
  });

  it('lists aliases longest first', () => {
    expect(k.orgAliases).toContain('Daesh');
    expect(k.orgAliases[0]?.length).toBeGreaterThanOrEqual(k.orgAliases.at(-1)?.length ?? 0);
  });
});

describe('lexicons', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-lex-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'lexicons', 'en'), { recursive: true });
  writeFileSync(
    path.join(dir, 'lexicons', 'en', 'sample-verbs.txt'),
    '# speech verbs for the test\nsaid\n\n  told  \nwarned # trailing comment\n',
  );

  it('reads a lexicon from an injected data directory, ignoring comments and blank lines', () => {
    const kt = loadKnowledge({ language: 'en', dataDir: dir });
    expect([...kt.lexicon('sample-verbs')]).toEqual(['said', 'told', 'warned']);
    expect(kt.lexicons['sample-verbs']).toEqual(['said', 'told', 'warned']);
    // Everything the override lacks still comes from the built-in data.
    expect(kt.countryByName('Iran')?.code).toBe('IR');
  });

  it('returns an empty set for a missing lexicon or a path-like name', () => {
    const kt = loadKnowledge({ language: 'en', dataDir: dir });
    expect(kt.lexicon('no-such-lexicon').size).toBe(0);
    expect(kt.lexicon('../../package').size).toBe(0);
    expect(loadKnowledge({ language: 'xx', dataDir: dir }).lexicon('sample-verbs').size).toBe(0);
  });

  it('parses comments only at line start or after whitespace', () => {
    expect([...parseLexicon('a#b\n#x\nc # d')]).toEqual(['a#b', 'c']);
  });
});

describe('loadKnowledge', () => {
  it('memoizes per language and data directory', () => {
    expect(loadKnowledge('en')).toBe(k);
    expect(loadKnowledge({ language: 'en' })).toBe(k);
    expect(loadKnowledge({ language: 'en', dataDir: DEFAULT_DATA_DIR })).not.toBe(k);
  });

  it('uses the package translations for another language', () => {
    const fr = loadKnowledge('fr');
    expect(fr.countryByName('Allemagne')?.code).toBe('DE');
    expect(fr.countryByDemonym('Allemand')?.code).toBe('DE');
  });
});
