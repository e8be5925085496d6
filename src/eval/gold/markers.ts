/** Marker matching: same kind, and the system's span overlaps at least half of the gold text's characters. */
import { assignGreedy, type Candidate } from './assign.js';
import { countAssignment, describeAssignment, type SectionMatches, type SectionScore } from './metrics.js';
import { normalizeGoldText, normalizeWithOffsets, type MappedText } from './normalize.js';
import type { GoldMarker } from './schema.js';

export const MARKER_OVERLAP_SHARE = 0.5;

export interface MarkersResult {
  readonly score: SectionScore;
  readonly matches: SectionMatches;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function codePoints(text: string): number {
  return Array.from(text).length;
}

function allIndexes(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Locates an article's text once, exactly and in normalized form, for any number of marker texts. */
export class ArticleLocator {
  private readonly article: string;
  private mapped: MappedText | undefined;
  private readonly cache = new Map<string, Span[]>();

  constructor(articleText: string) {
    this.article = articleText.normalize('NFC');
  }

  /**
   * Every span of the article holding the text: verbatim occurrences if there are any, otherwise
   * occurrences after normalization on both sides (curly quotes, footnote marks, white space, case),
   * mapped back to article offsets.
   */
  locate(text: string): Span[] {
    let spans = this.cache.get(text);
    if (spans === undefined) {
      spans = this.search(text);
      this.cache.set(text, spans);
    }
    return spans;
  }

  private search(text: string): Span[] {
    const needle = text.normalize('NFC');
    const exact = allIndexes(this.article, needle).map((i) => ({ start: i, end: i + needle.length }));
    if (exact.length > 0) return exact;
    this.mapped ??= normalizeWithOffsets(this.article);
    const { text: normArticle, offsets } = this.mapped;
    const normNeedle = normalizeWithOffsets(needle).text;
    return allIndexes(normArticle, normNeedle).map((i) => {
      const last = offsets[i + normNeedle.length - 1] ?? this.article.length - 1;
      const code = this.article.codePointAt(last) ?? 0;
      return { start: offsets[i] ?? 0, end: last + (code > 0xffff ? 2 : 1) };
    });
  }

  /** Characters (code points) of the article in [start, end). */
  length(start: number, end: number): number {
    return end > start ? codePoints(this.article.slice(start, end)) : 0;
  }
}

/** Longest common substring length, in code points. */
function longestCommonSubstring(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let best = 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i += 1) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j += 1) {
      if (x[i - 1] === y[j - 1]) {
        const v = (prev[j - 1] ?? 0) + 1;
        row[j] = v;
        if (v > best) best = v;
      }
    }
    prev = row;
  }
  return best;
}

/**
 * The best share of the gold text's characters that the system's span covers, both texts placed in
 * the article. A system text that is nowhere in the article has no span and covers nothing; a gold
 * text that is nowhere in the article is compared with the system text directly, their longest common
 * substring standing for the overlap, so that one annotation slip does not void the file.
 */
export function markerOverlap(gold: string, system: string, locator: ArticleLocator): number {
  const goldSpans = locator.locate(gold);
  if (goldSpans.length === 0) {
    const normGold = normalizeGoldText(gold);
    const goldChars = codePoints(normGold);
    return goldChars === 0 ? 0 : longestCommonSubstring(normGold, normalizeGoldText(system)) / goldChars;
  }
  const systemSpans = locator.locate(system);
  let best = 0;
  for (const g of goldSpans) {
    const goldChars = locator.length(g.start, g.end);
    if (goldChars === 0) continue;
    for (const s of systemSpans) {
      const shared = locator.length(Math.max(g.start, s.start), Math.min(g.end, s.end));
      best = Math.max(best, shared / goldChars);
    }
  }
  return best;
}

function label(marker: GoldMarker): string {
  const text = marker.text.length > 40 ? `${marker.text.slice(0, 39)}…` : marker.text;
  return `${marker.kind}: ${text}`;
}

/**
 * Scores markers; the article text places both texts so that their spans can be compared.
 * @example matchMarkers(gold.markers, answer.markers, articleText).score.f1
 */
export function matchMarkers(
  gold: readonly GoldMarker[],
  system: readonly GoldMarker[],
  articleText: string,
): MarkersResult {
  const locator = new ArticleLocator(articleText);
  const candidates: Candidate[] = [];
  gold.forEach((g, gi) => {
    const kind = normalizeGoldText(g.kind);
    system.forEach((s, si) => {
      if (normalizeGoldText(s.kind) !== kind) return;
      const share = markerOverlap(g.text, s.text, locator);
      if (share >= MARKER_OVERLAP_SHARE) candidates.push({ gold: gi, system: si, quality: share });
    });
  });
  const goldOptional = gold.map((m) => m.optional === true);
  const assignment = assignGreedy(candidates, goldOptional);
  const counted = system.map((_, i) => i);
  return {
    score: countAssignment(assignment, goldOptional, counted),
    matches: describeAssignment(assignment, gold.map(label), system.map(label), goldOptional, counted),
  };
}
