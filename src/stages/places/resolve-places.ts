/**
 * Toponym resolution: countries from the country table; cities and first-level regions (provinces,
 * states) from the gazetteer, ranked by the countries the document names or whose places it names,
 * proximity to the other places resolved, then population and feature kind. Capitals standing for
 * their government (metonymy) are kept as places but flagged, so maps can leave them out. "The
 * province" after a named province is tied to it.
 */
import type { Knowledge, CityInfo, RegionInfo } from '../../knowledge/knowledge.js';
import type { Entity, Event, Mention, Place } from '../../model/schema.js';
import { datelineAround } from '../../text/dateline.js';
import { stateAbbreviationAfter } from './us-states.js';

export const STAGE = 'places.gazetteer';
export const VERSION = 2;
const REF = `${STAGE}@${VERSION}`;

export interface PlacesInput {
  readonly text: string;
  readonly mentions: readonly Mention[];
  readonly entities: readonly Entity[];
  readonly events: readonly Event[];
}

export function resolvePlaces(
  input: PlacesInput,
  knowledge: Knowledge,
): { places: Place[]; events: Event[] } {
  const entityById = new Map(input.entities.map((e) => [e.id, e]));
  // Countries the document names: evidence for choosing among same-named cities.
  const docCountries = new Map<string, number>();
  for (const m of input.mentions) {
    const e = m.entity ? entityById.get(m.entity) : undefined;
    const code = e?.country;
    if (code && e?.knowledgeKey?.startsWith('country:'))
      docCountries.set(code, (docCountries.get(code) ?? 0) + 1);
  }

  const places: (Place | undefined)[] = [];
  const pending: Pending[] = [];
  for (const m of input.mentions) {
    if (m.type !== 'GPE' && m.type !== 'LOC') continue;
    if (m.form === 'demonym' || m.form === 'title' || m.form === 'description') continue;
    const base = { text: m.text, span: m.span, evidence: m.span, stage: REF } as const;
    const withEntity = m.entity !== undefined ? { entity: m.entity } : {};
    const link = m.link ?? '';
    if (link.startsWith('country:')) {
      const c = knowledge.countryByCode(link.slice(8));
      if (!c) continue;
      if (m.form === 'alias') continue; // an epithet ("the X regime") is not a toponym
      places.push({
        id: '',
        ...base,
        ...withEntity,
        lat: c.lat,
        lon: c.lon,
        country: c.code,
        kind: 'country',
        gazetteerId: `country:${c.code}`,
        metonymy: false,
        confidence: 0.9,
      });
      continue;
    }
    if (link.startsWith('capital:') || m.form === 'alias') {
      // The seat of government standing for the state: flagged, not placed on the map.
      const code = link.startsWith('capital:') ? link.slice(8) : undefined;
      const city = pickCity(knowledge.cities(m.text), code ? new Map([[code, 1]]) : docCountries);
      if (city)
        places.push({
          id: '',
          ...base,
          ...withEntity,
          lat: city.lat,
          lon: city.lon,
          country: city.country,
          ...regionOf(knowledge, city.country, city.admin1),
          kind: 'city',
          gazetteerId: city.id,
          metonymy: true,
          confidence: 0.5,
        });
      continue;
    }
    pending.push({ m, base, withEntity, link, at: places.length });
    places.push(undefined); // filled in the second pass, below
  }

  // Second pass: cities and regions, ranked with what the first pass and the unambiguous names found.
  const context = contextOf(
    places.filter((p): p is Place => p !== undefined),
    docCountries,
  );
  for (const { m } of pending) {
    const cities = knowledge.cities(m.text);
    const regions = knowledge.regions?.(m.text) ?? [];
    if (cities.length + regions.length === 1) {
      const only = (cities[0] ?? regions[0]) as CityInfo | RegionInfo;
      context.countries.set(only.country, (context.countries.get(only.country) ?? 0) + 0.5);
      context.points.push(only);
      const a1 = 'isCapital' in only ? only.admin1 : only.id.slice(7).split('.')[1];
      if (a1 !== undefined) addState(context, `${only.country}.${a1}`, 0.5);
    }
    // A state named outright ("Virginia", "Ohio") or written after a town ("Richmond, Va.").
    const named = regions.find((r) => foldSimple(r.name) === foldSimple(m.text));
    if (named && regions.length === 1) addState(context, named.id.slice(7), 1);
    const after = stateAfter(input.text, m, knowledge);
    if (after !== undefined) addState(context, after, 1);
  }
  for (const { m, base, withEntity, link, at } of pending) {
    // "Madison County", "Orleans Parish": a second-level region, chosen by the document's states and places.
    const county = pickCounty(input.text, m, knowledge, context);
    if (county) {
      places[at] = {
        id: '',
        ...base,
        ...withEntity,
        lat: county.lat,
        lon: county.lon,
        country: county.country,
        ...regionOf(knowledge, county.country, county.admin1),
        kind: 'region',
        gazetteerId: county.id,
        metonymy: false,
        confidence: 0.7,
      };
      continue;
    }
    const stated = stateAfter(input.text, m, knowledge);
    const all = knowledge.cities(m.text);
    // "Springfield, Ill.": the town of that name in that state, when the gazetteer has one.
    const inState = stated !== undefined ? all.filter((c) => `${c.country}.${c.admin1}` === stated) : [];
    const cities = inState.length > 0 ? inState : all;
    const regions = inState.length > 0 ? [] : (knowledge.regions?.(m.text) ?? []);
    const cue = regionCue(input.text, m);
    // A capital's name in a document about another country that has a city of that name is that city.
    const inDocCountry = cities.some((c) => context.countries.has(c.country));
    const preferred =
      link.startsWith('city-of:') && !inDocCountry ? new Map([[link.slice(8), 1]]) : context.countries;
    const city = cue === 'region' ? undefined : pickCity(cities, preferred, context.points, context.states);
    const region = cue === 'city' ? undefined : pickRegion(regions, preferred, context.points);
    // A region when the text says so ("Herat Province", "the state of Zulia"), when no city has the
    // name, when only the region lies in a country the document is about, or when the region is far
    // bigger than the town that shares its name in the same country or another one.
    const useRegion =
      region !== undefined &&
      (city === undefined ||
        cue === 'region' ||
        (preferred.has(region.country) && !preferred.has(city.country)) ||
        (preferred.has(region.country) === preferred.has(city.country) &&
          region.population > REGION_OVER_CITY * city.population));
    if (useRegion) {
      places[at] = {
        id: '',
        ...base,
        ...withEntity,
        lat: region.lat,
        lon: region.lon,
        country: region.country,
        region: region.name,
        kind: 'region',
        gazetteerId: region.id,
        metonymy: false,
        confidence: cue === 'region' ? 0.8 : 0.6,
      };
    } else if (city) {
      places[at] = {
        id: '',
        ...base,
        ...withEntity,
        lat: city.lat,
        lon: city.lon,
        country: city.country,
        ...regionOf(knowledge, city.country, city.admin1),
        kind: 'city',
        gazetteerId: city.id,
        metonymy: false,
        confidence: 0.7,
      };
    }
  }
  const resolved = places.filter((p): p is Place => p !== undefined);
  homonymsOfCountries(resolved, input.mentions, context, knowledge);
  resolved.push(...provinceReferences(input.text, resolved, input.mentions, knowledge));
  resolved.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  resolved.forEach((p, i) => {
    (p as { id: string }).id = `p${i + 1}`;
  });
  return { places: resolved, events: placeEvents(input, resolved) };
}

