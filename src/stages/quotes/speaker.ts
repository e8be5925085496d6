/** Finds who speaks at a cue: the noun phrase left of it, right of it (inverted cues), or the clause subject. */
import type { Mention, Source, Span } from '../../model/schema.js';
import type { TextView } from './view.js';

export type SpeakerRef =
  /** `np`: the whole speaker phrase ("Ruritania's interior ministry"), when wider than `span`. */
  | {
      readonly kind: 'source';
      readonly source: Source;
      readonly span: Span;
      readonly person: boolean;
      readonly np?: Span;
    }
  /** he/she/they/it: resolved later against earlier speakers and mentions. */
  | { readonly kind: 'pronoun'; readonly word: string; readonly span: Span }
  /** "the group", "the army", "the interior ministry": a speaker named earlier (same head noun), else unresolved. */
  | { readonly kind: 'description'; readonly text: string; readonly span: Span }
  /** A phrase that must not be attributed ("No group has claimed", "which state media say"). */
  | { readonly kind: 'drop' };

export interface SpeakerLexicons {
  readonly groups: ReadonlySet<string>;
  readonly media: ReadonlySet<string>;
  readonly descriptions: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
}

export interface LeftSpeaker {
  readonly ref: SpeakerRef;
  /** First token of the speaker's clause: where a coordinated statement before it ends. */
  readonly clauseStart: number;
  /** The cue shares the subject of an earlier verb ("denied ..., and told media"). */
  readonly coordinated: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we']);
const DETS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
const NEG_DETS = new Set(['no', 'none', 'nobody', 'neither', 'nothing', 'nor']);
const NEGATORS = new Set(['not', 'never']);
// Auxiliaries and adverbs that may stand between a speaker and the cue ("X has also repeatedly said").
export const SKIP_LEFT = new Set([
  'has',
  'have',
  'had',
  'also',
  'later',
  'earlier',
  'repeatedly',
  'previously',
  'reportedly',
  'again',
  'then',
  'now',
  'would',
  'will',
  'could',
  'did',
  'does',
  'do',
  'is',
  'was',
  'were',
  'been',
  'be',
  'already',
  'once',
  'further',
  'recently',
  'publicly',
  'separately',
  'immediately',
  'allegedly',
  'flatly',
  'firmly',
  'categorically',
  'explicitly',
  'openly',
  'may',
  'might',
  'must',
  'can',
  'should',
  'not',
  'never',
  'strongly',
  'vehemently',
  'quickly',
  'swiftly',
  'often',
  'frequently',
  'first',
  'finally',
  'subsequently',
  'directly',
  'privately',
  'formally',
  'officially',
]);
export const PREPS = new Set([
  'in',
  'of',
  'from',
  'at',
  'near',
  'to',
  'for',
  'on',
  'into',
  'inside',
  'across',
  'against',
  'by',
  'over',
  'under',
  'about',
  'between',
  'through',
  'toward',
  'towards',
  'within',
  'outside',
  'around',
]);
export const CLAUSE_STOP = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'what',
  'when',
  'while',
  'because',
  'but',
  'if',
  'as',
  'after',
  'before',
  'since',
  'although',
  'though',
  'whereas',
  'with',
  'where',
  'said',
  'says',
  'say',
  'told',
  'and',
  'or',
]);
const RELATIVE = new Set(['which', 'what', 'who', 'whom', 'that', 'whose']);
const COORDINATORS = new Set(['and', 'but', 'or', ';', 'while']);
const REPORT_NOUNS = new Set([
  'figures',
  'data',
  'statistics',
  'report',
  'reports',
  'statement',
  'statements',
  'estimates',
  'documents',
  'sources',
  'tally',
  'count',
  'numbers',
  'information',
  'comments',
  'remarks',
]);
// Plural nouns for people who speak for themselves ("Residents said"): unresolved speakers, not dropped.
const PEOPLE = new Set([
  'residents',
  'witnesses',
  'analysts',
  'experts',
  'critics',
  'activists',
  'protesters',
  'protestors',
  'demonstrators',
  'doctors',
  'villagers',
  'survivors',
  'observers',
  'organizers',
  'organisers',
  'lawyers',
  'researchers',
  'scientists',
  'economists',
  'rescuers',
  'medics',
  'relatives',
  'neighbours',
  'neighbors',
  'locals',
  'students',
  'workers',
  'farmers',
  'voters',
  'supporters',
  'opponents',
  'parents',
  'teachers',
  'families',
  'refugees',
  'traders',
  'investors',
  'campaigners',
]);
const PARTICIPLES = new Set([
  'given',
  'released',
  'published',
  'issued',
  'provided',
  'compiled',
  'cited',
  'quoted',
  'close',
]);

