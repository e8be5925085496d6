/** scoreGold: compares a system's gold/v1 answer with a gold file, section by section, into one report. */
import { matchEntities } from './entities.js';
import { matchEvents } from './events.js';
import { matchMarkers } from './markers.js';
import type { SectionMatches, SectionScore } from './metrics.js';
import { matchPlaces } from './places.js';
import { matchContradictions, matchQuotes } from './quotes.js';
import type { GoldFile } from './schema.js';

export const GOLD_SECTIONS = ['entities', 'places', 'events', 'quotes', 'contradictions', 'markers'] as const;
export type GoldSection = (typeof GOLD_SECTIONS)[number];

/** Every figure of one answer scored against one gold file; undefined figures are `null`. */
export interface GoldReport {
  readonly system: string | null;
  readonly entities: SectionScore & { readonly aliasRecall: number | null };
  /** recall is accuracy@161km; precision is over resolved places in the gold list and false toponyms */
  readonly places: SectionScore;
  /** strict figures; `typed` holds the typed ones */
  readonly events: SectionScore & { readonly typed: SectionScore };
  readonly quotes: SectionScore & { readonly kindShare: number | null; readonly stanceShare: number | null };
  readonly contradictions: SectionScore;
  readonly markers: SectionScore;
  /** sections with at least one required gold item, in report order */
  readonly scoredSections: readonly GoldSection[];
  /** macro-average F1 over scoredSections; null when there is none */
  readonly overall: number | null;
  /** what was paired, missed and falsely found, per section (events: strict, plus typed) */
  readonly matches: Readonly<Record<GoldSection | 'eventsTyped', SectionMatches>>;
}

/**
 * Scores a system answer against gold. Pure: the article text is only used to place marker texts.
 * @example
 * const report = scoreGold(gold, answer, readFileSync(articlePath, 'utf8'));
 * console.log(report.overall);
 */
export function scoreGold(gold: GoldFile, system: GoldFile, articleText: string): GoldReport {
  const entities = matchEntities(gold.entities, system.entities);
  const places = matchPlaces(gold.places, system.places, gold.entities);
  const events = matchEvents(gold.events, system.events, {
    goldToSystemKey: entities.goldToSystemKey,
    goldPlaces: gold.places,
    systemPlaces: system.places,
  });
  const quotes = matchQuotes(gold.quotes, system.quotes, entities.goldToSystemKey);
  const contradictions = matchContradictions(
    gold.contradictions,
    system.contradictions,
    quotes.goldToSystemKey,
  );
  const markers = matchMarkers(gold.markers, system.markers, articleText);

  const sections: Record<GoldSection, SectionScore> = {
    entities: entities.score,
    places: places.score,
    events: events.score,
    quotes: quotes.score,
    contradictions: contradictions.score,
    markers: markers.score,
  };
  const scoredSections = GOLD_SECTIONS.filter((s) => sections[s].tp + sections[s].fn > 0);
  const f1s = scoredSections.map((s) => sections[s].f1 ?? 0);
  return {
    system: system.system ?? null,
    entities: entities.score,
    places: places.score,
    events: events.score,
    quotes: quotes.score,
    contradictions: contradictions.score,
    markers: markers.score,
    scoredSections,
    overall: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    matches: {
      entities: entities.matches,
      places: places.matches,
      events: events.matches,
      eventsTyped: events.typedMatches,
      quotes: quotes.matches,
      contradictions: contradictions.matches,
      markers: markers.matches,
    },
  };
}
