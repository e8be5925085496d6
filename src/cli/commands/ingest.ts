/**
 * `parallax ingest`: text and HTML files, folders, JSON Lines, WARC files and http(s) URLs — stored as
 * received, analysed, and stored again as documents, never stopping at a bad record.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseMaxBytes, parsePublished } from '../options.js';
import { ParallaxError, exitStatusFor } from '../../errors.js';
import { DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, type FetchOptions } from '../../ingest/fetch.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/read-text.js';
import type { MetaOverrides } from '../../ingest/route.js';
import {
  emptySummary,
  expandInputs,
  ingestSources,
  type IngestSummary,
  type Progress,
} from '../../ingest/run.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';

interface IngestOptions {
  readonly db?: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly maxBytes?: string;
  readonly resume?: boolean;
  readonly allowPrivate?: boolean;
  readonly timeout?: string;
  readonly maxRedirects?: string;
  readonly batchSize?: string;
  readonly progress?: boolean;
}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new ParallaxError('BAD_OPTION', `--${name} must be a positive whole number, not '${value}'`);
  }
  return n;
}

export function fetchOptionsOf(options: {
  allowPrivate?: boolean;
  timeout?: string;
  maxRedirects?: string;
}): FetchOptions {
  return {
    allowPrivate: options.allowPrivate ?? false,
    timeoutMs: positiveInt(options.timeout, 'timeout', DEFAULT_TIMEOUT_MS),
    maxRedirects:
      options.maxRedirects === '0'
        ? 0
        : positiveInt(options.maxRedirects, 'max-redirects', DEFAULT_MAX_REDIRECTS),
  };
}

const MB = 1024 * 1024;

/** A progress bar with rate and ETA, on a terminal (or when asked with --progress). */
function progressBar(
  force: boolean | undefined,
): { update: (p: Progress) => void; stop: () => void } | undefined {
  if (force === false || (!process.stderr.isTTY && force !== true)) return undefined;
  const started = Date.now();
  const bar = new SingleBar({
    stream: process.stderr,
    format:
      'ingesting [{bar}] {percentage}% | {done}/{all} MB | {rate} MB/s | {records} records | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: false,
    noTTYOutput: force === true,
    notTTYSchedule: 2000,
    etaBuffer: 50,
  });
  let begun = false;
  return {
    update: (p) => {
      const payload = {
        done: (p.bytesDone / MB).toFixed(1),
        all: (p.bytesTotal / MB).toFixed(1),
        rate: (p.bytesDone / MB / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(2),
        records: p.records,
      };
      if (!begun) {
        bar.start(Math.max(1, p.bytesTotal), 0, payload);
        begun = true;
      }
      bar.update(Math.min(p.bytesDone, Math.max(1, p.bytesTotal)), payload);
    },
    stop: () => {
      if (begun) bar.stop();
    },
  };
}

/** The summary line on stdout and the rejections, with their reasons, on stderr; sets the exit status. */
export function reportSummary(summary: IngestSummary): void {
  const extra = [
    summary.revised > 0 ? `, revised ${summary.revised}` : '',
    summary.recovered > 0 ? `, recovered ${summary.recovered}` : '',
    summary.skipped > 0 ? `, skipped ${summary.skipped} (not pages)` : '',
    summary.finishedBefore > 0 ? `, sources already finished ${summary.finishedBefore}` : '',
  ].join('');
  process.stdout.write(
    `ingested ${summary.ingested}, duplicates ${summary.duplicates}, rejected ${summary.rejectedCount}${extra}\n`,
  );
  for (const r of summary.rejected) process.stderr.write(`parallax: rejected ${r.error.message}\n`);
  if (summary.rejectedCount > summary.rejected.length) {
    process.stderr.write(
      `parallax: … and ${summary.rejectedCount - summary.rejected.length} more rejections\n`,
    );
    // Only when lines were left out: otherwise every line above already says why.
    const reasons = Object.entries(summary.rejectedBy)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    process.stderr.write(`parallax: rejected by reason: ${reasons}\n`);
  }
  if (summary.rejectedCount > 0) {
    process.exitCode = Math.max(
      ...Object.keys(summary.rejectedBy).map((c) => exitStatusFor(c as ParallaxError['code'])),
    );
  }
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('analyse and store articles: text or HTML files, folders, JSON Lines, WARC, http(s) URLs')
    .argument('<inputs...>', 'files, folders, .jsonl/.ndjson, .warc/.warc.gz, or http(s) URLs')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .option('--published <date>', 'publication date for every article: YYYY-MM-DD or ISO date-time')
    .option('--outlet <name>', 'outlet that published every article')
    .option('--url <url>', 'source URL of the article')
    .option('--max-bytes <n>', `per-article size cap in bytes (default ${DEFAULT_MAX_BYTES})`)
    .option('--resume', 'continue an interrupted run where it stopped, without re-reading what it committed')
    .option('--allow-private', 'allow URLs on private, loopback and link-local addresses')
    .option(
      '--timeout <ms>',
      `whole-request timeout for URLs in milliseconds (default ${DEFAULT_TIMEOUT_MS})`,
    )
    .option('--max-redirects <n>', `redirects followed per URL (default ${DEFAULT_MAX_REDIRECTS})`)
    .option('--batch-size <n>', 'records per store transaction (default 100)')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never show the progress bar')
    .action(async (inputs: string[], options: IngestOptions) => {
      const overrides: MetaOverrides = {
        ...(options.published !== undefined && { published: parsePublished(options.published) }),
        ...(options.outlet !== undefined && { outlet: options.outlet }),
        ...(options.url !== undefined && { url: options.url }),
      };
      const maxBytes = parseMaxBytes(options.maxBytes);
      const fetch = fetchOptionsOf(options);
      const batchSize = positiveInt(options.batchSize, 'batch-size', 100);
      const sources = expandInputs(inputs);
      const store = openSqliteStore(resolveStorePath({ db: options.db }));
      try {
        await store.migrate();
        const summary = emptySummary();
        const bar = progressBar(options.progress);
        try {
          await ingestSources(
            sources,
            {
              store,
              overrides,
              maxBytes,
              resume: options.resume ?? false,
              batchSize,
              fetch,
              ...(bar && { onProgress: bar.update }),
            },
            summary,
          );
        } finally {
          bar?.stop();
        }
        const [only] = summary.rejected;
        const single =
          inputs.length === 1 &&
          sources.length <= 1 &&
          sources.every((s) => s.type !== 'jsonl' && s.type !== 'warc');
        // One article that fails gets the CLI's plain one-line error, like every other command.
        if (single && only && summary.rejectedCount === 1) throw only.error;
        reportSummary(summary);
      } finally {
        await store.close();
      }
    });
}
