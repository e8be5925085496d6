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
import {
  modalityBefore,
  QUAD,
  typeFeatures,
  typeProbabilities,
  type CueTable,
  type Modality,
  type TypeCandidate,
  type TypeModel,
} from './typemodel.js';

/** The rule confidence keeps this share; the model's probability fills the rest. */
const RULE_SHARE = 0.4;

const NO_CHOICE = (): readonly TypeChoice[] => [];

/** Characters before a trigger searched for its modal frame (the four words `modalityBefore` reads). */
const WINDOW_CHARS = 60;

/**
 * The types CAMEO gives an act in a modal frame: an intention to cooperate is AGREE and to coerce
 * THREATEN ("will evacuate", "plans to impose restrictions"), an obligation laid on someone is REQUEST
 * ("Libya must hand over"), a refusal to cooperate is REJECT ("will not accept refugees").
 * @example modalAlternatives('RETREAT', 'intent') // [{ type: 'AGREE', mode: 'agree' }]
 */
export function modalAlternatives(type: Event['type'], modality: Modality): readonly TypeChoice[] {
  const quad = QUAD[type];
  if (modality === 'intent') {
    if (quad === 'mcoop' || (quad === 'vcoop' && type !== 'AGREE')) return [{ type: 'AGREE', mode: 'agree' }];
    if (quad === 'mconf') return [{ type: 'THREATEN', mode: 'violence' }];
  } else if (modality === 'intent-stop') {
    // CAMEO 0351-0356 "express intent to ease"; 1311, 134, 135 "threaten to halt or reduce".
    if (quad === 'mconf') return [{ type: 'AGREE', mode: 'agree' }];
    if (quad === 'mcoop' || quad === 'vcoop') return [{ type: 'THREATEN', mode: 'relations' }];
  } else if (modality === 'refuse-stop') {
    // CAMEO 124x "decline to ease".
    if (quad === 'mconf') return [{ type: 'REJECT', mode: 'deny' }];
  } else if (modality === 'must') {
    if (quad !== 'vconf') return [{ type: 'REQUEST', mode: 'appeal' }];
  } else if (modality === 'stop') {
    // CAMEO 08 "ease" a sanction, curfew, blockade or dissent; 16 "halt" or "reduce" cooperation.
    if (type === 'COERCE' || type === 'SANCTION')
      return [
        { type: 'CONCEDE', mode: 'concede' },
        { type: 'RETREAT', mode: 'ease' },
      ];
    if (type === 'PROTEST') return [{ type: 'CONCEDE', mode: 'concede' }];
    if (type === 'ASSAULT') return [{ type: 'RETREAT', mode: 'ceasefire' }];
    if (quad === 'mcoop' || quad === 'vcoop') return [{ type: 'SANCTION', mode: 'withdraw' }];
  } else if (modality === 'refuse') {
    if (quad === 'mcoop' || quad === 'vcoop') return [{ type: 'REJECT', mode: 'deny' }];
  }
  return [];
}

/**
 * The model's view of a sentence's events: each event's candidate (type, mode, trigger, attributes,
 * modal frame) and the types it may take instead (its trigger's lexicon alternatives, then the modal
 * ones), its own type left out.
 */
export function ruleCandidates(
  group: readonly Event[],
  lowerOf: (start: number, end: number) => readonly string[],
  alternativesOf: (e: Event) => readonly TypeChoice[] = NO_CHOICE,
): { readonly candidates: TypeCandidate[]; readonly choices: (readonly TypeChoice[])[] } {
  const choices: (readonly TypeChoice[])[] = [];
  const candidates = group.map((e): TypeCandidate => {
    // Only the last few words before the trigger count: a short window spares slicing the sentence.
    const from = Math.max(e.evidence.start, e.trigger.span.start - WINDOW_CHARS);
    const modality = modalityBefore(lowerOf(from, e.trigger.span.start));
    const lexical = alternativesOf(e);
    // A foiled plot is no threat, and an act inside a request, accusation, rejection or threat told
    // before it ("called on the EU to suspend an agreement") is already framed by that event.
    const framed =
      e.attributes.includes('prevented') ||
      group.some((o) => QUAD[o.type] === 'vconf' && o.trigger.span.end <= e.trigger.span.start);
    const modal = framed
      ? []
      : modalAlternatives(e.type, modality).filter(
          (m) => m.type !== e.type && !lexical.some((a) => a.type === m.type),
        );
    const all = modal.length > 0 ? [...lexical, ...modal] : lexical;
    choices.push(all);
    return {
      type: e.type,
      mode: e.mode ?? '',
      trigger: e.trigger.text,
      attributes: e.attributes,
      alternatives: all.map((a) => a.type),
      modality,
    };
  });
  return { candidates, choices };
}

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
    const { candidates, choices: alts } = ruleCandidates(group, lowerOf, alternativesOf);
    const mixed = new Set(group.map((e) => e.type)).size > 1;
    if (!mixed && alts.every((a) => a.length === 0)) continue;
    const first = group[0]!;
    const features = typeFeatures(lowerOf(first.evidence.start, first.evidence.end), candidates, cues);
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
