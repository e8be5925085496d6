/**
 * PolNeAR attribution scoring (see shared/data/polnear/README.md): brat `.ann` parsing, the choice of
 * one gold file per article, and document-level exact / token-overlap P/R/F1 for source, cue and content.
 */
import type { Span } from '../model/schema.js';

/** One role span as annotated: one fragment, or several for a discontinuous span. */
export type Fragments = readonly Span[];

/** One gold attribution: its cue, its content (Content and Content2 fragments together) and its source if any. */
export interface PolnearAttribution {
  readonly source?: Fragments;
  readonly cue?: Fragments;
  readonly content?: Fragments;
}

export const POLNEAR_ROLES = ['source', 'cue', 'content'] as const;
export type PolnearRole = (typeof POLNEAR_ROLES)[number];

/** The spans of one document, per role (gold or system), in the same text's offsets. */
export type RoleSpans = Record<PolnearRole, Fragments[]>;

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ExactCounts extends Prf {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface OverlapCounts extends Prf {
  /** Predicted tokens inside a gold span of the role, and all predicted tokens. */
  readonly predictedHit: number;
  readonly predicted: number;
  /** Gold tokens inside a predicted span of the role, and all gold tokens. */
  readonly goldHit: number;
  readonly gold: number;
}

export interface RoleScore {
  readonly exact: ExactCounts;
  readonly overlap: OverlapCounts;
}

/** The conventions the scores follow, printed with them. */
export const POLNEAR_CONVENTIONS = [
  'gold: one .ann file per article, the lexicographically smallest annotator id; E lines with neither cue nor content skipped',
  'discontinuous spans: one span made of all its fragments (Content2 fragments join the Content span)',
  'tokens: maximal runs of letters/digits, and every other non-space character alone; a token belongs to a span when they overlap',
  'exact: a predicted span matches a gold span of the same role with the same token set (one-to-one, per document)',
  'overlap: P = predicted tokens inside a gold span / predicted tokens, R = gold tokens inside a predicted span / gold tokens (per role, pooled)',
  "system: the analysis's attributions layer, every kind (statements, one per cue span however many quotes show it, and attributions the product does not count as statements: beliefs, intentions, agreements); source, cue and content fragments as the quote stage annotates them in this corpus's convention",
  'gold offsets mapped onto the normalized document text; all figures micro-averaged over documents',
];

function parseFragments(field: string): Span[] {
  const out: Span[] = [];
  for (const part of field.split(';')) {
    const [a, b] = part.trim().split(/\s+/).map(Number);
    if (a === undefined || b === undefined || !Number.isInteger(a) || !Number.isInteger(b) || b < a) continue;
    out.push({ start: a, end: b });
  }
  return out;
}

/**
 * Parses a brat `.ann` file into attributions. Lines that do not start with `T<n>\t`, `E<n>\t` or `#<n>\t`
 * continue the previous record's covered text and are skipped; `E` lines may name `T` ids defined later.
 * @example parseAnn('T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthat\nE1\tAttribution:T1 Cue:T1 Content:T2\n')
 */
export function parseAnn(raw: string): PolnearAttribution[] {
  const spans = new Map<string, { type: string; fragments: Span[] }>();
  const events: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const t = /^(T\d+)\t(\S+) ([\d ;]+)(?:\t|$)/.exec(line);
    if (t) {
      spans.set(t[1] as string, { type: t[2] as string, fragments: parseFragments(t[3] as string) });
      continue;
    }
    const e = /^E\d+\t(.*)$/.exec(line);
    if (e) events.push(e[1] as string);
    // `#` notes and continuation lines carry nothing to score.
  }
  const out: PolnearAttribution[] = [];
  for (const event of events) {
    let source: Span[] | undefined;
    let cue: Span[] | undefined;
    let content: Span[] | undefined;
    for (const part of event.trim().split(/\s+/)) {
      const colon = part.lastIndexOf(':');
      if (colon < 0) continue;
      const role = part.slice(0, colon).replace(/\d+$/, '');
      const target = spans.get(part.slice(colon + 1));
      if (target === undefined || target.fragments.length === 0) continue;
      if (role === 'Source') source = [...(source ?? []), ...target.fragments];
      else if (role === 'Cue') cue = [...(cue ?? []), ...target.fragments];
      else if (role === 'Content') content = [...(content ?? []), ...target.fragments];
    }
    if (cue === undefined && content === undefined) continue;
    const sort = (f: Span[]): Span[] => [...f].sort((a, b) => a.start - b.start || a.end - b.end);
    out.push({
      ...(source !== undefined && { source: sort(source) }),
      ...(cue !== undefined && { cue: sort(cue) }),
      ...(content !== undefined && { content: sort(content) }),
    });
  }
  return out;
}

