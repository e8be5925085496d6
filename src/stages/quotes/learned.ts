/**
 * The trained attribution taggers inside the quote stage. The taggers (src/attribution/, learned from
 * PolNeAR) find cues, sources and contents, reported speech above all, far more often than the rules;
 * the rules resolve speakers through coreference and read stance. So: a tagged attribution whose cue or
 * content meets a rule statement lends that statement its spans (`Quote.attribution`); any other becomes a
 * statement of its own, its speaker phrase read by the rules' noun-phrase analysis.
 */
import { docArrays, loadAttribution, tagDocument, type TaggedAttribution } from '../../attribution/index.js';
import type { Span, Stance } from '../../model/schema.js';
import type { QuoteMarks } from './marks.js';
import { analyzeNP, PREPS, type SpeakerLexicons, type SpeakerRef } from './speaker.js';
import type { CueTable } from './lexicon.js';
import { trimSpan, type TextView } from './view.js';

/** One tagged attribution in character offsets. */
export interface LearnedAttribution {
  readonly cue: Span;
  readonly source?: Span;
  readonly content: readonly Span[];
  readonly tokens: TaggedAttribution;
}

/** Runs the taggers over the document (only sentences holding a word seen in a training cue). */
export function learnedAttributions(view: TextView, cues: CueTable): LearnedAttribution[] {
  const { weights } = loadAttribution();
  const n = view.tokens.length;
  const d = docArrays(
    view.text,
    view.tokens,
    view.words,
    view.lower,
    (i) => cues.match(view.lower, i, n)?.words.length ?? 0,
  );
  const span = (r: readonly [number, number]): Span => view.span(r[0], r[1] - 1);
  return tagDocument(weights, d, view.sentences).map((a) => ({
    cue: span(a.cue),
    ...(a.source !== undefined && { source: span(a.source) }),
    content: a.content.map(span),
    tokens: a,
  }));
}

/** Words after which a cue word is a noun ("the claims", "his promise"), not a report. */
export const NOMINAL_BEFORE = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'these',
  'those',
  'such',
  "'s",
  'this',
  'any',
  'no',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
const ARTICLES = new Set(['a', 'an', 'the']);

/** Who the tagged source phrase names: a pronoun to resolve later, else the rules' noun-phrase reading. */
export function learnedSpeaker(view: TextView, a: LearnedAttribution, lex: SpeakerLexicons): SpeakerRef {
  const s = a.tokens.source;
  // No speaker named ("it was reported that ..."): an unresolved speaker with no words, at the cue.
  if (s === undefined)
    return {
      kind: 'source',
      source: { kind: 'unresolved', text: '', span: a.cue },
      span: a.cue,
      person: false,
    };
  const first = view.lower[s[0]] ?? '';
  if (s[1] - s[0] === 1 && PRONOUNS.has(first))
    return { kind: 'pronoun', word: first === 'i' ? 'he' : first, span: view.span(s[0], s[0]) };
  const ref = analyzeNP(view, s[0], s[1] - 1, lex);
  // A phrase the rules would not attribute ("no one") stays unresolved rather than vanishing: the
  // tagger saw a speaker there.
  if (ref.kind === 'drop') {
    const span = view.span(s[0], s[1] - 1);
    return {
      kind: 'source',
      source: { kind: 'unresolved', text: view.slice(span), span },
      span,
      person: false,
    };
  }
  return ref;
}

/** The confidence of a stand-alone tagged statement: from 0.5, rising with the cue tagger's margin. */
export const learnedConfidence = (margin: number): number =>
  Math.round(100 * (0.5 + 0.35 * (1 - Math.exp(-margin / 20)))) / 100;

/** Words that show a content is a clause (a finite verb), not an object ("recalled its envoy to X"). */
const FINITE = new Set([
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'do',
  'does',
  'did',
  "'s",
  "'re",
  "'ll",
  "'d",
  'not',
  "n't",
]);

/** Words before which an -ed form is a participle, not a finite verb ("to be beefed up"). */
const NON_FINITE_BEFORE = new Set(['to', 'be', 'been', 'being']);

/** A clause: a finite auxiliary, or a past or third-person verb form after some subject word. */
function isClause(view: TextView, ranges: TaggedAttribution['content']): boolean {
  for (const [a, b] of ranges)
    for (let i = a; i < b; i++) {
      const w = view.lower[i] ?? '';
      if (FINITE.has(w)) return true;
      if (i > a && /^[a-z]{3,}(?:ed|es)$/u.test(w) && !NON_FINITE_BEFORE.has(view.lower[i - 1] ?? ''))
        return true;
    }
  return false;
}

