/** Section counts and the precision / recall / F1 rules of gold/v1 (undefined figures are null). */
import type { Assignment } from './assign.js';

/** Counts and figures of one section; a figure the format leaves undefined is `null`. */
export interface SectionScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

/** `n / d`, or null when there is nothing to divide by. */
export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/**
 * Precision is undefined without counted system items, recall without required gold items; F1 is 0
 * when gold has items and either figure is 0 or undefined, and undefined when gold has none.
 * @example sectionScore(1, 1, 0) // { precision: 0.5, recall: 1, f1: 0.666… }
 */
export function sectionScore(tp: number, fp: number, fn: number): SectionScore {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  let f1: number | null = null;
  if (tp + fn > 0) {
    f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Counts an assignment: matched required gold items are hits, unmatched required ones misses, and
 * counted system items matched to nothing false positives; optional gold items and the system
 * items matched to them count nowhere.
 */
export function countAssignment(
  assignment: Assignment,
  goldOptional: readonly boolean[],
  countedSystem: readonly number[],
): SectionScore {
  let tp = 0;
  let fn = 0;
  goldOptional.forEach((isOptional, i) => {
    if (isOptional) return;
    if (assignment.goldToSystem.has(i)) tp += 1;
    else fn += 1;
  });
  let fp = 0;
  for (const s of countedSystem) if (!assignment.systemToGold.has(s)) fp += 1;
  return sectionScore(tp, fp, fn);
}

/** Which items were paired, which required gold items were missed, which system items were false. */
export interface SectionMatches {
  readonly pairs: readonly { readonly gold: string; readonly system: string }[];
  readonly missed: readonly string[];
  readonly spurious: readonly string[];
}

/**
 * Labels an assignment's pairs, misses and false positives for the report.
 * @example describeAssignment(assignment, ['g'], ['s'], [false], [0]).pairs // [{ gold: 'g', system: 's' }]
 */
export function describeAssignment(
  assignment: Assignment,
  goldLabels: readonly string[],
  systemLabels: readonly string[],
  goldOptional: readonly boolean[],
  countedSystem: readonly number[],
): SectionMatches {
  const pairs = [...assignment.goldToSystem.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([g, s]) => ({ gold: goldLabels[g] ?? `#${g}`, system: systemLabels[s] ?? `#${s}` }));
  const missed = goldLabels.filter((_, i) => goldOptional[i] !== true && !assignment.goldToSystem.has(i));
  const spurious = countedSystem
    .filter((s) => !assignment.systemToGold.has(s))
    .map((s) => systemLabels[s] ?? `#${s}`);
  return { pairs, missed, spurious };
}
