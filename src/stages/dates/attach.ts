/**
 * Chooses which date expression of a sentence dates an event trigger. A date inside the trigger's
 * noun phrase ("the January 3 attack", "Wednesday's bombings") wins; then the nearest date in the
 * trigger's clause; then the nearest in the sentence on the same side of any quotation marks. A
 * definite noun trigger ("the attack") refers back to an event told elsewhere, so it takes only a
 * date inside its own phrase or right after it ("the attack on Monday"). A date inside a comma-delimited
 * relative clause dates only the triggers of that clause.
 */
import type { TextView } from '../events/view.js';
import type { DateMention } from './find.js';

const NP_STOP = new Set([
  ',',
  '.',
  ';',
  ':',
  'in',
  'on',
  'at',
  'of',
  'for',
  'with',
  'by',
  'to',
  'from',
  'and',
  'or',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'said',
  'that',
  'which',
  'after',
  'since',
  'during',
  'before',
]);
const DETERMINERS = new Set([
  'the',
  'this',
  'these',
  'those',
  'that',
  'its',
  'their',
  'his',
  'her',
  'our',
  "'s",
  '’s',
]);

export interface NounPhrase {
  /** First token of the phrase that ends with the trigger. */
  readonly start: number;
  readonly definite: boolean;
}

/** Walks back from a noun trigger over its modifiers to the determiner or the phrase's edge. */
export function nounPhraseBefore(view: TextView, triggerStart: number, floor: number): NounPhrase {
  let k = triggerStart;
  let definite = false;
  while (k - 1 >= floor && triggerStart - k < 8) {
    const w = view.lower[k - 1]!;
    if (w === 'a' || w === 'an') {
      k--;
      break;
    }
    if (DETERMINERS.has(w)) {
      definite = true;
      k--;
      if (
        w === 'the' ||
        w === 'this' ||
        w === 'these' ||
        w === 'those' ||
        w === 'its' ||
        w === 'their' ||
        w === 'his' ||
        w === 'her' ||
        w === 'our'
      )
        break;
      continue;
    }
    if (NP_STOP.has(w) || view.tokens[k - 1]!.kind === 'punct') break;
    k--;
  }
  return { start: k, definite };
}

function tokenIndexAt(view: TextView, offset: number): number {
  let lo = 0;
  let hi = view.tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (view.tokens[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function pickDate(
  view: TextView,
  dates: readonly DateMention[],
  trigger: { start: number; end: number },
  opts: { definiteFrom?: number } = {},
): DateMention | undefined {
  if (dates.length === 0) return undefined;
  const tokenOf = (d: DateMention): [number, number] => [
    tokenIndexAt(view, d.span.start),
    tokenIndexAt(view, d.span.end - 1) + 1,
  ];
  const sentence = view.sentenceOf[trigger.start];
  const cs = view.clauseStart[trigger.start]!;
  const ce = view.clauseEnd[trigger.start]!;
  const distance = (d: DateMention): number => {
    const [a, b] = tokenOf(d);
    return b <= trigger.start ? trigger.start - b : a >= trigger.end ? a - trigger.end : 0;
  };
  // A date that modifies a noun ("the January 3 attack", "last week's bombings") dates that noun only.
  const modifierOfOther = (d: DateMention): boolean => {
    const [a, b] = tokenOf(d);
    const next = view.lower[b] ?? '';
    const modifier =
      next === "'s" ||
      next === '’s' ||
      (['the', 'a', 'an'].includes(view.lower[a - 1] ?? '') &&
        view.tokens[b]?.kind === 'word' &&
        !NP_STOP.has(next));
    return modifier && !(trigger.start >= b && trigger.start - b <= 4);
  };
  // A date inside a relative clause (", who met X on Thursday,") dates only what that clause tells.
  const relativeOnly = (d: DateMention): boolean =>
    view.relative[tokenOf(d)[0]] === 1 && view.relative[trigger.start] === 0;
  const inSentence = dates.filter(
    (d) => view.sentenceOf[tokenOf(d)[0]] === sentence && !modifierOfOther(d) && !relativeOnly(d),
  );
  if (opts.definiteFrom !== undefined) {
    const from = opts.definiteFrom;
    return inSentence.find((d) => {
      const [a, b] = tokenOf(d);
      if (a >= from && b <= trigger.start) return true;
      return a >= trigger.end && a - trigger.end <= 1 && /^(on|in|last|this)?\s*\S/i.test(d.text);
    });
  }
  const byDistance = [...inSentence].sort((x, y) => distance(x) - distance(y));
  const inClause = byDistance.find((d) => {
    const [a, b] = tokenOf(d);
    return a >= cs && b <= ce;
  });
  if (inClause) return inClause;
  return byDistance.find((d) => view.inQuote[tokenOf(d)[0]] === view.inQuote[trigger.start]);
}
