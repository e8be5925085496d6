/**
 * The pairwise decision: do two reports describe the same happening? It reads only the two reports,
 * so it is symmetric and the clusters built from it (connected components) do not depend on the order
 * in which documents arrive. Blocking keys make sure candidates are found without comparing all pairs.
 */
import { greatCircleKm } from '../eval/gold/places.js';
import { addDays, daysBetween } from './reports.js';
import type { EventReport, LinkEvidence, ReportLink } from './types.js';

/** Reports whose day ranges are further apart than this never link. */
export const DAY_TOLERANCE = 1;
/** Longest day range that gets blocking keys; a longer one (a month-only date) is too vague to link. */
const MAX_RANGE_DAYS = 31;
/** Two city-level places closer than this are the same place; further than FAR_KM, different ones. */
const SAME_PLACE_KM = 50;
const FAR_KM = 100;
/** The score a pair needs, with at least one piece of evidence beyond type and date. */
export const LINK_THRESHOLD = 3;

function daysOf(range: { from: string; to: string }, pad: number): string[] | undefined {
  const from = addDays(range.from, -pad);
  const span = daysBetween(from, addDays(range.to, pad));
  if (span < 0 || span > MAX_RANGE_DAYS + 2 * pad) return undefined;
  return Array.from({ length: span + 1 }, (_, i) => addDays(from, i));
}

/**
 * True when the report holds something a link could stand on beyond type and date (a place, a
 * participant, a figure); one without can never link, so it is not indexed at all.
 */
export function linkable(report: EventReport): boolean {
  return (
    report.place !== undefined ||
    report.actors.length > 0 ||
    report.targets.length > 0 ||
    report.counts.length > 0
  );
}

/** A report's keys: type, country ('-' for none) and each day of its range. */
export function blockKeys(report: EventReport): string[] {
  if (!report.days || !linkable(report)) return [];
  const days = daysOf(report.days, 0) ?? [];
  const country = report.place?.country ?? '-';
  return days.map((d) => `${report.type}|${country}|${d}`);
}

/**
 * The keys to look candidates up by: the report's own widened by the day tolerance. A finds B through
 * these exactly when B finds A, which keeps the candidate search symmetric.
 */
export function probeKeys(report: EventReport): string[] {
  if (!report.days || !linkable(report)) return [];
  const days = daysOf(report.days, DAY_TOLERANCE) ?? [];
  const country = report.place?.country ?? '-';
  return days.map((d) => `${report.type}|${country}|${d}`);
}

function rangeGap(a: { from: string; to: string }, b: { from: string; to: string }): number {
  if (a.to < b.from) return daysBetween(a.to, b.from);
  if (b.to < a.from) return daysBetween(b.to, a.from);
  return 0;
}

const FINE = new Set(['city', 'other']);

function placeEvidence(a: EventReport, b: EventReport): LinkEvidence | null | undefined {
  const pa = a.place;
  const pb = b.place;
  if (!pa || !pb) return undefined;
  if (pa.country !== pb.country) return null;
  if (FINE.has(pa.kind) && FINE.has(pb.kind)) {
    const km = greatCircleKm(pa.lat, pa.lon, pb.lat, pb.lon);
    if (km > FAR_KM) return null;
    if (km <= SAME_PLACE_KM)
      return { kind: 'place', detail: `${pa.text} = ${pb.text} (${Math.round(km)} km)`, weight: 2 };
    return { kind: 'place', detail: `${pa.text} near ${pb.text} (${Math.round(km)} km)`, weight: 1 };
  }
  const region = (p: typeof pa): string | undefined => (p.kind === 'region' ? p.text : p.region);
  if (region(pa) !== undefined && region(pa) === region(pb)) {
    return { kind: 'place', detail: `both in ${region(pa) ?? ''}`, weight: 1 };
  }
  return { kind: 'place', detail: `both in ${pa.country}`, weight: 0.5 };
}

function shared(a: readonly { key: string; name: string }[], b: readonly { key: string }[]): string[] {
  const keys = new Set(b.map((x) => x.key));
  return [...new Set(a.filter((x) => keys.has(x.key) && !x.key.startsWith('local:')).map((x) => x.name))];
}

/**
 * Scores a pair of reports; undefined when they are different happenings (other type, dates or places
 * apart, or too little in common). The evidence lists every reason, for people.
 */
export function decideLink(a: EventReport, b: EventReport): ReportLink | undefined {
  if (a.type !== b.type || a.id === b.id || !a.days || !b.days) return undefined;
  const evidence: LinkEvidence[] = [{ kind: 'type', detail: a.type, weight: 0 }];
  const gap = rangeGap(a.days, b.days);
  if (gap > DAY_TOLERANCE) return undefined;
  const exact = a.date?.precision === 'day' && b.date?.precision === 'day';
  if (exact && gap === 0) evidence.push({ kind: 'date', detail: `same day ${a.days.from}`, weight: 2 });
  else if (exact) evidence.push({ kind: 'date', detail: `${a.days.from} / ${b.days.from}`, weight: 1 });
  else evidence.push({ kind: 'date', detail: 'overlapping date ranges', weight: 0.5 });
  const place = placeEvidence(a, b);
  if (place === null) return undefined;
  if (place) evidence.push(place);
  const actors = shared(a.actors, b.actors);
  if (actors.length > 0)
    evidence.push({ kind: 'actor', detail: actors.join(', '), weight: Math.min(3, 1.5 * actors.length) });
  const targets = shared(a.targets, b.targets);
  if (targets.length > 0) evidence.push({ kind: 'target', detail: targets.join(', '), weight: 1 });
  const values = new Set(b.counts.map((c) => `${c.field}=${c.value}`));
  const figures = [...new Set(a.counts.map((c) => `${c.field}=${c.value}`).filter((v) => values.has(v)))];
  if (figures.length > 0)
    evidence.push({ kind: 'figure', detail: figures.join(', '), weight: Math.min(2, figures.length) });
  if (a.mode !== undefined && b.mode !== undefined && a.mode === b.mode) {
    evidence.push({ kind: 'trigger', detail: `both ${a.mode}`, weight: 0.5 });
  }
  const score = evidence.reduce((s, e) => s + e.weight, 0);
  const substantive = evidence.some(
    (e) => e.kind !== 'type' && e.kind !== 'date' && e.kind !== 'trigger' && e.weight >= 1,
  );
  if (score < LINK_THRESHOLD || !substantive) return undefined;
  const [x, y] = a.id < b.id ? [a, b] : [b, a];
  return { a: x.id, b: y.id, score, evidence };
}
