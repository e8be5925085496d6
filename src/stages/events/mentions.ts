/**
 * Event mentions of one sentence: each trigger with its arguments (actors, targets, place, counts),
 * its attributes (negated, planned, prevented, alleged, ongoing) and its local date.
 *
 * Argument rules:
 * - a verb's actors are the entity mentions before it in its clause (its subject side); a clause
 *   that opens without a subject (", speaking to...", "and told...") borrows the subject of the
 *   clause it continues; its targets are the mentions after it in its clause;
 * - in the passive ("were killed", "was arrested") the subject side holds the targets and a "by X"
 *   phrase the actors, except for triggers flagged `active` ("security was beefed up");
 * - a noun trigger takes its actors from its modifiers ("a US drone strike", "an X-backed raid",
 *   "Iran's attack"), from "by X", or from the subject of "carried out/launched/claimed" in front of
 *   it; its targets from "on/against X";
 * - the place is a GPE/LOC mention after in/near/at/... in the clause (first after the trigger, else
 *   the last before it), or a city named as a modifier ("the Aleppo attack"); "throughout the
 *   province" marks an anaphoric place resolved during event coreference. `place` holds the mention
 *   TEXT: the places stage maps it to a place id later.
 */
import type { Count, CountField, Event, PloverType } from '../../model/schema.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import { nounPhraseBefore, pickDate } from '../dates/attach.js';
import type { DateMention } from '../dates/find.js';
import { findCounts } from './counts.js';
import {
  entityMention,
  forceObject,
  forceSubject,
  personPronoun,
  pronounSubject,
  verbGroupStart,
} from './implicit.js';
import type { TriggerEntry } from './lexicon.js';
import type { TriggerHit } from './triggers.js';
import type { MentionAt, TextView } from './view.js';

export type Attribute = Event['attributes'][number];

export interface EventMention {
  readonly hit: TriggerHit;
  readonly sentence: number;
  readonly type: PloverType;
  actors: string[];
  targets: string[];
  place: MentionAt | undefined;
  placeAnaphor: boolean;
  counts: Partial<Record<CountField, Count>>;
  attributes: Set<Attribute>;
  /** A definite noun phrase or an anaphor-only trigger: it refers back to an event told before. */
  definite: boolean;
  passive: boolean;
  speaker: string | undefined;
  date: DateMention | undefined;
}

export interface SentenceContext {
  readonly view: TextView;
  readonly at: readonly (MentionAt | undefined)[];
  readonly entityCountry: ReadonlyMap<string, string | undefined>;
  /** Entities that stand for a country (knowledge key country:XX). */
  readonly countryEntities: ReadonlySet<string>;
  readonly knowledge: Knowledge;
  readonly speechVerbs: ReadonlySet<string>;
  readonly countWords: ReadonlyMap<string, CountField>;
  readonly entityByAlias: ReadonlyMap<string, string>;
  /** 1 for tokens of an attribution ("..., rights group X said"): the speaker reports, it is no argument. */
  readonly blocked: Uint8Array;
  /** The trigger hits of the sentence being read, when known. */
  hits?: readonly TriggerHit[];
  /** The document's home country (dateline city's country, else the dominant one), for unnamed forces. */
  readonly home?: string | undefined;
  /** Mentions per entity: how central a person is to the document (pronoun resolution). */
  readonly salience?: ReadonlyMap<string, number>;
}

const QUOTE_MARKS = new Set(['“', '"', '«']);
const SCOPE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'of']);
const BE = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being', 'got', 'get', "'s"]);
const LOCATIVE = new Set([
  'in',
  'near',
  'at',
  'outside',
  'inside',
  'across',
  'throughout',
  'around',
  'into',
  'within',
  'through',
]);
const PLACE_SKIP = new Set([
  'the',
  'city',
  'state',
  'county',
  'governorate',
  'municipality',
  'port',
  'town',
  'province',
  'region',
  'village',
  'district',
  'of',
  'capital',
  'southern',
  'northern',
  'eastern',
  'western',
  'central',
  'southeastern',
  'southwestern',
  'northeastern',
  'northwestern',
  'country',
  "'s",
  '’s',
]);
// "the country" is left out: it names a country, never the city an earlier event happened in.
const ANAPHORIC_PLACES = new Set([
  'province',
  'city',
  'region',
  'area',
  'town',
  'village',
  'district',
  'scene',
]);
const PLANNING = new Set([
  'planned',
  'plan',
  'plans',
  'planning',
  'plotted',
  'plotting',
  'intended',
  'intends',
  'attempted',
  'tried',
  'sought',
  'seeking',
  'aimed',
  'threatened',
  'vowed',
  'pledged',
  'wanted',
  'wants',
  'trying',
  'preparing',
  'prepared',
]);
const MODALS = new Set(['will', 'would', 'could', 'may', 'might', 'shall', 'should', "'ll"]);
const PREVENTION = /\b(unable|failed|foiled|thwarted|prevented|averted|intercepted)\b/;
const NEGATORS = new Set(['not', "n't", 'never', 'no']);
const CARRY = [
  ['carried', 'out'],
  ['carry', 'out'],
  ['launched'],
  ['conducted'],
  ['staged'],
  ['mounted'],
  ['claimed'],
  ['behind'],
  ['responsibility', 'for'],
  ['perpetrated'],
  ['orchestrated'],
  ['masterminded'],
];
const AFFIX = /^(.+)-(backed|led|sponsored|supported|funded|allied|aligned|made)$/i;
/** Prepositions: a mention inside a prepositional phrase ("the border with X", "the head of X") is no subject. */
const PREPOSITIONS = new Set([
  ...LOCATIVE,
  'of',
  'with',
  'for',
  'from',
  'to',
  'along',
  'against',
  'on',
  'by',
  'over',
  'about',
  'between',
  'under',
  'after',
  'before',
  'during',
  'since',
  'toward',
  'towards',
  'among',
  'amid',
  'via',
  'behind',
  'beyond',
  'than',
  'like',
]);
/** Words that end the object noun phrase of a verb ("urged X to ...", "accused X of ..."). */
const NP_END = new Set([
  ...PREPOSITIONS,
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'while',
  'because',
  'but',
  'when',
  'where',
  'if',
  'after',
  'before',
  '.',
  ';',
  ':',
  '!',
  '?',
  '(',
  ')',
  '—',
  '–',
]);
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'these',
  'those',
  "'s",
  '’s',
  '*',
  '**',
]);
/** Types whose acts are statements: told inside someone's report with an unnamed subject, they are the speaker's. */
const SPEECH_ACTS = new Set(['ACCUSE', 'REJECT', 'REQUEST', 'SUPPORT', 'THREATEN']);
/** Pronouns that, right after a reporting verb, stand for its speaker ("X said it had ..."). */
const SUBJECT_PRONOUNS = new Set(['it', 'its', 'they', 'their', 'we', 'our', 'he', 'his', 'she', 'her', 'i']);
/** Words that end a walk back through a phrase: what stands before them is another clause. */
const CLAUSE_WORDS = new Set([
  'as',
  'while',
  'when',
  'because',
  'if',
  'that',
  'which',
  'who',
  'whose',
  'whom',
  'where',
  'but',
  'whereas',
  'although',
  'though',
]);
/** People nouns whose "in/from X" names the country they act for ("officials in the capital X", "police in X"). */
const OFFICIALS = new Set([
  'officials',
  'official',
  'figures',
  'leaders',
  'leadership',
  'authorities',
  'police',
  'government',
  'ministry',
  'army',
  'military',
  'troops',
  'forces',
  'diplomats',
  'sources',
  'prosecutors',
  'investigators',
  'regime',
]);
/** An assault noun told as the manner of an arrest ("detained 200 people in raids") is not a second event. */
const MANNER_PREPS = new Set(['in', 'during']);

