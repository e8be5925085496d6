/**
 * Development check of the quote stage against PolNeAR dev attributions (not a full evaluator).
 *
 *   npx tsx scripts/polnear-dev.ts [SPLIT_DIR] [--misses N] [--false N] [--limit DOCS]
 *
 * For each article (one .ann per article: the smallest annotator id) it runs the default pipeline
 * and compares quotes with gold attributions:
 *  - cue: a gold cue is found when a system cue overlaps it; a system cue is right when it overlaps a gold cue;
 *  - attribution-level: pairs matched by cue overlap, then source (speakerSpan) and content judged by
 *    overlap and by token-overlap F1 (content);
 *  - recall split into direct (content inside quotation marks) and indirect, and by cue word.
 * With --misses/--false it prints examples of missed gold attributions and unmatched system quotes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../src/analyze.js';
import { createDocument } from '../src/model/document.js';
import type { Quote, Span } from '../src/model/schema.js';

interface GoldAttr {
  cue: Span[];
  source: Span[];
  content: Span[];
  cueText: string;
}

const args = process.argv.slice(2);
const opt = (name: string, d: number): number => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : d;
};
const dir =
  args.find((a, k) => !a.startsWith('--') && (k === 0 || !args[k - 1]!.startsWith('--'))) ??
  '/work/shared/data/polnear/dev';
const showMisses = opt('--misses', 0);
const showFalse = opt('--false', 0);
const limit = opt('--limit', Infinity);
// --cues said,told: show only misses whose gold cue is one of these words.
const cueFilter = args.includes('--cues') ? new Set(args[args.indexOf('--cues') + 1]!.split(',')) : undefined;

function parseSpans(s: string): Span[] {
  return s.split(';').map((p) => {
    const [a, b] = p.trim().split(/\s+/).map(Number);
    return { start: a!, end: b! };
  });
}

function parseAnn(raw: string): GoldAttr[] {
  const t = new Map<string, { type: string; spans: Span[]; text: string }>();
  const events: string[] = [];
  for (const line of raw.split('\n')) {
    const tm = /^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$/.exec(line);
    if (tm) t.set(tm[1]!, { type: tm[2]!, spans: parseSpans(tm[3]!), text: tm[4]! });
    else if (/^E\d+\t/.test(line)) events.push(line.split('\t')[1]!);
  }
  const out: GoldAttr[] = [];
  for (const e of events) {
    const roles = new Map<string, string>();
    for (const part of e.split(/\s+/)) {
      const [role, id] = part.split(':');
      if (role && id) roles.set(role.replace(/\d+$/, ''), id);
    }
    const cue = t.get(roles.get('Cue') ?? '');
    const content = t.get(roles.get('Content') ?? '');
    if (!cue || !content) continue;
    const source = t.get(roles.get('Source') ?? '');
    out.push({
      cue: cue.spans,
      content: content.spans,
      source: source?.spans ?? [],
      cueText: cue.text.toLowerCase(),
    });
  }
  return out;
}

const overlaps = (a: readonly Span[], b: readonly Span[]): boolean =>
  a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));

function tokensOf(text: string, spans: readonly Span[]): Map<number, string> {
  // Token identity = start offset, so overlap is positional, not lexical.
  const out = new Map<number, string>();
  for (const s of spans) {
    const re = /[\p{L}\p{N}]+/gu;
    const part = text.slice(s.start, s.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) out.set(s.start + m.index, m[0]);
  }
  return out;
}

function tokenF1(text: string, sys: readonly Span[], gold: readonly Span[]): number {
  const a = tokensOf(text, sys);
  const b = tokensOf(text, gold);
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const k of a.keys()) if (b.has(k)) both++;
  if (both === 0) return 0;
  const p = both / a.size;
  const r = both / b.size;
  return (2 * p * r) / (p + r);
}

function isDirect(text: string, spans: readonly Span[]): boolean {
  const s = text.slice(spans[0]!.start, spans[spans.length - 1]!.end).trim();
  return /^["“‘]/u.test(s) || /["”’][.,]?$/u.test(s);
}

const textDir = join(dir, 'text');
const annDir = join(dir, 'attributions');
const anns = readdirSync(annDir)
  .filter((f) => f.endsWith('.ann'))
  .sort();
const byArticle = new Map<string, string>();
for (const f of anns) {
  const art = f.replace(/_[^_]+\.ann$/, '');
  if (!byArticle.has(art)) byArticle.set(art, f);
}

let gold = 0;
let goldDirect = 0;
let cueFound = 0;
let cueFoundDirect = 0;
let sys = 0;
let sysRight = 0;
let srcPairs = 0;
let srcOverlap = 0;
let contentF1Sum = 0;
let contentHalf = 0;
let matched = 0;
let skipped = 0;
const missByCue = new Map<string, number>();
const foundByCue = new Map<string, number>();
const missExamples: string[] = [];
const falseExamples: string[] = [];
let docs = 0;

for (const [art, annFile] of byArticle) {
  if (docs >= limit) break;
  const raw = readFileSync(join(textDir, `${art}.txt`), 'utf8');
  const doc = createDocument(raw);
  const text = doc.text;
  // Normalization only deletes characters (trailing spaces, leading blank lines): map raw offsets onto the text.
  const map = new Array<number>(raw.length + 1);
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    map[i] = j;
    if (raw[i] === text[j]) j++;
  }
  map[raw.length] = j;
  if (j !== text.length) {
    skipped++;
    continue;
  }
  docs++;
  const mapSpans = (ss: Span[]): Span[] =>
    ss.map((s) => ({ start: map[s.start] ?? text.length, end: map[s.end] ?? text.length }));
  const attrs = parseAnn(readFileSync(join(annDir, annFile), 'utf8')).map((a) => ({
    ...a,
    cue: mapSpans(a.cue),
    source: mapSpans(a.source),
    content: mapSpans(a.content),
  }));
  const quotes: Quote[] = analyzeDocument(doc).quotes;
  const sysCues = quotes.map((q) => [q.cue.span]);
  const used = new Set<number>();
  for (const g of attrs) {
    gold++;
    const direct = isDirect(text, g.content);
    if (direct) goldDirect++;
    const key = g.cueText.replace(/\s+/g, ' ');
    const n = quotes.findIndex((q, k) => !used.has(k) && overlaps([q.cue.span], g.cue));
    if (n < 0) {
      missByCue.set(key, (missByCue.get(key) ?? 0) + 1);
      if (missExamples.length < showMisses && (!cueFilter || cueFilter.has(key))) {
        const a = Math.min(...g.cue.map((s) => s.start), ...g.content.map((s) => s.start));
        const b = Math.max(...g.cue.map((s) => s.end), ...g.content.map((s) => s.end));
        const src = g.source.map((s) => text.slice(s.start, s.end)).join(' ');
        missExamples.push(
          `[${art.slice(0, 30)}] cue=${key} src=${src}\n    ${text.slice(Math.max(0, a - 60), Math.min(text.length, b + 20)).replace(/\n/g, ' ¶ ')}`,
        );
      }
      continue;
    }
    used.add(n);
    foundByCue.set(key, (foundByCue.get(key) ?? 0) + 1);
    cueFound++;
    if (direct) cueFoundDirect++;
    matched++;
    const q = quotes[n]!;
    if (g.source.length > 0) {
      srcPairs++;
      if (q.speakerSpan && overlaps([q.speakerSpan], g.source)) srcOverlap++;
    }
    const f1 = tokenF1(text, [q.content.span], g.content);
    contentF1Sum += f1;
    if (f1 >= 0.5) contentHalf++;
  }
  for (const [k, c] of sysCues.entries()) {
    sys++;
    if (attrs.some((g) => overlaps(c, g.cue))) sysRight++;
    else if (falseExamples.length < showFalse) {
      const q = quotes[k]!;
      const sp =
        q.speaker.kind === 'entity'
          ? q.speaker.entity
          : q.speaker.kind === 'unresolved'
            ? `?${q.speaker.text}`
            : 'outlet';
      falseExamples.push(
        `[${art.slice(0, 30)}] ${sp} ${q.cue.text} (${q.stance}) :: ${q.content.text.slice(0, 140)}`,
      );
    }
  }
}

const pct = (a: number, b: number): string => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1)}%`);
process.stdout.write(`PolNeAR ${dir}: ${docs} articles (${skipped} skipped: normalization not a deletion)\n`);
process.stdout.write(`gold attributions ${gold} (direct ${goldDirect}), system quotes ${sys}\n`);
process.stdout.write(
  `cue recall     ${pct(cueFound, gold)}   direct ${pct(cueFoundDirect, goldDirect)}   indirect ${pct(cueFound - cueFoundDirect, gold - goldDirect)}\n`,
);
process.stdout.write(`cue precision  ${pct(sysRight, sys)}\n`);
process.stdout.write(
  `source overlap on cue-matched ${pct(srcOverlap, srcPairs)} (${srcPairs} with a gold source)\n`,
);
process.stdout.write(
  `content token-F1 mean ${matched ? (contentF1Sum / matched).toFixed(3) : 'n/a'}, share >= 0.5 ${pct(contentHalf, matched)}\n`,
);
process.stdout.write(`attribution recall (cue+content>=0.5) ${pct(contentHalf, gold)}\n`);
const top = [...missByCue.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
process.stdout.write(
  `most missed cues: ${top.map(([k, v]) => `${k}:${v}/${v + (foundByCue.get(k) ?? 0)}`).join(', ')}\n`,
);
if (missExamples.length) process.stdout.write(`\nMISSES\n${missExamples.join('\n')}\n`);
if (falseExamples.length) process.stdout.write(`\nUNMATCHED SYSTEM QUOTES\n${falseExamples.join('\n')}\n`);