/**
 * Picks the gold file of each article: `<article>_<annotator>.ann`, the smallest annotator id.
 * @example goldFiles(['a_2.ann', 'a_1.ann']) // Map { 'a' => 'a_1.ann' }
 */
export function goldFiles(names: readonly string[]): Map<string, string> {
  const best = new Map<string, { annotator: string; file: string }>();
  for (const file of names) {
    const m = /^(.*)_([^_]+)\.ann$/.exec(file);
    if (!m) continue;
    const article = m[1] as string;
    const annotator = m[2] as string;
    const seen = best.get(article);
    if (seen === undefined || annotator < seen.annotator) best.set(article, { annotator, file });
  }
  return new Map(
    [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([a, v]) => [a, v.file]),
  );
}

/** Gold role spans of a document. */
export function goldRoleSpans(attributions: readonly PolnearAttribution[]): RoleSpans {
  const out: RoleSpans = { source: [], cue: [], content: [] };
  for (const a of attributions)
    for (const role of POLNEAR_ROLES) if (a[role] !== undefined) out[role].push(a[role]);
  return out;
}

/** Token start offsets of `text` (word runs, and every other non-space character alone). */
export function tokenStarts(text: string): Span[] {
  const out: Span[] = [];
  const re = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Indices of the tokens a (possibly discontinuous) span overlaps. */
function tokenSet(tokens: readonly Span[], fragments: Fragments): number[] {
  const out = new Set<number>();
  for (const f of fragments) {
    // binary search for the first token ending after f.start
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as Span).end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < tokens.length && (tokens[k] as Span).start < f.end; k++) out.add(k);
  }
  return [...out].sort((a, b) => a - b);
}

interface DocRoleCounts {
  tp: number;
  tpWords: number;
  predictedSpans: number;
  goldSpans: number;
  predictedHit: number;
  predicted: number;
  goldHit: number;
  gold: number;
}

/** Scores one role in one document; spans covering no token are left out on both sides. */
export function scoreRole(
  text: string,
  gold: readonly Fragments[],
  predicted: readonly Fragments[],
): DocRoleCounts {
  const tokens = tokenStarts(text);
  const goldSets = gold.map((g) => tokenSet(tokens, g)).filter((s) => s.length > 0);
  const predSets = predicted.map((p) => tokenSet(tokens, p)).filter((s) => s.length > 0);
  const goldKeys = new Map<string, number>();
  for (const s of goldSets) goldKeys.set(s.join(','), (goldKeys.get(s.join(',')) ?? 0) + 1);
  let tp = 0;
  for (const s of predSets) {
    const key = s.join(',');
    const left = goldKeys.get(key) ?? 0;
    if (left > 0) {
      tp++;
      goldKeys.set(key, left - 1);
    }
  }
  // Diagnostic: the same one-to-one match on word tokens only (punctuation and quotation marks left out).
  const words = (set: number[]): string => {
    const kept = set.filter((k) => /[\p{L}\p{N}]/u.test(text.charAt((tokens[k] as Span).start)));
    return (kept.length > 0 ? kept : set).join(',');
  };
  const goldWordKeys = new Map<string, number>();
  for (const s of goldSets) goldWordKeys.set(words(s), (goldWordKeys.get(words(s)) ?? 0) + 1);
  let tpWords = 0;
  for (const s of predSets) {
    const left = goldWordKeys.get(words(s)) ?? 0;
    if (left > 0) {
      tpWords++;
      goldWordKeys.set(words(s), left - 1);
    }
  }
  const goldTokens = new Set(goldSets.flat());
  const predTokens = new Set(predSets.flat());
  let predictedHit = 0;
  for (const t of predTokens) if (goldTokens.has(t)) predictedHit++;
  let goldHit = 0;
  for (const t of goldTokens) if (predTokens.has(t)) goldHit++;
  return {
    tp,
    tpWords,
    predictedSpans: predSets.length,
    goldSpans: goldSets.length,
    predictedHit,
    predicted: predTokens.size,
    goldHit,
    gold: goldTokens.size,
  };
}

