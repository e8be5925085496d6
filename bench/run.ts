/** `npm run bench`: words per second of Parallax (whole pipeline and each stage) against compromise and wink-nlp. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { REPO_ROOT, loadCorpus, type Corpus } from './corpus.js';
import type { Contender, ProfiledContender } from './contenders/contender.js';

/** Documents handed to one `run` call; memory is sampled between calls, outside the timed spans. */
const CHUNK_DOCS = 16;
const MB = 1024 * 1024;

/** Contenders by name, imported only when selected, so `--only wink-nlp` runs without Parallax's knowledge. */
const REGISTRY: readonly { readonly name: string; readonly load: () => Promise<Contender> }[] = [
  { name: 'parallax', load: async () => (await import('./contenders/parallax.js')).parallaxPipeline() },
  { name: 'parallax-stages', load: async () => (await import('./contenders/parallax.js')).parallaxStages() },
  {
    name: 'parallax-tagger',
    load: async () => (await import('./contenders/parallax-tagger.js')).parallaxTaggerContender(),
  },
  {
    name: 'parallax-attribution',
    load: async () => (await import('./contenders/parallax-attribution.js')).parallaxAttributionContender(),
  },
  {
    name: 'parallax-loaded',
    load: async () => (await import('./contenders/parallax-loaded.js')).parallaxLoadedContender(),
  },
  {
    name: 'compromise',
    load: async () => (await import('./contenders/compromise.js')).compromiseContender(),
  },
  { name: 'wink-nlp', load: async () => (await import('./contenders/wink.js')).winkContender() },
  {
    name: 'parallax-geo',
    load: async () => (await import('./contenders/parallax-geo.js')).parallaxGeoContender(),
  },
];

interface Options {
  readonly limitWords: number | undefined;
  readonly runs: number;
  readonly warmup: number;
  readonly only: readonly string[] | undefined;
  readonly out: string;
}

function positiveInt(
  name: string,
  value: string | undefined,
  fallback: number | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'limit-words': { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bench -- [--limit-words N] [--runs N (5)] [--warmup N (1)] [--only parallax,parallax-stages,compromise,wink-nlp] [--out FILE]',
    );
    process.exit(0);
  }
  return {
    limitWords: positiveInt('limit-words', values['limit-words'], undefined, 1),
    runs: positiveInt('runs', values.runs, 5, 1) ?? 5,
    warmup: positiveInt('warmup', values.warmup, 1, 0) ?? 1,
    only: values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    out: values.out ?? join(REPO_ROOT, 'bench', 'results', 'latest.json'),
  };
}

/** A full collection between runs keeps one contender's garbage out of the next one's memory figures. */
function makeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
}

interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, min: s[0] ?? 0, max: s[s.length - 1] ?? 0 };
}

interface Memory {
  /** heapUsed after a full GC just before the run: what setup left resident (for all contenders). */
  baselineHeap: number;
  peakHeap: number;
  peakRss: number;
}

interface Entry {
  readonly contender: Contender;
  readonly profiled: boolean;
  setupMs: number;
  /** heapUsed growth caused by this contender's setup (after full GCs), i.e. its models or knowledge. */
  setupHeap: number;
  readonly runMs: number[];
  readonly partMs: Map<string, number[]>;
  readonly memory: Memory;
  counts: Readonly<Record<string, number>>;
}

function isProfiled(c: Contender): c is ProfiledContender {
  return typeof (c as Partial<ProfiledContender>).lastPartTimes === 'function';
}

function chunks(docs: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < docs.length; i += CHUNK_DOCS) out.push(docs.slice(i, i + CHUNK_DOCS));
  return out;
}

/** One timed pass over the corpus; returns elapsed ms and, for profiled contenders, ms per part. */
interface Pass {
  readonly ms: number;
  readonly parts: Map<string, number>;
  readonly counts: Map<string, number>;
}