function fromMention(view: TextView, m: Mention, person: boolean): SpeakerRef {
  if (m.entity !== undefined)
    return { kind: 'source', source: { kind: 'entity', entity: m.entity }, span: m.span, person };
  return { kind: 'source', source: { kind: 'unresolved', text: m.text, span: m.span }, span: m.span, person };
}

function unresolved(view: TextView, a: number, b: number, person: boolean): SpeakerRef {
  const span = view.span(a, b);
  return { kind: 'source', source: { kind: 'unresolved', text: view.slice(span), span }, span, person };
}

/** A place or demonym mention standing for a state: capitals resolve to their country. */
function stateOf(view: TextView, m: Mention): SpeakerRef {
  const link = m.link ?? '';
  const code = /^(?:city-of|capital):(.+)$/.exec(link)?.[1];
  const country = code !== undefined ? view.countryEntity(code) : undefined;
  if (country)
    return { kind: 'source', source: { kind: 'entity', entity: country.id }, span: m.span, person: false };
  return fromMention(view, m, false);
}

/** Decides who a noun phrase (tokens a..b inclusive) names as a speaker. */
export function analyzeNP(view: TextView, a: number, b: number, lex: SpeakerLexicons): SpeakerRef {
  const lower = view.lower;
  if (NEG_DETS.has(lower[a]!)) return { kind: 'drop' };
  // The head is the word before the first preposition: "officials in the capital" → officials.
  let head = b;
  for (let k = a + 1; k <= b; k++) {
    if (PREPS.has(lower[k]!)) {
      head = k - 1;
      break;
    }
  }
  const headWord = lower[head]!;
  const span = view.span(a, b);
  const ms = view.mentionsIn(span);
  if (head === a + 1 && DETS.has(lower[a]!) && lex.descriptions.has(headWord)) {
    return { kind: 'description', text: view.slice(span), span };
  }
  // "the army", "the interior ministry", "the government": no name inside; resolved against earlier speakers.
  if (
    lower[a] === 'the' &&
    head === b &&
    ms.length === 0 &&
    (lex.groups.has(headWord) || lex.descriptions.has(headWord)) &&
    !lex.media.has(headWord)
  ) {
    return { kind: 'description', text: view.slice(span), span };
  }
  if (lex.media.has(headWord)) {
    // A named outlet heads the phrase only when the phrase ends with it ("state broadcaster IRIB").
    const last = ms[ms.length - 1];
    if (last && last.span.end === span.end && last.type === 'ORG') return fromMention(view, last, false);
    return unresolved(view, a, head, false);
  }
  if (lex.groups.has(headWord) || lex.groups.has(`${lower[head - 1]} ${headWord}`)) {
    const pick = ms.find(
      (m) => m.type === 'GPE' || m.type === 'NORP' || m.form === 'demonym' || m.type === 'ORG',
    );
    if (pick) {
      const ref = pick.type === 'ORG' ? fromMention(view, pick, false) : stateOf(view, pick);
      return ref.kind === 'source' ? { ...ref, np: view.span(a, head) } : ref;
    }
    return unresolved(view, a, head, false);
  }
  const persons = ms.filter((m) => m.type === 'PERSON' && m.entity !== undefined);
  const named = persons[persons.length - 1];
  if (lex.titles.has(headWord) && !(named && named.span.end === view.tokens[head]!.end))
    return unresolved(view, a, head, true);
  if (named) return fromMention(view, named, true);
  const last = ms[ms.length - 1];
  if (last && last.span.end === view.tokens[head]!.end)
    return fromMention(view, last, last.type === 'PERSON');
  // A lone word that is neither a name nor a speaker noun ("Early reports") is no speaker.
  if (head === a && ms.length === 0 && view.isCapitalized(a) && !PEOPLE.has(headWord))
    return { kind: 'drop' };
  return unresolved(view, a, head, false);
}

function tokenIndexOf(view: TextView, offset: number): number {
  return view.tokenAtOrAfter(offset);
}

