/** Finds trigger words and phrases of the event lexicon in a sentence's tokens. */
import type { TriggerEntry, TriggerLexicon } from './lexicon.js';
import type { TextView } from './view.js';

/** Adverbs allowed between the words of a multi-word trigger ("was likely responsible"). */
const GAP_WORDS = new Set([
  'likely',
  'most',
  'probably',
  'also',
  'reportedly',
  'allegedly',
  'not',
  'never',
  'quickly',
  'then',
  'later',
  'again',
  'jointly',
  'still',
]);

export interface TriggerHit {
  readonly entry: TriggerEntry;
  /** Token range [start, end) from the first to the last trigger word. */
  readonly start: number;
  readonly end: number;
}

/** Longest match first, left to right; tokens inside entity mentions never trigger ("Desert Storm"). */
export function findTriggers(
  view: TextView,
  from: number,
  to: number,
  lexicon: TriggerLexicon,
  blocked: (i: number) => boolean,
): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (let i = from; i < to; i++) {
    if (blocked(i)) continue;
    const entries = lexicon.byFirst.get(view.lower[i]!);
    if (!entries) continue;
    for (const entry of entries) {
      if (entry.words.length === 1 && attributive(view, i)) continue;
      const end = matchAt(view, i, to, entry.words, blocked);
      if (end !== undefined) {
        hits.push({ entry, start: i, end });
        i = end - 1;
        break;
      }
    }
  }
  return hits;
}

const DETERMINERS = new Set(['the', 'a', 'an']);
/** Participles that, before a name, state a standing condition of it rather than tell an act. */
const STATUS_PARTICIPLES = new Set(['occupied', 'banned', 'besieged', 'annexed', 'exiled']);

/**
 * A status participle between a determiner and a name modifies the name and tells no event: "the
 * occupied West Bank", "the banned Movement for ..." ("a hijacked Sudan Airways plane" still tells
 * a hijacking).
 */
function attributive(view: TextView, i: number): boolean {
  const next = view.tokens[i + 1];
  return (
    STATUS_PARTICIPLES.has(view.lower[i]!) &&
    DETERMINERS.has(view.lower[i - 1] ?? '') &&
    next !== undefined &&
    /^\p{Lu}/u.test(view.text.slice(next.start, next.end))
  );
}

function matchAt(
  view: TextView,
  i: number,
  to: number,
  words: readonly string[],
  blocked: (i: number) => boolean,
): number | undefined {
  let k = i;
  for (let w = 0; w < words.length; w++) {
    let gaps = 0;
    while (w > 0 && k < to && GAP_WORDS.has(view.lower[k]!) && view.lower[k] !== words[w] && gaps < 2) {
      k++;
      gaps++;
    }
    if (k >= to || view.lower[k] !== words[w] || blocked(k)) return undefined;
    k++;
  }
  return k;
}
