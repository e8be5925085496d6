/**
 * `parallax watch FEED_URL...`: polls RSS 2.0, RSS 1.0 and Atom feeds with conditional requests
 * (ETag, Last-Modified), backs off on errors, and ingests items it has not seen before — each item's
 * page when it can be fetched, else the item's own content.
 */
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { decodeBytes } from '../../ingest/charset.js';
import { fetchUrl, type FetchOptions } from '../../ingest/fetch.js';
import { parseFeedText, type FeedItem } from '../../ingest/feed.js';
import { emptySummary, reject, settle, type IngestSummary } from '../../ingest/run.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { RawInput, Store } from '../../store/store.js';
import { fetchOptionsOf, positiveInt, reportSummary } from './ingest.js';

interface WatchOptions {
  readonly db?: string;
  readonly interval?: string;
  readonly maxBackoff?: string;
  readonly maxPolls?: string;
  readonly fetchItems?: boolean;
  readonly allowPrivate?: boolean;
  readonly timeout?: string;
  readonly maxRedirects?: string;
  readonly maxBytes?: string;
}

export interface WatchConfig {
  readonly store: Store;
  readonly feeds: readonly string[];
  readonly intervalMs: number;
  readonly maxBackoffMs: number;
  /** Polls per feed before stopping; undefined polls until interrupted. */
  readonly maxPolls?: number;
  readonly fetchItems: boolean;
  readonly fetch: FetchOptions;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

function itemRaw(feed: string, item: FeedItem, index: number): RawInput {
  const record = {
    ...(item.html !== undefined && { html: item.html }),
    ...(item.title !== undefined && { title: item.title }),
    ...(item.link !== undefined && { url: item.link }),
    ...(item.published !== undefined && { published: item.published }),
    ...(item.authors.length > 0 && { authors: item.authors }),
  };
  return {
    source: feed,
    position: `item ${index + 1}`,
    kind: 'feed-item',
    ...(item.link !== undefined && { url: item.link }),
    meta: {},
    receivedAt: new Date().toISOString(),
    body: Buffer.from(JSON.stringify(record), 'utf8'),
  };
}

/** One poll of one feed; throws on a failed request so the caller can back off. */
export async function pollFeed(config: WatchConfig, feed: string, summary: IngestSummary): Promise<string> {
  const { store } = config;
  const state = await store.getFeedState(feed);
  const headers: Record<string, string> = {};
  if (state?.etag !== undefined) headers['if-none-match'] = state.etag;
  if (state?.lastModified !== undefined) headers['if-modified-since'] = state.lastModified;
  const response = await fetchUrl(feed, { ...config.fetch, headers });
  const polledAt = new Date().toISOString();
  if (response.status === 304) {
    await store.setFeedState({ ...(state ?? { url: feed }), url: feed, polledAt });
    return 'not modified';
  }
  const parsed = parseFeedText(decodeBytes(response.body, response.contentType).text, feed);
  const etag = response.headers.etag;
  const lastModified = response.headers['last-modified'];
  await store.setFeedState({
    url: feed,
    ...(etag !== undefined && { etag }),
    ...(lastModified !== undefined && { lastModified }),
    polledAt,
  });
  const fresh = new Set(
    await store.markFeedItems(
      feed,
      parsed.items.map((i) => i.key),
    ),
  );
  const before = { ...summary };
  let index = 0;
  let newItems = 0;
  for (const item of parsed.items) {
    const i = index++;
    if (!fresh.has(item.key)) continue;
    fresh.delete(item.key);
    let raw: RawInput | undefined;
    if (config.fetchItems && item.link !== undefined) {
      try {
        const page = await fetchUrl(item.link, config.fetch);
        raw = {
          source: item.link,
          position: 'response',
          kind: 'html',
          url: page.url,
          ...(page.contentType !== undefined && { contentType: page.contentType }),
          meta: {
            ...(item.published !== undefined && { published: item.published }),
            ...(item.authors.length > 0 && { authors: item.authors }),
          },
          receivedAt: page.fetchedAt,
          body: page.body,
        };
      } catch (error) {
        if (item.html === undefined) {
          reject(summary, {
            source: item.link,
            error: error instanceof ParallaxError ? error : new ParallaxError('INPUT_INVALID', String(error)),
          });
          await store.markFeedItems(feed, [item.key]);
          newItems++;
          continue;
        }
        config.log(`parallax: ${item.link}: could not fetch the page, using the feed's content instead`);
      }
    }
    raw ??= itemRaw(feed, item, i);
    const [id] = await store.recordRawInputs([raw]);
    await settle(store, [{ id: id!, raw }], summary, {});
    await store.markFeedItems(feed, [item.key]);
    newItems++;
  }
  return `${newItems} new (${parsed.dialect}): ingested ${summary.ingested - before.ingested}, duplicates ${
    summary.duplicates - before.duplicates
  }, rejected ${summary.rejectedCount - before.rejectedCount}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Polls every feed on its own schedule until maxPolls each, or the signal aborts. */
export async function watchFeeds(config: WatchConfig): Promise<IngestSummary & { failing: string[] }> {
  const summary = emptySummary();
  const due = new Map(config.feeds.map((f) => [f, 0]));
  const failures = new Map(config.feeds.map((f) => [f, 0]));
  const polls = new Map(config.feeds.map((f) => [f, 0]));
  const active = (f: string): boolean =>
    config.maxPolls === undefined || (polls.get(f) ?? 0) < config.maxPolls;
  while (!config.signal?.aborted && config.feeds.some(active)) {
    const now = Date.now();
    for (const feed of config.feeds) {
      if (!active(feed) || (due.get(feed) ?? 0) > now || config.signal?.aborted) continue;
      polls.set(feed, (polls.get(feed) ?? 0) + 1);
      try {
        const line = await pollFeed(config, feed, summary);
        failures.set(feed, 0);
        due.set(feed, Date.now() + config.intervalMs);
        config.log(`parallax: ${feed}: ${line}`);
      } catch (error) {
        const n = (failures.get(feed) ?? 0) + 1;
        failures.set(feed, n);
        const wait = Math.min(config.maxBackoffMs, config.intervalMs * 2 ** n);
        due.set(feed, Date.now() + wait);
        const message = error instanceof Error ? error.message : String(error);
        const said = message.startsWith(feed) ? message : `${feed}: ${message}`;
        config.log(`parallax: ${said}; retrying in ${(wait / 1000).toFixed(1)} s`);
      }
    }
    const pending = config.feeds.filter(active).map((f) => due.get(f) ?? 0);
    if (pending.length === 0) break;
    await sleep(Math.max(0, Math.min(...pending) - Date.now()), config.signal);
  }
  return { ...summary, failing: config.feeds.filter((f) => (failures.get(f) ?? 0) > 0) };
}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.05) {
    throw new ParallaxError(
      'BAD_OPTION',
      `--${name} must be a number of seconds of at least 0.05, not '${value}'`,
    );
  }
  return Math.round(n * 1000);
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('poll RSS/Atom feeds and ingest new items (conditional requests, back-off on errors)')
    .argument('<feeds...>', 'feed URLs (http or https)')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .option('--interval <seconds>', 'time between polls of a feed (default 300)')
    .option('--max-backoff <seconds>', 'longest wait after repeated errors (default 3600)')
    .option('--max-polls <n>', 'stop after this many polls of each feed (default: run until interrupted)')
    .option('--no-fetch-items', "ingest each item's feed content instead of fetching its page")
    .option('--allow-private', 'allow URLs on private, loopback and link-local addresses')
    .option('--timeout <ms>', 'whole-request timeout in milliseconds (default 30000)')
    .option('--max-redirects <n>', 'redirects followed per request (default 5)')
    .action(async (feeds: string[], options: WatchOptions) => {
      const intervalMs = seconds(options.interval, 'interval', 300_000);
      const maxBackoffMs = seconds(options.maxBackoff, 'max-backoff', 3_600_000);
      const maxPolls =
        options.maxPolls === undefined ? undefined : positiveInt(options.maxPolls, 'max-polls', 1);
      const fetch = fetchOptionsOf(options);
      const store = openSqliteStore(resolveStorePath({ db: options.db }));
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await store.migrate();
        const summary = await watchFeeds({
          store,
          feeds,
          intervalMs,
          maxBackoffMs,
          ...(maxPolls !== undefined && { maxPolls }),
          fetchItems: options.fetchItems ?? true,
          fetch,
          log: (line) => process.stderr.write(`${line}\n`),
          signal: controller.signal,
        });
        reportSummary(summary);
        if (summary.failing.length > 0) {
          process.stderr.write(`parallax: the last poll failed for ${summary.failing.join(', ')}\n`);
          process.exitCode = Math.max(typeof process.exitCode === 'number' ? process.exitCode : 0, 2);
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });
}