export function prf(hitP: number, allP: number, hitR: number, allR: number): Prf {
  const precision = allP > 0 ? hitP / allP : 0;
  const recall = allR > 0 ? hitR / allR : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface PolnearDoc {
  readonly text: string;
  /** Gold attributions, in the text's offsets. */
  readonly gold: readonly PolnearAttribution[];
  /** System attributions (one per quote), in the text's offsets. */
  readonly predicted: readonly PolnearAttribution[];
}

/** Gold content opens or closes with a quotation mark: a direct (or partly direct) attribution. */
export function isDirect(text: string, content: Fragments | undefined): boolean {
  if (content === undefined || content.length === 0) return false;
  const s = text.slice((content[0] as Span).start, (content[content.length - 1] as Span).end).trim();
  return /^["“‘'«]/u.test(s) || /["”’'»][.,!?]?$/u.test(s);
}

export interface AttributionScore {
  /** Predicted attributions whose cue overlaps a gold cue (one-to-one, in gold order), and all predicted. */
  readonly matched: number;
  readonly predicted: number;
  readonly gold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Recall by kind of gold attribution. */
  readonly direct: { readonly gold: number; readonly matched: number };
  readonly indirect: { readonly gold: number; readonly matched: number };
  /** Among matched pairs: source and content judged exact (same token set) and by overlap (any shared token). */
  readonly pairsWithGoldSource: number;
  readonly sourceExact: number;
  readonly sourceOverlap: number;
  readonly contentExact: number;
  readonly contentOverlap: number;
}

export interface PolnearReport {
  readonly documents: number;
  readonly goldAttributions: number;
  readonly roles: Record<PolnearRole, RoleScore>;
  /** Diagnostic: exact F1 with punctuation tokens (quotation marks, final stops) left out of both spans. */
  readonly exactWordsF1: Record<PolnearRole, number>;
  readonly attributions: AttributionScore;
}

function sameTokens(tokens: readonly Span[], a: Fragments | undefined, b: Fragments | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = tokenSet(tokens, a);
  return x.length > 0 && x.join(',') === tokenSet(tokens, b).join(',');
}

function shareToken(tokens: readonly Span[], a: Fragments | undefined, b: Fragments | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = new Set(tokenSet(tokens, a));
  return tokenSet(tokens, b).some((k) => x.has(k));
}

const fragmentsOverlap = (a: Fragments, b: Fragments): boolean =>
  a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));

function scoreAttributions(docs: readonly PolnearDoc[]): AttributionScore {
  const c = {
    matched: 0,
    predicted: 0,
    gold: 0,
    direct: { gold: 0, matched: 0 },
    indirect: { gold: 0, matched: 0 },
    pairsWithGoldSource: 0,
    sourceExact: 0,
    sourceOverlap: 0,
    contentExact: 0,
    contentOverlap: 0,
  };
  for (const d of docs) {
    const tokens = tokenStarts(d.text);
    const used = new Set<number>();
    c.predicted += d.predicted.length;
    for (const g of d.gold) {
      c.gold++;
      const kind = isDirect(d.text, g.content) ? c.direct : c.indirect;
      kind.gold++;
      const gc = g.cue;
      const n =
        gc === undefined
          ? -1
          : d.predicted.findIndex(
              (p, k) => !used.has(k) && p.cue !== undefined && fragmentsOverlap(p.cue, gc),
            );
      if (n < 0) continue;
      used.add(n);
      c.matched++;
      kind.matched++;
      const p = d.predicted[n] as PolnearAttribution;
      if (g.source !== undefined) {
        c.pairsWithGoldSource++;
        if (sameTokens(tokens, p.source, g.source)) c.sourceExact++;
        if (shareToken(tokens, p.source, g.source)) c.sourceOverlap++;
      }
      if (sameTokens(tokens, p.content, g.content)) c.contentExact++;
      if (shareToken(tokens, p.content, g.content)) c.contentOverlap++;
    }
  }
  return { ...c, ...prf(c.matched, c.predicted, c.matched, c.gold) };
}