/**
 * A cue the lexicon does not know is trusted without a clause when the cue tagger is sure of it (score
 * margin over O at least this) and its content is no bare object (at least this many tokens): "polls show
 * the race tied at …", but not "defended the agreement" or "recalled its envoy to the capital". Chosen on
 * PolNeAR dev (exact F1 source +0.6, cue +0.7, content +0.7; the example gold files unchanged, fixtures 0.757 -> 0.758).
 */
const SURE_MARGIN = 20;
const SURE_CONTENT_TOKENS = 6;

function sure(view: TextView, a: LearnedAttribution): boolean {
  let n = 0;
  let infinitive = false;
  for (const [x, y] of a.tokens.content) {
    n += y - x;
    for (let i = x; i < y && !infinitive; i++)
      infinitive = view.lower[i] === 'to' && /^[a-z]/u.test(view.lower[i + 1] ?? '');
  }
  // "ordered its forces to withdraw": an object and an infinitive make a directive, not a report.
  return a.tokens.margin >= SURE_MARGIN && n >= SURE_CONTENT_TOKENS && !infinitive;
}

/**
 * Whether a tagged attribution no rule statement confirms may stand alone. The tagger learned PolNeAR's
 * wide notion of attribution (beliefs, memories, intentions: "recalled its envoy" reads to it like
 * "recalled that"), so alone, unless the content is quoted or opens with "that", a cue the lexicon does
 * not know, or one it knows to report only with "that" ("declared a day of mourning"), needs a content
 * that is a clause, not an object or an infinitive ("wants to go"); a cue the lexicon does not know may
 * do without one when the tagger is sure of it (`sure`).
 */
export function admitAlone(view: TextView, cues: CueTable, a: LearnedAttribution, kind: string): boolean {
  return judgeAlone(view, cues, a, kind) === 'statement';
}

/**
 * What a tagged attribution no rule statement confirms is: a `statement` (`admitAlone`), an attribution
 * of another kind the product does not count as a statement (a belief, intention, agreement or act:
 * "wants to go", "declared a day of mourning", "listed as a group"), or `none` where the tagger misread
 * a phrase (a cue under "without", a noun after a determiner, a cue cut at an article, prepositions
 * alone, a participle after its subject, no content).
 */
export function judgeAlone(
  view: TextView,
  cues: CueTable,
  a: LearnedAttribution,
  kind: string,
): 'statement' | 'other' | 'none' {
  // "It goes without saying that …": a cue under "without" reports nothing.
  const c0 = a.tokens.cue[0];
  if (view.lower[c0 - 1] === 'without' || view.lower[c0] === 'without') return 'none';
  // "The claims could not be verified": a cue word after a determiner is a noun, as for the rules.
  if (a.tokens.cue[1] - c0 === 1 && NOMINAL_BEFORE.has(view.lower[c0 - 1] ?? '')) return 'none';
  // A cue that ends in an article ("said in a | statement") cut a phrase in two: its content is the rest.
  if (ARTICLES.has(view.lower[a.tokens.cue[1] - 1] ?? '')) return 'none';
  // A cue of prepositions alone ("for", "about") is a piece of a phrase the tagger misread.
  let verbal = false;
  for (let i = a.tokens.cue[0]; i < a.tokens.cue[1] && !verbal; i++) verbal = !PREPS.has(view.lower[i] ?? '');
  if (!verbal) return 'none';
  // "Protesters calling for reform marched": a participle right after its subject modifies a noun.
  const src = a.tokens.source;
  if (src !== undefined && src[1] === a.tokens.cue[0] && /ing$/u.test(view.lower[a.tokens.cue[0]] ?? ''))
    return 'none';
  const first = a.tokens.content[0];
  if (first === undefined) return 'none';
  const opener = view.lower[first[0]] ?? '';
  if (kind !== 'indirect' || opener === 'that') return 'statement';
  const verdict = (statement: boolean): 'statement' | 'other' => (statement ? 'statement' : 'other');
  // A lexicon cue that reports a demand, threat or promise states it as an infinitive ("urged Congress to
  // act", "promised to lift the rules"); other cues before "to" name an intention ("wants to go").
  if (opener === 'to')
    for (let i = a.tokens.cue[0]; i < a.tokens.cue[1]; i++) {
      const c = cues.match(view.lower, i, view.tokens.length);
      if (c) return verdict(c.stance === 'request' || c.stance === 'threaten' || c.flags.has('np'));
    }
  // A content that opens with a preposition is a phrase, not a statement ("listed as a terrorist group").
  if (PREPS.has(opener) || opener === 'as') return 'other';
  for (let i = a.tokens.cue[0]; i < a.tokens.cue[1]; i++) {
    const c = cues.match(view.lower, i, view.tokens.length);
    if (c) return verdict(!c.flags.has('that') || isClause(view, a.tokens.content) || sure(view, a));
  }
  return verdict((opener !== 'to' && isClause(view, a.tokens.content)) || sure(view, a));
}

