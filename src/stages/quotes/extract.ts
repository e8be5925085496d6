/**
 * Quote extraction: direct quotes attributed through a cue next to their marks, reported speech
 * around cues (forward "X said that ...", sentence-final "..., X has said", "according to X",
 * coordinated and participial cues), and mixed quotes whose reported content carries a quoted fragment.
 */
import { datelineLength } from '../../text/dateline.js';
import type {
  Attribution as AttributionRecord,
  Quote,
  QuoteKind,
  Source,
  Span,
  Stance,
} from '../../model/schema.js';
import type { CueTable, Cue, StancePattern } from './lexicon.js';
import { findQuoteMarks, type QuoteMarks } from './marks.js';
import {
  analyzeNP,
  CLAUSE_STOP,
  leftSpeaker,
  PREPS,
  rightSpeaker,
  SKIP_LEFT,
  subjectOf,
  type LeftSpeaker,
  type SpeakerLexicons,
  type SpeakerRef,
} from './speaker.js';
import {
  displayContent,
  judgeAlone,
  kindOf,
  learnedAttributions,
  learnedConfidence,
  learnedSpeaker,
  learnedStance,
  NOMINAL_BEFORE,
  overlaps,
  polnearCue,
  withMarks,
  type LearnedAttribution,
} from './learned.js';
import { hasWord, refineStance } from './stance.js';
import { trimSpan, type TextView } from './view.js';

export const STAGE = 'quotes.rules';
export const VERSION = 2;
const REF = `${STAGE}@${VERSION}`;

export interface QuoteLexicons extends SpeakerLexicons {
  readonly cues: CueTable;
  readonly stancePatterns: readonly StancePattern[];
  readonly violent: ReadonlySet<string>;
}

/** The spans of a statement in the PolNeAR convention (see Quote.attribution). */
interface AttributionSpans {
  readonly source?: Span;
  readonly cue: Span;
  readonly content: Span[];
}

interface Candidate {
  readonly cueSpan: Span;
  readonly stance: Stance;
  readonly content: Span;
  readonly kind: QuoteKind;
  ref: SpeakerRef;
  readonly confidence: number;
  /** The cue threatens only when the content does ("warned that ..."). */
  readonly weak?: boolean;
  /** Spans from the trained tagger, when it found this statement. */
  attribution?: AttributionSpans;
  /** A tagged attribution that is no statement (a belief, intention, agreement): never a quote. */
  readonly other?: boolean;
}

/** What the quote stage returns: its statements, and every attribution it found (statements and others). */
export interface QuoteFindings {
  readonly quotes: Quote[];
  readonly attributions: AttributionRecord[];
}

