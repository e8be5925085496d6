/**
 * Event coreference within a document: mentions of one happening merge into one event.
 *
 * - A definite or anaphoric mention ("the attack", "the deadly incident", "last week's bombings")
 *   joins the latest compatible event of its type; an anaphor-only trigger with nothing to join is dropped.
 * - A casualty trigger ("were killed") joins the attack of its own sentence, else the main attack.
 * - Within a sentence, a mention joins an earlier one of the same type ("arrived ... for a visit").
 * - Any other attack joins the document's main attack when their modes agree and nothing conflicts,
 *   because news reports retell their main event in many words ("twin blasts", "two explosions").
 * Compatible: no two different dates, no two places in different countries or two different cities,
 * and neither is planned, negated or historical while the other is not.
 */
import type { Count, CountField } from '../../model/schema.js';
import type { DateMention } from '../dates/find.js';
import type { EventMention } from './mentions.js';
import type { MentionAt } from './view.js';

export interface EventCluster {
  readonly mentions: EventMention[];
  actors: string[];
  targets: string[];
  place: MentionAt | undefined;
  placeAnaphor: boolean;
  counts: Partial<Record<CountField, Count>>;
  date: DateMention | undefined;
}

export interface PlaceInfo {
  /** Country code of a place entity, when known. */
  readonly countryOf: (entity: string) => string | undefined;
  readonly isCountry: (entity: string) => boolean;
}

const STATUS = ['planned', 'negated', 'historical', 'prevented'] as const;
const QUALITY: Readonly<Record<Count['qualifier'], number>> = {
  exact: 3,
  'at-least': 2,
  'more-than': 2,
  'at-most': 1,
  'fewer-than': 1,
  about: 0,
};

function statusKey(m: EventMention): string {
  return STATUS.filter((s) => m.attributes.has(s)).join(',');
}

function datesCompatible(a: DateMention | undefined, b: DateMention | undefined): boolean {
  if (!a || !b) return true;
  const n = Math.min(a.iso.length, b.iso.length);
  return a.iso.slice(0, n) === b.iso.slice(0, n);
}

function placesCompatible(a: MentionAt | undefined, b: MentionAt | undefined, info: PlaceInfo): boolean {
  if (!a || !b || a.entity === b.entity) return true;
  const ca = info.countryOf(a.entity);
  const cb = info.countryOf(b.entity);
  if (ca === undefined || cb === undefined || ca !== cb) return false;
  return info.isCountry(a.entity) || info.isCountry(b.entity);
}

function compatible(c: EventCluster, m: EventMention, info: PlaceInfo): boolean {
  return (
    datesCompatible(c.date, m.date) &&
    placesCompatible(c.place, m.place, info) &&
    statusKey(c.mentions[0]!) === statusKey(m)
  );
}

/** Actors agree when either side has none, or some actor of one is, or shares a country with, one of the other. */
function actorsCompatible(c: EventCluster, m: EventMention, info: PlaceInfo): boolean {
  if (c.actors.length === 0 || m.actors.length === 0) return true;
  return sharesCountry(c.actors, m.actors, info);
}

function sharesCountry(a: readonly string[], b: readonly string[], info: PlaceInfo): boolean {
  return a.some((x) =>
    b.some((y) => x === y || (info.countryOf(x) !== undefined && info.countryOf(x) === info.countryOf(y))),
  );
}

/** Two acts of one sentence are one event unless each names its own, different actors. */
function sharesActors(c: EventCluster, m: EventMention): boolean {
  if (c.actors.length === 0 || m.actors.length === 0)
    return c.mentions[0]!.type !== 'ACCUSE' || m.actors.length === 0;
  return m.actors.some((a) => c.actors.includes(a));
}

function addAll(list: string[], more: readonly string[]): void {
  for (const x of more) if (!list.includes(x)) list.push(x);
}

