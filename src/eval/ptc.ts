/**
 * PTC (SemEval-2020 Task 11) span-identification scoring for loaded language (see
 * shared/data/semeval2020_task11_ptc/README.md): technique labels in Unicode code points, the two
 * techniques merged into one span set, and the organizers' SI precision/recall with partial-overlap credit.
 */
import type { Span } from '../model/schema.js';

/** The PTC techniques the `loaded-language` markers stand for; their spans are merged into one set. */
export const PTC_LOADED_TECHNIQUES: readonly string[] = ['Loaded_Language', 'Name_Calling,Labeling'];

/** The fixed held-out fifth: articles whose numeric id is divisible by 5. */
export const isPtcHeldOut = (articleId: string): boolean => BigInt(articleId) % 5n === 0n;

export const PTC_CONVENTIONS = [
  `gold: technique-classification labels ${PTC_LOADED_TECHNIQUES.join(' + ')}, merged into one span set per article (overlaps joined)`,
  'system: the pipeline loaded-language markers, overlapping ones merged (scorer flag -m)',
  'offsets: Unicode code points of the article file (BOM counted), mapped onto the normalized text; overlaps counted in code points',
  'score: SI of SemEval-2020 Task 11, P = sum_s sum_t |s∩t|/|s| / |S|, R = sum_t sum_s |s∩t|/|t| / |T|, pooled over articles; F1 = 2PR/(P+R)',
  'held-out fifth: articles whose id mod 5 == 0',
];

/**
 * Reads `id TAB technique TAB start TAB end` lines, keeping the given techniques, grouped by article id.
 * @example parseTechniqueLabels('1\tDoubt\t3\t9\n', ['Doubt']) // Map { '1' => [{ start: 3, end: 9 }] }
 */
export function parseTechniqueLabels(raw: string, techniques: readonly string[]): Map<string, Span[]> {
  const keep = new Set(techniques);
  const out = new Map<string, Span[]>();
  for (const line of raw.split(/\r?\n/)) {
    const cols = line.split('\t');
    if (cols.length < 4) continue;
    const [id, technique, a, b] = cols as [string, string, string, string];
    if (!keep.has(technique)) continue;
    const start = Number(a);
    const end = Number(b);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) continue;
    const list = out.get(id) ?? [];
    list.push({ start, end });
    out.set(id, list);
  }
  return out;
}

/**
 * Sorts spans and joins overlapping ones (touching spans stay apart).
 * @example mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 6 }]) // [{ start: 0, end: 9 }]
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start < last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push({ ...s });
  }
  return out;
}

/**
 * UTF-16 index of each code-point offset of `text` (length = code points + 1).
 * @example codePointToUtf16('a😀b') // [0, 1, 3, 4]
 */
export function codePointToUtf16(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  for (const ch of text) {
    out.push(i);
    i += ch.length;
  }
  out.push(i);
  return out;
}

/** Code-point offset of each UTF-16 index of `text` (a low surrogate maps to its character's offset). */
export function utf16ToCodePoint(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = cp;
    const c = text.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    if (isHigh) {
      out[i + 1] = cp;
      i++;
    }
    cp++;
  }
  out[text.length] = cp;
  return out;
}

export interface SiCounts {
  /** Σ over predicted spans of the share of each covered by gold, and the number of predicted spans. */
  readonly precisionSum: number;
  readonly predicted: number;
  /** Σ over gold spans of the share of each covered by predictions, and the number of gold spans. */
  readonly recallSum: number;
  readonly gold: number;
}

export interface SiScore extends SiCounts {
  readonly articles: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const overlap = (a: Span, b: Span): number =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** SI counts of one article; both sides are merged first. */
export function siCounts(gold: readonly Span[], predicted: readonly Span[]): SiCounts {
  const g = mergeSpans(gold);
  const p = mergeSpans(predicted);
  let precisionSum = 0;
  for (const s of p) precisionSum += g.reduce((sum, t) => sum + overlap(s, t), 0) / (s.end - s.start);
  let recallSum = 0;
  for (const t of g) recallSum += p.reduce((sum, s) => sum + overlap(s, t), 0) / (t.end - t.start);
  return { precisionSum, predicted: p.length, recallSum, gold: g.length };
}

/** Pools article counts into P/R/F1 (a side with no span scores 0). */
export function poolSi(counts: readonly SiCounts[]): SiScore {
  const sum = { precisionSum: 0, predicted: 0, recallSum: 0, gold: 0 };
  for (const c of counts) {
    sum.precisionSum += c.precisionSum;
    sum.predicted += c.predicted;
    sum.recallSum += c.recallSum;
    sum.gold += c.gold;
  }
  const precision = sum.predicted > 0 ? sum.precisionSum / sum.predicted : 0;
  const recall = sum.gold > 0 ? sum.recallSum / sum.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...sum, articles: counts.length, precision, recall, f1 };
}

export interface PtcReport {
  readonly heldOut: SiScore;
  readonly all: SiScore;
  /**
   * The trained classifier alone at its PTC-tuned threshold (the markers stage applies a stricter
   * threshold for news), scored the same way.
   */
  readonly classifier?: { readonly heldOut: SiScore; readonly all: SiScore };
}

const f3 = (x: number): string => x.toFixed(3);

/** Text report: conventions, then the held-out fifth and all articles. */
export function formatPtcReport(name: string, r: PtcReport): string {
  const row = (label: string, s: SiScore): string =>
    `  ${label.padEnd(26)} P ${f3(s.precision)}  R ${f3(s.recall)}  F1 ${f3(s.f1)}   (${s.articles} articles, ${s.gold} gold spans, ${s.predicted} predicted)`;
  return `${[
    `PTC span identification, loaded language: ${name}`,
    ...PTC_CONVENTIONS.map((c) => `  convention: ${c}`),
    'pipeline markers:',
    row('held-out fifth (id mod 5=0)', r.heldOut),
    row('all articles', r.all),
    ...(r.classifier === undefined
      ? []
      : [
          'classifier alone, PTC-tuned threshold (trained on the other four fifths):',
          row('held-out fifth (id mod 5=0)', r.classifier.heldOut),
          row('all articles (seen in training)', r.classifier.all),
        ]),
  ].join('\n')}\n`;
}
