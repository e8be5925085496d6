/**
 * Training data: PolNeAR articles read into the project's own token and sentence layers, with each gold
 * attribution's cue, source and content as token ranges. Used by training and tuning only; the shipped
 * tagger never reads the corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alignOffsets,
  goldFiles,
  parseAnn,
  type Fragments,
  type PolnearAttribution,
} from '../eval/polnear.js';
import { createDocument } from '../model/document.js';
import type { Sentence, Span, Token } from '../model/schema.js';
import { segment } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';

/** Token indices [start, end) of each fragment of a role span. */
export type TokenRanges = readonly (readonly [number, number])[];

export interface GoldAttribution {
  readonly cue: TokenRanges;
  readonly source: TokenRanges;
  readonly content: TokenRanges;
}

export interface TrainingDoc {
  readonly name: string;
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly gold: readonly GoldAttribution[];
  /** The gold attributions in character offsets of `text`, for scoring. */
  readonly goldSpans: readonly PolnearAttribution[];
}

/** Tokens overlapping a character span, as [first, last + 1); empty ranges are dropped. */
function toTokens(tokens: readonly Token[], f: Fragments | undefined): TokenRanges {
  if (f === undefined) return [];
  const out: [number, number][] = [];
  for (const s of f) {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as Token).end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    let e = lo;
    while (e < tokens.length && (tokens[e] as Token).start < s.end) e++;
    if (e > lo) out.push([lo, e]);
  }
  return out;
}

/** Reads a split folder (`attributions/`, `text/`), one gold file per article as the evaluator does. */
export function readSplit(dir: string, limit = Infinity): TrainingDoc[] {
  const annDir = join(dir, 'attributions');
  const textDir = join(dir, 'text');
  if (!existsSync(annDir) || !existsSync(textDir))
    throw new Error(`${dir}: expected attributions/ and text/`);
  const out: TrainingDoc[] = [];
  for (const [article, file] of [...goldFiles(readdirSync(annDir)).entries()].slice(0, limit)) {
    const raw = readFileSync(join(textDir, `${article}.txt`), 'utf8');
    const doc = createDocument(raw);
    // Compositions (NFC) shift offsets; alignOffsets keeps its place across them, as `eval polnear` does.
    const map = alignOffsets(raw, doc.text);
    const tokens = tokenize(doc.text);
    const mapped = (f: Fragments | undefined): Span[] | undefined =>
      f?.map((x) => ({ start: map(x.start), end: map(x.end) }));
    const goldSpans = parseAnn(readFileSync(join(annDir, file), 'utf8')).map((a) => {
      const source = mapped(a.source);
      const cue = mapped(a.cue);
      const content = mapped(a.content);
      return {
        ...(source !== undefined && { source }),
        ...(cue !== undefined && { cue }),
        ...(content !== undefined && { content }),
      };
    });
    out.push({
      name: article,
      text: doc.text,
      tokens,
      sentences: segment(doc.text, tokens),
      gold: goldSpans.map((a) => ({
        cue: toTokens(tokens, a.cue),
        source: toTokens(tokens, a.source),
        content: toTokens(tokens, a.content),
      })),
      goldSpans,
    });
  }
  return out;
}
