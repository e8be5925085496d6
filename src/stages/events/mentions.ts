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
}

const QUOTE_MARKS = new Set(['“', '"', '«']);
const SCOPE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'of']);
const BE = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being', 'got', 'get', "'s"]);
const LOCATIVE = new Set(['in', 'near', 'at', 'outside', 'inside', 'across', 'throughout', 'around', 'into', 'within', 'through']);
const PLACE_SKIP = new Set(['the', 'city', 'town', 'province', 'region', 'village', 'district', 'of', 'capital', 'southern', 'northern', 'eastern', 'western', 'central', 'southeastern', 'southwestern', 'northeastern', 'northwestern', 'country', "'s", '’s']);
// "the country" is left out: it names a country, never the city an earlier event happened in.
const ANAPHORIC_PLACES = new Set(['province', 'city', 'region', 'area', 'town', 'village', 'district', 'scene']);
const PLANNING = new Set(['planned', 'plan', 'plans', 'planning', 'plotted', 'plotting', 'intended', 'intends', 'attempted', 'tried', 'sought', 'seeking', 'aimed', 'threatened', 'vowed', 'pledged', 'wanted', 'wants', 'trying', 'preparing', 'prepared']);
const MODALS = new Set(['will', 'would', 'could', 'may', 'might', 'shall', 'should', "'ll"]);
const PREVENTION = /\b(unable|failed|foiled|thwarted|prevented|averted|intercepted)\b/;
const NEGATORS = new Set(['not', "n't", 'never', 'no']);
const CARRY = [['carried', 'out'], ['carry', 'out'], ['launched'], ['conducted'], ['staged'], ['mounted'], ['claimed'], ['behind'], ['responsibility', 'for'], ['perpetrated'], ['orchestrated'], ['masterminded']];
const AFFIX = /^(.+)-(backed|led|sponsored|supported|funded|allied|aligned|made)$/i;