function placeEvents(input: PlacesInput, places: readonly Place[]): Event[] {
  // A lead event that names no place happened where the report was filed: the dateline city.
  const datelinePlaces = places.filter(
    (p) => !p.metonymy && datelineAround(input.text, p.span.start) !== undefined,
  );
  const datelinePlace = datelinePlaces.length === 1 ? datelinePlaces[0] : undefined;

  const placeByText = new Map<string, Place>();
  for (const p of places)
    if (!p.metonymy && !placeByText.has(p.text.toLowerCase())) placeByText.set(p.text.toLowerCase(), p);
  // Events carry the text of their place until this stage; here it becomes a place id.
  const events = input.events.map((ev) => {
    const inLead =
      datelinePlace !== undefined &&
      ev.evidence.start <= datelinePlace.span.start &&
      datelinePlace.span.end <= ev.evidence.end;
    if (ev.place === undefined) return inLead ? { ...ev, place: datelinePlace.id } : ev;
    const p = placeByText.get(ev.place.toLowerCase()) ?? places.find((x) => x.id === ev.place);
    const { place: _dropped, ...rest } = ev;
    // A lead event placed in the dateline city's country, or on a word of the dateline itself ("Saudi"
    // of "JEDDAH, Saudi Arabia —"), happened in the dateline city: the report is filed from where it is.
    if (
      p &&
      inLead &&
      p !== datelinePlace &&
      ((p.kind === 'country' && p.country === datelinePlace.country) ||
        datelineAround(input.text, p.span.start) !== undefined)
    )
      return { ...rest, place: datelinePlace.id };
    return p ? { ...rest, place: p.id } : rest;
  });
  return events;
}

