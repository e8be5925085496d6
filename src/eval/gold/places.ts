/** Place matching: same text, within 161 km on a 6,371 km sphere and in the same country (country kind: code alone). */
import { assignGreedy, type Candidate } from './assign.js';
import { countAssignment, describeAssignment, type SectionMatches, type SectionScore } from './metrics.js';
import { entityKey, normalizeGoldText } from './normalize.js';
import type { GoldEntity, GoldPlace } from './schema.js';

export const EARTH_RADIUS_KM = 6371;
export const PLACE_TOLERANCE_KM = 161;

export interface PlacesResult {
  /** recall is accuracy@161km over gold places; precision counts only places in the gold list or false toponyms */
  readonly score: SectionScore;
  readonly matches: SectionMatches;
}

/**
 * Great-circle distance (haversine) on a sphere of radius 6,371 km.
 * @example Math.round(greatCircleKm(0, 0, 0, 1)) === 111
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

function isCountryKind(place: GoldPlace): boolean {
  return place.kind !== undefined && normalizeGoldText(place.kind) === 'country';
}

/**
 * How well a system resolution agrees with a gold place, or null when it does not: 0 for a country
 * (the code alone decides), otherwise minus the distance, so nearer resolutions rank first.
 */
export function placeAgreement(gold: GoldPlace, system: GoldPlace): number | null {
  if (gold.country.toUpperCase() !== system.country.toUpperCase()) return null;
  if (isCountryKind(gold)) return 0;
  const km = greatCircleKm(gold.lat, gold.lon, system.lat, system.lon);
  return km <= PLACE_TOLERANCE_KM ? -km : null;
}

function label(place: GoldPlace): string {
  return place.text;
}

/**
 * Scores resolved places; gold entities are needed to recognize false toponyms.
 * @example matchPlaces(gold.places, answer.places, gold.entities).score.recall // accuracy@161km
 */
export function matchPlaces(
  gold: readonly GoldPlace[],
  system: readonly GoldPlace[],
  goldEntities: readonly GoldEntity[],
): PlacesResult {
  const goldTexts = gold.map((p) => normalizeGoldText(p.text));
  const candidates: Candidate[] = [];
  gold.forEach((g, gi) => {
    system.forEach((s, si) => {
      if (normalizeGoldText(s.text) !== goldTexts[gi]) return;
      const quality = placeAgreement(g, s);
      if (quality !== null) candidates.push({ gold: gi, system: si, quality });
    });
  });
  const goldOptional = gold.map((p) => p.optional === true);
  const assignment = assignGreedy(candidates, goldOptional);

  // A system place that names a gold person or organization is a false toponym.
  const personOrOrg = new Set<string>();
  for (const e of goldEntities) {
    if (e.type !== 'PERSON' && e.type !== 'ORG') continue;
    for (const s of [e.name, ...e.mentions]) {
      const k = entityKey(s);
      if (k !== '') personOrOrg.add(k);
    }
  }
  const goldTextSet = new Set(goldTexts);
  const counted = system.flatMap((s, i) =>
    goldTextSet.has(normalizeGoldText(s.text)) || personOrOrg.has(entityKey(s.text)) ? [i] : [],
  );
  return {
    score: countAssignment(assignment, goldOptional, counted),
    matches: describeAssignment(assignment, gold.map(label), system.map(label), goldOptional, counted),
  };
}