export function eventMentions(
  ctx: SentenceContext,
  sentence: number,
  hits: readonly TriggerHit[],
  dates: readonly DateMention[],
): EventMention[] {
  const { view } = ctx;
  const out: EventMention[] = [];
  const s = view.sentences[sentence]!;
  const triggerAt = (i: number): TriggerEntry | undefined =>
    hits.find((h) => h.start <= i && i < h.end)?.entry;
  ctx.hits = hits;

  for (const hit of hits) {
    const e = hit.entry;
    const em: EventMention = {
      hit,
      sentence,
      type: e.type,
      actors: [],
      targets: [],
      place: undefined,
      placeAnaphor: false,
      counts: {},
      attributes: new Set(),
      definite: e.anaphor,
      passive: false,
      speaker: undefined,
      date: undefined,
    };
    const cs = view.clauseStart[hit.start]!;
    const ce = view.clauseEnd[hit.start]!;
    const np = e.noun ? nounPhraseBefore(view, hit.start, cs) : undefined;
    if (np?.definite) em.definite = true;

    if (e.noun) {
      // Modifiers: countries, organizations and people act; cities and regions are the place.
      for (let k = np!.start; k < hit.start; k++) {
        const m = ctx.at[k];
        if (m) {
          // A country before a strike names who struck ("a US drone strike"); before an attack or a
          // bombing it names where ("the Iran attack"), as a city always does.
          if (isPlaceLike(ctx, m) || (ctx.countryEntities.has(m.entity) && e.mode !== 'drone strike'))
            em.place ??= m;
          else push(em.actors, m.entity);
          k = m.end - 1;
          continue;
        }
        const affix = AFFIX.exec(view.text.slice(view.tokens[k]!.start, view.tokens[k]!.end));
        if (affix) {
          const ent = entityFor(ctx, affix[1]!);
          if (ent) push(em.actors, ent);
        }
      }
      const after = view.lower[hit.end];
      if (after === 'by')
        mentionsIn(ctx, hit.end + 1, Math.min(ce, hit.end + 6), true).forEach((m) =>
          push(em.actors, m.entity),
        );
      // "a ceasefire between X and Y", "talks between X and Y": both sides act.
      if (after === 'between') objectPhrase(ctx, hit.end + 1, ce).forEach((m) => push(em.actors, m.entity));
      // "talks with X", "a meeting with X": the one met.
      if (after === 'with' && e.type === 'CONSULT')
        objectPhrase(ctx, hit.end + 1, ce).forEach((m) => push(em.targets, m.entity));
      // "the arrest of X", "the killing of X": the victim follows "of".
      // "the shelling of the X camp", "the bombing of X": a place after "of" is where it struck.
      if (after === 'of' && (e.type === 'COERCE' || e.type === 'ASSAULT'))
        objectPhrase(ctx, hit.end + 1, ce).forEach((m) =>
          e.type === 'ASSAULT' && isPlaceLike(ctx, m) ? (em.place ??= m) : push(em.targets, m.entity),
        );
      if (after === 'on' || after === 'against' || after === 'targeting') {
        mentionsIn(ctx, hit.end + 1, Math.min(ce, hit.end + 6), true).forEach((m) =>
          push(em.targets, m.entity),
        );
      }
      // "X was behind the bombings": whoever is blamed for the attack is its (alleged) perpetrator.
      const blame = hits.find(
        (h) =>
          h.entry.blame && h.end >= np!.start - 1 && h.end <= hit.start && view.clauseStart[h.start] === cs,
      );
      if (blame) subjectOf(ctx, blame.start).forEach((m) => push(em.actors, m.entity));
      // "X carried out the bombing", "X claimed the attack": the verb's subject is the actor.
      for (let k = np!.start - 1; k >= Math.max(cs, np!.start - 4); k--) {
        const found = CARRY.find(
          (p) => p.every((w, n) => view.lower[k - p.length + 1 + n] === w) && k - p.length + 1 >= cs,
        );
        if (found) {
          subjectOf(ctx, k - found.length + 1).forEach((m) => push(em.actors, m.entity));
          break;
        }
      }
    } else {
      let k = hit.start - 1;
      while (
        k >= cs &&
        (/^\p{Ll}+ly$/u.test(view.lower[k]!) ||
          ['also', 'later', 'not', 'never', 'since', 'already', 'then'].includes(view.lower[k]!))
      )
        k--;
      const prev = view.lower[k] ?? '';
      em.passive =
        BE.has(prev) ||
        view.lower[hit.end] === 'by' ||
        (e.casualty !== undefined &&
          k >= cs &&
          (view.tokens[k]!.kind === 'number' || prev === 'people' || prev === 'others'));
      // "were discovered ... and disarmed": a coordinated participle shares the voice of the verb before it.
      const before = out[out.length - 1];
      if ((prev === 'and' || prev === 'or') && before?.passive && view.clauseStart[before.hit.start] === cs)
        em.passive = true;
      let subject =
        em.passive && before?.passive && (prev === 'and' || prev === 'or')
          ? subjectOf(ctx, before.hit.start)
          : subjectOf(ctx, hit.start, SPEECH_ACTS.has(e.type));
      // ", killing 57 people": the subject of a casualty participle is the event before it, not a person;
      // "the dead", "the wounded" name victims, not an act with a subject.
      if (e.casualty && !em.passive && !subject.some((m) => m.start >= cs)) subject = [];
      if (e.casualty && DETERMINERS.has(prev)) subject = [];
      // "which officials now say killed 12": the name before a reporting verb that runs straight into the
      // trigger is its speaker, not the actor.
      if (k >= cs && ctx.speechVerbs.has(prev) && !isTriggerAt(hits, k)) subject = [];
      // "Security forces detained ...", "She called on ...", "the army said it killed ...": an unnamed
      // force or a pronoun right before the verb.
      if (subject.length === 0 && !(e.casualty && DETERMINERS.has(prev))) {
        const implied = impliedSubject(ctx, hit.start, cs, em.passive && !e.active);
        if (implied) subject = [implied];
      }
      // The object is the noun phrase right after the verb ("urged X and Y to ..."); a clause that runs
      // into a quotation with no named object takes the names quoted ("accusing them of “... by X”").
      let object = objectPhrase(ctx, hit.end, ce);
      const extended = quoteExtended(view, ce, s.tokenEnd);
      if (object.length === 0 && extended > ce) object = mentionsIn(ctx, ce, extended, false);
      // "the arrest of X", "the detention of X": a trigger used as a noun takes its victim from "of".
      if (
        object.length === 0 &&
        view.lower[hit.end] === 'of' &&
        DETERMINERS.has(view.lower[hit.start - 1] ?? '')
      )
        object = objectPhrase(ctx, hit.end + 1, ce);
      // "imposed sanctions on Monday on 9 Freedonian officials", "retaliate against X": the target follows on/against.
      if (object.length === 0 && (e.type === 'SANCTION' || e.type === 'ASSAULT' || e.type === 'THREATEN')) {
        for (let k = hit.end; k < Math.min(ce, hit.end + 8) && object.length === 0; k++) {
          if (view.lower[k] === 'on' || view.lower[k] === 'against' || view.lower[k] === 'targeting')
            object = objectPhrase(ctx, k + 1, ce);
        }
      }
      // "urged the authorities to ...", "accuse him of ...", "accusing them of ...": an unnamed force or a pronoun.
      if (object.length === 0) {
        const implied = impliedObject(ctx, hit.end, ce, out);
        if (implied.length > 0) object = implied;
      }
      // "held talks with X", "spoke with X": the one met.
      if (
        object.length === 0 &&
        (e.type === 'CONSULT' || e.type === 'ACCUSE') &&
        view.lower[hit.end] === 'with'
      )
        object = objectPhrase(ctx, hit.end + 1, ce);
      // "fighting between X and Y troops": both sides act.
      if (object.length === 0 && view.lower[hit.end] === 'between')
        objectPhrase(ctx, hit.end + 1, ce).forEach((m) => push(em.actors, m.entity));
      if (em.passive && !e.active) {
        subject.forEach((m) => push(em.targets, m.entity));
        const by = findWord(view, 'by', hit.end, ce);
        if (by !== undefined) {
          const agents = mentionsIn(ctx, by + 1, Math.min(ce, by + 6), false);
          agents.forEach((m) => push(em.actors, m.entity));
          // "were detained by police": an unnamed force acts for its country.
          const force = agents.length === 0 ? forceObject(ctx, by + 1, ce, true) : undefined;
          if (force) push(em.actors, force);
        }
        object.forEach((m) => push(em.targets, m.entity));
        // "X and Y were killed": two named victims make a count of two when no number is given.
        if (e.casualty) {
          const people = subject.filter((m) => m.mention.type === 'PERSON');
          const named = new Set(people.map((m) => m.entity));
          if (named.size >= 2 && !hasNumberBetween(view, cs, hit.start)) {
            const a = people[0]!;
            const b = people[people.length - 1]!;
            const span = { start: view.tokens[a.start]!.start, end: view.tokens[b.end - 1]!.end };
            em.counts[e.casualty] = {
              value: named.size,
              qualifier: 'exact',
              text: view.text.slice(span.start, span.end),
              span,
            };
          }
        }
      } else {
        if (!e.blame) subject.forEach((m) => push(em.actors, m.entity));
        else subject.forEach((m) => push(em.targets, m.entity));
        // "A met B and C": the visitor or host acts, the people met are its targets; "X and Y exchanged
        // fire with Z": a symmetric act has every side acting.
        object.forEach((m) =>
          e.symmetric && e.type !== 'CONSULT' ? push(em.actors, m.entity) : push(em.targets, m.entity),
        );
      }
    }

    // Place.
    if (!em.place) {
      const places = placesIn(ctx, cs, ce);
      // A trigger that ends in its own preposition ("swept through") takes the place right after it.
      const afterTrigger = places.find(
        (p) => p.at >= hit.end - 1 && (p.at >= hit.end || LOCATIVE.has(view.lower[hit.end - 1]!)),
      );
      // A reference ("blamed X for the attack", told in another city) has a place only in its own phrase.
      const beforeTrigger =
        em.definite && e.noun ? undefined : [...places].reverse().find((p) => p.at < hit.start);
      const chosen =
        em.definite && e.noun ? places.find((p) => p.at === hit.end) : (afterTrigger ?? beforeTrigger);
      if (chosen?.mention) em.place = chosen.mention;
      else if (chosen) em.placeAnaphor = true;
    }

    // Attributes.
    for (let k = Math.max(cs, hit.start - 4); k < hit.start; k++) {
      const w = view.lower[k]!;
      if (NEGATORS.has(w) && !e.noun) em.attributes.add('negated');
      if (MODALS.has(w) && !e.noun) em.attributes.add('planned');
      if (PLANNING.has(w) && view.lower[k + 1] === 'to') em.attributes.add('planned');
      if ((w === 'foiled' || w === 'thwarted' || w === 'failed') && e.noun)
        em.attributes.add('planned').add('prevented');
    }
    if (em.attributes.has('planned') && PREVENTION.test(view.lower.slice(hit.end, s.tokenEnd).join(' ')))
      em.attributes.add('prevented');
    if (
      !e.noun &&
      /ing$/.test(view.lower[hit.start]!) &&
      view.lower[hit.start - 1] === 'been' &&
      ['has', 'have'].includes(view.lower[hit.start - 2] ?? '')
    )
      em.attributes.add('ongoing');

    em.date = pickDate(
      view,
      dates,
      hit,
      em.definite && e.noun ? { definiteFrom: np!.start } : em.definite ? { definiteFrom: hit.start } : {},
    );
    out.push(em);
  }

  // "detained 200 people in raids": an assault noun in a phrase of an arrest in its clause is its manner.
  for (let n = out.length - 1; n >= 0; n--) {
    const em = out[n]!;
    if (!em.hit.entry.noun || em.type !== 'ASSAULT' || !MANNER_PREPS.has(view.lower[em.hit.start - 1] ?? ''))
      continue;
    if (
      out.some(
        (o) =>
          o.type === 'COERCE' &&
          o.hit.start < em.hit.start &&
          view.clauseStart[o.hit.start] === view.clauseStart[em.hit.start],
      )
    )
      out.splice(n, 1);
  }

  // "urged X to open ...", "called for an end to ...": what is requested has not happened.
  for (const em of out) {
    const request = out.find(
      (o) =>
        o !== em &&
        o.type === 'REQUEST' &&
        o.hit.end <= em.hit.start &&
        view.clauseStart[o.hit.start] === view.clauseStart[em.hit.start],
    );
    if (request && view.lower.slice(request.hit.end, em.hit.start).includes('to'))
      em.attributes.add('planned');
  }

  // Allegations and denials: events told inside the complement of accuse/deny are not asserted.
  for (const em of out) {
    if (em.type === 'ACCUSE' && em.targets.length === 0 && !em.hit.entry.blame) {
      // "accused the army of ...": the army of a country named before ("X's army", "the X army").
      const owner = forceOwner(ctx, em.hit.end);
      if (owner) em.targets.push(owner);
    }
  }
  for (const em of out) {
    const governor = out.find(
      (o) =>
        o !== em &&
        o.hit.end <= em.hit.start &&
        (o.type === 'ACCUSE' || o.type === 'REJECT') &&
        !o.hit.entry.blame &&
        inScope(view, o.hit.start, em.hit.start) &&
        !coordinatedBetween(ctx, out, o, em),
    );
    if (!governor) continue;
    em.attributes.add(governor.type === 'REJECT' ? 'negated' : 'alleged');
    // "X accused Y of killing ...": Y, not the accuser, is who is said to have done it; "X denied killing ..."
    // keeps X as the one who denies having done it.
    if (governor.type === 'ACCUSE' && !em.hit.entry.noun && !em.passive) em.actors = [...governor.targets];
  }

  // Counts attach to the trigger that gave their field, else the nearest event that can hold it.
  for (const c of findCounts(view, s.tokenStart, s.tokenEnd, ctx.countWords, triggerAt)) {
    if (!c.field) continue;
    const own = out.find((o) => o.hit.start <= c.anchor && c.anchor < o.hit.end);
    const fits = (o: EventMention): boolean =>
      c.field === 'detained'
        ? o.type === 'COERCE'
        : c.field === 'devices'
          ? o.type === 'COERCE' || o.type === 'ASSAULT'
          : o.type === 'ASSAULT';
    const target = own ?? nearest(out.filter(fits), c.start, view);
    if (target && target.counts[c.field] === undefined) target.counts[c.field] = c.count;
  }
  return out;
}

