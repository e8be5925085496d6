/** Quote matching (speaker after entity matching, content token F1 ≥ 0.5) and contradictions built on it. */
import { assignGreedy, type Candidate } from './assign.js';
import {
  countAssignment,
  describeAssignment,
  ratio,
  type SectionMatches,
  type SectionScore,
} from './metrics.js';
import { contentTokens, tokenF1 } from './normalize.js';
import type { GoldContradiction, GoldQuote } from './schema.js';

export const CONTENT_F1_THRESHOLD = 0.5;

export interface QuotesResult {
  readonly score: SectionScore & { readonly kindShare: number | null; readonly stanceShare: number | null };
  readonly matches: SectionMatches;
  /** gold quote key → matched system quote key; optional gold quotes included, for contradictions */
  readonly goldToSystemKey: ReadonlyMap<string, string>;
}

export interface ContradictionsResult {
  readonly score: SectionScore;
  readonly matches: SectionMatches;
}

function hasContent(quote: GoldQuote): quote is GoldQuote & { content: string } {
  return quote.content !== undefined && contentTokens(quote.content).length > 0;
}

/** Gold and answers alike: `speaker_any` members are more accepted speakers. */
function speakersOf(quote: GoldQuote): string[] {
  return [...(quote.speaker === undefined ? [] : [quote.speaker]), ...(quote.speaker_any ?? [])];
}

/**
 * Quality of a candidate pair, or null when the rule rejects it. A content match ranks by its token
 * F1 (≥ 0.5); a content-less gold quote matched on speaker and stance alone ranks below every content
 * match (quality 0), since it is the weaker evidence.
 */
function quoteQuality(
  gold: GoldQuote,
  system: GoldQuote,
  goldToSystemEntity: ReadonlyMap<string, string>,
): number | null {
  const systemSpeakers = new Set(speakersOf(system));
  const sameSpeaker = speakersOf(gold).some((k) => {
    const mapped = goldToSystemEntity.get(k);
    return mapped !== undefined && systemSpeakers.has(mapped);
  });
  if (!sameSpeaker) return null;
  if (!hasContent(gold)) return system.stance === gold.stance ? 0 : null;
  const f1 = tokenF1(system.content ?? '', gold.content);
  return f1 >= CONTENT_F1_THRESHOLD ? f1 : null;
}

/**
 * Matches quotes one-to-one and maps gold quote keys to system ones for contradictions.
 * @example matchQuotes(gold.quotes, answer.quotes, entityMap).score.kindShare
 */
export function matchQuotes(
  gold: readonly GoldQuote[],
  system: readonly GoldQuote[],
  goldToSystemEntity: ReadonlyMap<string, string>,
): QuotesResult {
  const candidates: Candidate[] = [];
  gold.forEach((g, gi) => {
    system.forEach((s, si) => {
      const quality = quoteQuality(g, s, goldToSystemEntity);
      if (quality !== null) candidates.push({ gold: gi, system: si, quality });
    });
  });
  const goldOptional = gold.map((q) => q.optional === true);
  const assignment = assignGreedy(candidates, goldOptional);
  const counted = system.map((_, i) => i);

  let matched = 0;
  let sameKind = 0;
  let sameStance = 0;
  const goldToSystemKey = new Map<string, string>();
  for (const [gi, si] of assignment.goldToSystem) {
    const g = gold[gi];
    const s = system[si];
    if (g === undefined || s === undefined) continue;
    goldToSystemKey.set(g.key, s.key);
    if (goldOptional[gi] === true) continue;
    matched += 1;
    if (g.kind === s.kind) sameKind += 1;
    if (g.stance === s.stance) sameStance += 1;
  }
  return {
    score: {
      ...countAssignment(assignment, goldOptional, counted),
      kindShare: ratio(sameKind, matched),
      stanceShare: ratio(sameStance, matched),
    },
    matches: describeAssignment(
      assignment,
      gold.map((q) => q.key),
      system.map((q) => q.key),
      goldOptional,
      counted,
    ),
    goldToSystemKey,
  };
}

function contradictionLabel(c: GoldContradiction): string {
  return `${c.a} ~ ${c.b}`;
}

/**
 * A gold contradiction is found when the system flags the two quotes matched to its sides, in either order.
 * @example matchContradictions(gold.contradictions, answer.contradictions, quoteMap).score.recall
 */
export function matchContradictions(
  gold: readonly GoldContradiction[],
  system: readonly GoldContradiction[],
  goldToSystemQuote: ReadonlyMap<string, string>,
): ContradictionsResult {
  const candidates: Candidate[] = [];
  gold.forEach((g, gi) => {
    const a = goldToSystemQuote.get(g.a);
    const b = goldToSystemQuote.get(g.b);
    if (a === undefined || b === undefined) return;
    system.forEach((s, si) => {
      if ((s.a === a && s.b === b) || (s.a === b && s.b === a))
        candidates.push({ gold: gi, system: si, quality: 0 });
    });
  });
  const goldOptional = gold.map((c) => c.optional === true);
  const assignment = assignGreedy(candidates, goldOptional);
  const counted = system.map((_, i) => i);
  return {
    score: countAssignment(assignment, goldOptional, counted),
    matches: describeAssignment(
      assignment,
      gold.map(contradictionLabel),
      system.map(contradictionLabel),
      goldOptional,
      counted,
    ),
  };
}
