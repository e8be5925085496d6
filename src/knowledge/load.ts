/** Builds the Knowledge index for one language from world-countries, the generated gazetteer, data/ files and lexicons. */
import { foldKey } from './fold.js';
export { foldKey } from './fold.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Country } from 'world-countries';
import { z } from 'zod';
import { ENTITY_TYPES } from '../model/schema.js';
import type { CityInfo, CountryInfo, Knowledge, Lexicons, OrgInfo, RegionInfo } from './knowledge.js';

/**
 * The package's data/ directory. Both `src/knowledge/` (tsx, vitest) and `dist/knowledge/` (after
 * `tsc -p tsconfig.build.json`) sit two levels below the package root, so one relative URL serves both.
 */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface LoadOptions {
  /** ISO 639-1 code; selects lexicons/<language>/ and the language's country names and demonyms. */
  readonly language?: string;
  /**
   * A directory laid out like data/ whose files take precedence, file by file, over the built-in ones:
   * lexicons/<language>/<name>.txt, organizations.json, metonyms.json, generated/gazetteer-cities.json.
   * A file it lacks comes from the built-in data/, so a test or a deployment can override one lexicon
   * without copying everything.
   */
  readonly dataDir?: string;
}

// ---------------------------------------------------------------------------------------------
// Name keys

/**
 * "US", "U.S.", "UK", "WHO", "IS", "AP", "MİT": upper-case forms of at most three letters. They only
 * match in their exact case, because their lower-case twins are everyday words ("us", "who", "is").
 * Longer acronyms ("NATO", "ISIS") also match as "Nato", "Isis", the way British outlets write them.
 */
function isShortAcronym(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return (
    letters.length > 0 &&
    letters.length <= 3 &&
    letters === letters.toUpperCase() &&
    letters !== letters.toLowerCase()
  );
}

const hasUpper = (s: string): boolean => /\p{Lu}/u.test(s);

/**
 * Name → value index with two tiers. Exact (original case) first, so "US" is the country and "us"
 * is not. Then a folded tier (see foldKey) that serves "UNITED STATES", "The United States", "Nato",
 * "Al-Qaeda" — but only for queries that contain an upper-case letter, because lower-case text in
 * English is not a proper name ("turkey", "chad", "amnesty"), and never for short acronyms.
 * The first value added under a key wins, so callers add their preferred sources first.
 */
class NameIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly folded = new Map<string, T>();

  add(name: string, value: T): void {
    const n = name.trim();
    if (n === '') return;
    if (!this.exact.has(n)) this.exact.set(n, value);
    if (!isShortAcronym(n)) {
      const k = foldKey(n);
      if (k !== '' && !this.folded.has(k)) this.folded.set(k, value);
    }
  }

  get(query: string): T | undefined {
    const q = query.trim();
    const hit = this.exact.get(q);
    if (hit !== undefined || !hasUpper(q) || isShortAcronym(q)) return hit;
    return this.folded.get(foldKey(q));
  }

  /** Every exact-case name, longest first (for longest-match scanning). */
  names(): string[] {
    return [...this.exact.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }

  entries(): IterableIterator<[string, T]> {
    return this.exact.entries();
  }
}

// ---------------------------------------------------------------------------------------------
// Countries

/** world-countries translation keys (ISO 639-2/3) for the languages it translates names into. */
// prettier-ignore
const PACKAGE_LANGUAGE: Readonly<Record<string, string>> = {
  ar: 'ara', cs: 'ces', de: 'deu', et: 'est', fi: 'fin', fr: 'fra', hr: 'hrv', hu: 'hun', it: 'ita',
  ja: 'jpn', ko: 'kor', nl: 'nld', fa: 'per', pl: 'pol', pt: 'por', ru: 'rus', sk: 'slk', es: 'spa',
  sr: 'srp', sv: 'swe', tr: 'tur', ur: 'urd', zh: 'zho',
};

/**
 * Names English news uses that the package lacks or gives to another country. Added before the
 * package's names, so they win a tie: "Congo" is the DR Congo here (as in AP style and most conflict
 * reporting) although the package lists it as an alternate spelling of the Republic of the Congo.
 */