/** How many times more populous a region must be than a same-named town for the bare name to mean the region. */
const REGION_OVER_CITY = 20;

/**
 * A country name in a document about another country that has a region or town of that name is that
 * place ("Georgia" in a report about US places, "Lebanon" among Pennsylvania towns): when the country is
 * named only by that word, nothing else in the document lies in it, and the other country has at least
 * two (regions) or three (towns) pieces of evidence — mentions or unambiguous places. Rewrites in place.
 */
function homonymsOfCountries(
  places: Place[],
  mentions: readonly Mention[],
  context: Context,
  knowledge: Knowledge,
): void {
  // Repeated names of a country that stays a country need deciding once (long documents repeat them).
  const kept = new Set<string>();
  const namesOf = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.link?.startsWith('country:')) continue;
    const set = namesOf.get(m.link) ?? new Set<string>();
    set.add(m.text.toLowerCase());
    namesOf.set(m.link, set);
  }
  for (let i = 0; i < places.length; i++) {
    const p = places[i] as Place;
    if (p.kind !== 'country' || p.metonymy) continue;
    const key = `${p.country}|${p.text.toLowerCase()}`;
    if (kept.has(key)) continue;
    const names = namesOf.get(`country:${p.country}`);
    const otherNames = names !== undefined && [...names].some((n) => n !== p.text.toLowerCase());
    if (otherNames || places.some((q) => q.kind !== 'country' && q.country === p.country)) {
      kept.add(key);
      continue;
    }
    const own = places.filter((q) => q.kind === 'country' && q.country === p.country).length;
    // Evidence: the countries named and of unambiguous places, plus half a point per place resolved there.
    const resolvedIn = (code: string): number =>
      places.filter((q) => q.kind !== 'country' && !q.metonymy && q.country === code).length;
    const weight = (code: string): number => (context.countries.get(code) ?? 0) + 0.5 * resolvedIn(code);
    const region = knowledge
      .regions?.(p.text)
      .find(
        (r) => r.country !== p.country && foldSimple(r.name) === foldSimple(p.text) && weight(r.country) >= 2,
      );
    const town =
      region === undefined
        ? knowledge.cities(p.text).find((c) => c.country !== p.country && weight(c.country) >= 3)
        : undefined;
    const target = region ?? town;
    if (!target || weight(target.country) <= (context.countries.get(p.country) ?? 0) - own) {
      kept.add(key);
      continue;
    }
    places[i] = {
      ...p,
      lat: target.lat,
      lon: target.lon,
      country: target.country,
      kind: region ? 'region' : 'city',
      gazetteerId: target.id,
      confidence: 0.5,
    };
  }
}

const foldSimple = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

interface Pending {
  readonly m: Mention;
  readonly base: Pick<Place, 'text' | 'span' | 'stage'> & { readonly evidence: Mention['span'] };
  readonly withEntity: { entity?: string };
  readonly link: string;
  readonly at: number;
}

interface Point {
  readonly lat: number;
  readonly lon: number;
}

