/** Event matching, strict (every gold field agrees) and typed (type plus one of date, place or actor). */
import { assignGreedy, type Candidate } from './assign.js';
import { countAssignment, describeAssignment, type SectionMatches, type SectionScore } from './metrics.js';
import { normalizeGoldText } from './normalize.js';
import { placeAgreement } from './places.js';
import type { GoldEvent, GoldPlace } from './schema.js';

export interface EventsResult {
  /** strict figures; these are the section's figures in the overall score */
  readonly score: SectionScore & { readonly typed: SectionScore };
  readonly matches: SectionMatches;
  readonly typedMatches: SectionMatches;
}

/** What event fields are compared through: entity matching and each file's own place list. */
export interface EventContext {
  readonly goldToSystemKey: ReadonlyMap<string, string>;
  readonly goldPlaces: readonly GoldPlace[];
  readonly systemPlaces: readonly GoldPlace[];
}

/**
 * A system date agrees when it is at least as precise as gold and equal at gold's precision.
 * @example dateAgrees('2024-01', '2024-01-03') === true && dateAgrees('2024-01-03', '2024-01') === false
 */
export function dateAgrees(gold: string, system: string | undefined): boolean {
  return system !== undefined && system.length >= gold.length && system.slice(0, gold.length) === gold;
}

function placesNamed(places: readonly GoldPlace[], text: string): GoldPlace[] {
  const wanted = normalizeGoldText(text);
  return places.filter((p) => normalizeGoldText(p.text) === wanted);
}

/** Both event places are resolved through their own file's places; any agreeing pair of resolutions will do. */
function placeAgrees(gold: string, system: string | undefined, ctx: EventContext): boolean {
  if (system === undefined) return false;
  const systemResolved = placesNamed(ctx.systemPlaces, system);
  return placesNamed(ctx.goldPlaces, gold).some((g) =>
    systemResolved.some((s) => placeAgreement(g, s) !== null),
  );
}

function someMapped(goldKeys: readonly string[], systemKeys: readonly string[], ctx: EventContext): boolean {
  const wanted = new Set(systemKeys);
  return goldKeys.some((k) => {
    const mapped = ctx.goldToSystemKey.get(k);
    return mapped !== undefined && wanted.has(mapped);
  });
}

/** Gold and answers alike: `actors_any` members are more accepted actors. */
function actorsOf(event: GoldEvent): string[] {
  return [...event.actors, ...(event.actors_any ?? [])];
}

interface Agreement {
  readonly strict: boolean;
  /** whether the typed rule holds: one of date, place and actor agrees, or gold states none of them */
  readonly typed: boolean;
  /** closeness, higher first: gold fields that agree minus fields only the system states */
  readonly quality: number;
}

function compare(gold: GoldEvent, system: GoldEvent, ctx: EventContext): Agreement | null {
  if (gold.type !== system.type) return null;
  const goldActors = actorsOf(gold);
  const systemActors = actorsOf(system);
  const date = gold.date === undefined ? null : dateAgrees(gold.date, system.date);
  const place = gold.place === undefined ? null : placeAgrees(gold.place, system.place, ctx);
  const actor = goldActors.length === 0 ? null : someMapped(goldActors, systemActors, ctx);
  const target = gold.targets.length === 0 ? null : someMapped(gold.targets, system.targets, ctx);
  const goldCounts = gold.counts ?? {};
  const systemCounts = system.counts ?? {};
  const counts = Object.entries(goldCounts).map(([field, value]) => systemCounts[field] === value);
  const fields = [date, place, actor, target, ...counts];
  const agreeing = fields.filter((x) => x === true).length;
  const systemOnly =
    (gold.date === undefined && system.date !== undefined ? 1 : 0) +
    (gold.place === undefined && system.place !== undefined ? 1 : 0) +
    (goldActors.length === 0 && systemActors.length > 0 ? 1 : 0) +
    (gold.targets.length === 0 && system.targets.length > 0 ? 1 : 0) +
    Object.keys(systemCounts).filter((field) => !(field in goldCounts)).length;
  const typedFields = [date, place, actor].filter((x) => x !== null);
  return {
    strict: fields.every((x) => x !== false),
    typed: typedFields.length === 0 || typedFields.some((x) => x === true),
    // Ranking by closeness rather than file order alone keeps a less specific gold event from taking
    // the system event that states exactly another gold event (a file scored as its own answer scores 1).
    quality: agreeing - systemOnly,
  };
}

function label(event: GoldEvent, index: number): string {
  return event.key ?? `${event.type}#${index}`;
}

/**
 * Scores events twice, strict and typed, each with its own one-to-one assignment.
 * @example matchEvents(gold.events, answer.events, ctx).score.typed.f1
 */
export function matchEvents(
  gold: readonly GoldEvent[],
  system: readonly GoldEvent[],
  ctx: EventContext,
): EventsResult {
  const strict: Candidate[] = [];
  const typed: Candidate[] = [];
  gold.forEach((g, gi) => {
    system.forEach((s, si) => {
      const a = compare(g, s, ctx);
      if (a === null) return;
      if (a.strict) strict.push({ gold: gi, system: si, quality: a.quality });
      if (a.typed) typed.push({ gold: gi, system: si, quality: a.quality });
    });
  });
  const goldOptional = gold.map((e) => e.optional === true);
  const counted = system.map((_, i) => i);
  const strictAssignment = assignGreedy(strict, goldOptional);
  const typedAssignment = assignGreedy(typed, goldOptional);
  const goldLabels = gold.map(label);
  const systemLabels = system.map(label);
  return {
    score: {
      ...countAssignment(strictAssignment, goldOptional, counted),
      typed: countAssignment(typedAssignment, goldOptional, counted),
    },
    matches: describeAssignment(strictAssignment, goldLabels, systemLabels, goldOptional, counted),
    typedMatches: describeAssignment(typedAssignment, goldLabels, systemLabels, goldOptional, counted),
  };
}