/** Pools per-document counts into the report. */
export function scorePolnear(docs: readonly PolnearDoc[]): PolnearReport {
  const roles = {} as Record<PolnearRole, RoleScore>;
  const exactWordsF1 = {} as Record<PolnearRole, number>;
  const spans = docs.map((d) => ({
    text: d.text,
    gold: goldRoleSpans(d.gold),
    predicted: goldRoleSpans(d.predicted),
  }));
  for (const role of POLNEAR_ROLES) {
    const sum: DocRoleCounts = {
      tp: 0,
      tpWords: 0,
      predictedSpans: 0,
      goldSpans: 0,
      predictedHit: 0,
      predicted: 0,
      goldHit: 0,
      gold: 0,
    };
    for (const d of spans) {
      const c = scoreRole(d.text, d.gold[role], d.predicted[role]);
      for (const k of Object.keys(sum) as (keyof DocRoleCounts)[]) sum[k] += c[k];
    }
    roles[role] = {
      exact: {
        ...prf(sum.tp, sum.predictedSpans, sum.tp, sum.goldSpans),
        tp: sum.tp,
        fp: sum.predictedSpans - sum.tp,
        fn: sum.goldSpans - sum.tp,
      },
      overlap: {
        ...prf(sum.predictedHit, sum.predicted, sum.goldHit, sum.gold),
        predictedHit: sum.predictedHit,
        predicted: sum.predicted,
        goldHit: sum.goldHit,
        gold: sum.gold,
      },
    };
    exactWordsF1[role] = prf(sum.tpWords, sum.predictedSpans, sum.tpWords, sum.goldSpans).f1;
  }
  return {
    documents: docs.length,
    goldAttributions: docs.reduce((a, d) => a + d.gold.length, 0),
    roles,
    exactWordsF1,
    attributions: scoreAttributions(docs),
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const share = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

/** Text report: conventions, one line per role and match kind, then the attribution-level figures. */
export function formatPolnearReport(name: string, r: PolnearReport): string {
  const lines = [
    `PolNeAR ${name}: ${r.documents} documents, ${r.goldAttributions} gold attributions`,
    ...POLNEAR_CONVENTIONS.map((c) => `  convention: ${c}`),
    `  role     match     P      R      F1`,
  ];
  for (const role of POLNEAR_ROLES) {
    const { exact: e, overlap: o } = r.roles[role];
    lines.push(
      `  ${role.padEnd(8)} exact   ${pct(e.precision)}  ${pct(e.recall)}  ${pct(e.f1)}   (tp ${e.tp}, fp ${e.fp}, fn ${e.fn})`,
      `  ${role.padEnd(8)} overlap ${pct(o.precision)}  ${pct(o.recall)}  ${pct(o.f1)}   (tokens: predicted ${o.predicted}, gold ${o.gold})`,
    );
  }
  const w = r.exactWordsF1;
  lines.push(
    `  diagnostic, not the score: exact F1 on word tokens only (punctuation, quotation marks dropped): source ${pct(w.source)}, cue ${pct(w.cue)}, content ${pct(w.content)}`,
  );
  const a = r.attributions;
  lines.push(
    `  attributions (a predicted one matches a gold one when their cues overlap, one-to-one): P ${pct(a.precision)}  R ${pct(a.recall)}  F1 ${pct(a.f1)}  (matched ${a.matched}, predicted ${a.predicted}, gold ${a.gold})`,
    `    recall: direct (gold content opens/closes with a quotation mark) ${share(a.direct.matched, a.direct.gold)} of ${a.direct.gold}, indirect ${share(a.indirect.matched, a.indirect.gold)} of ${a.indirect.gold}`,
    `    on matched pairs: source exact ${share(a.sourceExact, a.pairsWithGoldSource)}, overlap ${share(a.sourceOverlap, a.pairsWithGoldSource)} (of ${a.pairsWithGoldSource} with a gold source); content exact ${share(a.contentExact, a.matched)}, overlap ${share(a.contentOverlap, a.matched)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Raw-text offsets onto the normalized text; shared by every evaluator (`offsets.ts`). */
export { alignOffsets } from './offsets.js';
