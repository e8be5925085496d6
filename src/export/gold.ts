/**
 * Writes an analysis as a system answer in the gold/v1 format, so the project's evaluator and any
 * independent one score exactly the same answer.
 */
import type { Analysis } from '../model/schema.js';

export const SYSTEM_NAME = 'parallax 0.1.0';

export interface GoldAnswer {
  format: 'gold/v1';
  system: string;
  document: { text_file?: string; published?: string; language: string };
  entities: {
    key: string;
    type: string;
    name: string;
    mentions: string[];
    roles?: string[];
    country?: string;
  }[];
  places: { text: string; country: string; lat: number; lon: number; kind: string }[];
  events: {
    key: string;
    type: string;
    mode?: string;
    actors: string[];
    targets: string[];
    date?: string;
    place?: string;
    counts: Record<string, number>;
    evidence: string;
  }[];
  quotes: { key: string; speaker: string; kind: string; cue: string; stance: string; content: string }[];
  contradictions: { a: string; b: string; about: string }[];
  markers: { kind: string; text: string; voice: string; refers_to?: string }[];
}

export function toGoldAnswer(analysis: Analysis, textFile?: string): GoldAnswer {
  const text = analysis.document.text;
  const slice = (s: { start: number; end: number }): string => text.slice(s.start, s.end);
  const placeById = new Map(analysis.places.map((p) => [p.id, p]));

  const seenPlaces = new Set<string>();
  const places: GoldAnswer['places'] = [];
  for (const p of analysis.places) {
    // A capital standing for its government is not a toponym of the article's geography.
    if (p.metonymy || seenPlaces.has(p.text.toLowerCase())) continue;
    seenPlaces.add(p.text.toLowerCase());
    places.push({ text: p.text, country: p.country, lat: p.lat, lon: p.lon, kind: p.kind });
  }

  const document: GoldAnswer['document'] = { language: analysis.document.language };
  if (textFile !== undefined) document.text_file = textFile;
  if (analysis.document.published !== undefined)
    document.published = analysis.document.published.slice(0, 10);

  // Statements whose speaker is not a resolved entity cannot be keyed in this format; they stay in
  // the JSON analysis only.
  const quotes: GoldAnswer['quotes'] = [];
  const quoteKeys = new Set<string>();
  for (const q of analysis.quotes) {
    if (q.speaker.kind !== 'entity') continue;
    quoteKeys.add(q.id);
    quotes.push({
      key: q.id,
      speaker: q.speaker.entity,
      kind: q.kind,
      cue: q.cue.text,
      stance: q.stance,
      content: q.content.text,
    });
  }

  return {
    format: 'gold/v1',
    system: SYSTEM_NAME,
    document,
    entities: analysis.entities.map((e) => {
      const out: GoldAnswer['entities'][number] = {
        key: e.id,
        type: e.type,
        name: e.name,
        mentions: e.aliases,
      };
      if (e.roles.length > 0) out.roles = e.roles.map((r) => r.title);
      if (e.country !== undefined) out.country = e.country;
      return out;
    }),
    places,
    // Events that did not happen (planned, prevented, negated) or that are only alleged inside an
    // accusation ("accused the army of killing ...") are not reported as events.
    events: analysis.events
      .filter(
        (ev) =>
          !ev.attributes.some(
            (a) => a === 'negated' || a === 'prevented' || a === 'planned' || a === 'alleged',
          ),
      )
      .map((ev) => {
        const out: GoldAnswer['events'][number] = {
          key: ev.id,
          type: ev.type,
          actors: ev.actors,
          targets: ev.targets,
          counts: Object.fromEntries(Object.entries(ev.counts).map(([k, c]) => [k, c.value])),
          evidence: slice(ev.evidence),
        };
        if (ev.mode !== undefined) out.mode = ev.mode;
        if (ev.date !== undefined) out.date = ev.date.iso;
        const place = ev.place !== undefined ? placeById.get(ev.place) : undefined;
        if (place) out.place = place.text;
        return out;
      }),
    quotes,
    contradictions: analysis.conflicts
      .filter((c) => quoteKeys.has(c.a) && quoteKeys.has(c.b))
      .map((c) => ({ a: c.a, b: c.b, about: c.about })),
    markers: analysis.markers.map((m) => {
      const out: GoldAnswer['markers'][number] = { kind: m.kind, text: m.text, voice: m.voice };
      if (m.refersTo !== undefined) out.refers_to = m.refersTo;
      return out;
    }),
  };
}