/**
 * "denied the allegation and said ...", "condemned the sanctions and threatened ...": a verb joined by
 * "and"/"but" to the accusation or denial (a reporting verb, or the trigger itself) is a new act of the
 * same subject, not part of what is alleged or denied.
 */
function coordinatedBetween(
  ctx: SentenceContext,
  out: readonly EventMention[],
  governor: EventMention,
  em: EventMention,
): boolean {
  const { view } = ctx;
  for (let k = governor.hit.end; k < em.hit.start; k++) {
    const w = view.lower[k]!;
    if (w !== 'and' && w !== 'but') continue;
    let j = k + 1;
    while (
      j < em.hit.end &&
      (/^\p{Ll}+ly$/u.test(view.lower[j]!) || view.lower[j] === 'also' || view.lower[j] === 'then')
    )
      j++;
    if (ctx.speechVerbs.has(view.lower[j]!)) return true;
    if (j === em.hit.start && !em.hit.entry.noun) return true;
    if (out.some((o) => o.hit.start === j && !o.hit.entry.noun && o !== em)) return true;
  }
  return false;
}

const FORCES = new Set([
  'army',
  'military',
  'police',
  'troops',
  'forces',
  'navy',
  'junta',
  'government',
  'regime',
  'soldiers',
]);

/**
 * "the army" right after a verb refers back to a country's army named earlier in the document ("Nigeria's
 * army", "the Nigerian army"); the country is returned, else nothing.
 */
