/**
 * Where the rules are unsure, the learned type model decides:
 * - a trigger whose lexicon entry lists alternative types (`alt=`: "withdrew" troops is RETREAT, an
 *   ambassador SANCTION; "ceasefire" is AGREE or a RETREAT truce) takes the type, among its own and
 *   the alternatives, that the model finds most probable for the sentence;
 * - a sentence holding events of two or more types ("agreed ... to cooperate", "threatened ...
 *   sanctions") has its events' confidence re-ranked, so that the model's type becomes the sentence's
 *   highest-confidence event.
 * Events are never created or removed, and arguments never change; a sentence of one type whose
 * triggers have no alternatives is left exactly as the rules made it.
 */
import type { Event } from '../../model/schema.js';
import type { TypeChoice } from './lexicon.js';
import { typeFeatures, typeProbabilities, type CueTable, type TypeModel } from './typemodel.js';

/** The rule confidence keeps this share; the model's probability fills the rest. */
const RULE_SHARE = 0.4;

const NO_CHOICE = (): readonly TypeChoice[] => [];

/**
 * Events retyped and re-ranked by the model inside each evidence sentence where the rules are unsure.
 * `lowerOf(start, end)` gives the lower-cased tokens of a character range (the sentence);
 * `alternativesOf` the alternative types of an event's trigger.
 */
export function rerankEvents(
  events: readonly Event[],
  lowerOf: (start: number, end: number) => readonly string[],
  model: TypeModel | null,
  cues: CueTable,
  alternativesOf: (e: Event) => readonly TypeChoice[] = NO_CHOICE,
): Event[] {
  if (model === null) return [...events];
  const bySentence = new Map<number, Event[]>();
  for (const e of events) {
    const list = bySentence.get(e.evidence.start) ?? [];
    list.push(e);
    bySentence.set(e.evidence.start, list);
  }
  const changed = new Map<Event, Event>();
  for (const group of bySentence.values()) {
    const alts = group.map(alternativesOf);
    const mixed = new Set(group.map((e) => e.type)).size > 1;
    if (!mixed && alts.every((a) => a.length === 0)) continue;
    const first = group[0]!;
    const features = typeFeatures(
      lowerOf(first.evidence.start, first.evidence.end),
      group.map((e, i) => ({
        type: e.type,
        mode: e.mode ?? '',
        trigger: e.trigger.text,
        attributes: e.attributes,
        alternatives: alts[i]!.map((a) => a.type),
      })),
      cues,
    );
    const p = typeProbabilities(model, features);
    const prob = (t: Event['type']): number => p.get(t) ?? 0;
    const typed = group.map((e, i) => {
      const best = alts[i]!.reduce<TypeChoice | undefined>(
        (b, a) => (prob(a.type) > (b ? prob(b.type) : prob(e.type)) ? a : b),
        undefined,
      );
      return best ? { ...e, type: best.type, mode: best.mode } : e;
    });
    const rerank = new Set(typed.map((e) => e.type)).size > 1;
    group.forEach((e, i) => {
      const t = typed[i]!;
      if (!rerank) {
        if (t !== e) changed.set(e, t);
        return;
      }
      const c = RULE_SHARE * t.confidence + (1 - RULE_SHARE) * prob(t.type);
      changed.set(e, { ...t, confidence: Math.round(c * 1000) / 1000 });
    });
  }
  return events.map((e) => changed.get(e) ?? e);
}
