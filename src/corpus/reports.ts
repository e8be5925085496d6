/**
 * Turns one document's analysis into the event reports the cross-document layer clusters: which events
 * the document reports as news and which it only recalls, the day range each happened in, and the
 * figures of each, including those of events the document ties to it ("35 held over the bombings").
 */
import type { Analysis, Count, CountField, Entity, Event, PloverType } from '../model/schema.js';
import { greatCircleKm } from '../eval/gold/places.js';
import type { TriggerLexicon } from '../stages/events/lexicon.js';
import { entityKey } from './entity-keys.js';
import type { DocumentRef, EntityKeyRef, EventReport, ReportPlace, ReportedCount } from './types.js';

/**
 * Happenings, which several outlets report and which clusters gather. Statements (ACCUSE, REJECT,
 * REQUEST, THREATEN) and stances (AGREE, SUPPORT) are claims about happenings, not happenings: they
 * reach clusters through the claims of member documents.
 */
export const CLUSTERED_TYPES: ReadonlySet<PloverType> = new Set<PloverType>([
  'ASSAULT',
  'COERCE',
  'MOBILIZE',
  'PROTEST',
  'SANCTION',
  'AID',
  'RETREAT',
  'CONSULT',
  'COOPERATE',
  'CONCEDE',
]);

/** An event dated this long before publication is background, not news. */
const BACKGROUND_DAYS = 30;
/** An undated event happened at most this long before its article appeared. */
const UNDATED_WINDOW_DAYS = 7;
/** Words that put a bare nominal event in a temporal adjunct: "a day after the bombings". */
const ADJUNCT_WORDS = new Set(['after', 'since', 'following', 'amid', 'before', 'anniversary']);
const ADJUNCT_REACH = 4;
/** A figure-bearing event further than this from a happening is not tied to it. */
const ROLL_UP_KM = 100;
const NOT_NEWS_ATTRIBUTES = ['historical', 'planned', 'prevented', 'negated', 'alleged'] as const;

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function lastDayOfMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function publishedDay(published: string | undefined): string | undefined {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(published ?? '');
  return m ? m[0] : undefined;
}

/** The day range the happening lies in, or undefined when nothing bounds it (such reports never link). */
export function dayRange(event: Event, published: string | undefined): EventReport['days'] | undefined {
  const date = event.date;
  if (date?.precision === 'day') return { from: date.iso, to: date.iso };
  if (date?.precision === 'month') return { from: `${date.iso}-01`, to: lastDayOfMonth(date.iso) };
  if (date !== undefined) return undefined;
  const day = publishedDay(published);
  return day === undefined ? undefined : { from: addDays(day, -UNDATED_WINDOW_DAYS), to: day };
}

interface Sentence {
  readonly start: number;
  readonly end: number;
}

function sentenceAt(analysis: Analysis, offset: number): Sentence {
  const s = analysis.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = s[mid] as Sentence;
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return m;
  }
  return { start: offset, end: offset };
}

function lowerWordsIn(analysis: Analysis, from: number, to: number): string[] {
  const text = analysis.document.text;
  const out: string[] = [];
  for (const t of analysis.tokens) {
    if (t.end <= from) continue;
    if (t.start >= to) break;
    if (t.kind === 'word') out.push(text.slice(t.start, t.end).toLowerCase());
  }
  return out;
}

/** The first noun trigger of the type in the words ("the bombings", "the market attack"), if any. */
function nounOf(words: readonly string[], type: PloverType, lexicon: TriggerLexicon): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const entry of lexicon.byFirst.get(words[i] as string) ?? []) {
      if (!entry.noun || entry.type !== type) continue;
      if (entry.words.every((w, k) => words[i + k] === w)) return entry.words.join(' ');
    }
  }
  return undefined;
}

/** Singular-ish folding so "bombings" names the same thing as "bombing". */
function nounKey(word: string): string {
  return word.toLowerCase().replace(/s$/, '');
}

function newsStatus(analysis: Analysis, event: Event): { news: boolean; reason: string } {
  const attribute = NOT_NEWS_ATTRIBUTES.find((a) => event.attributes.includes(a));
  if (attribute !== undefined) return { news: false, reason: `the event is ${attribute}` };
  const published = publishedDay(analysis.document.published);
  const range = dayRange(event, analysis.document.published);
  if (published !== undefined && event.date !== undefined) {
    const end = range?.to ?? `${event.date.iso.slice(0, 4)}-12-31`;
    const gap = daysBetween(end, published);
    if (gap > BACKGROUND_DAYS) return { news: false, reason: `dated ${gap} days before publication` };
  }
  const bare = event.actors.length === 0 && Object.keys(event.counts).length === 0;
  if (bare) {
    const before = lowerWordsIn(
      analysis,
      sentenceAt(analysis, event.trigger.span.start).start,
      event.trigger.span.start,
    );
    const near = before.slice(-ADJUNCT_REACH);
    const word = near.find((w) => ADJUNCT_WORDS.has(w));
    if (word !== undefined) return { news: false, reason: `recalled in a phrase with "${word}"` };
  }
  return { news: true, reason: 'reported as a happening' };
}

function placeOf(analysis: Analysis, event: Event): ReportPlace | undefined {
  if (event.place === undefined) return undefined;
  const p = analysis.places.find((x) => x.id === event.place);
  if (!p || p.metonymy) return undefined;
  return {
    text: p.text,
    country: p.country,
    lat: p.lat,
    lon: p.lon,
    kind: p.kind,
    ...(p.region !== undefined ? { region: p.region } : {}),
  };
}