const EN_COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: [
    'US',
    'U.S.',
    'U.S.A.',
    'USA',
    'the United States',
    'the US',
    'the U.S.',
    'the USA',
    'America',
    'United States of America',
  ],
  GB: ['UK', 'U.K.', 'the UK', 'the U.K.', 'the United Kingdom', 'Britain', 'Great Britain'],
  AE: ['UAE', 'U.A.E.', 'the UAE', 'the Emirates'],
  CD: [
    'Congo',
    'DRC',
    'D.R.C.',
    'the DRC',
    'DR Congo',
    'Democratic Republic of Congo',
    'Democratic Republic of the Congo',
  ],
  CG: ['Congo Republic', 'Republic of Congo', 'Congo-Brazzaville'],
  KR: ['ROK'],
  KP: ['D.P.R.K.'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  NL: ['the Netherlands'],
  PH: ['the Philippines'],
  GM: ['the Gambia'],
  BS: ['the Bahamas'],
  VA: ['Holy See', 'the Vatican'],
  CN: ['PRC', 'mainland China'],
  SA: ['KSA'],
  BA: ['Bosnia'],
  CV: ['Cabo Verde'],
  LA: ['Lao PDR'],
  PS: ['Palestinian territories', 'Palestinian Territories', 'occupied Palestinian territories'],
};

/** English demonyms the package lacks (it has "Tadzhik" for Tajikistan, none of the noun forms). */
const EN_DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  AF: ['Afghani'],
  TJ: ['Tajik', 'Tajikistani'],
  KZ: ['Kazakh', 'Kazakhstani'],
  KG: ['Kyrgyz', 'Kyrgyzstani'],
  UZ: ['Uzbek'],
  TM: ['Turkmenistani'],
  AZ: ['Azeri'],
  SA: ['Saudi'],
  GB: ['Briton'],
  TR: ['Turk'],
  FI: ['Finn'],
  DK: ['Dane'],
  SE: ['Swede'],
  PL: ['Pole'],
  ES: ['Spaniard'],
  RS: ['Serb'],
  HR: ['Croat'],
  SK: ['Slovakian'],
  SI: ['Slovenian'],
  XK: ['Kosovan'],
  LA: ['Lao'],
  HK: ['Hongkonger'],
  PH: ['Filipina', 'Philippine'],
  CV: ['Cape Verdean'],
  EC: ['Ecuadorian'],
  SO: ['Somalian'],
  YE: ['Yemenite'],
  BY: ['Belarussian'],
  BF: ['Burkinabè'],
  GW: ['Bissau-Guinean'],
  KM: ['Comorian'],
};

/**
 * Package alternate spellings that are ordinary words or another thing's name in English text
 * ("Island" for Iceland, "Mann" for the Isle of Man, "Thai" — a demonym — for Thailand).
 */
// prettier-ignore
const ALT_SPELLING_DENY = new Set([
  'Island', 'Mann', 'Mannin', 'Thai', 'Prathet', 'Togolese', 'Dominique', 'Mexicanos', 'Portuguesa', 'Lao',
  'Timor', 'Guiana', 'the Abode of Peace',
]);

/** Letters outside Latin script, or IPA (a pronunciation, not a name): nobody writes these in English news. */
const NOT_WRITTEN_NAME = /[\u0250-\u02AF]|(?!\p{Script=Latin})\p{L}/u;

/** Keeps the alternate spellings that look like names people write (see ALT_SPELLING_DENY). */
function writtenAltSpelling(s: string): boolean {
  if (/^[A-Z]{2}$/.test(s)) return false; // ISO code: "IS", "IN", "TO" are words
  if (s.includes(',')) return false; // ISO inverted form: "Korea, Republic of"
  if (ALT_SPELLING_DENY.has(s)) return false;
  return !NOT_WRITTEN_NAME.test(s);
}

/** English plural of a demonym ("Iranians", "South Africans"); none for invariant ones ("Swiss", "Burmese", "French"). */
function demonymPlural(d: string): string | undefined {
  return /(?:ese|s|sh|ch|x|z)$/.test(d) ? undefined : `${d}s`;
}

interface MutableCountry {
  code: string;
  name: string;
  names: string[];
  demonyms: string[];
  capital: string | undefined;
  lat: number;
  lon: number;
}

// ---------------------------------------------------------------------------------------------
// Data files

