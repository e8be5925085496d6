/**
 * PLOVER event typing on the PLOVER gold-standard records (`../shared/data/plover_gsr`): one sentence,
 * one label per record. Old (v0.5b1) labels are mapped to current PLOVER as that README explains
 * (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT); the DOCUMENT record is no
 * event and is skipped.
 *
 * The system's label for a record is the type of its highest-confidence event (ties: the earliest
 * trigger). A record with no event gets the fallback label `NONE`, which is always wrong. Accuracy is
 * correct ÷ records; macro F1 averages the per-type F1 over every type that occurs in the gold or among
 * the predictions (NONE excluded), as scikit-learn's macro average over the label union does.
 */
import type { Event, PloverType } from '../model/schema.js';
import { PLOVER_TYPES } from '../model/schema.js';

/** One scored record: its sentence and its current-PLOVER label. */
export interface PloverRecord {
  readonly id: string;
  readonly text: string;
  readonly label: PloverType;
  /** The label as the file gives it (before mapping). */
  readonly original: string;
}

/** v0.5b1 labels that were renamed or merged in the current ontology. */
export const OLD_LABELS: Readonly<Record<string, PloverType>> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  INVESTIGATE: 'ACCUSE',
  FIGHT: 'ASSAULT',
};

export const NO_EVENT = 'NONE';

const KNOWN = new Set<string>(PLOVER_TYPES);

/**
 * Maps a v0.5b1 or current label to current PLOVER; null for DOCUMENT and unknown labels.
 * @example mapPloverLabel('FIGHT') === 'ASSAULT'
 */
export function mapPloverLabel(label: string): PloverType | null {
  const up = label.trim().toUpperCase();
  if (OLD_LABELS[up] !== undefined) return OLD_LABELS[up];
  return KNOWN.has(up) ? (up as PloverType) : null;
}

/** Reads the JSON array of records; records without text or with no PLOVER label are skipped. */
export function parsePloverRecords(content: string): PloverRecord[] {
  const raw = JSON.parse(content) as unknown;
  if (!Array.isArray(raw)) throw new Error('expected a JSON array of records');
  const out: PloverRecord[] = [];
  for (const r of raw as Record<string, unknown>[]) {
    if (typeof r.text !== 'string' || typeof r.event !== 'string') continue;
    const label = mapPloverLabel(r.event);
    if (label === null) continue;
    out.push({
      id: typeof r.id === 'string' ? r.id : String(out.length),
      text: r.text,
      label,
      original: r.event,
    });
  }
  return out;
}

/**
 * The record's label from the events found in it: the highest-confidence event's type, else NONE.
 * @example labelFromEvents([]) === 'NONE'
 */
export function labelFromEvents(events: readonly Event[]): PloverType | typeof NO_EVENT {
  let best: Event | undefined;
  for (const e of events) {
    if (
      best === undefined ||
      e.confidence > best.confidence ||
      (e.confidence === best.confidence && e.trigger.span.start < best.trigger.span.start)
    ) {
      best = e;
    }
  }
  return best?.type ?? NO_EVENT;
}

export interface PloverTypeScore {
  readonly type: PloverType;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface PloverReport {
  readonly records: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Records the system gave no event. */
  readonly none: number;
  readonly types: readonly PloverTypeScore[];
}

/**
 * Accuracy and macro F1 of predicted labels against gold labels (same order).
 * @example scorePlover(['AGREE'], ['AGREE']).accuracy === 1
 */
export function scorePlover(
  gold: readonly PloverType[],
  predicted: ReadonlyArray<PloverType | typeof NO_EVENT>,
): PloverReport {
  if (gold.length !== predicted.length) throw new Error('gold and predicted labels differ in number');
  let correct = 0;
  let none = 0;
  const g = new Map<PloverType, number>();
  const p = new Map<PloverType, number>();
  const c = new Map<PloverType, number>();
  gold.forEach((label, i) => {
    const guess = predicted[i]!;
    g.set(label, (g.get(label) ?? 0) + 1);
    if (guess === NO_EVENT) none += 1;
    else p.set(guess, (p.get(guess) ?? 0) + 1);
    if (guess === label) {
      correct += 1;
      c.set(label, (c.get(label) ?? 0) + 1);
    }
  });
  const types = PLOVER_TYPES.filter((t) => g.has(t) || p.has(t)).map((type): PloverTypeScore => {
    const gi = g.get(type) ?? 0;
    const pi = p.get(type) ?? 0;
    const ci = c.get(type) ?? 0;
    const precision = pi > 0 ? ci / pi : 0;
    const recall = gi > 0 ? ci / gi : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { type, gold: gi, predicted: pi, correct: ci, precision, recall, f1 };
  });
  const macroF1 = types.length > 0 ? types.reduce((a, t) => a + t.f1, 0) / types.length : 0;
  return {
    records: gold.length,
    correct,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    macroF1,
    none,
    types,
  };
}

/** A plain-text report: accuracy, macro F1, then one line per type. */
export function formatPloverReport(r: PloverReport): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    `records ${r.records}  accuracy ${f(r.accuracy)} (${r.correct}/${r.records})  macro F1 ${f(r.macroF1)}  no event ${r.none}`,
    `  ${'type'.padEnd(10)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  correct/pred/gold`,
  ];
  for (const t of r.types) {
    lines.push(
      `  ${t.type.padEnd(10)} ${f(t.precision)} ${f(t.recall)} ${f(t.f1)}  ${t.correct}/${t.predicted}/${t.gold}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