interface Context {
  /** Country code → weight: countries named, and countries of places named unambiguously. */
  readonly countries: Map<string, number>;
  /** Points of places already placed with confidence: nearby candidates are preferred. */
  readonly points: Point[];
  /** "CC.admin1" → weight: first-level regions the document names or its unambiguous places lie in. */
  readonly states: Map<string, number>;
}

function contextOf(places: readonly Place[], docCountries: ReadonlyMap<string, number>): Context {
  const countries = new Map(docCountries);
  const points: Point[] = [];
  for (const p of places) if (!p.metonymy && p.kind !== 'country') points.push(p);
  return { countries, points, states: new Map() };
}

function addState(context: Context, key: string, weight: number): void {
  context.states.set(key, (context.states.get(key) ?? 0) + weight);
}

/**
 * The first-level region ("US.VA") written right after a place: "Richmond, Va.", "Salem, OR",
 * "Athens, Georgia". Only US abbreviations; full names of any country's first-level regions.
 */
function stateAfter(text: string, m: Mention, knowledge: Knowledge): string | undefined {
  const following = text.slice(m.span.end, m.span.end + 30);
  const abbr = stateAbbreviationAfter(following);
  if (abbr !== undefined) return `US.${abbr}`;
  const name = /^,\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/.exec(following)?.[1];
  if (name === undefined) return undefined;
  for (const n of [name, name.split(' ')[0] as string]) {
    const r = knowledge.regions?.(n).find((x) => foldSimple(x.name) === foldSimple(n));
    if (r) return r.id.slice(7);
  }
  return undefined;
}

const COUNTY_AFTER = /^\s+(County|Parish)\b/;

/** A second-level region for "X County" (mention text or the word after it), ranked like towns. */
function pickCounty(
  text: string,
  m: Mention,
  knowledge: Knowledge,
  context: Context,
): RegionInfo | undefined {
  if (!knowledge.counties) return undefined;
  let name = m.text;
  if (!/ (County|Parish)$/.test(name)) {
    const head = COUNTY_AFTER.exec(text.slice(m.span.end, m.span.end + 10))?.[1];
    if (head === undefined) return undefined;
    name = `${name} ${head}`;
  }
  const candidates = knowledge.counties(name);
  return bestBy(candidates, (c) => {
    const state = context.states.get(`${c.country}.${c.admin1}`) ?? 0;
    return (
      countryBonus(context.countries, c.country) +
      (state > 0 ? STATE_BONUS + Math.log1p(state) : 0) +
      Math.log10(Math.max(c.population, 1)) +
      (candidates.length > 1 ? proximity(c, context.points) : 0)
    );
  });
}

/** The candidate with the highest score; the first one on ties. */
function bestBy<T>(candidates: readonly T[], score: (c: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const sc = score(c);
    if (sc > bestScore) {
      bestScore = sc;
      best = c;
    }
  }
  return best;
}

/** Strong preference for a country the document is about, growing slowly with how much it is named. */
function countryBonus(preferred: ReadonlyMap<string, number>, country: string): number {
  const boost = preferred.get(country) ?? 0;
  return boost > 0 ? 10 + Math.log1p(boost) : 0;
}

/** Score bonus for a candidate in a first-level region the document names or places lie in. */
const STATE_BONUS = 3;

const KM_PER_DEGREE = 111.2;