function timedPass(c: Contender, batches: readonly string[][], memory: Memory | undefined): Pass {
  let ms = 0;
  const parts = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const batch of batches) {
    const t0 = performance.now();
    c.run(batch);
    ms += performance.now() - t0;
    if (isProfiled(c)) for (const [k, v] of c.lastPartTimes()) parts.set(k, (parts.get(k) ?? 0) + v);
    for (const [k, v] of Object.entries(c.counts?.() ?? {})) counts.set(k, (counts.get(k) ?? 0) + v);
    if (memory) {
      const m = process.memoryUsage();
      if (m.rss > memory.peakRss) memory.peakRss = m.rss;
      if (m.heapUsed > memory.peakHeap) memory.peakHeap = m.heapUsed;
    }
  }
  return { ms, parts, counts };
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtMb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
const fmtRatio = (r: number): string => (r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
const pct = (s: Spread): string =>
  s.median > 0 ? `±${(((s.max - s.min) / 2 / s.median) * 100).toFixed(1)}%` : '–';

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightAlign: ReadonlySet<number>,
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const gc = makeGc();
  const corpus: Corpus = loadCorpus(opts.limitWords);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const cores = os.availableParallelism();

  console.log(`Parallax benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${cpu}, ${cores} cores, ${os.platform()} ${os.release()}; Node ${process.version}`);
  if (corpus.fallback) console.log(`WARNING: ${corpus.source}`);
  else console.log(`corpus: ${corpus.source}`);
  console.log(
    `size: ${fmtInt(corpus.words)} words (of ${fmtInt(corpus.availableWords)} available), ${fmtInt(corpus.sentences)} ${corpus.fallback ? 'lines' : 'sentences'}, ` +
      `${fmtInt(corpus.docs.length)} documents, ${fmtInt(corpus.chars)} chars`,
  );
  console.log(
    `runs: ${opts.warmup} warm-up + ${opts.runs} timed, contenders interleaved, order rotated every round\n`,
  );

  const wanted = opts.only;
  const selected = wanted ? REGISTRY.filter((c) => wanted.some((w) => c.name.startsWith(w))) : REGISTRY;
  if (selected.length === 0)
    throw new Error(`--only matched no contender (have: ${REGISTRY.map((c) => c.name).join(', ')})`);

  const entries: Entry[] = [];
  for (const { load } of selected) {
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    // Setup time includes importing the module: compromise and wink-nlp build their lexicon or model at import.
    const t0 = performance.now();
    const contender = await load();
    await contender.setup();
    const setupMs = performance.now() - t0;
    gc();
    entries.push({
      contender,
      profiled: isProfiled(contender),
      setupMs,
      setupHeap: process.memoryUsage().heapUsed - heap0,
      runMs: [],
      partMs: new Map(),
      memory: { baselineHeap: 0, peakHeap: 0, peakRss: 0 },
      counts: {},
    });
    console.log(
      `setup ${contender.name}: ${fmtInt(setupMs)} ms, +${fmtMb(Math.max(0, process.memoryUsage().heapUsed - heap0))} heap`,
    );
  }

  const batches = chunks(corpus.docs);
  const rounds = opts.warmup + opts.runs;
  for (let round = 0; round < rounds; round++) {
    const timed = round >= opts.warmup;
    const order = entries
      .map((_, i) => entries[(i + round) % entries.length])
      .filter((e): e is Entry => e !== undefined);
    const line: string[] = [];
    for (const e of order) {
      gc();
      if (timed) {
        const heap = process.memoryUsage().heapUsed;
        if (heap > e.memory.baselineHeap) e.memory.baselineHeap = heap;
      }
      const { ms, parts, counts } = timedPass(e.contender, batches, timed ? e.memory : undefined);
      if (timed) {
        e.runMs.push(ms);
        for (const [k, v] of parts) e.partMs.set(k, [...(e.partMs.get(k) ?? []), v]);
      }
      e.counts = Object.fromEntries(counts);
      line.push(`${e.contender.name} ${(ms / 1000).toFixed(2)}s`);
    }
    console.log(
      `${timed ? `run ${round - opts.warmup + 1}/${opts.runs}` : `warm-up ${round + 1}/${opts.warmup}`}: ${line.join(', ')}`,
    );
  }

  const wps = (ms: number): number => corpus.words / (ms / 1000);
  const results = entries.map((e) => {
    const ms = spread(e.runMs);
    // The fastest run gives the highest words/s and the slowest the lowest.
    return { e, ms, wps: { median: wps(ms.median), min: wps(ms.max), max: wps(ms.min) } };
  });
  const parallax = results.find((r) => r.e.contender.name === 'parallax');

  console.log('\nThroughput (whole pipeline per contender, same documents, same process)');
  const compared = results.filter((r) => !r.e.profiled);
  console.log(
    table(
      [
        'contender',
        'words/s (median)',
        'min – max',
        'spread',
        'ms/run',
        'parallax / this',
        'peak RSS',
        'peak heap',
        'setup',
        'found',
      ],
      compared.map((r) => [
        r.e.contender.name,
        fmtInt(r.wps.median),
        `${fmtInt(r.wps.min)} – ${fmtInt(r.wps.max)}`,
        pct(r.wps),
        fmtInt(r.ms.median),
        parallax ? fmtRatio(parallax.wps.median / r.wps.median) : '–',
        fmtMb(r.e.memory.peakRss),
        fmtMb(r.e.memory.peakHeap),
        `${fmtInt(r.e.setupMs)} ms`,
        Object.entries(r.e.counts)
          .map(([k, v]) => `${fmtInt(v)} ${k}`)
          .join(', '),
      ]),
      new Set([1, 3, 4, 5, 6, 7, 8]),
    ),
  );

  const staged = results.find((r) => r.e.profiled);
  const stageRows: { name: string; ms: Spread; wordsPerSecond: number; share: number }[] = [];
  if (staged) {
    const entriesMs = [...staged.e.partMs.entries()];
    // Per-run totals and shares, so a run slowed by outside load skews neither the shares nor the total.
    const runTotals = staged.e.runMs.map((_, i) => entriesMs.reduce((n, [, v]) => n + (v[i] ?? 0), 0));
    const total = spread(runTotals).median;
    for (const [name, values] of entriesMs) {
      const ms = spread(values);
      const shares = values.map((v, i) => ((runTotals[i] ?? 0) > 0 ? v / (runTotals[i] ?? 1) : 0));
      stageRows.push({ name, ms, wordsPerSecond: wps(ms.median), share: spread(shares).median });
    }
    console.log(
      '\nParallax stages (each timed alone, on the layers the earlier stages produced for the same document)',
    );
    console.log(
      table(
        ['stage', 'words/s (median)', 'ms (median)', 'min – max ms', 'share'],
        [
          ...stageRows.map((s) => [
            s.name,
            fmtInt(s.wordsPerSecond),
            fmtInt(s.ms.median),
            `${fmtInt(s.ms.min)} – ${fmtInt(s.ms.max)}`,
            `${(s.share * 100).toFixed(1)}%`,
          ]),
          ['sum of parts', fmtInt(wps(total)), fmtInt(total), '', ''],
        ],
        new Set([1, 2, 3, 4]),
      ),
    );
    if (parallax) {
      console.log(
        `whole pipeline (pipeline.run) median ${fmtInt(parallax.ms.median)} ms vs sum of stage parts ${fmtInt(total)} ms ` +
          `(medians of different runs; the gap is per-stage timers, layer copying and outside load)`,
      );
    }
  }

  const result = {
    schema: 'parallax/bench@1',
    date: new Date().toISOString(),
    machine: {
      cpu,
      cores,
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      totalMemoryMB: Math.round(os.totalmem() / MB),
    },
    node: process.version,
    settings: {
      runs: opts.runs,
      warmup: opts.warmup,
      limitWords: opts.limitWords ?? null,
      chunkDocs: CHUNK_DOCS,
    },
    corpus: {
      source: corpus.source,
      fallback: corpus.fallback,
      documents: corpus.docs.length,
      sentences: corpus.sentences,
      words: corpus.words,
      chars: corpus.chars,
      availableWords: corpus.availableWords,
    },
    contenders: results.map((r) => ({
      name: r.e.contender.name,
      instrumented: r.e.profiled,
      wordsPerSecond: r.wps,
      msPerRun: r.e.runMs,
      parallaxOverThis: parallax ? parallax.wps.median / r.wps.median : null,
      setupMs: r.e.setupMs,
      setupHeapMB: r.e.setupHeap / MB,
      memoryMB: {
        peakRss: r.e.memory.peakRss / MB,
        peakHeapUsed: r.e.memory.peakHeap / MB,
        baselineHeapUsed: r.e.memory.baselineHeap / MB,
      },
      counts: r.e.counts,
    })),
    stages: stageRows.map((s) => ({
      name: s.name,
      ms: s.ms,
      wordsPerSecond: s.wordsPerSecond,
      share: s.share,
    })),
  };
  // Clustering cost as the store grows (bench/corpus-index.ts), unless --only leaves it out.
  const clustering =
    opts.only === undefined || opts.only.some((o) => 'corpus-index'.startsWith(o))
      ? (await import('./corpus-index.js')).runCorpusIndexBench()
      : undefined;
  if (clustering) console.log((await import('./corpus-index.js')).formatCorpusIndexBench(clustering));
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify({ ...result, clustering }, null, 2)}\n`);
  console.log(`\nwrote ${opts.out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