function absorb(c: EventCluster, m: EventMention, info: PlaceInfo): void {
  c.mentions.push(m);
  addAll(c.actors, m.actors);
  addAll(c.targets, m.targets);
  // A city is more precise than its country ("northern Syria" then "the city of Aleppo").
  if (m.place && (!c.place || (info.isCountry(c.place.entity) && !info.isCountry(m.place.entity))))
    c.place = m.place;
  if (m.placeAnaphor) c.placeAnaphor = true;
  for (const [field, count] of Object.entries(m.counts) as [CountField, Count][]) {
    const had = c.counts[field];
    if (!had || QUALITY[count.qualifier] > QUALITY[had.qualifier]) c.counts[field] = count;
  }
  if (m.date && (!c.date || m.date.iso.length > c.date.iso.length)) c.date = m.date;
}

function fresh(m: EventMention): EventCluster {
  return {
    mentions: [m],
    actors: [...m.actors],
    targets: [...m.targets],
    place: m.place,
    placeAnaphor: m.placeAnaphor,
    counts: { ...m.counts },
    date: m.date,
  };
}

const JOINABLE_MODES = new Set(['attack', 'explosives', 'kill']);

/** Attacks, bombings and killings are one family ("the attack" may name a bombing); other modes stand alone. */
function family(mode: string): string {
  return JOINABLE_MODES.has(mode) ? 'attack' : mode;
}

export function mergeMentions(mentions: readonly EventMention[], info: PlaceInfo): EventCluster[] {
  const clusters: EventCluster[] = [];
  let main: EventCluster | undefined;
  for (const m of mentions) {
    const entry = m.hit.entry;
    const sameSentence = clusters.filter((c) => c.mentions.some((o) => o.sentence === m.sentence));
    let target: EventCluster | undefined;
    if (entry.casualty) {
      // Victims told in the sentence of an attack are its victims, whatever date the clause carries.
      target = sameSentence.find(
        (c) =>
          c.mentions[0]!.type === 'ASSAULT' &&
          placesCompatible(c.place, m.place, info) &&
          (statusKey(c.mentions[0]!) === statusKey(m) || !m.attributes.has('historical')),
      );
      // "troops had killed 7 rebels": a killing with an actor of its own is the main attack only when the actors agree.
      const ownActors = !m.passive && m.actors.length > 0;
      if (
        !target &&
        main &&
        compatible(main, m, info) &&
        (!ownActors || (main.actors.length > 0 && sharesCountry(main.actors, m.actors, info)))
      )
        target = main;
    } else if (m.definite) {
      // A reference inherits nothing of its own clause's status: "denied any role in the attack" still
      // means the attack. It prefers an event of its own sentence, then the latest event that happened.
      const fits = (c: EventCluster): boolean =>
        c.mentions[0]!.type === m.type &&
        datesCompatible(c.date, m.date) &&
        placesCompatible(c.place, m.place, info);
      const latest = [...clusters].reverse();
      const real = (c: EventCluster): boolean => statusKey(c.mentions[0]!) === '';
      const kin = (c: EventCluster): boolean => family(c.mentions[0]!.hit.entry.mode) === family(entry.mode);
      target =
        sameSentence.find(fits) ??
        latest.find((c) => fits(c) && real(c) && kin(c)) ??
        latest.find((c) => fits(c) && real(c)) ??
        latest.find(fits);
      if (!target && entry.anaphor) continue;
    }
    target ??= sameSentence.find(
      (c) => c.mentions[0]!.type === m.type && compatible(c, m, info) && sharesActors(c, m),
    );
    if (
      !target &&
      main &&
      !entry.casualty &&
      m.type === 'ASSAULT' &&
      JOINABLE_MODES.has(entry.mode) &&
      compatible(main, m, info) &&
      actorsCompatible(main, m, info)
    ) {
      // A plain "attack"/"struck" retells a strike of any kind when their actors agree ("it had struck ...").
      const mainMode = main.mentions[0]!.hit.entry.mode;
      if (
        JOINABLE_MODES.has(mainMode) ||
        (entry.mode === 'attack' && main.actors.length > 0 && sharesCountry(main.actors, m.actors, info))
      )
        target = main;
    }
    if (target) {
      absorb(target, m, info);
      continue;
    }
    const c = fresh(m);
    clusters.push(c);
    if (!main && m.type === 'ASSAULT' && statusKey(m) === '' && !m.attributes.has('ongoing')) main = c;
  }
  return clusters;
}
