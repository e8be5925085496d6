/**
 * Loaded language from a lexicon and from the trained span classifier (src/loaded/), with its voice:
 * the outlet's own words or words inside a quotation.
 */
import type { LoadedClassifier } from '../../loaded/classifier.js';
import type { Marker, Mention, Quote, Sentence, Span, Token } from '../../model/schema.js';
import { findQuoteMarks } from '../quotes/marks.js';

export function compileLoaded(entries: Iterable<string>): RegExp | undefined {
  const phrases = [...entries]
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'))
    .sort((a, b) => b.length - a.length)
    .map((e) =>
      e
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+')
        .replace(/-/g, '[-‐]'),
    );
  if (phrases.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

// A hyphenated modifier fused to the phrase ("foreign-backed puppet regime") or the name whose
// label it is ("the leader's clique") is part of the label.
const MODIFIER = /([\p{L}\p{N}.]+[-‐][\p{L}\p{N}]+|\p{Lu}[\p{L}-]*['’]s)[ \t]+$/u;

export interface LoadedInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly quotes: readonly Quote[];
  /** Spans not to scan (footnote lines). */
  readonly exclude: readonly Span[];
}

/** A candidate span and how sure its source is. */
interface Candidate {
  start: number;
  end: number;
  confidence: number;
}

/** Lexicon matches, widened by an attached modifier; all-capitalized phrases are names, not labels. */
function lexiconCandidates(text: string, re: RegExp): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(re)) {
    let start = m.index;
    const end = m.index + m[0].length;
    if (m[0].includes(' ') && isNameLike(m[0])) continue;
    const mod = MODIFIER.exec(text.slice(Math.max(0, start - 40), start));
    if (mod) start -= mod[0].length;
    out.push({ start, end, confidence: 0.6 });
  }
  return out;
}

/** Joins overlapping candidates (sorted by start), keeping the higher confidence. */
function joinCandidates(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of cands) {
    const last = out[out.length - 1];
    if (last !== undefined && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      last.confidence = Math.max(last.confidence, c.confidence);
    } else out.push({ ...c });
  }
  return out;
}

/** Confidence of a classifier span from its margin over the decision threshold. */
const marginConfidence = (score: number, threshold: number): number =>
  Math.round((1 / (1 + Math.exp(-(score - threshold)))) * 100) / 100;

export function loadedMarkers(
  input: LoadedInput,
  re: RegExp | undefined,
  ref: string,
  classifier?: LoadedClassifier,
  weakEnds?: ReadonlySet<string>,
): Marker[] {
  const { text } = input;
  const marks = findQuoteMarks(text);
  const quoted: Span[] = [
    ...marks.map((m) => m.inner),
    ...input.quotes.filter((q) => q.kind === 'direct').map((q) => q.content.span),
  ];
  let cands: Candidate[] = re ? lexiconCandidates(text, re) : [];
  if (classifier !== undefined) {
    const doc = { text, tokens: input.tokens, sentences: input.sentences, quoted: marks.map((m) => m.inner) };
    const scores = classifier.tokenScores(doc);
    // A lexicon match stands when one of its words scores above the classifier's lexicon gate (the
    // score a word needs to join a span): the curated list holds words such as "criminals" that the
    // PTC annotators seldom mark.
    const gate = classifier.lexiconGate;
    cands = cands.filter((c) => maxScore(input.tokens, scores, c.start, c.end) > gate);
    // News wire carries far less loaded language than the PTC's outlets: the stricter threshold.
    // A lexicon match is a curated label with exact bounds: a classifier span touching it gives way.
    const lexicon = cands.length;
    for (const s of classifier.spansOf(doc, scores, classifier.newsThreshold, weakEnds)) {
      if (cands.slice(0, lexicon).some((c) => c.start < s.end && s.start < c.end)) continue;
      cands.push({
        start: s.start,
        end: s.end,
        confidence: marginConfidence(s.score, classifier.newsThreshold),
      });
    }
  }
  const out: Marker[] = [];
  for (const { start, end, confidence } of joinCandidates(cands)) {
    if (input.exclude.some((s) => s.start < end && start < s.end)) continue;
    const span = { start, end };
    const voice = quoted.some((q) => q.start <= span.start && span.end <= q.end) ? 'quote' : 'outlet';
    const sentence = sentenceAt(input.sentences, start, end);
    const marker: Marker = {
      id: '',
      kind: 'loaded-language',
      text: text.slice(start, end),
      span,
      voice,
      evidence: sentence ? { start: sentence.start, end: sentence.end } : span,
      stage: ref,
      confidence,
    };
    const mention = input.mentions.find(
      (x) => x.entity !== undefined && x.span.start < end && start < x.span.end,
    );
    if (mention?.entity !== undefined) marker.refersTo = mention.entity;
    out.push(marker);
  }
  return out;
}

/** The highest score of the tokens overlapping [start, end) (tokens are in text order), or −Infinity. */
function maxScore(tokens: readonly Token[], scores: Float32Array, start: number, end: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let best = -Infinity;
  for (let i = lo; i < tokens.length && tokens[i]!.start < end; i++)
    best = Math.max(best, scores[i] as number);
  return best;
}

/** Every word capitalized, as in an organization's name. */
function isNameLike(s: string): boolean {
  return s.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
}

/** The sentence that contains [start, end), by binary search (sentences are in text order). */
function sentenceAt(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.end < end) lo = mid + 1;
    else hi = mid;
  }
  const s = sentences[lo];
  return s !== undefined && s.start <= start && end <= s.end ? s : undefined;
}
