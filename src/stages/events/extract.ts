/** Event extraction over a whole document: triggers, arguments, attribution, perpetrators, coreference, output. */
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Entity, Event, Mention, PloverType, Sentence, Source, Token } from '../../model/schema.js';
import { parseIso } from '../dates/calendar.js';
import { findDates } from '../dates/find.js';
import { attributions } from './attribution.js';
import { mergeMentions, type EventCluster } from './coref.js';
import { answeredActsFor, countWordsFor, triggerLexiconFor, type TriggerEntry } from './lexicon.js';
import {
  eventMentions,
  subjectOf,
  type Attribute,
  type EventMention,
  type SentenceContext,
} from './mentions.js';
import { homeCountry } from './implicit.js';
import { findTriggers } from './triggers.js';
import { buildView, charSpan, mentionsByToken, type MentionAt, type TextView } from './view.js';

export const STAGE = 'events.rules';
export const VERSION = 1;
const REF = `${STAGE}@${VERSION}`;

export interface ExtractInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly entities: readonly Entity[];
  readonly published: string | undefined;
}

const HISTORICAL_DAYS = 365;
const RESPONSIBILITY = /^(claimed|claims|claiming|claim|admitted|acknowledged)$/;

export function extractEvents(input: ExtractInput, knowledge: Knowledge): Event[] {
  const view = buildView(input.text, input.tokens, input.sentences);
  const { at } = mentionsByToken(view, input.mentions);
  const lexicon = triggerLexiconFor(knowledge);
  const entityCountry = new Map<string, string | undefined>();
  const countryEntities = new Set<string>();
  const entityByAlias = new Map<string, string>();
  for (const e of input.entities) {
    entityCountry.set(e.id, e.country);
    if (e.knowledgeKey?.startsWith('country:')) countryEntities.add(e.id);
    for (const a of [e.name, ...e.aliases])
      if (!entityByAlias.has(a.toLowerCase())) entityByAlias.set(a.toLowerCase(), e.id);
  }
  const places = new Set(input.entities.filter((e) => e.type === 'GPE' || e.type === 'LOC').map((e) => e.id));
  const ctx: SentenceContext = {
    view,
    at,
    entityCountry,
    countryEntities,
    knowledge,
    speechVerbs: knowledge.lexicon('speech-verbs'),
    countWords: countWordsFor(knowledge),
    entityByAlias,
    blocked: new Uint8Array(view.tokens.length),
    home: homeCountry(view, at, input.entities, countryEntities, entityCountry),
    salience: new Map(input.entities.map((e) => [e.id, e.mentions.length])),
  };
  const pub = input.published ? parseIso(input.published) : undefined;
  const all: EventMention[] = [];
  const speakers = new Map<EventMention, string>();
  const perpetrators: { sentence: number; actors: string[] }[] = [];

  input.sentences.forEach((s, k) => {
    // Footnotes ("* A terrorist group, outlawed in ...") are the outlet's legal notes, not reports.
    if (/^\*/.test(input.text.slice(s.start, s.end))) return;
    const hits = findTriggers(view, s.tokenStart, s.tokenEnd, lexicon, (i) => at[i] !== undefined);
    const isTrigger = (i: number): boolean => hits.some((h) => h.start <= i && i < h.end);
    const attrs = attributions(ctx, s.tokenStart, s.tokenEnd, isTrigger);
    // "..., rights group X said": the attribution is no argument of what it reports.
    for (const a of attrs) if (a.held) for (let i = a.held[0]; i < a.held[1]; i++) ctx.blocked[i] = 1;
    const dates = findDates(input.text, s.start, s.end, input.published);
    const ems = eventMentions(ctx, k, hits, dates).map((em) => territorial(em, places, at, s.tokenEnd));
    for (const em of ems) {
      if (em.date && pub && em.date.relation !== 'since' && em.date.relation !== 'after') {
        const end = parseIso(
          em.date.iso.length === 4
            ? `${em.date.iso}-12-31`
            : em.date.iso.length === 7
              ? `${em.date.iso}-28`
              : em.date.iso,
        );
        if (end && (pub.getTime() - end.getTime()) / 86_400_000 > HISTORICAL_DAYS)
          em.attributes.add('historical');
      }
    }
    for (const em of ems) {
      // The speaker whose reported stretch holds the trigger; the nearest cue before it wins.
      const covering = attrs.filter(
        (a) =>
          a.content[0] <= em.hit.start &&
          em.hit.start < a.content[1] &&
          !(em.hit.start <= a.cue && a.cue < em.hit.end),
      );
      const said = covering.sort(
        (x, y) => Math.abs(x.cue - em.hit.start) - Math.abs(y.cue - em.hit.start),
      )[0];
      if (said) {
        speakers.set(em, said.speaker);
        if (em.hit.entry.blame) em.actors = [said.speaker];
      }
    }
    // "with X claiming responsibility", "X claimed responsibility for the bombings".
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (!RESPONSIBILITY.test(view.lower[i]!) || view.lower[i + 1] !== 'responsibility') continue;
      const actors = subjectOf(ctx, i).map((m) => m.entity);
      if (actors.length > 0) perpetrators.push({ sentence: k, actors });
    }
    all.push(...ems.filter((em) => (em.hit.entry.blame ? em.actors.length > 0 : true)));
  });

  const info = {
    countryOf: (id: string) => entityCountry.get(id),
    isCountry: (id: string) => countryEntities.has(id),
  };
  const clusters = mergeMentions(withoutHeadlineRepeats(all, view.headline), info).filter(hasRequiredActor);
  const main = clusters.find(
    (c) => c.mentions[0]!.type === 'ASSAULT' && !c.mentions[0]!.attributes.has('historical'),
  );
  for (const p of perpetrators) {
    const local = clusters.filter(
      (c) => c.mentions[0]!.type === 'ASSAULT' && c.mentions.some((m) => m.sentence === p.sentence),
    );
    for (const c of local.length > 0 ? local : main ? [main] : [])
      for (const a of p.actors) if (!c.actors.includes(a)) c.actors.push(a);
  }
  // "throughout the province": the setting of the story (the main attack's place), else the latest
  // event's city or region before it.
  let lastPlace: EventCluster['place'] =
    main?.place && !countryEntities.has(main.place.entity) ? main.place : undefined;
  const ordered = [...clusters].sort((a, b) => a.mentions[0]!.hit.start - b.mentions[0]!.hit.start);
  for (const c of ordered) {
    if (!c.place && c.placeAnaphor && lastPlace) c.place = lastPlace;
    if (c.place && !countryEntities.has(c.place.entity) && !main?.place) lastPlace = c.place;
  }
  answerTargets(ordered, view, answeredActsFor(knowledge));
  return ordered.map((c, n) => toEvent(c, n, view.text, view, speakers));
}