export function eventMentions(ctx: SentenceContext, sentence: number, hits: readonly TriggerHit[], dates: readonly DateMention[]): EventMention[] {
  const { view } = ctx;
  const out: EventMention[] = [];
  const s = view.sentences[sentence]!;
  const triggerAt = (i: number): TriggerEntry | undefined => hits.find((h) => h.start <= i && i < h.end)?.entry;

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
          if (isPlaceLike(ctx, m) || (ctx.countryEntities.has(m.entity) && e.mode !== 'drone strike')) em.place ??= m;
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
      if (after === 'by') mentionsIn(ctx, hit.end + 1, Math.min(ce, hit.end + 6), true).forEach((m) => push(em.actors, m.entity));
      if (after === 'on' || after === 'against' || after === 'targeting') {
        mentionsIn(ctx, hit.end + 1, Math.min(ce, hit.end + 6), true).forEach((m) => push(em.targets, m.entity));
      }
      // "X carried out the bombing", "X claimed the attack": the verb's subject is the actor.
      for (let k = np!.start - 1; k >= Math.max(cs, np!.start - 4); k--) {
        const found = CARRY.find((p) => p.every((w, n) => view.lower[k - p.length + 1 + n] === w) && k - p.length + 1 >= cs);
        if (found) {
          subjectOf(ctx, k - found.length + 1).forEach((m) => push(em.actors, m.entity));
          break;
        }
      }
    } else {
      let k = hit.start - 1;
      while (k >= cs && (/^\p{Ll}+ly$/u.test(view.lower[k]!) || ['also', 'later', 'not', 'never', 'since', 'already', 'then'].includes(view.lower[k]!))) k--;
      const prev = view.lower[k] ?? '';
      em.passive = BE.has(prev) || view.lower[hit.end] === 'by' ||
        (e.casualty !== undefined && k >= cs && (view.tokens[k]!.kind === 'number' || prev === 'people' || prev === 'others'));
      // "were discovered ... and disarmed": a coordinated participle shares the voice of the verb before it.
      const before = out[out.length - 1];
      if ((prev === 'and' || prev === 'or') && before?.passive && view.clauseStart[before.hit.start] === cs) em.passive = true;
      let subject = em.passive && before?.passive && (prev === 'and' || prev === 'or') ? subjectOf(ctx, before.hit.start) : subjectOf(ctx, hit.start);
      // ", killing 57 people": the subject of a casualty participle is the event before it, not a person.
      if (e.casualty && !em.passive && !subject.some((m) => m.start >= cs)) subject = [];
      const object = mentionsIn(ctx, hit.end, quoteExtended(view, ce, s.tokenEnd), false);
      if (em.passive && !e.active) {
        subject.forEach((m) => push(em.targets, m.entity));
        const by = findWord(view, 'by', hit.end, ce);
        if (by !== undefined) mentionsIn(ctx, by + 1, Math.min(ce, by + 6), false).forEach((m) => push(em.actors, m.entity));
        object.forEach((m) => push(em.targets, m.entity));
        // "X and Y were killed": two named victims make a count of two when no number is given.
        if (e.casualty) {
          const people = subject.filter((m) => m.mention.type === 'PERSON');
          const named = new Set(people.map((m) => m.entity));
          if (named.size >= 2 && !hasNumberBetween(view, cs, hit.start)) {
            const a = people[0]!;
            const b = people[people.length - 1]!;
            const span = { start: view.tokens[a.start]!.start, end: view.tokens[b.end - 1]!.end };
            em.counts[e.casualty] = { value: named.size, qualifier: 'exact', text: view.text.slice(span.start, span.end), span };
          }
        }
      } else {
        if (!e.blame) subject.forEach((m) => push(em.actors, m.entity));
        else subject.forEach((m) => push(em.targets, m.entity));
        object.forEach((m) => (e.symmetric ? push(em.actors, m.entity) : push(em.targets, m.entity)));
      }
    }

    // Place.
    if (!em.place) {
      const places = placesIn(ctx, cs, ce);
      // A trigger that ends in its own preposition ("swept through") takes the place right after it.
      const afterTrigger = places.find((p) => p.at >= hit.end - 1 && (p.at >= hit.end || LOCATIVE.has(view.lower[hit.end - 1]!)));
      const beforeTrigger = [...places].reverse().find((p) => p.at < hit.start);
      const chosen = afterTrigger ?? beforeTrigger;
      if (chosen?.mention) em.place = chosen.mention;
      else if (chosen) em.placeAnaphor = true;
    }

    // Attributes.
    for (let k = Math.max(cs, hit.start - 4); k < hit.start; k++) {
      const w = view.lower[k]!;
      if (NEGATORS.has(w) && !e.noun) em.attributes.add('negated');
      if (MODALS.has(w) && !e.noun) em.attributes.add('planned');
      if (PLANNING.has(w) && view.lower[k + 1] === 'to') em.attributes.add('planned');
      if ((w === 'foiled' || w === 'thwarted' || w === 'failed') && e.noun) em.attributes.add('planned').add('prevented');
    }
    if (em.attributes.has('planned') && PREVENTION.test(view.lower.slice(hit.end, s.tokenEnd).join(' '))) em.attributes.add('prevented');
    if (!e.noun && /ing$/.test(view.lower[hit.start]!) && (view.lower[hit.start - 1] === 'been' && ['has', 'have'].includes(view.lower[hit.start - 2] ?? ''))) em.attributes.add('ongoing');

    em.date = pickDate(view, dates, hit, em.definite && e.noun ? { definiteFrom: np!.start } : em.definite ? { definiteFrom: hit.start } : {});
    out.push(em);
  }

  // Allegations and denials: events told inside the complement of accuse/deny are not asserted.
  for (const em of out) {
    const governor = out.find((o) => o !== em && o.hit.end <= em.hit.start && (o.type === 'ACCUSE' || o.type === 'REJECT') && !o.hit.entry.blame && inScope(view, o.hit.start, em.hit.start));
    if (governor) em.attributes.add(governor.type === 'REJECT' ? 'negated' : 'alleged');
  }

  // Counts attach to the trigger that gave their field, else the nearest event that can hold it.
  for (const c of findCounts(view, s.tokenStart, s.tokenEnd, ctx.countWords, triggerAt)) {
    if (!c.field) continue;
    const own = out.find((o) => o.hit.start <= c.anchor && c.anchor < o.hit.end);
    const fits = (o: EventMention): boolean => (c.field === 'detained' ? o.type === 'COERCE' : c.field === 'devices' ? o.type === 'COERCE' || o.type === 'ASSAULT' : o.type === 'ASSAULT');
    const target = own ?? nearest(out.filter(fits), c.start, view);
    if (target && target.counts[c.field] === undefined) target.counts[c.field] = c.count;
  }
  return out;
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
  return (m.mention.type === 'GPE' || m.mention.type === 'LOC') && !ctx.countryEntities.has(m.entity) && m.mention.form !== 'demonym';
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
  for (const [entity, code] of ctx.entityCountry) if (code === country.code && ctx.countryEntities.has(entity)) return entity;
  return undefined;
}

