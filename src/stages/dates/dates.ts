/**
 * Attaches a normalized date to each event: the date expression of the event's evidence sentence
 * that pickDate chooses for its trigger (see attach.ts for the rule, find.ts for normalization).
 * An event dated more than a year before publication (relation "on" or "before") is marked historical:
 * it is background, not the news. An event with no date expression keeps the date it had, if any.
 */
import type { Event, Sentence, Token } from '../../model/schema.js';
import { buildView } from '../events/view.js';
import { nounPhraseBefore, pickDate } from './attach.js';
import { parseIso } from './calendar.js';
import { findDates } from './find.js';

export const STAGE = 'dates.rules';
export const VERSION = 1;

export interface DatesInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly events: readonly Event[];
  readonly published: string | undefined;
  /** Trigger words that are nouns (from the event-trigger lexicon): only these can be definite references. */
  readonly nounTriggers: ReadonlySet<string>;
}

const HISTORICAL_DAYS = 365;

export function attachDates(input: DatesInput): Event[] {
  const view = buildView(input.text, input.tokens, input.sentences);
  const tokenAt = new Map<number, number>();
  input.tokens.forEach((t, i) => tokenAt.set(t.start, i));
  const endAt = new Map<number, number>();
  input.tokens.forEach((t, i) => endAt.set(t.end, i + 1));
  const pub = input.published ? parseIso(input.published) : undefined;
  return input.events.map((event) => {
    const start = tokenAt.get(event.trigger.span.start);
    const end = endAt.get(event.trigger.span.end);
    if (start === undefined || end === undefined) return event;
    const sentence = input.sentences[view.sentenceOf[start]!];
    if (!sentence) return event;
    const dates = findDates(input.text, sentence.start, sentence.end, input.published);
    const np = nounPhraseBefore(view, start, view.clauseStart[start]!);
    // A definite noun ("the attack") is dated only inside its own phrase; a verb is never "definite".
    const looksNominal = input.nounTriggers.has(view.lower[end - 1]!) && np.definite;
    const d = pickDate(view, dates, { start, end }, looksNominal ? { definiteFrom: np.start } : {});
    if (!d) return event;
    const out: Event = {
      ...event,
      date: { iso: d.iso, precision: d.precision, relation: d.relation, text: d.text, span: d.span },
    };
    if (pub && (d.relation === 'on' || d.relation === 'before')) {
      const last = parseIso(
        d.iso.length === 4 ? `${d.iso}-12-31` : d.iso.length === 7 ? `${d.iso}-28` : d.iso,
      );
      if (
        last &&
        (pub.getTime() - last.getTime()) / 86_400_000 > HISTORICAL_DAYS &&
        !out.attributes.includes('historical')
      ) {
        out.attributes = [...out.attributes, 'historical'];
      }
    }
    return out;
  });
}