function refs(
  ids: readonly string[],
  entities: ReadonlyMap<string, Entity>,
  documentId: string,
): EntityKeyRef[] {
  const out: EntityKeyRef[] = [];
  for (const id of ids) {
    const e = entities.get(id);
    if (e) out.push({ key: entityKey(e, documentId), name: e.name });
  }
  return out;
}

/**
 * A quantity word with no number in it ("several", "dozens") is kept on the event but is no figure a
 * report can be held to: comparing "several" with 95 would flag a dispute nobody made.
 */
function isVagueWord(count: Count): boolean {
  return count.qualifier === 'about' && !/\d/.test(count.text);
}

function countsOf(analysis: Analysis, event: Event): ReportedCount[] {
  const text = analysis.document.text;
  const out: ReportedCount[] = [];
  for (const [field, count] of Object.entries(event.counts)) {
    if (count === undefined || isVagueWord(count)) continue;
    const s = sentenceAt(analysis, count.span.start);
    out.push({
      ...count,
      field: field as CountField,
      eventId: event.id,
      evidence: { start: s.start, end: s.end },
      evidenceText: text.slice(s.start, s.end),
    });
  }
  return out;
}

export function documentRef(analysis: Analysis): DocumentRef {
  const d = analysis.document;
  return {
    documentId: d.id,
    ...(d.published !== undefined ? { published: d.published } : {}),
    ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
    ...(d.url !== undefined ? { url: d.url } : {}),
    ...(d.title !== undefined ? { title: d.title } : {}),
  };
}

/** Places that cannot be one happening's: other countries, or towns further apart than a day trip. */
function placesClash(analysis: Analysis, x: Event, y: Event): boolean {
  const px = analysis.places.find((p) => p.id === x.place);
  const py = analysis.places.find((p) => p.id === y.place);
  if (!px || !py) return false;
  if (px.country !== py.country) return true;
  const fine = (k: string): boolean => k === 'city' || k === 'other';
  return fine(px.kind) && fine(py.kind) && greatCircleKm(px.lat, px.lon, py.lat, py.lon) > ROLL_UP_KM;
}

/**
 * The event a figure-bearing event is tied to when its sentence names a happening of another type:
 * the news event named by the same noun, else the only one of that type; never one in another place.
 */
function rollUpTarget(
  analysis: Analysis,
  other: Event,
  candidates: readonly Event[],
  noun: string,
): Event | undefined {
  const fitting = candidates.filter((c) => !placesClash(analysis, other, c));
  const named = fitting.filter((c) =>
    nounKey(c.trigger.text).endsWith(nounKey(noun.split(' ').pop() ?? noun)),
  );
  if (named.length > 0)
    return named.reduce((best, c) =>
      Object.keys(c.counts).length > Object.keys(best.counts).length ? c : best,
    );
  return fitting.length === 1 ? fitting[0] : undefined;
}

/**
 * The reports of one analysis. Figures of an event whose sentence names a happening of another type
 * after its trigger ("arrested in connection with the bombings") roll up to the document's main event of
 * that type, for the fields it does not state itself.
 */
export function eventReports(analysis: Analysis, lexicon: TriggerLexicon): EventReport[] {
  const document = documentRef(analysis);
  const text = analysis.document.text;
  const entities = new Map(analysis.entities.map((e) => [e.id, e]));
  const clustered = analysis.events.filter((e) => CLUSTERED_TYPES.has(e.type));
  const status = new Map(clustered.map((e) => [e.id, newsStatus(analysis, e)]));
  const newsByType = new Map<PloverType, Event[]>();
  for (const e of clustered) {
    if (!status.get(e.id)?.news) continue;
    newsByType.set(e.type, [...(newsByType.get(e.type) ?? []), e]);
  }
  const rolled = new Map<string, ReportedCount[]>();
  for (const other of analysis.events) {
    if (Object.keys(other.counts).length === 0) continue;
    const sentence = sentenceAt(analysis, other.trigger.span.start);
    const after = lowerWordsIn(analysis, other.trigger.span.end, sentence.end);
    for (const [type, candidates] of newsByType) {
      if (type === other.type) continue;
      const noun = nounOf(after, type, lexicon);
      if (noun === undefined) continue;
      const target = rollUpTarget(analysis, other, candidates, noun);
      if (!target || target.id === other.id) continue;
      const list = rolled.get(target.id) ?? [];
      list.push(...countsOf(analysis, other));
      rolled.set(target.id, list);
    }
  }
  const out: EventReport[] = [];
  for (const event of clustered) {
    const { news, reason } = status.get(event.id) ?? { news: false, reason: '' };
    const own = countsOf(analysis, event);
    const fields = new Set(own.map((c) => c.field));
    const extra = (rolled.get(event.id) ?? []).filter(
      (c) => !fields.has(c.field) && (fields.add(c.field), true),
    );
    const days = dayRange(event, analysis.document.published);
    const place = placeOf(analysis, event);
    const s = sentenceAt(analysis, event.trigger.span.start);
    out.push({
      id: `${document.documentId}#${event.id}`,
      document,
      eventId: event.id,
      type: event.type,
      ...(event.mode !== undefined ? { mode: event.mode } : {}),
      trigger: event.trigger.text,
      news,
      newsReason: reason,
      ...(days !== undefined ? { days } : {}),
      ...(event.date !== undefined ? { date: { iso: event.date.iso, precision: event.date.precision } } : {}),
      ...(place !== undefined ? { place } : {}),
      actors: refs(event.actors, entities, document.documentId),
      targets: refs(event.targets, entities, document.documentId),
      counts: [...own, ...extra],
      evidence: { start: s.start, end: s.end },
      evidenceText: text.slice(s.start, s.end),
    });
  }
  return out;
}
