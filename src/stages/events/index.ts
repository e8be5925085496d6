/** The events stage: PLOVER events with actors, targets, place text, counts and attributes, one per happening. */
import type { Token } from '../../model/schema.js';
import type { Stage } from '../../pipeline/stage.js';
import { STAGE, VERSION, extractEvents } from './extract.js';
import { triggerAlternatives, triggerLexiconFor, typeCuesFor } from './lexicon.js';
import { rerankEvents } from './rerank.js';
import { loadTypeModel, type TypeModel } from './typemodel.js';

export interface EventsStageOptions {
  /** The learned type model; `null` runs the rules alone (cross-validation); default: the shipped file. */
  readonly typeModel?: TypeModel | null;
}

/** Lower-cased tokens of a character range; tokens are in text order, so a binary search finds the first. */
function lowerIn(text: string, tokens: readonly Token[], start: number, end: number): string[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.end <= end; i++)
    out.push(text.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase());
  return out;
}

/**
 * The stage with a chosen type model.
 * @example createEventsStage({ typeModel: null }) // rules only
 */
export function createEventsStage(options: EventsStageOptions = {}): Stage {
  return {
    name: STAGE,
    version: VERSION,
    requires: ['tokens', 'sentences', 'mentions', 'entities'],
    provides: ['events'],
    run: (input, ctx) => {
      const events = extractEvents(
        {
          text: input.document.text,
          tokens: input.tokens,
          sentences: input.sentences,
          mentions: input.mentions,
          entities: input.entities,
          published: ctx.published,
        },
        ctx.knowledge,
      );
      const model = options.typeModel === undefined ? loadTypeModel() : options.typeModel;
      return {
        events: rerankEvents(
          events,
          (s, e) => lowerIn(input.document.text, input.tokens, s, e),
          model,
          typeCuesFor(ctx.knowledge),
          (e) => triggerAlternatives(triggerLexiconFor(ctx.knowledge), e.trigger.text),
        ),
      };
    },
  };
}

export const eventsStage: Stage = createEventsStage();