/** Mentions in [a, b) on the trigger's side of the quotes, without places after locatives. */
export function mentionsIn(ctx: SentenceContext, a: number, b: number, keepPlaces: boolean): MentionAt[] {
  const out: MentionAt[] = [];
  for (let k = a; k < b; k++) {
    const m = ctx.at[k];
    if (!m) continue;
    k = m.end - 1;
    if (m.start < a) continue;
    if (!keepPlaces && isAfterLocative(ctx.view, m.start, a)) continue;
    out.push(m);
  }
  return out;
}

function isAfterLocative(view: TextView, at: number, floor: number): boolean {
  for (let k = at - 1; k >= Math.max(floor, at - 4); k--) {
    const w = view.lower[k]!;
    if (LOCATIVE.has(w)) return true;
    if (!PLACE_SKIP.has(w)) return false;
  }
  return false;
}

/** The subject side of the token at i: mentions before it in its clause, or the clause it continues. */
export function subjectOf(ctx: SentenceContext, i: number): MentionAt[] {
  const { view } = ctx;
  const cs = view.clauseStart[i]!;
  const own = mentionsIn(ctx, cs, i, false).filter((m) => view.inQuote[m.start] === view.inQuote[i]);
  if (own.length > 0) return own;
  const sentence = view.sentences[view.sentenceOf[i]!]!;
  const opener = view.lower[cs]!;
  // "..., and told media": a coordinated verb shares the sentence's first subject.
  if (opener === 'and' || opener === 'but' || opener === 'or' || opener === 'then') {
    for (let k = sentence.tokenStart; k < cs; k = view.clauseEnd[k]!) {
      const found = mentionsIn(ctx, k, view.clauseEnd[k]!, false).filter((m) => view.inQuote[m.start] === 0);
      // Only the first mention: the rest of that clause is its object ("Egypt has detained ... in Cairo").
      if (found.length > 0) return found.slice(0, 1);
    }
    return [];
  }
  // ", speaking to X": a participle clause continues the nearest clause before it.
  for (let k = cs - 1; k >= sentence.tokenStart; k = view.clauseStart[k]! - 1) {
    const found = mentionsIn(ctx, view.clauseStart[k]!, k + 1, false).filter((m) => view.inQuote[m.start] === view.inQuote[i] || view.inQuote[i] === 0 && view.inQuote[m.start] === 0);
    if (found.length > 0) return found;
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
    if (!LOCATIVE.has(view.lower[k]!)) continue;
    let j = k + 1;
    let sawDefinite = false;
    while (j < b && j - k <= 4 && !ctx.at[j] && PLACE_SKIP.has(view.lower[j]!)) {
      if (view.lower[j] === 'the') sawDefinite = true;
      j++;
    }
    const m = j < b ? ctx.at[j] : undefined;
    if (m && (m.mention.type === 'GPE' || m.mention.type === 'LOC') && m.mention.form !== 'demonym') out.push({ at: k, mention: m });
    else if (sawDefinite && ANAPHORIC_PLACES.has(view.lower[j - 1]!) && !ctx.at[j]) out.push({ at: k, mention: undefined });
    else if (view.lower[k + 1] === 'the' && ANAPHORIC_PLACES.has(view.lower[k + 2] ?? '') && !ctx.at[k + 3]) out.push({ at: k, mention: undefined });
  }
  return out;
}