function forceOwner(ctx: SentenceContext, k: number): string | undefined {
  const { view } = ctx;
  if (view.lower[k] !== 'the' || !FORCES.has(view.lower[k + 1] ?? '')) return undefined;
  const noun = view.lower[k + 1]!;
  for (let j = k - 1; j >= 0; j--) {
    const m = ctx.at[j];
    if (!m || m.start !== j || !ctx.countryEntities.has(m.entity)) continue;
    const next = view.lower[m.end];
    const named = next === noun || ((next === "'s" || next === '’s') && view.lower[m.end + 1] === noun);
    if (named) return m.entity;
  }
  return undefined;
}

/** A clause that runs into a quotation ("accusing them of having been “supplied by X”") goes on inside it. */
function quoteExtended(view: TextView, ce: number, sentenceEnd: number): number {
  let end = ce;
  while (end < sentenceEnd && QUOTE_MARKS.has(view.lower[end - 1]!)) {
    const next = view.clauseEnd[end]!;
    if (next <= end) break;
    end = next;
  }
  return end;
}

/** Whether token b lies in the clause of a or in clauses subordinate to it ("denied that ..."). */
function inScope(view: TextView, a: number, b: number): boolean {
  let k = view.clauseEnd[a]!;
  if (b < k) return true;
  while (k <= b) {
    if (!SCOPE_OPENERS.has(view.lower[k] ?? '') && !view.inQuote[k]) return false;
    if (b < view.clauseEnd[k]!) return true;
    k = view.clauseEnd[k]!;
  }
  return false;
}