/** The speaker left of the cue at token `cue`, looking no further left than token `floor`. */
export function leftSpeaker(
  view: TextView,
  cue: number,
  floor: number,
  lex: SpeakerLexicons,
): LeftSpeaker | undefined {
  const lower = view.lower;
  let j = cue - 1;
  while (j >= floor && (SKIP_LEFT.has(lower[j]!) || lower[j]!.endsWith("n't"))) {
    if (NEGATORS.has(lower[j]!) || lower[j]!.endsWith("n't"))
      return { ref: { kind: 'drop' }, clauseStart: j, coordinated: false };
    j--;
  }
  if (j < floor) return undefined;
  // "Jane Roe (D-Ruritania) said": a parenthesis between the speaker and the cue is skipped.
  if (lower[j] === ')') {
    let o = j - 1;
    while (o > floor && j - o < 10 && lower[o] !== '(' && lower[o] !== ')') o--;
    if (lower[o] === '(' && o - 1 >= floor) j = o - 1;
  }
  const w = lower[j]!;
  if (COORDINATORS.has(w)) {
    const start = j - 1 >= floor && lower[j - 1] === ',' ? j - 1 : j;
    return { ref: { kind: 'drop' }, clauseStart: start, coordinated: true };
  }
  if (w === ',') return appositive(view, j, floor, lex) ?? describedSubject(view, j, floor, lex);
  if (PRONOUNS.has(w))
    return { ref: { kind: 'pronoun', word: w, span: view.span(j, j) }, clauseStart: j, coordinated: false };
  const m = view.mentionEnding[j];
  if (m) {
    const ms = tokenIndexOf(view, m.span.start);
    if (!(ms - 1 >= floor && PREPS.has(lower[ms - 1]!))) {
      let k = ms;
      // Modifiers before the name: "Iranian Parliamentary Speaker X", "the late Commander X".
      while (
        k - 1 >= floor &&
        !CLAUSE_STOP.has(lower[k - 1]!) &&
        (view.isCapitalized(k - 1) ||
          view.isAbbrevDot(k - 1) ||
          lower[k - 1] === "'s" ||
          DETS.has(lower[k - 1]!) ||
          view.mentionEnding[k - 1])
      ) {
        if (view.isPunct(k - 1)) break;
        k--;
      }
      if (k - 1 >= floor && RELATIVE.has(lower[k - 1]!))
        return { ref: { kind: 'drop' }, clauseStart: k, coordinated: false };
      if (NEG_DETS.has(lower[k] ?? '')) return { ref: { kind: 'drop' }, clauseStart: k, coordinated: false };
      const ref = fromMention(view, m, m.type === 'PERSON');
      return {
        ref: ref.kind === 'source' && k < ms ? { ...ref, np: view.span(k, j) } : ref,
        clauseStart: k,
        coordinated: false,
      };
    }
  }
  if (view.isPunct(j) && lower[j] !== "'s") return undefined;
  let k = j;
  while (
    k - 1 >= floor &&
    j - k < 14 &&
    !CLAUSE_STOP.has(lower[k - 1]!) &&
    !(view.isPunct(k - 1) && lower[k - 1] !== "'s")
  )
    k--;
  if (k - 1 >= floor && RELATIVE.has(lower[k - 1]!))
    return { ref: { kind: 'drop' }, clauseStart: k, coordinated: false };
  return { ref: analyzeNP(view, k, j, lex), clauseStart: k, coordinated: false };
}

/** "The head of X, NAME, vowed": the name between commas is the speaker. */
function appositive(
  view: TextView,
  comma: number,
  floor: number,
  lex: SpeakerLexicons,
): LeftSpeaker | undefined {
  const m = view.mentionEnding[comma - 1];
  if (!m || m.entity === undefined) return undefined;
  const ms = tokenIndexOf(view, m.span.start);
  if (ms - 1 < floor || view.lower[ms - 1] !== ',') return undefined;
  let k = ms - 1;
  while (
    k - 1 >= floor &&
    !CLAUSE_STOP.has(view.lower[k - 1]!) &&
    !(view.isPunct(k - 1) && view.lower[k - 1] !== "'s")
  )
    k--;
  void lex;
  return { ref: fromMention(view, m, m.type === 'PERSON'), clauseStart: k, coordinated: false };
}

const APPOSITION_BAD_START = new Set([
  ...CLAUSE_STOP,
  ...PRONOUNS,
  'i',
  'you',
  'both',
  'either',
  'nor',
  'then',
  'so',
  'yet',
]);

/**
 * "John Roe, a former minister, said" / "Jama'at X (JX), the group's affiliate in the region, claimed":
 * the speaker is the phrase before an appositive that sits between the speaker and the cue.
 */
