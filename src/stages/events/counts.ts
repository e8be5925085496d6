/**
 * Count expressions ("Forty people were killed", "120 injured", "at least 57", "nine other
 * explosive devices", "dozens") and the field each one counts.
 *
 * Rule: a number counts the field of the nearest count word or casualty trigger after it in its
 * phrase ("32 people were detained", "two suicide attackers"); failing that, of the trigger that
 * governs it right before ("killing at least 57 people", "detained 12 people", "death toll to 61").
 * The qualifier comes from the words in front: "at least"/"no fewer than" → at-least, "more than"/
 * "over" → more-than, "nearly"/"almost"/"up to" → at-most, "about"/"some"/"around" and vague words
 * ("dozens") → about, "fewer than"/"less than" → fewer-than, otherwise exact.
 * Vague quantity words take the smallest value they allow, always with the qualifier "about"
 * (numbers.ts): "several" 3, "a dozen" 12, "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000.
 * Attackers who are themselves casualties ("at least 40 attackers were killed in the fighting") are no
 * count of the attack's attackers nor of its victims: such a number is left out.
 */
import type { Count, CountField } from '../../model/schema.js';
import type { TriggerEntry } from './lexicon.js';
import { mayStartNumber, parseNumber } from './numbers.js';
import { charSpan, type TextView } from './view.js';

export interface CountHit {
  readonly count: Count;
  readonly field: CountField | undefined;
  /** Token index of the word that gave the field (count word or trigger), the attachment anchor. */
  readonly anchor: number;
  readonly start: number;
  readonly end: number;
}

const QUALIFIERS: readonly [readonly string[], Count['qualifier']][] = [
  [['at', 'least'], 'at-least'],
  [['no', 'fewer', 'than'], 'at-least'],
  [['no', 'less', 'than'], 'at-least'],
  [['more', 'than'], 'more-than'],
  [['over'], 'more-than'],
  [['upwards', 'of'], 'more-than'],
  [['fewer', 'than'], 'fewer-than'],
  [['less', 'than'], 'fewer-than'],
  [['nearly'], 'at-most'],
  [['almost'], 'at-most'],
  [['up', 'to'], 'at-most'],
  [['at', 'most'], 'at-most'],
  [['as', 'many', 'as'], 'at-most'],
  [['about'], 'about'],
  [['around'], 'about'],
  [['some'], 'about'],
  [['approximately'], 'about'],
  [['roughly'], 'about'],
  [['an', 'estimated'], 'about'],
];
/** Words a number may be followed by that say it is no count of people or things. */
const UNITS = new Set([
  'years',
  'year',
  'days',
  'day',
  'weeks',
  'week',
  'months',
  'month',
  'hours',
  'hour',
  'minutes',
  'minute',
  'seconds',
  'p.m',
  'a.m',
  'p.m.',
  'a.m.',
  'pm',
  'am',
  'percent',
  '%',
  'per',
  'meters',
  'metres',
  'km',
  'kilometers',
  'kilometres',
  'miles',
  'feet',
  'dollars',
  'million',
  'billion',
  'times',
  "o'clock",
  'st',
  'nd',
  'rd',
  'th',
  'of',
]);
/** Words that may stand between a number and what it counts. */
const FILLER = new Set([
  'people',
  'persons',
  'others',
  'other',
  'civilians',
  'soldiers',
  'members',
  'children',
  'women',
  'men',
  'police',
  'officers',
  'troops',
  'militants',
  'worshippers',
  'mourners',
  'pilgrims',
  'students',
  'workers',
  'explosive',
  'suicide',
  'more',
  'were',
  'was',
  'had',
  'have',
  'has',
  'been',
  'being',
  'are',
  'reportedly',
  'also',
  'later',
  'nationals',
  'suspected',
  'alleged',
  'unexploded',
  'armed',
  'further',
  'additional',
  'individuals',
  'victims',
  'security',
  'forces',
  'personnel',
]);

export function findCounts(
  view: TextView,
  from: number,
  to: number,
  countWords: ReadonlyMap<string, CountField>,
  triggerAt: (i: number) => TriggerEntry | undefined,
): CountHit[] {
  const hits: CountHit[] = [];
  const fieldAt = (i: number): [CountField, number] | undefined => {
    const two = `${view.lower[i]} ${view.lower[i + 1] ?? ''}`;
    const f2 = i + 1 < to ? countWords.get(two) : undefined;
    if (f2) return [f2, i + 1];
    const f = countWords.get(view.lower[i]!);
    if (f) return [f, i];
    const t = triggerAt(i);
    if (t?.casualty) return [t.casualty, i];
    if (t && t.type === 'COERCE' && t.mode === 'arrest') return ['detained', i];
    return undefined;
  };
  for (let i = from; i < to; i++) {
    if (!mayStartNumber(view.lower[i]!)) continue;
    const words: string[] = [];
    for (let k = i; k < Math.min(to, i + 6); k++) words.push(view.lower[k]!);
    const parsed = parseNumber(words);
    if (!parsed) continue;
    const end = i + parsed.length;
    const next = view.lower[end] ?? '';
    // "one of the two attackers" counts the attackers, not the one; "four years" counts no one.
    if (UNITS.has(next) || (next === '-' && UNITS.has(view.lower[end + 1] ?? ''))) {
      i = end - 1;
      continue;
    }
    if (/^(18|19|20)\d\d$/.test(view.lower[i]!) && !countWords.has(next)) continue;
    // "Twin blasts", "two explosions": a number of events, not of victims.
    const counted = triggerAt(end);
    if (counted && counted.noun && !counted.casualty) {
      i = end - 1;
      continue;
    }
    let field: [CountField, number] | undefined;
    for (let k = end; k < Math.min(to, end + 5); k++) {
      field = fieldAt(k);
      if (field) break;
      const w = view.lower[k]!;
      if (!FILLER.has(w) && !(view.tokens[k]!.kind === 'word' && /^\p{Ll}+$/u.test(w) && k === end)) break;
    }
    if (field?.[0] === 'attackers') {
      let k = field[1] + 1;
      while (k < to && FILLER.has(view.lower[k]!)) k++;
      if (triggerAt(k)?.casualty) {
        i = end - 1;
        continue;
      }
    }
    let qualifier: Count['qualifier'] = parsed.vague ? 'about' : 'exact';
    let qStart = i;
    for (const [phrase, q] of QUALIFIERS) {
      const a = i - phrase.length;
      if (a >= from && phrase.every((p, n) => view.lower[a + n] === p)) {
        qualifier = q;
        qStart = a;
        break;
      }
    }
    if (!field) {
      // The governing trigger or count word before: "killing at least 57", "toll rose to 61".
      for (let k = qStart - 1; k >= Math.max(from, qStart - 4); k--) {
        field = fieldAt(k);
        if (field) break;
        if (view.tokens[k]!.kind === 'punct') break;
      }
    }
    const span = charSpan(view, qStart, end);
    hits.push({
      count: { value: parsed.value, qualifier, text: view.text.slice(span.start, span.end), span },
      field: field?.[0],
      anchor: field?.[1] ?? i,
      start: qStart,
      end,
    });
    i = end - 1;
  }
  return hits;
}
