/**
 * Where the rules are unsure — one sentence holding events of two or more types ("agreed ... to
 * cooperate", "threatened to impose sanctions") — the learned type model says which type the sentence
 * is about, and that event gets the highest confidence of the sentence. Events themselves, their types
 * and arguments never change: the model re-ranks, the rules decide what exists. A sentence with a
 * single type is left as the rules scored it.
 */
import type { Event } from '../../model/schema.js';
import { typeFeatures, typeProbabilities, type CueTable, type TypeModel } from './typemodel.js';

/** The rule confidence keeps this share; the model's probability fills the rest. */
const RULE_SHARE = 0.4;

/**
 * Events with confidence re-ranked by the model inside each evidence sentence of several types.
 * `lowerOf(start, end)` gives the lower-cased tokens of a character range (the sentence).
 */
export function rerankEvents(
  events: readonly Event[],
  lowerOf: (start: number, end: number) => readonly string[],
  model: TypeModel | null,
  cues: CueTable,
): Event[] {
  if (model === null) return [...events];
  const bySentence = new Map<number, Event[]>();
  for (const e of events) {
    const list = bySentence.get(e.evidence.start) ?? [];
    list.push(e);
    bySentence.set(e.evidence.start, list);
  }
  const confidence = new Map<Event, number>();
  for (const group of bySentence.values()) {
    if (new Set(group.map((e) => e.type)).size < 2) continue;
    const first = group[0]!;
    const features = typeFeatures(
      lowerOf(first.evidence.start, first.evidence.end),
      group.map((e) => ({
        type: e.type,
        mode: e.mode ?? '',
        trigger: e.trigger.text,
        attributes: e.attributes,
      })),
      cues,
    );
    const p = typeProbabilities(model, features);
    for (const e of group) {
      const c = RULE_SHARE * e.confidence + (1 - RULE_SHARE) * (p.get(e.type) ?? 0);
      confidence.set(e, Math.round(c * 1000) / 1000);
    }
  }
  return events.map((e) => (confidence.has(e) ? { ...e, confidence: confidence.get(e)! } : e));
}