const AUX_CUE = new Set(['has', 'have', 'had']);
// Phrases between a cue and its "that": time, venue and manner ("said on Friday in a statement that").
const LEAD_ADVERBIAL = new Set([
  'on',
  'in',
  'at',
  'during',
  'a',
  'an',
  'the',
  'statement',
  'interview',
  'news',
  'conference',
  'briefing',
  'speech',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'tonight',
  'earlier',
  'later',
  'late',
  'last',
  'this',
  'week',
  'separately',
  'also',
  'publicly',
  'repeatedly',
  ',',
  'televised',
  'written',
  'posted',
  'online',
  'weekend',
  'morning',
  'evening',
  'night',
  'afternoon',
  'previously',
  'again',
]);
// Words that end a noun-phrase statement: time and place phrases after "vowed revenge".
const NP_CUT = new Set([
  'at',
  'during',
  'on',
  'in',
  'before',
  'after',
  'while',
  'when',
  'as',
  'amid',
  'following',
]);
const AUDIENCE = new Set([
  'reporters',
  'journalists',
  'media',
  'press',
  'lawmakers',
  'parliament',
  'supporters',
  'crowds',
  'residents',
  'television',
  'radio',
  'him',
  'her',
  'them',
  'us',
  'me',
]);
const NEW_SUBJECT = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'they',
  'it',
  'we',
  'his',
  'her',
  'their',
  'its',
]);
const TRAILING = /[\s,.;:"“”‘’'«»–—-]/u;

export function extractQuotes(view: TextView, lex: QuoteLexicons): QuoteFindings {
  const { text } = view;
  const marks = findQuoteMarks(text);
  const consumed = new Set<number>();
  const directMarks = new Set<QuoteMarks>();
  const cands: Candidate[] = [];
  const isCue = (i: number): boolean => lex.cues.match(view.lower, i, view.tokens.length) !== undefined;

  // 1. Direct quotes.
  let prevDirect: Candidate | undefined;
  for (const q of marks) {
    const content = trimSpan(text, q.inner, /[\s,.]/u);
    if (content.end <= content.start) continue;
    // A signed line ends in the name, without final punctuation: it is no headline.
    const signed = signedQuote(view, lex, q);
    if (signed) {
      cands.push(signed);
      directMarks.add(q);
      prevDirect = signed;
      continue;
    }
    if (isHeadline(text, q.open, q.close)) continue;
    const attr = attributeAfter(view, q, lex) ?? attributeBefore(view, q, lex);
    if (attr) {
      for (let i = attr.cueFrom; i < attr.cueTo; i++) consumed.add(i);
      const c: Candidate = {
        cueSpan: attr.cueSpan,
        stance: attr.cue.stance,
        content,
        kind: 'direct',
        ref: attr.ref,
        confidence: attr.ref.kind === 'source' ? 0.9 : 0.8,
        weak: attr.cue.flags.has('weak'),
      };
      cands.push(c);
      directMarks.add(q);
      prevDirect = c;
      continue;
    }
    // A quote that opens its own sentence right after an attributed one continues that speaker.
    if (
      prevDirect &&
      opensSentence(text, q.open) &&
      text.slice(prevDirect.content.end, q.open).length < 200 &&
      wordCount(text, content) >= 4
    ) {
      cands.push({ ...prevDirect, content, confidence: 0.6 });
      directMarks.add(q);
    }
  }
  const fragments = marks.filter((m) => !directMarks.has(m));
  const insideMarks = (i: number): boolean => {
    const t = view.tokens[i]!;
    return marks.some((m) => m.inner.start <= t.start && t.end <= m.inner.end);
  };

  // 2. Reported speech, sentence by sentence.
  for (const sentence of view.sentences) {
    if (isHeadline(text, sentence.start, sentence.end)) continue;
    const s = { ...sentence, tokenStart: datelineEnd(view, sentence.tokenStart, sentence.tokenEnd) };
    const found: { i: number; cue: Cue }[] = [];
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (consumed.has(i) || insideMarks(i)) continue;
      const cue = lex.cues.match(view.lower, i, s.tokenEnd);
      if (!cue) continue;
      if (i > s.tokenStart && NOMINAL_BEFORE.has(view.lower[i - 1]!) && cue.words[0] !== 'according')
        continue;
      // "rejected claims that ...", "denied reports": a cue word right after a cue is its object noun.
      const last = found[found.length - 1];
      if (last && last.i + last.cue.words.length === i) continue;
      if (!cueActsAt(view, i, cue, s.tokenStart)) continue;
      found.push({ i, cue });
      i += cue.words.length - 1;
    }
    // "..., a charge the government denied": the cue reports on the clause before the comma.
    const relatives = found.map(({ i, cue }) =>
      cue.words[0] === 'according' ? undefined : relativeClaim(view, i, s.tokenStart, lex),
    );
    const located: (LeftSpeaker | undefined)[] = found.map(({ i, cue }, n) => {
      if (cue.words[0] === 'according') return undefined;
      const rel = relatives[n];
      if (rel) return { ref: rel.ref, clauseStart: rel.comma, coordinated: false };
      const participial = cue.words[0]!.endsWith('ing') && view.lower[i - 1] === ',';
      if (participial) {
        // "X said, blaming Y": the participle shares the speaker of the cue before it.
        if (n > 0) return { ref: { kind: 'drop' }, clauseStart: i - 1, coordinated: true };
        // '"...," X said, adding that ...': the direct quote's cue was taken already; share its speaker.
        const direct = cands.findLast((c) => c.kind === 'direct' && c.cueSpan.end <= view.tokens[i]!.start);
        if (direct && view.tokenAtOrAfter(direct.cueSpan.end) >= i - 8)
          return { ref: direct.ref, clauseStart: i - 1, coordinated: false };
        const subj = subjectOf(view, s.tokenStart, i, lex, isCue);
        return subj ? { ref: subj.ref, clauseStart: i - 1, coordinated: false } : undefined;
      }
      return leftSpeaker(view, i, s.tokenStart, lex);
    });
    const refs: (SpeakerRef | undefined)[] = [];
    found.forEach(({ i, cue }, n) => {
      const end = i + cue.words.length;
      // Where this statement ends: at the clause of a later coordinated cue, else at the sentence end.
      let boundary = s.tokenEnd;
      for (let m = n + 1; m < found.length; m++) {
        // ", according to X" attributes what precedes it: it is never part of the statement.
        if (found[m]!.cue.words[0] === 'according' && view.lower[found[m]!.i - 1] === ',') {
          boundary = found[m]!.i - 1;
          break;
        }
        const rel = relatives[m];
        if (rel) {
          boundary = rel.comma;
          break;
        }
        const l = located[m];
        if (!l) continue;
        const before = view.lower[l.clauseStart - 1] ?? '';
        if (
          l.coordinated ||
          [',', 'and', 'but', ';', 'while', 'with', 'whereas'].includes(before) ||
          view.lower[l.clauseStart] === ','
        ) {
          boundary = l.coordinated
            ? l.clauseStart
            : Math.max(
                i + 1,
                ['and', 'but', 'while', 'whereas', 'with'].includes(before)
                  ? l.clauseStart - 1
                  : l.clauseStart,
              );
          break;
        }
      }
      const rel = relatives[n];
      if (rel) {
        // The claim is the statement reported just before ("X said [claim], a charge Y denied"), else the clause.
        let a = s.tokenStart;
        const prev = found[n - 1];
        if (prev) {
          a = prev.i + prev.cue.words.length;
          if (view.lower[a] === 'that') a++;
        }
        if (a >= rel.comma) return;
        const content = trimSpan(text, view.span(a, rel.comma - 1), TRAILING, /[\s"“”‘’«»]/u);
        const c = make(view, lex, cueSpanWithAux(view, i, end), cue, content, rel.ref, 0.7);
        if (c) cands.push(c);
        return;
      }
      // The speaker of the cue before in this sentence, even where that cue yielded no statement.
      let previousRef: SpeakerRef | undefined;
      for (let m = n - 1; m >= 0 && !previousRef; m--) previousRef = refs[m];
      const cand = reported(
        view,
        lex,
        s.tokenStart,
        s.tokenEnd,
        i,
        end,
        cue,
        located[n],
        previousRef,
        boundary,
        isCue,
        n > 0,
      );
      refs[n] =
        cand?.ref ??
        (located[n] && !located[n]!.coordinated && located[n]!.ref.kind !== 'drop'
          ? located[n]!.ref
          : undefined);
      if (!cand) return;
      const fragment = fragments.find(
        (f) => f.inner.start < cand.content.end && cand.content.start < f.inner.end,
      );
      if (fragment) {
        // The content ends with the quoted fragment, unless the clause runs on past it without a
        // break ('had opened "unprovoked" fire with mortars on ...').
        const after = text.slice(fragment.close + 1, cand.content.end);
        const runsOn = /^\s+\p{L}/u.test(after);
        const clipped = trimSpan(
          text,
          {
            start: cand.content.start,
            end: runsOn ? cand.content.end : Math.min(cand.content.end, fragment.inner.end),
          },
          TRAILING,
        );
        cands.push({ ...cand, content: clipped, kind: 'mixed' });
      } else cands.push(cand);
    });
  }

  // 3. A quotation that fills a paragraph of its own continues the speaker of the paragraph before.
  for (const q of marks) {
    if (directMarks.has(q) || !opensParagraph(text, q.open) || isHeadline(text, q.open, q.close)) continue;
    const content = trimSpan(text, q.inner, /[\s,.]/u);
    if (
      wordCount(text, content) < 4 ||
      cands.some((c) => c.content.start < q.inner.end && q.inner.start < c.content.end)
    )
      continue;
    const paraStart = text.lastIndexOf('\n', q.open - 1);
    const prevStart = prevParagraphStart(text, paraStart);
    const prev = cands.filter(
      (c) => c.cueSpan.start >= prevStart && c.cueSpan.end <= paraStart && c.ref.kind !== 'drop',
    );
    const last = prev.sort((a, b) => a.cueSpan.start - b.cueSpan.start)[prev.length - 1];
    if (!last) continue;
    cands.push({ ...last, content, kind: 'direct', stance: 'assert', confidence: 0.55, weak: false });
    directMarks.add(q);
  }

  // 4. Speakers named by a line label (a signature after a quotation is read with the direct quotes).
  labelledLines(view, lex, marks, cands);

  mergeLearned(view, lex, cands, marks);
  return finish(view, lex, cands, marks);
}

/**
 * Adds the trained tagger's attributions: one that meets a rule statement (cue or content overlap) lends
 * it its spans, the others become statements of their own. Rules keep the speaker and stance they read.
 */
function mergeLearned(
  view: TextView,
  lex: QuoteLexicons,
  cands: Candidate[],
  marks: readonly QuoteMarks[],
): void {
  const ruleCount = cands.length;
  const learned = learnedAttributions(view, lex.cues);
  const spansOf = (a: LearnedAttribution): AttributionSpans => ({
    ...(a.source && { source: a.source }),
    cue: polnearCue(view.text, a.cue, [...(a.source ? [a.source] : []), ...a.content]),
    content: [...a.content],
  });
  // A rule statement at a tagged cue takes that attribution's spans first, so that a tagged attribution
  // earlier in the text whose content merely meets the statement cannot claim it before its own cue
  // does (that cue's attribution was lost then: PolNeAR dev exact cue F1 +0.3, content +0.6).
  for (const a of learned)
    for (let k = 0; k < ruleCount; k++) {
      const c = cands[k]!;
      if (overlaps(c.cueSpan, a.cue)) c.attribution ??= spansOf(a);
    }
  for (const a of learned) {
    const spans = spansOf(a);
    // Rule statements at the same cue, or holding a piece of its content (a quotation carried on by the
    // same speaker), are this attribution: they share its spans.
    let hit = false;
    // Annotated statements never share words, so a content meeting a rule statement is that statement
    // (or, with a cue inside a rule content, a reading nested in it): never a statement of its own.
    let shared = false;
    for (let k = 0; k < ruleCount; k++) {
      const c = cands[k]!;
      const sameCue = overlaps(c.cueSpan, a.cue);
      const cueInside = overlaps(a.cue, c.content);
      const meets = cueInside || a.content.some((f) => overlaps(f, c.content));
      if (sameCue || (meets && !cueInside && c.attribution === undefined)) {
        c.attribution ??= spans;
        hit = true;
      }
      shared ||= meets;
    }
    if (hit || shared) continue;
    const content = displayContent(view, a);
    if (!content) continue;
    const kind = kindOf(marks, content);
    // Headlines carry no statements (as for the rules); see judgeAlone for the cue test. An attribution
    // that is no statement (a belief, intention, agreement) is kept as one of another kind, never a quote.
    if (isHeadline(view.text, a.cue.start, a.cue.end)) continue;
    const verdict = judgeAlone(view, lex.cues, a, kind);
    if (verdict === 'none') continue;
    // Stance is read for statements only.
    const { stance, weak } =
      verdict === 'statement' ? learnedStance(view, lex.cues, a) : { stance: 'assert' as const, weak: false };
    cands.push({
      cueSpan: a.cue,
      stance,
      content,
      kind,
      ref: learnedSpeaker(view, a, lex),
      confidence: learnedConfidence(a.tokens.margin),
      weak,
      attribution: spans,
      ...(verdict === 'other' && { other: true }),
    });
  }
}

/** A name as written after a signature dash or before a label colon: capitalized words, initials. */
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*(?:[\t\p{Zs}]+\p{Lu}[\p{L}\p{M}'’.-]*){0,5}`;
const SIGNATURE = new RegExp(
  String.raw`^[\t\p{Zs}]*(―|—|–|--|-)[\t\p{Zs}]*(${NAME})[\t\p{Zs}]*(?:[,(]|\.?[\t\p{Zs}]*(?:\n|$))`,
  'u',
);

/** The speaker a name span refers to, as the rules read noun phrases (unresolved when they would drop it). */
function namedSpeaker(view: TextView, lex: QuoteLexicons, name: Span): SpeakerRef | undefined {
  const a = view.tokenAtOrAfter(name.start);
  let b = a;
  while (b + 1 < view.tokens.length && view.tokens[b + 1]!.end <= name.end) b++;
  if (a >= view.tokens.length || view.tokens[a]!.start >= name.end) return undefined;
  const ref = analyzeNP(view, a, b, lex);
  if (ref.kind !== 'drop') return ref;
  const span = view.span(a, b);
  return {
    kind: 'source',
    source: { kind: 'unresolved', text: view.slice(span), span },
    span,
    person: false,
  };
}

/** A name span without a final full stop (kept after an initial: "G."). */
function nameSpan(text: string, start: number, name: string): Span {
  const bare = /[\p{L}\p{M}]{2,}\.$/u.test(name) ? name.slice(0, -1) : name;
  return { start, end: start + bare.length };
}

/**
 * A quotation signed by a dash and a name at the end of its line, or alone on the next line (`“…” ― Name`,
 * `“…”¶- Name, Place.`): a direct quote of that name, the dash its cue, as news pages print reader
 * comments, tweets and pull quotes. The signature names the speaker more surely than a cue nearby or the
 * quotation before, so it is read first.
 */
function signedQuote(view: TextView, lex: QuoteLexicons, q: QuoteMarks): Candidate | undefined {
  if (!q.closed) return undefined;
  const { text } = view;
  let at = q.close + 1;
  // The signature may open the next paragraph.
  const next = /^[\t\p{Zs}]*\n\s*/u.exec(text.slice(at, at + 8));
  if (next && !/^\s*(?:―|—|–|-)/u.test(text.slice(at + next[0].length, at + next[0].length + 2)))
    return undefined;
  if (next) at += next[0].length;
  const m = SIGNATURE.exec(text.slice(at, at + 120));
  if (!m) return undefined;
  const dashStart = at + m[0].indexOf(m[1]!);
  const cue = { start: dashStart, end: dashStart + m[1]!.length };
  const source = nameSpan(text, at + m[0].indexOf(m[2]!, cue.end - at), m[2]!);
  const shown = trimSpan(text, q.inner, /[\s,.]/u);
  if (shown.end <= shown.start) return undefined;
  const ref = namedSpeaker(view, lex, source);
  if (!ref) return undefined;
  return {
    cueSpan: cue,
    stance: 'assert',
    content: shown,
    kind: 'direct',
    ref,
    confidence: 0.7,
    attribution: { source, cue, content: [{ start: q.open, end: q.close + 1 }] },
  };
}

const LABEL = new RegExp(String.raw`^([\t\p{Zs}]*["“]?)(${NAME})[\t\p{Zs}]*:[\t\p{Zs}]+(\S[^\n]*)$`, 'u');
/** Line labels that name no speaker. */
const NOT_SPEAKERS = new Set([
  'update',
  'updated',
  'related',
  'note',
  'photo',
  'photos',
  'video',
  'source',
  'sources',
  'credit',
  'caption',
  'image',
  'watch',
  'read',
  'see',
  'editor',
  'correction',
  'disclosure',
  'warning',
  'breaking',
  'subscribe',
  'email',
  'contact',
  'follow',
  'tags',
  'topics',
]);

/**
 * A line that opens with a name and a colon (`NAME: text`, as transcripts and "Name: claim" titles print
 * speech): a statement of that name, the colon its cue. The name is one to six capitalized words, and the
 * rest of the line must run to at least three words.
 */
function labelledLines(
  view: TextView,
  lex: QuoteLexicons,
  marks: readonly QuoteMarks[],
  cands: Candidate[],
): void {
  const { text } = view;
  // Upper-case labels speak only in a transcript: two or more different ones in the document.
  let upper: Set<string> | undefined;
  const labels = (): Set<string> => {
    if (upper === undefined) {
      upper = new Set<string>();
      for (const m of text.matchAll(
        /^[\t\p{Zs}]*["“]?([\p{Lu}][\p{Lu}.' -]*[\p{Lu}])[\t\p{Zs}]*:[\t\p{Zs}]+\S/gmu,
      ))
        upper.add(m[1]!);
    }
    return upper;
  };
  for (let ls = 0; ls < text.length;) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const at = ls;
    ls = le + 1;
    // Most lines hold no colon near their start: no label to read.
    const colonAt = text.indexOf(':', at);
    if (colonAt < 0 || colonAt >= le || colonAt - at > 80) continue;
    const m = LABEL.exec(text.slice(at, le));
    if (!m) continue;
    const name = m[2]!;
    const words = name.toLowerCase().split(/[\t\p{Zs}]+/u);
    if (words.some((w) => NOT_SPEAKERS.has(w.replace(/[^\p{L}]/gu, ''))) || !/\p{L}{2}/u.test(name)) continue;
    const nameStart = at + m[1]!.length;
    // Otherwise the label must be a person or organization the recognizer found ("Pence: …"), not a
    // title word ("The Latest: …", "BOOM: …") or a list heading ("Iowa: names").
    const nameEnd = nameStart + name.length;
    const named = view
      .mentionsIn({ start: nameStart, end: nameEnd })
      .some(
        (x) =>
          (x.type === 'PERSON' || x.type === 'ORG') &&
          x.span.start === nameStart &&
          x.span.end >= nameEnd - 1,
      );
    // A title "Name: claim" (the document's first line) names its speaker in title case.
    const title =
      text.slice(0, at).trim() === '' &&
      !/^(?:the|a|an)$/u.test(words[0] ?? '') &&
      name !== name.toUpperCase() &&
      words.length <= 3;
    if (!named && !title && !(labels().size >= 2 && labels().has(name))) continue;
    const colon = text.indexOf(':', nameStart + name.length);
    let rest = m[3]!.trimEnd();
    // A transcript line opened by a quotation mark closes it at its end.
    if (m[1]!.includes('"') && rest.endsWith('"') && (rest.match(/"/gu) ?? []).length % 2 === 1)
      rest = rest.slice(0, -1).trimEnd();
    if ((rest.match(/[\p{L}\p{N}]+/gu) ?? []).length < 3) continue;
    const contentStart = le - m[3]!.length;
    const content = { start: contentStart, end: contentStart + rest.length };
    if (isHeadline(text, content.start, content.end)) continue;
    const cue = { start: colon, end: colon + 1 };
    const shown = trimSpan(text, content, TRAILING, /[\s"“”‘’«»]/u);
    // A statement reported inside the line ("WALLACE: … the campaign announced that …") nests in it.
    const nested = (c: Candidate): boolean => shown.start <= c.cueSpan.start && c.content.end <= shown.end;
    if (
      shown.end <= shown.start ||
      cands.some((c) => (overlaps(c.content, shown) && !nested(c)) || overlaps(c.cueSpan, cue))
    )
      continue;
    const source = nameSpan(text, nameStart, name);
    const ref = namedSpeaker(view, lex, source);
    if (!ref) continue;
    cands.push({
      cueSpan: cue,
      stance: 'assert',
      content: shown,
      kind: kindOf(marks, shown),
      ref,
      confidence: 0.6,
      attribution: { source, cue, content: [content] },
    });
  }
}

function opensParagraph(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return lineStart > 0 && text.slice(lineStart, offset).trim() === '';
}

/** Start offset of the non-blank paragraph before the line break at `lineBreak`. */
function prevParagraphStart(text: string, lineBreak: number): number {
  let e = lineBreak;
  while (e > 0 && /\s/u.test(text[e - 1]!)) e--;
  return text.lastIndexOf('\n', e - 1) + 1;
}

interface Attribution {
  readonly cue: Cue;
  readonly cueFrom: number;
  readonly cueTo: number;
  readonly cueSpan: Span;
  readonly ref: SpeakerRef;
}

function attributeAfter(view: TextView, q: QuoteMarks, lex: QuoteLexicons): Attribution | undefined {
  if (!q.closed) return undefined;
  const { text } = view;
  const inner = text.slice(q.inner.start, q.inner.end).trimEnd();
  let k = view.tokenAtOrAfter(q.close + 1);
  if (k >= view.tokens.length || text.slice(q.close, view.tokens[k]!.start).includes('\n')) return undefined;
  // A quote that ends its sentence is followed by a new sentence, unless a lower-case cue clause follows.
  if (/[.!?]$/u.test(inner) && !/^\p{Ll}/u.test(view.words[k]!)) return undefined;
  // The same with the stop outside the marks ('... officials". The minister denied that ...').
  if (/^[.!?]$/u.test(view.lower[k]!)) return undefined;
  if (view.lower[k] === ',') k++;
  const limit = Math.min(view.tokens.length, k + 9);
  const direct = lex.cues.match(view.lower, k, limit);
  if (direct) {
    const right = rightSpeaker(view, k + direct.words.length, limit + 4, lex);
    if (!right) return undefined;
    return {
      cue: direct,
      cueFrom: k,
      cueTo: k + direct.words.length,
      cueSpan: view.span(k, k + direct.words.length - 1),
      ref: right.ref,
    };
  }
  // The speaker may carry a parenthesis or a description between commas: "X (D-Y), a lawmaker, said".
  const far = Math.min(view.tokens.length, k + 40);
  let crossed = false;
  for (let c = k + 1; c < far; c++) {
    const w = view.lower[c]!;
    if (w === '(') {
      let e = c + 1;
      while (e < far && e - c < 12 && view.lower[e] !== ')' && view.lower[e] !== '(') e++;
      if (view.lower[e] !== ')') return undefined;
      c = e;
      crossed = true;
      continue;
    }
    if (view.isPunct(c) && w !== "'s") {
      if (w === ',' || w === '-') {
        crossed = true;
        continue;
      }
      return undefined;
    }
    if (!crossed && c >= limit) return undefined;
    const cue = lex.cues.match(view.lower, c, far);
    if (!cue) continue;
    const left = leftSpeaker(view, c, k, lex);
    if (!left || left.coordinated) return undefined;
    if (crossed && left.clauseStart !== k) return undefined;
    return {
      cue,
      cueFrom: c,
      cueTo: c + cue.words.length,
      cueSpan: cueSpanWithAux(view, c, c + cue.words.length),
      ref: left.ref,
    };
  }
  return undefined;
}

function attributeBefore(view: TextView, q: QuoteMarks, lex: QuoteLexicons): Attribution | undefined {
  const { text } = view;
  const open = view.tokenAtOrAfter(q.open);
  let p = open - 1;
  if (p < 0 || text.slice(view.tokens[p]!.end, q.open).includes('\n')) return undefined;
  if (view.lower[p] === ':' || view.lower[p] === ',') p--;
  else if (!/^\s*\p{Lu}/u.test(text.slice(q.inner.start, q.inner.end))) return undefined;
  const sentence = view.sentences[view.sentenceOf[Math.max(p, 0)] ?? -1];
  const floor = sentence ? sentence.tokenStart : 0;
  for (let c = p; c >= Math.max(floor, p - 5); c--) {
    const cue = lex.cues.match(view.lower, c, p + 1);
    if (!cue) {
      if (view.isPunct(c) && view.lower[c] !== "'s") return undefined;
      continue;
    }
    const left = leftSpeaker(view, c, floor, lex);
    if (!left || left.coordinated) return undefined;
    return {
      cue,
      cueFrom: c,
      cueTo: c + cue.words.length,
      cueSpan: cueSpanWithAux(view, c, c + cue.words.length),
      ref: left.ref,
    };
  }
  return undefined;
}

// Words before an -ing cue that make it a noun modifier or a complement, not a report: "softer language
// calling for", "it goes without saying", "worth noting".
const ING_BLOCKERS = new Set(['without', 'worth', 'about', 'into']);
const ING_AUX = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  "'s",
  "'re",
  'and',
  'but',
  'also',
  'while',
  'even',
  'then',
  'still',
  'again',
  'repeatedly',
  'publicly',
  'not',
  'now',
]);

/** Whether a cue word at token i reports speech here: not an infinitive ("want to ask") nor a modifier. */
function cueActsAt(view: TextView, i: number, cue: Cue, sStart: number): boolean {
  if (cue.words[0] === 'according' || i === sStart) return true;
  const before = view.lower[i - 1]!;
  // "I want to ask you", "the media are to blame": an infinitive names no speech act.
  if (before === 'to') return false;
  const first = cue.words[0]!;
  if (first.endsWith('ing') && before !== ',' && before !== '—' && before !== '-' && before !== '(') {
    if (ING_BLOCKERS.has(before)) return false;
    // "protesters calling for reform": a participle right after a noun modifies it.
    // "with the Red Hand claiming ...": after a name it is an absolute clause with its own subject.
    if (
      !ING_AUX.has(before) &&
      !SKIP_LEFT.has(before) &&
      !view.isPunct(i - 1) &&
      !view.mentionEnding[i - 1] &&
      !(view.isCapitalized(i - 1) && i - 1 > sStart)
    )
      return false;
  }
  return true;
}

// Nouns that take up a preceding statement in a relative clause: "..., a charge the ministry denied".
const CLAIM_NOUNS = new Set([
  'charge',
  'claim',
  'accusation',
  'allegation',
  'figure',
  'report',
  'assertion',
  'version',
  'account',
  'number',
  'toll',
  'estimate',
  'description',
  'characterization',
  'characterisation',
  'suggestion',
  'assessment',
  'statement',
  'view',
]);

/** "..., a claim (that) SPEAKER (has) denied": the speaker phrase and the comma that ends the claim. */
function relativeClaim(
  view: TextView,
  i: number,
  sStart: number,
  lex: QuoteLexicons,
): { ref: SpeakerRef; comma: number } | undefined {
  const lower = view.lower;
  let j = i - 1;
  while (j > sStart && SKIP_LEFT.has(lower[j]!)) j--;
  for (let k = j - 1; k - 2 >= sStart && j - k < 10; k--) {
    if (view.isPunct(k) && lower[k] !== "'s") return undefined;
    if (!CLAIM_NOUNS.has(lower[k]!) || !['a', 'an', 'the'].includes(lower[k - 1]!) || lower[k - 2] !== ',')
      continue;
    let a = k + 1;
    if (lower[a] === 'that' || lower[a] === 'which') a++;
    if (a > j) return undefined;
    const ref = analyzeNP(view, a, j, lex);
    return ref.kind === 'drop' ? undefined : { ref, comma: k - 2 };
  }
  return undefined;
}

/** A dateline that opens a paragraph ("CITY, Month 9 (Agency) - "): the sentence proper starts after it. */
function datelineEnd(view: TextView, from: number, to: number): number {
  const start = view.tokens[from]?.start ?? 0;
  const length = datelineLength(view.text, start);
  if (length === 0) return from;
  const t = view.tokenAtOrAfter(start + length);
  return t < to ? t : from;
}

const TIME_END = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'tonight',
  'week',
  'weekend',
  'morning',
  'evening',
  'night',
  'afternoon',
  'earlier',
  'later',
  'statement',
  'interview',
  'briefing',
  'conference',
  'speech',
  'again',
  'also',
  'separately',
  'publicly',
  'previously',
]);
const LEAD_PREPS = new Set([
  'on',
  'in',
  'at',
  'during',
  'after',
  'before',
  'via',
  'through',
  'from',
  'late',
  'early',
]);

/** Builds the candidate for a reported-speech cue at tokens [i, end). */
function reported(
  view: TextView,
  lex: QuoteLexicons,
  sStart: number,
  sEnd: number,
  i: number,
  end: number,
  cue: Cue,
  left: LeftSpeaker | undefined,
  previousRef: SpeakerRef | undefined,
  boundary: number,
  isCue: (i: number) => boolean,
  hasEarlierCue: boolean,
): Candidate | undefined {
  const { text } = view;
  const cueSpan = cueSpanWithAux(view, i, end);
  const lower = view.lower;

  if (cue.words[0] === 'according') {
    const right = rightSpeaker(view, end, sEnd, lex);
    if (!right) return undefined;
    let content: Span;
    if (i - 1 > sStart && lower[i - 1] === ',') {
      // The clause the attribution attaches to: back to the previous comma, unless that is too short.
      let a = i - 2;
      let commas = 0;
      while (a > sStart) {
        if (lower[a - 1] === ',') {
          if (i - 1 - a >= 4 || commas > 0) break;
          commas++;
        }
        a--;
      }
      content = view.span(a, i - 2);
    } else if (i === sStart || lower[i - 1] !== ',') {
      // "According to X, ..." opens the sentence: the content follows the comma after the source.
      let a = right.end;
      if (lower[a] !== ',') return undefined;
      a++;
      if (a >= sEnd) return undefined;
      content = view.span(a, sEnd - 1);
    } else return undefined;
    return make(view, lex, cueSpan, cue, trimSpan(text, content, TRAILING), right.ref, 0.75);
  }

  let ref: SpeakerRef | undefined = left?.ref;
  if (left?.coordinated) {
    ref =
      hasEarlierCue && previousRef ? previousRef : subjectOf(view, sStart, left.clauseStart, lex, isCue)?.ref;
  }

  // Sentence-final attribution: "CONTENT, X has said." / "CONTENT, said X."
  const afterEnd = skipTrailer(view, end, sEnd);
  if (
    left &&
    !left.coordinated &&
    left.clauseStart - 1 > sStart &&
    lower[left.clauseStart - 1] === ',' &&
    afterEnd
  ) {
    if (!ref) return undefined;
    const content = trimSpan(text, view.span(sStart, left.clauseStart - 2), TRAILING, /[\s"“”‘’«»]/u);
    return make(view, lex, cueSpan, cue, content, ref, 0.8);
  }
  if (!left && lower[i - 1] === ',' && i - 1 > sStart) {
    const right = rightSpeaker(view, end, sEnd, lex);
    if (right && skipTrailer(view, right.end, sEnd)) {
      const content = trimSpan(text, view.span(sStart, i - 2), TRAILING, /[\s"“”‘’«»]/u);
      return make(view, lex, cueSpan, cue, content, right.ref, 0.75);
    }
    return undefined;
  }
  if (!ref) return undefined;

  // Forward content.
  let k = end;
  if (cue.flags.has('obj')) {
    let that = -1;
    for (let t = k; t < Math.min(boundary, k + 8); t++) {
      if (view.isPunct(t) && lower[t] !== "'s") break;
      if (lower[t] === 'that') {
        that = t;
        break;
      }
    }
    if (that >= 0) k = that + 1;
    else if (cue.stance !== 'request') {
      // "told reporters the ...", "told the BBC the ...": the addressee is not part of the statement.
      let t = k;
      if (lower[t] === 'the') t++;
      const m = view.mentionStarting[t];
      if (m) t = view.tokenAtOrAfter(m.span.end);
      else if (AUDIENCE.has(lower[t] ?? '')) t++;
      else t = k;
      if (t > k && t < boundary) k = t;
    }
    // "told the crowd to disperse": an instruction, not a statement.
    if (cue.words[0]!.startsWith('t') && lower[k] !== 'to') {
      for (let u = end + 1; u < Math.min(boundary, end + 5); u++) {
        if ((view.isPunct(u) && !view.isAbbrevDot(u)) || lower[u] === 'that' || isCue(u)) break;
        if (lower[u] === 'to') {
          k = u;
          break;
        }
      }
    }
    if (cue.words[0]!.startsWith('t') && lower[k] === 'to' && k > end) {
      const c = make(
        view,
        lex,
        cueSpan,
        { ...cue, stance: 'request' },
        trimSpan(text, view.span(k, boundary - 1), TRAILING),
        ref!,
        0.7,
      );
      return c;
    }
  } else if (lower[k] === 'that') k++;
  else {
    let t = k;
    for (; t < Math.min(boundary, k + 7); t++) {
      if (lower[t] === 'that') {
        k = t + 1;
        break;
      }
      if (!LEAD_ADVERBIAL.has(lower[t]!)) break;
    }
    if (lower[k - 1] !== 'that') {
      if (
        t > k &&
        TIME_END.has(lower[t - 1]!) &&
        (LEAD_PREPS.has(lower[k]!) || TIME_END.has(lower[k]!)) &&
        lower[t] !== ','
      )
        k = t;
      else if (LEAD_PREPS.has(lower[k]!)) {
        // "said in his weekly radio address that ...": a venue phrase before the that-clause.
        for (let u = k + 1; u < Math.min(boundary, k + 12); u++) {
          if ((view.isPunct(u) && lower[u] !== "'s") || isCue(u)) break;
          if (lower[u] === 'that') {
            k = u + 1;
            break;
          }
        }
      }
    }
  }
  // "said: the talks will resume": the colon introduces the statement and is no part of it.
  if (lower[k] === ':') k++;
  if (cue.flags.has('that') && lower[k - 1] !== 'that') return undefined;
  if (k >= boundary) return undefined;
  let stop = boundary;
  if (cue.flags.has('np')) {
    for (let t = k + 1; t < stop; t++) {
      if (NP_CUT.has(lower[t]!)) {
        stop = t;
        break;
      }
    }
  }
  // ", and Iranian officials declared ...": a new subject starts a new statement.
  for (let t = k + 1; t + 2 < stop; t++) {
    if (lower[t] === ',' && (lower[t + 1] === 'and' || lower[t + 1] === 'but')) {
      const next = t + 2;
      if (view.isCapitalized(next) || NEW_SUBJECT.has(lower[next]!)) {
        stop = t;
        break;
      }
    }
  }
  if (k >= stop) return undefined;
  // "X said Friday.": a time or venue phrase alone is no statement.
  let said = false;
  for (let t = k; t < stop && !said; t++) if (!LEAD_ADVERBIAL.has(lower[t]!) && !view.isPunct(t)) said = true;
  if (!said) return undefined;
  const content = trimSpan(text, view.span(k, stop - 1), TRAILING);
  if (content.end <= content.start) return undefined;
  return make(view, lex, cueSpan, cue, content, ref, left?.coordinated ? 0.7 : 0.75);
}

function make(
  view: TextView,
  lex: QuoteLexicons,
  cueSpan: Span,
  cue: Cue,
  content: Span,
  ref: SpeakerRef,
  confidence: number,
): Candidate | undefined {
  void lex;
  if (content.end <= content.start || wordCount(view.text, content) === 0) return undefined;
  return {
    cueSpan,
    stance: cue.stance,
    content,
    kind: 'indirect',
    ref,
    confidence,
    weak: cue.flags.has('weak'),
  };
}

/** After a final cue only a time phrase or a participial tail may follow: "has said.", "said Monday, speaking ...". */
function skipTrailer(view: TextView, from: number, sEnd: number): boolean {
  let t = from;
  let n = 0;
  while (t < sEnd && n < 4 && LEAD_ADVERBIAL.has(view.lower[t]!) && view.lower[t] !== ',') {
    t++;
    n++;
  }
  if (t >= sEnd) return true;
  const w = view.lower[t]!;
  return ['.', ',', ';', '!', '?', '”', '"', '’', '»'].includes(w);
}

function cueSpanWithAux(view: TextView, from: number, to: number): Span {
  let a = from;
  if (a - 1 >= 0 && AUX_CUE.has(view.lower[a - 1]!)) a--;
  return view.span(a, to - 1);
}

/** A line without closing punctuation (a title or headline): statements there are not annotated. */
function isHeadline(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).trim();
  // A closing quotation mark does not end a sentence by itself: "X says strike was 'act of war'".
  return line !== '' && !/[.!?:][\s"”’'»)]*$/u.test(line);
}

function opensSentence(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - 3), offset);
  return offset === 0 || /(?:^|[.!?”"]\s+|\n\s*)$/u.test(before);
}

function wordCount(text: string, span: Span): number {
  return (text.slice(span.start, span.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

interface HistoryItem {
  readonly pos: number;
  readonly source: Source;
  readonly person: boolean;
  /** The words of the speaker phrase, lower-case ("ruritania", "'s", "interior", "ministry"). */
  readonly words: readonly string[];
}

// Descriptions that may refer to any organization named before ("the group said").
const GENERIC_DESCRIPTIONS = new Set([
  'group',
  'organization',
  'organisation',
  'militia',
  'movement',
  'network',
  'faction',
  'outfit',
  'company',
  'firm',
  'alliance',
]);
// Descriptions of a state's government: the document's main country when one clearly dominates.
const STATE_DESCRIPTIONS = new Set(['government', 'authorities', 'administration', 'cabinet', 'regime']);

const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/’/g, "'")
    .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
const stem = (w: string): string => w.replace(/(?<=..)s$/u, '');

/** Whether description words (determiner dropped) fit a speaker phrase: same head noun, modifiers contained. */
function descriptionFits(desc: readonly string[], words: readonly string[]): boolean {
  const head = desc[desc.length - 1];
  if (head === undefined || words.length === 0) return false;
  if (stem(words[words.length - 1]!) !== stem(head)) return false;
  return desc.slice(0, -1).every((w) => words.includes(w));
}

/** The country most mentioned, when it has at least two mentions and clearly more than any other. */
function dominantCountry(view: TextView): Source | undefined {
  const counts = new Map<string, number>();
  for (const m of view.mentions) {
    if (m.entity === undefined) continue;
    const key = view.entityById.get(m.entity)?.knowledgeKey ?? '';
    if (key.startsWith('country:')) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || top[1] < 2 || (second && top[1] < 2 * second[1])) return undefined;
  return { kind: 'entity', entity: top[0] };
}

/** Resolves pronouns and descriptions in reading order, then builds Quote objects. */
function finish(
  view: TextView,
  lex: QuoteLexicons,
  cands: Candidate[],
  marks: readonly QuoteMarks[],
): QuoteFindings {
  const { text } = view;
  const others: OtherAttribution[] = [];
  cands.sort((a, b) => a.cueSpan.start - b.cueSpan.start || a.content.start - b.content.start);
  const history: HistoryItem[] = [];
  const quotes: Quote[] = [];
  const seen = new Set<string>();
  const inMarks = (s: Span): boolean => marks.some((m) => m.inner.start <= s.start && s.end <= m.inner.end);
  const entityType = (src: Source): string | undefined =>
    src.kind === 'entity' ? view.entityById.get(src.entity)?.type : undefined;

  for (const c of cands) {
    let source: Source | undefined;
    let person = false;
    let speakerSpan: Span | undefined;
    const ref = c.ref;
    if (ref.kind === 'drop') continue;
    if (ref.kind === 'source') {
      source = ref.source;
      person = ref.person || entityType(ref.source) === 'PERSON';
      speakerSpan = ref.span;
    } else if (ref.kind === 'pronoun') {
      speakerSpan = ref.span;
      const wantPerson = ref.word === 'he' || ref.word === 'she';
      const h = history.findLast((x) => x.pos < ref.span.start && x.person === wantPerson);
      const m = view.mentions.findLast(
        (x) =>
          x.span.end <= ref.span.start &&
          x.entity !== undefined &&
          !inMarks(x.span) &&
          (wantPerson ? x.type === 'PERSON' : x.type === 'ORG' || x.type === 'GPE'),
      );
      // A recent speaker is the likelier antecedent than a name mentioned in passing since.
      if (h && (!m || h.pos >= m.span.start || ref.span.start - h.pos < 400)) source = h.source;
      else if (m?.entity !== undefined) source = { kind: 'entity', entity: m.entity };
      person = wantPerson;
      if (!source) source = { kind: 'unresolved', text: view.slice(ref.span), span: ref.span };
    } else {
      speakerSpan = ref.span;
      const desc = wordsOf(ref.text).filter((w) => w !== 'the');
      const head = desc[desc.length - 1] ?? '';
      // An earlier speaker or organization named with the same head noun: "Ruritania's army" ... "the army".
      const h = history.findLast(
        (x) => x.pos < ref.span.start && x.source.kind === 'entity' && descriptionFits(desc, x.words),
      );
      const m = view.mentions.findLast(
        (x) =>
          x.span.end <= ref.span.start &&
          x.entity !== undefined &&
          x.type === 'ORG' &&
          !inMarks(x.span) &&
          descriptionFits(desc, wordsOf(x.text)),
      );
      if (h && (!m || h.pos >= m.span.start)) source = h.source;
      else if (m?.entity !== undefined) source = { kind: 'entity', entity: m.entity };
      else if (GENERIC_DESCRIPTIONS.has(head) && desc.length === 1) {
        const hg = history.findLast((x) => x.pos < ref.span.start && entityType(x.source) === 'ORG');
        const mg = view.mentions.findLast(
          (x) =>
            x.span.end <= ref.span.start && x.entity !== undefined && x.type === 'ORG' && !inMarks(x.span),
        );
        if (hg && (!mg || hg.pos >= mg.span.start)) source = hg.source;
        else if (mg?.entity !== undefined) source = { kind: 'entity', entity: mg.entity };
      } else if (STATE_DESCRIPTIONS.has(head) && desc.length === 1) source = dominantCountry(view);
      source ??= { kind: 'unresolved', text: ref.text, span: ref.span };
    }
    // Other attributions are no statements: they name no speaker for the statements after them.
    if (c.other === true) {
      others.push({ c, source, evidence: evidenceOf(view, c.content, c.cueSpan) });
      continue;
    }
    const np =
      ref.kind === 'source' ? (ref.np ?? ref.span) : ref.kind === 'description' ? ref.span : undefined;
    history.push({
      pos: c.cueSpan.start,
      source,
      person,
      words: np ? wordsOf(text.slice(np.start, np.end)) : [],
    });

    // One statement per content span, except where another speaker takes it up ("..., a claim Y denied").
    const key = `${c.content.start}:${c.content.end}:${c.stance}:${source.kind === 'entity' ? source.entity : source.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const contentText = text.slice(c.content.start, c.content.end);
    const speakerIsGroup = !person && (source.kind !== 'entity' || entityType(source) !== 'PERSON');
    const stance = refineStance(
      {
        cueStance: c.stance,
        content: contentText,
        speakerIsGroup,
        violent: lex.violent,
        weakCue: c.weak === true,
      },
      lex.stancePatterns,
    );
    const about = [
      ...new Set(view.mentionsIn(c.content).flatMap((m) => (m.entity !== undefined ? [m.entity] : []))),
    ];
    const finalStance =
      stance === 'assert' && blamesOther(view, c.content, contentText, source, lex.violent)
        ? 'accuse'
        : stance;
    const evidence = evidenceOf(view, c.content, c.cueSpan);
    const q: Quote = {
      id: '',
      speaker: source,
      cue: { text: text.slice(c.cueSpan.start, c.cueSpan.end), span: c.cueSpan },
      content: { text: contentText, span: c.content },
      kind: c.kind,
      stance: finalStance,
      about,
      evidence,
      stage: REF,
      confidence: source.kind === 'unresolved' ? Math.min(c.confidence, 0.5) : c.confidence,
    };
    // A speaker with no words (the tagger found none) has no span to point at.
    if (speakerSpan && !(source.kind === 'unresolved' && source.text === '')) q.speakerSpan = speakerSpan;
    const ruleSource = speakerSpan && (np ?? speakerSpan);
    q.attribution = c.attribution ?? {
      ...(ruleSource && { source: ruleSource }),
      cue: polnearCue(text, c.cueSpan, [...(ruleSource ? [ruleSource] : []), c.content]),
      content: [withMarks(text, marks, c.content)],
    };
    quotes.push(q);
  }
  quotes.sort((a, b) => a.content.span.start - b.content.span.start);
  quotes.forEach((q, n) => (q.id = `q${n + 1}`));
  return { quotes, attributions: attributionLayer(text, quotes, others) };
}

const NEGATED =
  /(?<![\p{L}\p{N}])(?:not|never|no|nobody|denied|denies)(?![\p{L}\p{N}])|n['’]t(?![\p{L}\p{N}])/iu;

/**
 * "A spokesman for X said Y's troops had opened fire on X's posts": a speaker who reports that another
 * state or group did violence, naming it as the subject of what it says, blames it (stance accuse).
 * The named party must open the content (its subject), differ from the speaker and the speaker's
 * country, and the content must be affirmative.
 */
function blamesOther(
  view: TextView,
  content: Span,
  contentText: string,
  source: Source,
  violent: ReadonlySet<string>,
): boolean {
  if (source.kind !== 'entity' || NEGATED.test(contentText) || !hasWord(contentText, violent)) return false;
  const first = view.mentionsIn(content)[0];
  if (first?.entity === undefined) return false;
  const before = view.text.slice(content.start, first.span.start).trim();
  if (before.split(/\s+/u).filter(Boolean).length > 1) return false;
  // A subject runs on into its clause; a dateline ("CITY —") or a list does not.
  if (!/^\s*\p{L}/u.test(view.text.slice(first.span.end, content.end))) return false;
  const party = view.entityById.get(first.entity);
  if (party === undefined || (party.type !== 'GPE' && party.type !== 'ORG' && party.type !== 'NORP'))
    return false;
  if (party.id === source.entity) return false;
  const speakerCountry = view.entityById.get(source.entity)?.country;
  return party.country === undefined || party.country !== speakerCountry;
}

interface OtherAttribution {
  readonly c: Candidate;
  readonly source: Source;
  readonly evidence: Span;
}

/**
 * The attributions layer: one per attribution of the quotes (quotes sharing a cue span share one, the
 * first of them named), then the other attributions at cues no statement holds; in text order.
 */
function attributionLayer(
  text: string,
  quotes: readonly Quote[],
  others: readonly OtherAttribution[],
): AttributionRecord[] {
  const at = (span: Span): { text: string; span: Span } => ({ text: text.slice(span.start, span.end), span });
  const speakerOf = (s: Source): { speaker?: Source } =>
    s.kind === 'unresolved' && s.text === '' ? {} : { speaker: s };
  const byCue = new Map<string, AttributionRecord>();
  const add = (
    spans: AttributionSpans,
    rest: Pick<AttributionRecord, 'kind' | 'evidence' | 'stage' | 'confidence'> & { quote?: string },
    source: Source,
  ): void => {
    const key = `${spans.cue.start}:${spans.cue.end}`;
    if (byCue.has(key)) return;
    byCue.set(key, {
      id: '',
      kind: rest.kind,
      ...(rest.quote !== undefined && { quote: rest.quote }),
      ...(spans.source && { source: at(spans.source) }),
      cue: at(spans.cue),
      content: spans.content.map(at),
      ...speakerOf(source),
      evidence: rest.evidence,
      stage: rest.stage,
      confidence: rest.confidence,
    });
  };
  for (const q of quotes)
    if (q.attribution)
      add(
        q.attribution,
        { kind: 'statement', quote: q.id, evidence: q.evidence, stage: q.stage, confidence: q.confidence },
        q.speaker,
      );
  for (const { c, source, evidence } of others)
    if (c.attribution)
      add(c.attribution, { kind: 'other', evidence, stage: REF, confidence: c.confidence }, source);
  const out = [...byCue.values()].sort((a, b) => a.cue.span.start - b.cue.span.start);
  out.forEach((a, n) => (a.id = `a${n + 1}`));
  return out;
}

/** The sentences that hold both the content and the cue. */
function evidenceOf(view: TextView, content: Span, cue: Span): Span {
  const start = Math.min(content.start, cue.start);
  const end = Math.max(content.end, cue.end);
  let a = start;
  let b = end;
  for (const s of view.sentences) {
    // Sentences run in text order: none after this one can hold either end.
    if (s.start >= end) break;
    if (s.start <= start && start < s.end) a = Math.min(a, s.start);
    if (s.start < end && end <= s.end) b = Math.max(b, s.end);
  }
  return { start: a, end: b };
}

export { CLAUSE_STOP, PREPS };