function nearest(list: readonly EventMention[], at: number, view: TextView): EventMention | undefined {
  let best: EventMention | undefined;
  let bestD = Infinity;
  for (const o of list) {
    // A number in the subject of a passive ("16 devices were discovered") belongs to that verb.
    const d = o.hit.start >= at ? o.hit.start - at : (at - o.hit.end) * 1.5;
    const sameClause = view.clauseStart[o.hit.start] === view.clauseStart[at] ? 0 : 10;
    if (d + sameClause < bestD) {
      bestD = d + sameClause;
      best = o;
    }
  }
  return best;
}

function push(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

function isPlaceLike(ctx: SentenceContext, m: MentionAt): boolean {
  return (
    (m.mention.type === 'GPE' || m.mention.type === 'LOC') &&
    !ctx.countryEntities.has(m.entity) &&
    m.mention.form !== 'demonym'
  );
}

function hasNumberBetween(view: TextView, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (view.tokens[k]!.kind === 'number') return true;
  return false;
}

function findWord(view: TextView, word: string, a: number, b: number): number | undefined {
  for (let k = a; k < b; k++) if (view.lower[k] === word) return k;
  return undefined;
}

/** The entity an affix names ("US" in "US-backed"), by alias in this document or by country name. */
function entityFor(ctx: SentenceContext, name: string): string | undefined {
  const direct = ctx.entityByAlias.get(name.toLowerCase());
  if (direct) return direct;
  const country = ctx.knowledge.countryByName(name) ?? ctx.knowledge.countryByDemonym(name);
  if (!country) return undefined;
  for (const [entity, code] of ctx.entityCountry)
    if (code === country.code && ctx.countryEntities.has(entity)) return entity;
  return undefined;
}

/** Mentions in [a, b) on the trigger's side of the quotes, without places after locatives. */
export function mentionsIn(ctx: SentenceContext, a: number, b: number, keepPlaces: boolean): MentionAt[] {
  const out: MentionAt[] = [];
  for (let k = a; k < b; k++) {
    const m = ctx.at[k];
    if (!m) continue;
    k = m.end - 1;
    if (m.start < a || ctx.view.dateline[m.start] || ctx.blocked[m.start]) continue;
    if (!keepPlaces && isAfterLocative(ctx, m.start, a)) continue;
    out.push(m);
  }
  return out;
}

function isAfterLocative(ctx: SentenceContext, at: number, floor: number): boolean {
  const { view } = ctx;
  let steps = 0;
  for (let k = at - 1; k >= floor && steps < 6; k--, steps++) {
    const w = view.lower[k]!;
    if (LOCATIVE.has(w)) return true;
    // "in the northern Freedonian town of X": a demonym may stand among the place words.
    const m = ctx.at[k];
    if (m && m.mention.form === 'demonym') {
      k = m.start;
      continue;
    }
    if (!PLACE_SKIP.has(w)) return false;
  }
  return false;
}

/** Whether a mention stands inside a prepositional phrase ("along the border with X and Y", "Police in X"). */
function inPrepositionalPhrase(ctx: SentenceContext, m: MentionAt, floor: number, depth = 0): boolean {
  const { view } = ctx;
  let k = m.start - 1;
  for (let steps = 0; k >= floor && steps < 5; k--, steps++) {
    const w = view.lower[k]!;
    // ", with X claiming responsibility": "with" opening its clause introduces the participle's subject.
    if (PREPOSITIONS.has(w)) return !(w === 'with' && k === view.clauseStart[k]);
    if (CLAUSE_WORDS.has(w)) return false;
    if (w === 'and' || w === 'or') {
      // A conjunct shares the phrase of the mention before it.
      let j = k - 1;
      if (view.lower[j] === ',') j--;
      const prev = j >= floor ? ctx.at[j] : undefined;
      return prev !== undefined && depth < 4 && inPrepositionalPhrase(ctx, prev, floor, depth + 1);
    }
    const other = ctx.at[k];
    if (other) {
      k = other.start;
      continue;
    }
    if (view.tokens[k]!.kind === 'punct' && !DETERMINERS.has(w) && w !== '-') return false;
  }
  return false;
}

function isTriggerAt(hits: readonly TriggerHit[], k: number): boolean {
  return hits.some((h) => h.start <= k && k < h.end);
}

function hitsOf(ctx: SentenceContext): readonly TriggerHit[] {
  return ctx.hits ?? [];
}

function isPossessive(view: TextView, m: MentionAt): boolean {
  const w = view.lower[m.end] ?? '';
  return w === "'s" || w === '’s' || w === "'" || w === '’';
}

/**
 * The subject of a clause among the mentions before its verb: the last one outside prepositional phrases
 * (not a possessive modifier when another one is left, "Iran's interior minister" keeps Iran), with the
 * mentions joined to it by "and"/"or" ("Japan and India signed"); appositions and titles around it are no
 * second actor ("X, a former minister, said"). A clause whose only names stand in "officials in X"
 * acts for X's country ("Senior figures in X had blamed ...").
 */
export function subjectHead(ctx: SentenceContext, ms: readonly MentionAt[], floor: number): MentionAt[] {
  const { view } = ctx;
  const unbound = ms.filter((m) => !inPrepositionalPhrase(ctx, m, floor));
  // "X – Y's regional branch, was responsible", "X, Y's envoy, said": names inside an apposition to a free name are no subject.
  const appositive = new Set<MentionAt>();
  for (let n = 0; n + 1 < unbound.length; n++) {
    const prev = unbound[n]!;
    const next = unbound[n + 1]!;
    const mark = view.lower[prev.end];
    if (
      !(mark === ',' || mark === '–' || mark === '—') ||
      next.start - prev.end > 2 ||
      next.entity === prev.entity ||
      !isPossessive(view, next)
    )
      continue;
    // "X – Y's regional branch, was ...": everything up to the closing mark describes X.
    for (let k = next.start; k < ms[ms.length - 1]!.end; k++) {
      const w = view.lower[k]!;
      if (k > next.start && (w === ',' || w === '–' || w === '—')) break;
      const m = ctx.at[k];
      if (m) appositive.add(m);
    }
  }
  const free = unbound.filter((m) => !appositive.has(m));
  if (free.length === 0) return officialsOf(ctx, ms, floor);
  const heads = free.filter((m) => !isPossessive(view, m));
  const head = heads[heads.length - 1] ?? free[free.length - 1]!;
  const out = [head];
  let cur = head;
  for (let n = free.indexOf(head) - 1; n >= 0; n--) {
    const prev = free[n]!;
    const between = view.lower.slice(prev.end, cur.start);
    if (prev.entity === cur.entity && between.every((w) => w === '(' || w === ')' || w === ',')) {
      cur = prev;
      continue;
    }
    if (between.length > 7 || !(between.includes('and') || between.includes('or'))) {
      // A title-less modifier of the head ("the US ambassador X") is no second actor; stop at anything else.
      if (
        between.length === 0 ||
        between.every((w) => /^\p{Lu}/u.test(w) === false && !PREPOSITIONS.has(w) && w !== ',')
      ) {
        cur = prev;
        continue;
      }
      break;
    }
    // A conjunct is joined by "and"/"or" with nothing but names, titles and determiners around ("X and rebel leader Y").
    const joinable = (k: number): boolean => {
      const w = view.lower[k]!;
      return (
        w === 'and' ||
        w === 'or' ||
        w === ',' ||
        DETERMINERS.has(w) ||
        ctx.at[k] !== undefined ||
        /^\p{Lu}/u.test(view.text.slice(view.tokens[k]!.start, view.tokens[k]!.end))
      );
    };
    // A few plain words may stand in the names' phrases ("the Colombian government and ..."), no verb or preposition.
    let plain = 0;
    let ok = true;
    for (let k = prev.end; k < cur.start; k++) {
      if (joinable(k)) continue;
      const w = view.lower[k]!;
      plain++;
      if (
        PREPOSITIONS.has(w) ||
        ctx.speechVerbs.has(w) ||
        /(ing|ed)$/.test(w) ||
        view.tokens[k]!.kind !== 'word' ||
        isTriggerAt(hitsOf(ctx), k)
      )
        ok = false;
    }
    if (!ok || plain > 3) break;
    out.unshift(prev);
    cur = prev;
  }
  return out;
}

function officialsOf(ctx: SentenceContext, ms: readonly MentionAt[], floor: number): MentionAt[] {
  const { view } = ctx;
  for (const m of ms) {
    const prep = view.lower[m.start - 1];
    if ((prep !== 'in' && prep !== 'from') || m.start - 2 < floor) continue;
    if (!OFFICIALS.has(view.lower[m.start - 2]!)) continue;
    if (m.mention.type !== 'GPE') continue;
    if (ctx.countryEntities.has(m.entity)) return [m];
    const code = ctx.entityCountry.get(m.entity);
    for (const [entity, c] of ctx.entityCountry)
      if (c !== undefined && c === code && ctx.countryEntities.has(entity)) return [{ ...m, entity }];
    return [m];
  }
  return [];
}

/**
 * The object noun phrase that starts at token a: its mentions up to the first preposition, clause word or
 * punctuation ("urged X's Y authorities to ..." → X, Y), with conjuncts.
 */
function objectPhrase(ctx: SentenceContext, a: number, ce: number): MentionAt[] {
  const { view } = ctx;
  const out: MentionAt[] = [];
  for (let k = a; k < ce && k < a + 14; k++) {
    const m = ctx.at[k];
    if (m) {
      if (!view.dateline[m.start] && !ctx.blocked[m.start] && m.start >= a) out.push(m);
      k = m.end - 1;
      continue;
    }
    const w = view.lower[k]!;
    if (
      w === ',' &&
      (view.lower[k + 1] === 'and' || view.lower[k + 1] === 'or' || (ctx.at[k + 1] && out.length > 0))
    )
      continue;
    if (NP_END.has(w) || w === ',' || w === '"' || w === '“' || w === '”') break;
  }
  return out;
}

/** The subject of the token at i: the head of the mentions before it in its clause, or of the clause it continues. */
export function subjectOf(ctx: SentenceContext, i: number, speakerActs = false): MentionAt[] {
  const { view } = ctx;
  let cs = view.clauseStart[i]!;
  // "X said the protesters had attacked ...": a verb inside a reported clause has its own subject after the
  // reporting verb; a pronoun there ("said it had struck") or a coordination ("said ... and accused") is X,
  // and so is an unnamed subject of a speech act ("X said the coalition rejected the results").
  let cue = -1;
  for (let k = i - 1; k > cs; k--) {
    if (!ctx.speechVerbs.has(view.lower[k]!) || isTriggerAt(hitsOf(ctx), k) || ctx.at[k]) continue;
    const first = view.lower[k + 1] ?? '';
    const coordinated = view.lower.slice(k + 1, i).some((w) => w === 'and' || w === 'but');
    if (!SUBJECT_PRONOUNS.has(first) && !coordinated && first !== 'that') {
      cs = k + 1;
      cue = k;
    }
    break;
  }
  // "demonstrators who marched": a restrictive relative clause acts for the noun right before it.
  // (one that a comma has closed, "X, a minister who leads Y, said", gives the verb back to X).
  if (
    cue < 0 &&
    (view.lower[cs] === 'who' || view.lower[cs] === 'which') &&
    cs > 0 &&
    view.lower[cs - 1] !== ',' &&
    !view.lower.slice(cs, i).includes(',')
  ) {
    const antecedent = ctx.at[cs - 1];
    return antecedent && !view.dateline[antecedent.start] && !ctx.blocked[antecedent.start]
      ? [antecedent]
      : [];
  }
  const own = mentionsIn(ctx, cs, i, true).filter((m) => view.inQuote[m.start] === view.inQuote[i]);
  const ownHead = subjectHead(
    ctx,
    own.filter((m) => !isAfterLocative(ctx, m.start, cs)),
    cs,
  );
  if (ownHead.length > 0) return ownHead;
  const joined = conjunctionSubject(ctx, own, i);
  if (joined.length > 0) return joined;
  const ownOfficials = officialsOf(ctx, own, cs);
  if (ownOfficials.length > 0) return ownOfficials;
  if (cue >= 0) return speakerActs ? subjectOf(ctx, cue) : [];
  const sentence = view.sentences[view.sentenceOf[i]!]!;
  const opener = view.lower[cs]!;
  // "..., and told media": a coordinated verb shares the sentence's first subject.
  if (opener === 'and' || opener === 'but' || opener === 'or' || opener === 'then') {
    for (let k = sentence.tokenStart; k < cs; k = view.clauseEnd[k]!) {
      if (view.relative[k]) continue;
      const found = mentionsIn(ctx, k, view.clauseEnd[k]!, false).filter(
        (m) => view.inQuote[m.start] === 0 && !inPrepositionalPhrase(ctx, m, k),
      );
      // The subject of that clause's verb: its head among the names before the verb ("X's leader, Y,
      // vowed ... and ordered" is Y); the names after it are its object ("Egypt has detained ... in Cairo").
      if (found.length > 0) {
        const verb = firstVerb(ctx, k, view.clauseEnd[k]!);
        const head = subjectHead(
          ctx,
          found.filter((m) => m.end <= verb),
          k,
        );
        return head.length > 0 ? head.slice(-1) : found.slice(0, 1);
      }
    }
    return [];
  }
  // ", speaking to X": a participle clause continues the nearest clause before it; a relative clause
  // (", who met X in Y,") is skipped: the verb after it belongs to the subject before it.
  const skipRelative = view.relative[cs] === 0;
  for (let k = cs - 1; k >= sentence.tokenStart; k = view.clauseStart[k]! - 1) {
    if (skipRelative && view.relative[k]) continue;
    const start = view.clauseStart[k]!;
    const found = mentionsIn(ctx, start, k + 1, false).filter(
      (m) =>
        view.inQuote[m.start] === view.inQuote[i] || (view.inQuote[i] === 0 && view.inQuote[m.start] === 0),
    );
    const head = subjectHead(ctx, found, start);
    if (head.length > 0) return head;
  }
  return [];
}

interface PlaceCandidate {
  readonly at: number;
  readonly mention: MentionAt | undefined;
}

function placesIn(ctx: SentenceContext, a: number, b: number): PlaceCandidate[] {
  const { view } = ctx;
  const out: PlaceCandidate[] = [];
  for (let k = a; k < b; k++) {
    if (!LOCATIVE.has(view.lower[k]!)) {
      // "a strike on the city centre": a target in the place the story is set.
      if (
        view.lower[k] === 'on' &&
        view.lower[k + 1] === 'the' &&
        ANAPHORIC_PLACES.has(view.lower[k + 2] ?? '') &&
        !ctx.at[k + 3]
      )
        out.push({ at: k, mention: undefined });
      continue;
    }
    let j = k + 1;
    let sawDefinite = false;
    // "in the Freedonian city of X", "in Freedonia's capital X": the country is a modifier of the place
    // named after it, and the place only when nothing else is named.
    let country: MentionAt | undefined;
    while (j < b && j - k <= 6) {
      const d = ctx.at[j];
      // "in the northern Freedonian town of X": a demonym may stand among the place words.
      if (
        d &&
        (d.mention.form === 'demonym' || ctx.countryEntities.has(d.entity)) &&
        PLACE_SKIP.has(view.lower[d.end] ?? '') &&
        view.lower[d.end] !== 'of'
      ) {
        if (d.mention.form !== 'demonym' && !view.dateline[d.start]) country ??= d;
        j = d.end;
        continue;
      }
      if (d || !PLACE_SKIP.has(view.lower[j]!)) break;
      if (view.lower[j] === 'the') sawDefinite = true;
      j++;
    }
    const found = j < b ? ctx.at[j] : undefined;
    const named =
      found &&
      (found.mention.type === 'GPE' || found.mention.type === 'LOC') &&
      found.mention.form !== 'demonym';
    const m = named ? found : country;
    if (m && (m.mention.type === 'GPE' || m.mention.type === 'LOC') && m.mention.form !== 'demonym')
      out.push({ at: k, mention: m });
    else if (sawDefinite && ANAPHORIC_PLACES.has(view.lower[j - 1]!) && !ctx.at[j])
      out.push({ at: k, mention: undefined });
    else if (view.lower[k + 1] === 'the' && ANAPHORIC_PLACES.has(view.lower[k + 2] ?? '') && !ctx.at[k + 3])
      out.push({ at: k, mention: undefined });
  }
  return out;
}

/** An unnamed subject right before the verb at i: a state force, a pronoun, or "FORCE said it/they ...". */
function impliedSubject(
  ctx: SentenceContext,
  i: number,
  cs: number,
  passive: boolean,
): MentionAt | undefined {
  const { view } = ctx;
  const pronoun = pronounSubject(ctx, i, cs);
  if (pronoun) return pronoun;
  if (passive) return undefined;
  const force = forceSubject(ctx, i, cs);
  if (force) return entityMention(ctx, force, i);
  const j = verbGroupStart(view, i, cs) - 1;
  const w = view.lower[j] ?? '';
  if ((w === 'it' || w === 'they') && j - 1 >= 0 && ctx.speechVerbs.has(view.lower[j - 1]!)) {
    const s = view.sentences[view.sentenceOf[i]!]!;
    const speaker = forceSubject(ctx, j - 1, s.tokenStart);
    if (speaker) return entityMention(ctx, speaker, j);
  }
  return undefined;
}

/** An unnamed object right after the verb ending at a: a state force, him/her, or "them" for the targets before. */
function impliedObject(
  ctx: SentenceContext,
  a: number,
  ce: number,
  before: readonly EventMention[],
): MentionAt[] {
  const { view } = ctx;
  const force = forceObject(ctx, a, ce);
  if (force) {
    const m = entityMention(ctx, force, a);
    return m ? [m] : [];
  }
  const w = view.lower[a] ?? '';
  const next = view.lower[a + 1] ?? '';
  if ((w === 'him' || w === 'her') && NP_END.has(next)) {
    const m = personPronoun(ctx, a);
    return m ? [m] : [];
  }
  if (w === 'them' && NP_END.has(next)) {
    const prior = [...before]
      .reverse()
      .find((o) => o.targets.length > 0 && view.sentenceOf[o.hit.start] === view.sentenceOf[a]);
    if (!prior) return [];
    return prior.targets.flatMap((t) => {
      const m = entityMention(ctx, t, a);
      return m ? [m] : [];
    });
  }
  return [];
}

/** Words that open a clause when a subject and its verb follow ("after a Freedonian drone struck ..."). */
const CONJUNCTIONS = new Set(['after', 'before', 'since', 'until', 'as', 'when']);

/**
 * "killed after a Freedonian kamikaze drone slammed into ...": the mention right before the verb, inside
 * a noun phrase opened by a temporal conjunction, is the verb's subject, not a prepositional object.
 */
function conjunctionSubject(ctx: SentenceContext, own: readonly MentionAt[], i: number): MentionAt[] {
  const { view } = ctx;
  const last = own[own.length - 1];
  if (!last) return [];
  const verb = verbGroupStart(view, i, last.end);
  // Only plain lower-case nouns and adjectives between the name and the verb ("kamikaze drone").
  if (verb - last.end > 3) return [];
  for (let k = last.end; k < verb; k++)
    if (view.tokens[k]!.kind !== 'word' || PREPOSITIONS.has(view.lower[k]!) || ctx.at[k]) return [];
  let k = last.start - 1;
  while (k >= 0 && DETERMINERS.has(view.lower[k]!)) k--;
  if (!CONJUNCTIONS.has(view.lower[k] ?? '')) return [];
  return [last];
}

/** The first verb of a clause: a trigger, a reporting verb, or an auxiliary ("had", "will"). */
function firstVerb(ctx: SentenceContext, a: number, b: number): number {
  const { view } = ctx;
  for (let k = a; k < b; k++) {
    const w = view.lower[k]!;
    if (ctx.at[k] || w === "'s" || w === '’s') continue;
    if (isTriggerAt(hitsOf(ctx), k) || ctx.speechVerbs.has(w) || MODALS.has(w) || BE.has(w)) return k;
    if (w === 'has' || w === 'have' || w === 'had' || PLANNING.has(w)) return k;
  }
  return b;
}
