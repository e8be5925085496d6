/**
 * Minimal toponym resolution: countries from the country table, cities from the gazetteer ranked by
 * the countries the document names and then by population. Capitals standing for their government
 * (metonymy) are kept as places but flagged, so maps can leave them out.
 */
import type { Knowledge, CityInfo } from '../../knowledge/knowledge.js';
import type { Entity, Event, Mention, Place } from '../../model/schema.js';
import { datelineAround } from '../../text/dateline.js';

export const STAGE = 'places.gazetteer';
export const VERSION = 1;
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

  const places: Place[] = [];
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
        id: `p${places.length + 1}`,
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
          id: `p${places.length + 1}`,
          ...base,
          ...withEntity,
          lat: city.lat,
          lon: city.lon,
          country: city.country,
          kind: 'city',
          gazetteerId: city.id,
          metonymy: true,
          confidence: 0.5,
        });
      continue;
    }
    // A capital's name in a document about another country that has a city of that name is that city.
    const candidates = knowledge.cities(m.text);
    const inDocCountry = candidates.some((c) => docCountries.has(c.country));
    const preferred =
      link.startsWith('city-of:') && !inDocCountry ? new Map([[link.slice(8), 1]]) : docCountries;
    const city = pickCity(candidates, preferred);
    if (city) {
      places.push({
        id: `p${places.length + 1}`,
        ...base,
        ...withEntity,
        lat: city.lat,
        lon: city.lon,
        country: city.country,
        kind: 'city',
        gazetteerId: city.id,
        metonymy: false,
        confidence: 0.7,
      });
    }
  }

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
  return { places, events };
}

/** Prefer candidates in countries the document names (weighted by mentions), then the most populous. */
function pickCity(
  candidates: readonly CityInfo[],
  preferred: ReadonlyMap<string, number>,
): CityInfo | undefined {
  let best: CityInfo | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const boost = preferred.get(c.country) ?? 0;
    const score =
      (boost > 0 ? 10 + Math.log1p(boost) : 0) +
      Math.log10(Math.max(c.population, 1)) +
      (c.isCapital ? 0.5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}
