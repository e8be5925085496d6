/**
 * Arguments that are not named where the verb stands: unnamed state forces ("security forces detained",
 * "urged the authorities to") stand for their country, and pronouns ("accuse him of", "She called on")
 * for a name told shortly before.
 *
 * - A force noun's country is the one that modifies it ("Freedonian police", "X's army"; those are
 *   ordinary mentions found by subject search), else the country named with it earlier in the
 *   document ("the army" after "X's army"), else the document's home country: the country of its
 *   dateline city, else the country it mentions clearly most often (at least twice as often as the next).
 * - "authorities in CITY" stand for the city's country.
 * - he/him/she/her: the most mentioned person among those named in the previous and the current
 *   sentence before the pronoun (the latest on a tie); it/they as a subject: the subject of the
 *   previous sentence when that is an organization or a country; them after a verb: the targets
 *   of the act told just before it in the same clause chain ("imposed sanctions on X and Y, accusing them").
 */
import type { Entity } from '../../model/schema.js';
import type { SentenceContext } from './mentions.js';
import type { MentionAt, TextView } from './view.js';

/** Nouns that name a state's armed or civil forces without naming the state. */
export const FORCE_NOUNS = new Set([
  'police',
  'policemen',
  'troops',
  'forces',
  'army',
  'military',
  'authorities',
  'soldiers',
  'navy',
  'junta',
  'government',
  'regime',
  'gendarmes',
  'gendarmerie',
  'services',
]);
/** Words that may stand before a force noun inside its phrase ("the riot police", "security forces"). */
const FORCE_MODIFIERS = new Set([
  'the',
  'security',
  'armed',
  'riot',
  'special',
  'government',
  'state',
  'federal',
  'national',
  'local',
  'paramilitary',
  'military',
  'border',
  'intelligence',
  'anti-riot',
  'police',
]);
/** Words that may stand between a subject and its verb ("police had also arrested"). */
const VERB_LEAD = new Set([
  'had',
  'has',
  'have',
  'was',
  'were',
  'is',
  'are',
  'also',
  'later',
  'then',
  'again',
  'reportedly',
  'allegedly',
  'already',
  'subsequently',
  'on',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/** The first token of the verb group that ends right before `i` ("had also arrested" → "had"). */
export function verbGroupStart(view: TextView, i: number, floor: number): number {
  let k = i;
  while (k - 1 >= floor && (VERB_LEAD.has(view.lower[k - 1]!) || /^\p{Ll}+ly$/u.test(view.lower[k - 1]!)))
    k--;
  return k;
}

/** The country entity with this ISO code, when the document has one. */
export function countryEntity(ctx: SentenceContext, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  for (const [entity, c] of ctx.entityCountry)
    if (c === code && ctx.countryEntities.has(entity)) return entity;
  return undefined;
}

/**
 * The document's home country: the country of its dateline city (one country only), else the country
 * mentioned at least twice and twice as often as any other.
 */
export function homeCountry(
  view: TextView,
  at: readonly (MentionAt | undefined)[],
  entities: readonly Entity[],
  countryEntities: ReadonlySet<string>,
  entityCountry: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const codes = new Set<string>();
  for (let k = 0; k < view.tokens.length; k++) {
    const m = at[k];
    if (!m || !view.dateline[k] || m.start !== k) continue;
    if (m.mention.type !== 'GPE') continue;
    const code = entityCountry.get(m.entity);
    if (code !== undefined) codes.add(code);
  }
  const byCode = (code: string): string | undefined => {
    for (const id of countryEntities) if (entityCountry.get(id) === code) return id;
    return undefined;
  };
  if (codes.size === 1) {
    const found = byCode([...codes][0]!);
    if (found) return found;
  }
  if (codes.size > 1) return undefined;
  const counts = entities
    .filter((e) => countryEntities.has(e.id))
    .map((e) => ({ id: e.id, n: e.mentions.length }))
    .sort((a, b) => b.n - a.n);
  const top = counts[0];
  if (!top || top.n < 2) return undefined;
  const next = counts[1]?.n ?? 0;
  return top.n >= 2 * next ? top.id : undefined;
}

/**
 * The country a force noun ending at token `j` stands for, when nothing in its phrase names one:
 * a country named earlier with the same noun ("X's army" ... "the army"), else the home country.
 */
export function forceCountry(ctx: SentenceContext, j: number): string | undefined {
  const { view } = ctx;
  const noun = view.lower[j]!;
  if (!FORCE_NOUNS.has(noun)) return undefined;
  // "services" stands for a force only as "security services".
  if (noun === 'services' && view.lower[j - 1] !== 'security') return undefined;
  // "their army", "its troops", "rebel forces": owned by someone else than a state.
  let k = j - 1;
  while (k >= 0 && FORCE_MODIFIERS.has(view.lower[k]!)) k--;
  const before = view.lower[k] ?? '';
  if (ctx.at[k] !== undefined) return undefined;
  if (/^\p{Lu}/u.test(view.text.slice(view.tokens[k + 1]?.start ?? 0, view.tokens[k + 1]?.end ?? 0))) {
    // "Security forces" opening a sentence is fine; "Rebel Forces" is a name the recognizer missed.
    if (k + 1 !== j && view.clauseStart[k + 1] !== k + 1) return undefined;
  }
  if (['its', 'their', 'his', 'her', 'our', 'rebel', 'rebels', 'opposition', 'allied'].includes(before))
    return undefined;
  for (let b = j - 1; b >= 0; b--) {
    const m = ctx.at[b];
    if (!m || m.start !== b || !ctx.countryEntities.has(m.entity)) continue;
    const next = view.lower[m.end];
    if (next === noun || ((next === "'s" || next === '’s') && view.lower[m.end + 1] === noun))
      return m.entity;
  }
  return ctx.home;
}

/** The force subject of a verb at `i` ("Security forces detained"), as the country it stands for. */
export function forceSubject(ctx: SentenceContext, i: number, floor: number): string | undefined {
  const j = verbGroupStart(ctx.view, i, floor) - 1;
  if (j < floor || ctx.view.inQuote[j]) return undefined;
  return forceCountry(ctx, j);
}

/** "urged the authorities (in X) to ...": the force object right after a verb, as its country. */
export function forceObject(ctx: SentenceContext, a: number, ce: number, bare = false): string | undefined {
  const { view } = ctx;
  let k = a;
  while (k < ce && FORCE_MODIFIERS.has(view.lower[k]!)) k++;
  // After a verb the force is definite ("urged the authorities"); after "by" it may be bare ("by police").
  if (k >= ce || (!bare && (k === a || view.lower[a] !== 'the'))) return undefined;
  if (!FORCE_NOUNS.has(view.lower[k]!) || ctx.at[k]) return undefined;
  if (view.lower[k + 1] === 'of' || ctx.at[k + 1]) return undefined;
  if (view.lower[k + 1] === 'in') {
    const m = ctx.at[k + 2];
    if (m && m.mention.type === 'GPE') {
      if (ctx.countryEntities.has(m.entity)) return m.entity;
      return countryEntity(ctx, ctx.entityCountry.get(m.entity));
    }
  }
  return forceCountry(ctx, k);
}

/** A mention of `entity` standing at token `at`: how an implied argument joins the mention lists. */
export function entityMention(ctx: SentenceContext, entity: string, at: number): MentionAt | undefined {
  const m = ctx.at.find((x) => x !== undefined && x.entity === entity);
  return m ? { ...m, start: at, end: at + 1 } : undefined;
}

const PERSON_PRONOUNS = new Set(['he', 'him', 'she', 'her']);
const GROUP_PRONOUNS = new Set(['it', 'they']);

function asMention(antecedent: MentionAt, at: number): MentionAt {
  return { ...antecedent, start: at, end: at + 1 };
}

/** he/him/she/her at token i: the most mentioned person of the previous and the current sentence before i. */
export function personPronoun(ctx: SentenceContext, i: number): MentionAt | undefined {
  const { view } = ctx;
  if (!PERSON_PRONOUNS.has(view.lower[i]!)) return undefined;
  const sentence = view.sentenceOf[i]!;
  const from = view.sentences[Math.max(0, sentence - 1)]!.tokenStart;
  let best: MentionAt | undefined;
  let bestN = -1;
  for (let k = from; k < i; k++) {
    const m = ctx.at[k];
    if (!m || m.start !== k || m.mention.type !== 'PERSON' || view.inQuote[k]) continue;
    const n = ctx.salience?.get(m.entity) ?? 1;
    if (n >= bestN) {
      best = m;
      bestN = n;
    }
  }
  return best ? asMention(best, i) : undefined;
}

/**
 * A pronoun subject right before the verb at i ("She called on", "he urged", "It said"): the person
 * it stands for, or for it/they the subject of the previous sentence when an organization or country.
 */
export function pronounSubject(ctx: SentenceContext, i: number, floor: number): MentionAt | undefined {
  const { view } = ctx;
  const j = verbGroupStart(view, i, floor) - 1;
  if (j < floor || view.inQuote[j]) return undefined;
  const w = view.lower[j]!;
  if (PERSON_PRONOUNS.has(w) && w !== 'him' && w !== 'her') return personPronoun(ctx, j);
  if (!GROUP_PRONOUNS.has(w) || j !== view.sentences[view.sentenceOf[j]!]!.tokenStart) return undefined;
  const sentence = view.sentenceOf[j]!;
  if (sentence === 0) return undefined;
  const prev = view.sentences[sentence - 1]!;
  // The first name of the previous sentence outside quotes and prepositions is its subject.
  for (let k = prev.tokenStart; k < prev.tokenEnd; k++) {
    const m = ctx.at[k];
    if (view.inQuote[k]) continue;
    if (!m) {
      if (
        ['in', 'on', 'at', 'of', 'with', 'for', 'from', 'to', 'by', 'after', 'before'].includes(
          view.lower[k]!,
        )
      )
        return undefined;
      continue;
    }
    if (m.start !== k) continue;
    if (view.lower[m.end] === "'s" || view.lower[m.end] === '’s') return undefined;
    if (m.mention.type !== 'ORG' && !ctx.countryEntities.has(m.entity)) return undefined;
    return asMention(m, j);
  }
  return undefined;
}