/** How far after a rejection's trigger its object noun may stand ("rejected the new EU sanctions"). */
const ANSWER_WINDOW = 4;

/**
 * "X rejected the sanctions", "Y denied the accusations": a rejection whose object names an earlier act
 * answers whoever did it, so the latest act of that type told before it gives the rejection its targets.
 */
function answerTargets(
  ordered: readonly EventCluster[],
  view: TextView,
  nouns: ReadonlyMap<string, PloverType>,
): void {
  ordered.forEach((c, n) => {
    const hit = c.mentions[0]!.hit;
    if (hit.entry.type !== 'REJECT' || c.targets.length > 0) return;
    let answered: PloverType | undefined;
    for (let i = hit.end; i < Math.min(view.tokens.length, hit.end + ANSWER_WINDOW); i++) {
      if (view.tokens[i]!.kind === 'punct') break;
      answered = nouns.get(view.lower[i]!);
      if (answered !== undefined) break;
    }
    if (answered === undefined) return;
    for (let k = n - 1; k >= 0; k--) {
      const act = ordered[k]!;
      if (act.mentions[0]!.hit.entry.type !== answered || act.actors.length === 0) continue;
      c.targets = act.actors.filter((a) => !c.actors.includes(a));
      return;
    }
  });
}

const NOT_HAPPENED: readonly Attribute[] = ['negated', 'planned', 'prevented', 'alleged'];
const HAPPENED = (m: EventMention): boolean => !NOT_HAPPENED.some((a) => m.attributes.has(a));