function describedSubject(
  view: TextView,
  comma: number,
  floor: number,
  lex: SpeakerLexicons,
): LeftSpeaker | undefined {
  const lower = view.lower;
  let commas = 0;
  let best: LeftSpeaker | undefined;
  for (let c = comma - 1; c > floor && comma - c <= 40; c--) {
    if (lower[c] !== ',') {
      if (view.isPunct(c) && !['(', ')', '-', '--', '—', '–', "'s", "'"].includes(lower[c]!))
        return undefined;
      continue;
    }
    if (++commas > 3) return undefined;
    const first = c + 1;
    const opener = lower[first]!;
    // "X, who led the agency for a decade, denies": a relative clause set off by commas describes X.
    const relative = opener === 'who' || opener === 'which';
    if (!relative && (APPOSITION_BAD_START.has(opener) || /n't$/u.test(opener))) continue;
    // "In the capital, Jane Roe, a minister, said": a name opens no description.
    if (view.mentionStarting[first]?.type === 'PERSON') continue;
    // The appositive describes: it holds a lower-case word (or is an age), and no clause of its own.
    let described = false;
    let clause = false;
    for (let t = first; t < comma; t++) {
      const x = lower[t]!;
      if (x === ',') continue;
      if (/^\p{Ll}/u.test(view.words[t]!) && !DETS.has(x) && !PREPS.has(x) && x !== 'and' && x !== 'of')
        described = true;
      if (/^\d+$/u.test(x) && t === first && lower[t + 1] === ',') described = true;
      if (x === 'said' || x === 'says' || x === 'told' || PRONOUNS.has(x)) clause = true;
    }
    if (!relative && (!described || clause)) continue;
    const subject = leftSpeaker(view, c, floor, lex);
    if (!subject || subject.coordinated || subject.ref.kind === 'drop') continue;
    const start = subject.clauseStart;
    const before = lower[start - 1];
    const opensClause =
      start <= floor ||
      before === ',' ||
      before === ':' ||
      before === 'that' ||
      before === '"' ||
      before === '”' ||
      before === "''";
    if (!opensClause) continue;
    // Nested descriptions ("X, the attorney general of Y, one of the states suing Z,"): a named speaker wins.
    if (subject.ref.kind === 'source' && subject.ref.source.kind === 'entity') return subject;
    best ??= subject;
  }
  return best;
}

/** The speaker right of an inverted cue ("said X", "according to figures given by X"). */
export function rightSpeaker(
  view: TextView,
  from: number,
  end: number,
  lex: SpeakerLexicons,
): { ref: SpeakerRef; end: number } | undefined {
  const lower = view.lower;
  let k = from;
  const save = k;
  if (DETS.has(lower[k] ?? '')) k++;
  if (REPORT_NOUNS.has(lower[k] ?? '')) {
    k++;
    if (PARTICIPLES.has(lower[k] ?? '')) k++;
    if (['by', 'from', 'of', 'to'].includes(lower[k] ?? '')) k++;
    else k = save;
  } else k = save;
  let j = k;
  let lastHead = -1;
  while (j < end && j - k < 8) {
    const w = lower[j]!;
    if (view.isPunct(j) && w !== "'s") break;
    if (PREPS.has(w) || CLAUSE_STOP.has(w) || SKIP_LEFT.has(w)) break;
    const inMention = view.inMention(j);
    if (inMention || view.isCapitalized(j) || lex.titles.has(w) || lex.groups.has(w) || lex.media.has(w))
      lastHead = j;
    j++;
  }
  if (lastHead < k) return undefined;
  return { ref: analyzeNP(view, k, lastHead, lex), end: lastHead + 1 };
}

const AUX = new Set([
  'has',
  'have',
  'had',
  'is',
  'was',
  'were',
  'are',
  'will',
  'would',
  'could',
  'can',
  'did',
  'does',
  'do',
]);

/** The subject of the sentence's main clause: the phrase before its first verb. */
export function subjectOf(
  view: TextView,
  start: number,
  end: number,
  lex: SpeakerLexicons,
  isCue: (i: number) => boolean,
): LeftSpeaker | undefined {
  let from = start;
  // Skip an introductory phrase ending in a comma ("In a statement on Friday, ...").
  if (PREPS.has(view.lower[start] ?? '')) {
    for (let i = start; i < Math.min(end, start + 12); i++) {
      if (view.lower[i] === ',') {
        from = i + 1;
        break;
      }
    }
  }
  for (let i = from + 1; i < end; i++) {
    const w = view.lower[i]!;
    if (view.isPunct(i) && w !== "'s") return undefined;
    const verbLike =
      AUX.has(w) || isCue(i) || (/^\p{Ll}+ed$/u.test(view.words[i]!) && !view.mentionEnding[i]);
    if (verbLike) return leftSpeaker(view, i, from, lex);
  }
  return undefined;
}