/** The stance of the first lexicon cue inside the tagged cue, else a plain assertion. */
export function learnedStance(
  view: TextView,
  cues: CueTable,
  a: LearnedAttribution,
): { stance: Stance; weak: boolean } {
  for (let i = a.tokens.cue[0]; i < a.tokens.cue[1]; i++) {
    const c = cues.match(view.lower, i, view.tokens.length);
    if (c) return { stance: c.stance, weak: c.flags.has('weak') };
  }
  return { stance: 'assert', weak: false };
}

const LEAD = /[\s"“”‘’«»]/u;
const TRAIL = /[\s,.;:"“”‘’«»]/u;

/**
 * The statement as the product shows it: the longest content fragment without its quotation marks, a
 * leading "that" or final punctuation (the annotated spans stay in `Quote.attribution`).
 */
export function displayContent(view: TextView, a: LearnedAttribution): Span | undefined {
  let best: Span | undefined;
  for (const f of a.content) if (!best || f.end - f.start > best.end - best.start) best = f;
  if (!best) return undefined;
  let s = trimSpan(view.text, best, TRAIL, LEAD);
  const m = /^that\s+/iu.exec(view.text.slice(s.start, s.end));
  if (m) s = trimSpan(view.text, { start: s.start + m[0].length, end: s.end }, TRAIL, LEAD);
  return s.end > s.start ? s : undefined;
}

/** Direct when the statement lies inside one quotation, mixed when it holds one, else indirect. */
export function kindOf(marks: readonly QuoteMarks[], content: Span): 'direct' | 'mixed' | 'indirect' {
  for (const m of marks) {
    if (m.inner.start <= content.start && content.end <= m.inner.end) return 'direct';
    if (content.start < m.inner.start && m.inner.end <= content.end) return 'mixed';
  }
  return 'indirect';
}

/** A rule statement's content widened to the quotation marks around it, as PolNeAR annotates it. */
export function withMarks(text: string, marks: readonly QuoteMarks[], content: Span): Span {
  for (const m of marks) {
    if (m.inner.start <= content.start && content.end <= m.inner.end) {
      // Only a content that fills its quotation (up to final punctuation) takes the marks.
      const before = text.slice(m.inner.start, content.start).trim();
      const after = text.slice(content.end, m.inner.end).trim();
      if (before === '' && /^[.,!?]*$/u.test(after))
        return { start: m.open, end: m.closed ? Math.min(m.close + 1, text.length) : m.inner.end };
    }
  }
  return content;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * Words the PolNeAR annotators take into a cue when they stand right before it ("has said", "is
 * demanding", "also noted", "could deny"): in PolNeAR train each is inside the cue at least 80% of the
 * times it stands before one (counted over the gold cues, e.g. "has" 727 in, 7 out; "then" and "even"
 * fall short).
 */
const CUE_LEAD = new Set([
  'has',
  'is',
  'have',
  'was',
  'also',
  'are',
  'had',
  'were',
  'will',
  'would',
  'did',
  'could',
  'can',
  'does',
  'may',
  'might',
  'should',
  'must',
  'do',
  'never',
  'not',
]);

/**
 * Words that end a cue of several words under 20% of the times they follow a cue in PolNeAR train ("in"
 * 54 against 270: "said in" is "said", or "said in a statement"; "during", "no", "that", articles never).
 */
const CUE_TAIL_OUT = new Set(['in', 'during', 'no', 'that', 'the', 'a', 'an']);

/**
 * A cue widened to the left over the auxiliaries and adverbs the annotators count in (see CUE_LEAD),
 * never into one of the statement's other spans, and cut of the words that do not end cues (CUE_TAIL_OUT).
 */
export function polnearCue(text: string, cue: Span, others: readonly Span[]): Span {
  let floor = 0;
  for (const o of others) if (o.end <= cue.start) floor = Math.max(floor, o.end);
  let end = cue.end;
  for (;;) {
    const m = / +([A-Za-z]+)$/u.exec(text.slice(cue.start, end));
    if (m === null || !CUE_TAIL_OUT.has((m[1] as string).toLowerCase())) break;
    end -= m[0].length;
  }
  let start = cue.start;
  for (;;) {
    const m = /([A-Za-z]+) +$/u.exec(text.slice(Math.max(floor, start - 12), start));
    if (m === null || !CUE_LEAD.has((m[1] as string).toLowerCase())) return { start, end };
    start -= m[0].length;
  }
}