/**
 * A headline retells the lead in fewer words and with worse arguments: its mentions are dropped when
 * the body reports an event of the same type, and kept (as the only report) otherwise.
 */
/**
 * Seizing a town or a region is taking territory by force (PLOVER ASSAULT), not seizing goods or people
 * (COERCE): a seizure whose every target is a place is retyped.
 */
const TERRITORY: TriggerEntry['mode'] = 'seize territory';
function territorial(
  em: EventMention,
  places: ReadonlySet<string>,
  at: readonly (MentionAt | undefined)[],
  sentenceEnd: number,
): EventMention {
  const entry = em.hit.entry;
  if (entry.type !== 'COERCE' || entry.mode !== 'seize') return em;
  if (em.targets.length === 0 || !em.targets.every((t) => places.has(t))) return em;
  const retyped: TriggerEntry = { ...entry, type: 'ASSAULT', mode: TERRITORY, alternatives: [] };
  // The place taken is where it happened: its first mention after the trigger.
  let place = em.place;
  for (let i = em.hit.end; i < sentenceEnd; i++) {
    const m = at[i];
    if (m !== undefined && m.entity === em.targets[0]) {
      place = m;
      break;
    }
  }
  return { ...em, type: 'ASSAULT', place, hit: { ...em.hit, entry: retyped } };
}

function withoutHeadlineRepeats(all: readonly EventMention[], headline: number): EventMention[] {
  if (headline < 0) return [...all];
  const bodyTypes = new Set(all.filter((m) => m.sentence !== headline && HAPPENED(m)).map((m) => m.type));
  return all.filter((m) => m.sentence !== headline || !bodyTypes.has(m.type));
}

/** Speech acts and meetings are acts of someone: with no actor found they are left out ("rejects" in a headline). */
const NEEDS_ACTOR = new Set([
  'ACCUSE',
  'REJECT',
  'REQUEST',
  'SUPPORT',
  'THREATEN',
  'CONCEDE',
  'CONSULT',
  'COOPERATE',
]);

function hasRequiredActor(c: EventCluster): boolean {
  return !NEEDS_ACTOR.has(c.mentions[0]!.type) || c.actors.length > 0;
}

function toEvent(
  c: EventCluster,
  n: number,
  text: string,
  view: ReturnType<typeof buildView>,
  speakers: ReadonlyMap<EventMention, string>,
): Event {
  // The mention that dates the event speaks for it: trigger and evidence come from its sentence.
  const lead =
    c.mentions.find((m) => m.date !== undefined && m.date === c.date) ??
    c.mentions.find((m) => !m.definite) ??
    c.mentions[0]!;
  const first = c.mentions[0]!;
  const sentence = view.sentences[lead.sentence]!;
  const tspan = charSpan(view, lead.hit.start, lead.hit.end);
  let speaker = speakers.get(lead);
  // A speech act ("X denied") is reported by the outlet, not by its own actor.
  if (speaker !== undefined && c.actors.includes(speaker)) speaker = undefined;
  const reportedBy: Source = speaker !== undefined ? { kind: 'entity', entity: speaker } : { kind: 'outlet' };
  const filled = [
    c.actors.length > 0,
    c.targets.length > 0,
    c.place !== undefined,
    Object.keys(c.counts).length > 0,
  ].filter(Boolean).length;
  const event: Event = {
    id: `ev${n + 1}`,
    type: first.type,
    mode: first.hit.entry.mode,
    trigger: { text: text.slice(tspan.start, tspan.end), span: tspan },
    actors: [...c.actors],
    targets: c.targets.filter((t) => !c.actors.includes(t)),
    counts: c.counts,
    attributes: [...first.attributes],
    reportedBy,
    evidence: { start: sentence.start, end: sentence.end },
    stage: REF,
    confidence: Math.min(0.9, 0.5 + 0.1 * filled + (c.mentions.length > 1 ? 0.05 : 0)),
  };
  if (c.place) event.place = c.place.mention.text;
  return event;
}