const OrgFileSchema = z.array(
  z.object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    type: z.enum(ENTITY_TYPES),
    aliases: z.array(z.string().min(1)),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    parent: z.string().optional(),
    kind: z.string().optional(),
  }),
);

const MetonymFileSchema = z.object({
  entries: z.array(z.object({ name: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) })),
});

/** Column order written by scripts/build-gazetteer.ts: [geonamesId, name, country, lat, lon, population, flags, altNames?]. */
type GazetteerRow = [number, string, string, number, number, number, number, string[]?, string?];
const FLAG_CAPITAL = 1;

class DataFiles {
  constructor(private readonly overrideDir: string | undefined) {}

  /** The override's copy of a data file if it has one, else the built-in one. */
  resolve(relative: string): string {
    if (this.overrideDir !== undefined) {
      const p = path.join(this.overrideDir, relative);
      if (existsSync(p)) return p;
    }
    return path.join(DEFAULT_DATA_DIR, relative);
  }

  json(relative: string): unknown {
    const file = this.resolve(relative);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (err) {
      throw new Error(`knowledge: cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Directories that may hold lexicons for a language, override first. */
  lexiconDirs(language: string): string[] {
    const dirs = [path.join(DEFAULT_DATA_DIR, 'lexicons', language)];
    if (this.overrideDir !== undefined) dirs.unshift(path.join(this.overrideDir, 'lexicons', language));
    return dirs;
  }
}

/** Lexicon file format: one entry per line; `#` starts a comment (whole line, or after whitespace); blank lines ignored. */
export function parseLexicon(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?:^|\s)#.*$/, '').trim();
    if (line !== '') out.add(line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loader

const cache = new Map<string, Knowledge>();

/**
 * The knowledge index for a language, built once per (language, dataDir) and shared afterwards:
 * stages treat it as read-only.
 */
export function loadKnowledge(options: string | LoadOptions = 'en'): Knowledge {
  const opts: LoadOptions = typeof options === 'string' ? { language: options } : options;
  const language = opts.language ?? 'en';
  const dataDir = opts.dataDir === undefined ? undefined : path.resolve(opts.dataDir);
  const cacheKey = `${language}\u0000${dataDir ?? ''}`;
  let k = cache.get(cacheKey);
  if (k === undefined) {
    k = buildKnowledge(language, new DataFiles(dataDir));
    cache.set(cacheKey, k);
  }
  return k;
}

function buildKnowledge(language: string, files: DataFiles): Knowledge {
  const countries = buildCountries(language, files);
  const cityIndex = buildCities(files);
  const regionIndex = buildRegions(files);
  const countyIndex = buildCounties(files);
  const orgs = buildOrgs(files);
  const lex = buildLexicons(language, files);
  const noCities: readonly CityInfo[] = Object.freeze([]);
  return {
    language,
    countryByName: countries.byName,
    countryByCode: (code) => countries.byCode.get(code.toUpperCase()),
    countryByDemonym: countries.byDemonym,
    countryByCapital: countries.byCapital,
    cities: (name) => cityIndex.get(foldKey(name)) ?? noCities,
    regions: (name) => regionIndex.lookup(name),
    regionById: (id) => regionIndex.byId.get(id),
    counties: (name) => countyIndex.lookup(name),
    countyById: (id) => countyIndex.byId.get(id),
    orgByAlias: (alias) => orgs.byAlias.get(alias),
    orgByKey: (key) => orgs.byKey.get(key),
    orgAliases: orgs.aliases,
    countries: countries.list,
    countryNames: countries.names,
    demonyms: countries.demonyms,
    lexicons: lex.record,
    lexicon: lex.get,
    nameStarts: nameStarts(
      [...countries.names, ...countries.demonyms, ...countries.capitals, ...orgs.aliases],
      cityIndex.keys(),
    ),
    isNameKey: nameKeys(
      [...countries.names, ...countries.demonyms, ...countries.capitals, ...orgs.aliases],
      cityIndex,
    ),
  };
}

/**
 * Every name index answers a query through its exact names or their folded keys, so the folded keys of
 * the exact names (with the city index's own keys) are all a resolvable span can fold to.
 */
function nameKeys(
  names: readonly string[],
  cityIndex: ReadonlyMap<string, unknown>,
): (folded: string) => boolean {
  const keys = new Set<string>();
  for (const n of names) keys.add(foldKey(n));
  return (folded) => keys.has(folded) || cityIndex.has(folded);
}

/**
 * The folded first word of every name the knowledge base knows: scanners test a span only when its
 * first word is one of these, which skips most capitalized words at the cost of one set lookup.
 */
function nameStarts(names: readonly string[], foldedCityKeys: Iterable<string>): ReadonlySet<string> {
  const out = new Set<string>();
  const add = (folded: string): void => {
    const first = folded.split(' ')[0];
    if (first) out.add(first);
  };
  for (const n of names) add(foldKey(n));
  for (const k of foldedCityKeys) add(k);
  return out;
}

function readCountries(): readonly Country[] {
  // Read the JSON directly: the package's ESM entry re-exports it without an import attribute, which Node 20 rejects.
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('world-countries/countries.json'), 'utf8')) as Country[];
}

function buildCountries(language: string, files: DataFiles) {
  const raw = [...readCountries()];
  // Ties between countries (the package gives "American" to the US and the Northern Mariana Islands,
  // "Congolese" to both Congos) go to the sovereign state, then to the larger one.
  raw.sort((a, b) => Number(b.independent === true) - Number(a.independent === true) || b.area - a.area);
  const lang3 = PACKAGE_LANGUAGE[language];
  const english = language === 'en';

  const byCode = new Map<string, MutableCountry>();
  const infos = new Map<string, MutableCountry>();
  for (const c of raw) {
    const common = english ? c.name.common : ((lang3 && c.translations[lang3]?.common) ?? c.name.common);
    const info: MutableCountry = {
      code: c.cca2,
      name: common,
      names: [],
      demonyms: [],
      capital: c.capital[0],
      // Kept exactly as the package gives them (a representative interior point, not the capital).
      lat: c.latlng[0],
      lon: c.latlng[1],
    };
    infos.set(c.cca2, info);
    byCode.set(c.cca2, info);
    byCode.set(c.cca3, info);
  }
  const infoOf = (c: Country): MutableCountry => infos.get(c.cca2) as MutableCountry;

  const byName = new NameIndex<MutableCountry>();
  if (english)
    for (const [code, names] of Object.entries(EN_COUNTRY_NAMES))
      for (const n of names) byName.add(n, infos.get(code) as MutableCountry);
  for (const c of raw) byName.add(infoOf(c).name, infoOf(c));
  for (const c of raw) {
    if (english) byName.add(c.name.official, infoOf(c));
    else if (lang3 && c.translations[lang3]) byName.add(c.translations[lang3].official, infoOf(c));
  }
  for (const c of raw)
    for (const alt of c.altSpellings) if (writtenAltSpelling(alt)) byName.add(alt, infoOf(c));
  for (const [name, info] of byName.entries()) if (name !== info.name) info.names.push(name);

  const byDemonym = new NameIndex<MutableCountry>();
  const demonymSource = english ? 'eng' : lang3;
  const addDemonym = (d: string, info: MutableCountry): void => {
    if (!info.demonyms.includes(d)) info.demonyms.push(d);
    byDemonym.add(d, info);
  };
  if (english)
    for (const [code, ds] of Object.entries(EN_DEMONYMS))
      for (const d of ds) addDemonym(d, infos.get(code) as MutableCountry);
  for (const c of raw) {
    const dem = demonymSource ? c.demonyms[demonymSource] : undefined;
    if (!dem) continue;
    // "Antiguan, Barbudan", "Kittitian or Nevisian": one demonym per part.
    for (const d of [dem.m, dem.f].flatMap((x) => x.split(/,\s*|\s+or\s+/)))
      if (d.trim() !== '') addDemonym(d.trim(), infoOf(c));
  }
  if (english) {
    for (const info of infos.values()) {
      for (const d of [...info.demonyms]) {
        const plural = demonymPlural(d);
        // "Philippine" + s is the country's name, not a people.
        if (plural !== undefined && byName.get(plural) === undefined) byDemonym.add(plural, info);
      }
    }
  }

  const byCapital = new NameIndex<MutableCountry>();
  for (const c of raw) for (const cap of c.capital) byCapital.add(cap, infoOf(c));
  const metonyms = MetonymFileSchema.parse(files.json('metonyms.json'));
  for (const m of metonyms.entries) {
    const info = infos.get(m.country);
    if (info === undefined)
      throw new Error(`knowledge: metonyms.json: unknown country ${m.country} for ${m.name}`);
    byCapital.add(m.name, info);
  }

  const list: readonly CountryInfo[] = [...infos.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return {
    byCode: byCode as ReadonlyMap<string, CountryInfo>,
    byName: (q: string): CountryInfo | undefined => byName.get(q),
    byDemonym: (q: string): CountryInfo | undefined => byDemonym.get(q),
    byCapital: (q: string): CountryInfo | undefined => byCapital.get(q),
    list,
    names: Object.freeze(byName.names()),
    demonyms: Object.freeze(byDemonym.names()),
    capitals: Object.freeze(byCapital.names()),
  };
}

/** Column order written by scripts/build-gazetteer.ts: [id, name, country, lat, lon, population, altNames]. */
type RegionRow = [string, string, string, number, number, number, string[]];

/** Generic heads a region mention may carry ("Herat Province", "Oblast of Kharkiv"), folded. */
const REGION_HEAD_RE =
  /^(?:the )?(?:(?:province|region|state|governorate|oblast|prefecture|republic|department) of )?(.+?)(?: (?:province|region|state|governorate|oblast|oblast'|prefecture|republic|voivodeship|krai|department))?$/;

function buildRegions(files: DataFiles): {
  lookup: (name: string) => readonly RegionInfo[];
  byId: ReadonlyMap<string, RegionInfo>;
} {
  const file = files.json('generated/gazetteer-regions.json') as { format?: unknown; regions?: unknown };
  if (file.format !== 'parallax/gazetteer-regions@1' || !Array.isArray(file.regions)) {
    throw new Error(
      'knowledge: generated/gazetteer-regions.json is not parallax/gazetteer-regions@1; run npx tsx scripts/build-gazetteer.ts',
    );
  }
  const index = new Map<string, RegionInfo[]>();
  const byId = new Map<string, RegionInfo>();
  const put = (key: string, r: RegionInfo): void => {
    const list = index.get(key);
    if (!list) index.set(key, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  // Rows come most populous first, so each per-name list stays in that order.
  for (const [code, name, country, lat, lon, population, alt] of file.regions as RegionRow[]) {
    const r: RegionInfo = { id: `region:${code}`, name, country, lat, lon, population };
    byId.set(r.id, r);
    put(foldKey(name), r);
    for (const a of alt) put(foldKey(a), r);
  }
  const none: readonly RegionInfo[] = Object.freeze([]);
  return {
    byId,
    lookup: (name) => {
      const key = foldKey(name);
      const hit = index.get(key);
      if (hit) return hit;
      const bare = REGION_HEAD_RE.exec(key)?.[1];
      return (bare !== undefined && bare !== key ? index.get(bare) : undefined) ?? none;
    },
  };
}

/** Second-level regions ("X County", "X Parish") by their full folded name. */
function buildCounties(files: DataFiles): {
  lookup: (name: string) => readonly RegionInfo[];
  byId: ReadonlyMap<string, RegionInfo>;
} {
  const index = new Map<string, RegionInfo[]>();
  const byId = new Map<string, RegionInfo>();
  const none: readonly RegionInfo[] = Object.freeze([]);
  const file = files.json('generated/gazetteer-counties.json') as { format?: unknown; counties?: unknown };
  if (file.format !== 'parallax/gazetteer-counties@1' || !Array.isArray(file.counties)) {
    throw new Error(
      'knowledge: generated/gazetteer-counties.json is not parallax/gazetteer-counties@1; run npx tsx scripts/build-gazetteer.ts',
    );
  }
  // Rows come with the most member places first, so each per-name list stays in that order.
  for (const [code, name, country, lat, lon, population] of file.counties as RegionRow[]) {
    const admin1 = code.split('.')[1] ?? '';
    const r: RegionInfo = { id: `county:${code}`, name, country, lat, lon, population, admin1 };
    byId.set(r.id, r);
    const key = foldKey(name);
    const list = index.get(key);
    if (!list) index.set(key, [r]);
    else list.push(r);
  }
  return { byId, lookup: (name) => index.get(foldKey(name)) ?? none };
}

function buildCities(files: DataFiles): ReadonlyMap<string, readonly CityInfo[]> {
  const file = files.json('generated/gazetteer-cities.json') as { format?: unknown; cities?: unknown };
  if (file.format !== 'parallax/gazetteer-cities@1' || !Array.isArray(file.cities)) {
    throw new Error(
      'knowledge: generated/gazetteer-cities.json is not parallax/gazetteer-cities@1; run npx tsx scripts/build-gazetteer.ts',
    );
  }
  const index = new Map<string, CityInfo[]>();
  const put = (key: string, city: CityInfo): void => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [city]);
    else if (!list.includes(city)) list.push(city);
  };
  for (const row of file.cities as GazetteerRow[]) {
    const [id, name, country, lat, lon, population, flags, alt, admin1] = row;
    const city: CityInfo = {
      id: `geonames:${id}`,
      name,
      country,
      lat,
      lon,
      population,
      isCapital: (flags & FLAG_CAPITAL) !== 0,
      ...(admin1 !== undefined ? { admin1 } : {}),
    };
    put(foldKey(name), city);
    if (alt) for (const a of alt) put(foldKey(a), city);
  }
  // The build script writes rows most populous first; sort anyway in case an override file does not.
  for (const list of index.values()) {
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as CityInfo).population > (list[i - 1] as CityInfo).population) {
        list.sort((a, b) => b.population - a.population);
        break;
      }
    }
  }
  return index;
}

function buildOrgs(files: DataFiles) {
  const entries = OrgFileSchema.parse(files.json('organizations.json'));
  const byKey = new Map<string, OrgInfo>();
  for (const e of entries) {
    if (byKey.has(e.key)) throw new Error(`knowledge: organizations.json: duplicate key ${e.key}`);
    const info: OrgInfo = {
      key: e.key,
      name: e.name,
      type: e.type,
      aliases: Object.freeze([...e.aliases]),
      ...(e.country !== undefined ? { country: e.country } : {}),
      ...(e.parent !== undefined ? { parent: e.parent } : {}),
      ...(e.kind !== undefined ? { kind: e.kind } : {}),
    };
    byKey.set(e.key, info);
  }
  for (const o of byKey.values()) {
    if (o.parent !== undefined && !byKey.has(o.parent))
      throw new Error(`knowledge: organizations.json: ${o.key} has unknown parent ${o.parent}`);
  }
  const byAlias = new NameIndex<OrgInfo>();
  // Names before aliases, so an organization's own name is never captured by another's alias.
  for (const o of byKey.values()) byAlias.add(o.name, o);
  for (const o of byKey.values()) for (const a of o.aliases) byAlias.add(a, o);
  return { byKey: byKey as ReadonlyMap<string, OrgInfo>, byAlias, aliases: Object.freeze(byAlias.names()) };
}

function buildLexicons(language: string, files: DataFiles) {
  const dirs = files.lexiconDirs(language);
  const sets = new Map<string, ReadonlySet<string>>();
  const get = (name: string): ReadonlySet<string> => {
    let set = sets.get(name);
    if (set === undefined) {
      set = new Set<string>();
      // A name is a file stem, never a path: "../x" must not escape the lexicon directory.
      if (/^[\w-]+$/.test(name)) {
        const file = dirs.map((d) => path.join(d, `${name}.txt`)).find((f) => existsSync(f));
        if (file !== undefined) set = parseLexicon(readFileSync(file, 'utf8'));
      }
      sets.set(name, set);
    }
    return set;
  };
  // The record lists every lexicon present and reads each one on first access only.
  const record: Record<string, readonly string[]> = {};
  const arrays = new Map<string, readonly string[]>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const name = /^([\w-]+)\.txt$/.exec(f)?.[1];
      if (name === undefined || Object.prototype.hasOwnProperty.call(record, name)) continue;
      Object.defineProperty(record, name, {
        enumerable: true,
        get: () => {
          let arr = arrays.get(name);
          if (arr === undefined) {
            arr = Object.freeze([...get(name)]);
            arrays.set(name, arr);
          }
          return arr;
        },
      });
    }
  }
  return { get, record: record as Lexicons };
}