/** Rough distance in km (equirectangular; exact enough to tell near from far). */
function roughKm(a: Point, b: Point): number {
  const x = (a.lon - b.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const y = a.lat - b.lat;
  return Math.sqrt(x * x + y * y) * KM_PER_DEGREE;
}

/** A bonus for a candidate near other places the document names (within a few hundred km). */
function proximity(c: Point, points: readonly Point[]): number {
  let near = 0;
  for (const p of points) {
    if (p.lat === c.lat && p.lon === c.lon) continue;
    if (roughKm(c, p) < 400) near++;
  }
  return near > 0 ? 1 + Math.log1p(near) : 0;
}

const REGION_HEADS = /^(province|region|state|governorate|oblast|prefecture|voivodeship)$/i;
const REGION_SUFFIX = / (province|region|state|governorate|oblast|prefecture)$/i;
const CITY_HEADS = /^(city|town|village|municipality)$/i;

/** What the words around a mention say it is: "Duhok province", "the state of Zulia", "Herat city". */
function regionCue(text: string, m: Mention): 'region' | 'city' | undefined {
  if (REGION_SUFFIX.test(m.text)) return 'region';
  if (/ city$/i.test(m.text)) return 'city';
  const after = /^\s+([a-z]+)/.exec(text.slice(m.span.end, m.span.end + 20))?.[1];
  if (after !== undefined && REGION_HEADS.test(after)) return 'region';
  if (after !== undefined && CITY_HEADS.test(after)) return 'city';
  const before = /\b([A-Za-z]+) of\s+$/.exec(text.slice(Math.max(0, m.span.start - 20), m.span.start))?.[1];
  if (before !== undefined && REGION_HEADS.test(before)) return 'region';
  if (before !== undefined && CITY_HEADS.test(before)) return 'city';
  return undefined;
}

/** Prefer candidates in countries the document names (weighted by mentions), near its other places, then the most populous. */
function pickCity(
  candidates: readonly CityInfo[],
  preferred: ReadonlyMap<string, number>,
  points: readonly Point[] = [],
  states: ReadonlyMap<string, number> = new Map(),
): CityInfo | undefined {
  return bestBy(candidates, (c) => {
    const state = c.admin1 !== undefined ? (states.get(`${c.country}.${c.admin1}`) ?? 0) : 0;
    return (
      countryBonus(preferred, c.country) +
      (state > 0 && candidates.length > 1 ? STATE_BONUS + Math.log1p(state) : 0) +
      Math.log10(Math.max(c.population, 1)) +
      (c.isCapital ? 0.5 : 0) +
      (candidates.length > 1 ? proximity(c, points) : 0)
    );
  });
}

function pickRegion(
  candidates: readonly RegionInfo[],
  preferred: ReadonlyMap<string, number>,
  points: readonly Point[],
): RegionInfo | undefined {
  return bestBy(
    candidates,
    (r) =>
      countryBonus(preferred, r.country) +
      Math.log10(Math.max(r.population, 1)) +
      (candidates.length > 1 ? proximity(r, points) : 0),
  );
}

/**
 * "The province" (governorate, oblast) after a named region, or after a city that shares its name with
 * its region ("Herat ... the province"), refers to that region: it becomes a region place too.
 */
function provinceReferences(
  text: string,
  places: readonly Place[],
  mentions: readonly Mention[],
  knowledge: Knowledge,
): Place[] {
  const out: Place[] = [];
  const re = /\b[Tt]he (province|governorate|oblast|prefecture)\b/g;
  for (const match of text.matchAll(re)) {
    const start = match.index;
    const end = start + match[0].length;
    if (mentions.some((m) => m.span.start < end && start < m.span.end)) continue;
    // "the province of X" names X itself.
    if (/^\s+of\b/.test(text.slice(end, end + 5))) continue;
    const before = places.filter((p) => p.span.end <= start && !p.metonymy && p.kind !== 'country');
    const last = before[before.length - 1];
    if (!last) continue;
    let region: RegionInfo | undefined;
    if (last.kind === 'region' && last.gazetteerId !== undefined)
      region = knowledge.regionById?.(last.gazetteerId);
    else region = knowledge.regions?.(last.text).find((r) => r.country === last.country);
    if (!region) continue;
    out.push({
      id: '',
      text: match[0],
      span: { start, end },
      evidence: { start: last.span.start, end },
      stage: REF,
      lat: region.lat,
      lon: region.lon,
      country: region.country,
      kind: 'region',
      gazetteerId: region.id,
      metonymy: false,
      confidence: 0.5,
    });
  }
  return out;
}

/** The name of the first-level region a place lies in, when the gazetteer knows it. */
function regionOf(knowledge: Knowledge, country: string, admin1: string | undefined): { region?: string } {
  if (admin1 === undefined) return {};
  const name = knowledge.regionById?.(`region:${country}.${admin1}`)?.name;
  return name !== undefined ? { region: name } : {};
}
