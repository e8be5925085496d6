/**
 * The ingestion engine shared by `ingest`, `watch` and `reanalyze`: inputs are expanded into sources
 * (files, folders, JSON Lines, WARC, URLs), read as a stream of records, stored as received with the
 * source's checkpoint in one transaction, then analysed and settled in a second one. A crash between
 * the two leaves 'pending' raw inputs that `--resume` (or `reanalyze`) finishes without re-reading.
 */
import { appendFileSync, type Dirent, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../analyze.js';
import { InternalError, ParallaxError } from '../errors.js';
import type { Analysis, Document } from '../model/schema.js';
import type { RawInput, RawOutcome, Store } from '../store/store.js';
import { fetchUrl, type FetchOptions, type FetchResult } from './fetch.js';
import { readFileLines } from './jsonl.js';
import { routeRawInput, type MetaOverrides } from './route.js';
import { readWarc } from './warc.js';

export type SourceType = 'text' | 'html' | 'jsonl' | 'warc' | 'url';

export interface Source {
  /** Identity for checkpoints: 'file:' + absolute path, or 'url:' + the URL. */
  readonly key: string;
  readonly label: string;
  readonly type: SourceType;
  readonly size: number;
  /** An input that could not become a source (missing file): reported in its turn, in input order. */
  readonly error?: ParallaxError;
}

export interface Rejection {
  readonly source: string;
  readonly position?: string;
  readonly error: ParallaxError;
}

export interface IngestSummary {
  ingested: number;
  revised: number;
  duplicates: number;
  rejectedCount: number;
  /** The first rejections in full (at most MAX_KEPT_REJECTIONS); every one is in raw_inputs. */
  readonly rejected: Rejection[];
  /** Rejections per reason (error code). */
  readonly rejectedBy: Record<string, number>;
  /** Sources skipped because a previous run finished them (--resume). */
  finishedBefore: number;
  /** Raw inputs a previous run stored but did not analyse, finished now (--resume). */
  recovered: number;
  /** WARC records that are no page (images, scripts, redirects, errors): passed over, not stored. */
  skipped: number;
}

export interface Progress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly records: number;
}

export interface EngineOptions {
  readonly store: Store;
  readonly overrides?: MetaOverrides;
  /** Per-record cap in bytes. */
  readonly maxBytes: number;
  readonly resume?: boolean;
  readonly batchSize?: number;
  readonly fetch?: FetchOptions;
  readonly onProgress?: (p: Progress) => void;
  readonly analyze?: (document: Document) => Analysis;
}

export const MAX_KEPT_REJECTIONS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

export function emptySummary(): IngestSummary {
  return {
    ingested: 0,
    revised: 0,
    duplicates: 0,
    rejectedCount: 0,
    rejected: [],
    rejectedBy: {},
    finishedBefore: 0,
    recovered: 0,
    skipped: 0,
  };
}

export function reject(summary: IngestSummary, r: Rejection): void {
  summary.rejectedCount++;
  summary.rejectedBy[r.error.code] = (summary.rejectedBy[r.error.code] ?? 0) + 1;
  if (summary.rejected.length < MAX_KEPT_REJECTIONS) summary.rejected.push(r);
}

export function asParallaxError(error: unknown): ParallaxError {
  if (error instanceof ParallaxError) return error;
  return new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * Test and diagnostics hook: with PARALLAX_TRACE_FILE set, every record read from a source and every
 * analysis run appends one line, so a test can prove what a resumed run did and did not redo.
 */
export function trace(line: string): void {
  const file = process.env.PARALLAX_TRACE_FILE;
  if (file) appendFileSync(file, `${line}\n`);
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

function sniffHtml(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return /^(?:\ufeff)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b/i.test(
      buf.subarray(0, n).toString('latin1'),
    );
  } finally {
    closeSync(fd);
  }
}

function classify(path: string): SourceType {
  const lower = path.toLowerCase();
  if (/\.(?:jsonl|ndjson)$/.test(lower)) return 'jsonl';
  if (/\.warc(?:\.gz)?$/.test(lower)) return 'warc';
  if (/\.(?:html?|xhtml)$/.test(lower)) return 'html';
  if (/\.(?:txt|text|md)$/.test(lower)) return 'text';
  return sniffHtml(path) ? 'html' : 'text';
}

/** Files of a folder, recursively, sorted, hidden entries and symbolic links left out. */
function walk(dir: string, depth = 0): string[] {
  if (depth > 32) return [];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, depth + 1));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Expands command-line inputs into sources; what cannot be a source is a rejection. */
export function expandInputs(args: readonly string[]): Source[] {
  const sources: Source[] = [];
  const rejected = {
    push: (r: Rejection): void => {
      sources.push({ key: `error:${r.source}`, label: r.source, type: 'text', size: 0, error: r.error });
    },
  };
  const addFile = (path: string, size: number): void => {
    try {
      sources.push({ key: `file:${path}`, label: path, type: classify(path), size });
    } catch (error) {
      rejected.push({
        source: path,
        error: new ParallaxError('INPUT_NOT_FOUND', `${path}: cannot be read`, { cause: error }),
      });
    }
  };
  for (const arg of args) {
    if (URL_LIKE.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) {
      sources.push({ key: `url:${arg}`, label: arg, type: 'url', size: 0 });
      continue;
    }
    const path = resolve(arg);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      rejected.push({ source: arg, error: new ParallaxError('INPUT_NOT_FOUND', `${arg}: no such file`) });
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of walk(path)) addFile(file, statSync(file).size);
    } else if (stat.isFile()) addFile(path, stat.size);
    else
      rejected.push({
        source: arg,
        error: new ParallaxError('INPUT_INVALID', `${arg}: is not a regular file`),
      });
  }
  return sources;
}

/** One record read from a source, with the checkpoint position that commits it. */
interface Item {
  readonly raw: RawInput;
  /** Where a resumed run restarts once this item is committed. */
  readonly resumeAt: number;
  /** Read, but unusable as it stands (too large): stored and rejected at once. */
  readonly refusal?: ParallaxError;
  /** Not an input at all (a WARC record that is no page): only moves the checkpoint. */
  readonly skip?: boolean;
}

function kindOfContentType(contentType: string | undefined, body: Buffer): RawInput['kind'] | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain') return 'text';
  if (type === '' || type === 'application/octet-stream') {
    return /^\s*<(?:!doctype\s+html|html|head|body)/i.test(body.subarray(0, 512).toString('latin1'))
      ? 'html'
      : 'text';
  }
  return undefined;
}

async function* itemsOf(
  source: Source,
  start: number,
  records: number,
  options: EngineOptions,
): AsyncGenerator<Item> {
  const now = (): string => new Date().toISOString();
  const base = { sourceKey: source.key, source: source.label, meta: {} };
  switch (source.type) {
    case 'text':
    case 'html': {
      if (source.size > options.maxBytes) {
        yield {
          raw: { ...base, position: 'file', kind: source.type, receivedAt: now(), body: new Uint8Array() },
          resumeAt: 1,
          refusal: new ParallaxError(
            'INPUT_TOO_LARGE',
            `${source.label}: ${source.size} bytes is over the per-document cap of ${options.maxBytes} bytes (raise it with --max-bytes)`,
          ),
        };
        return;
      }
      const { readFileSync } = await import('node:fs');
      yield {
        raw: {
          ...base,
          position: 'file',
          kind: source.type,
          receivedAt: now(),
          body: readFileSync(source.label),
        },
        resumeAt: 1,
      };
      return;
    }
    case 'jsonl': {
      for await (const line of readFileLines(source.label, {
        start,
        firstLine: records + 1,
        maxLineBytes: options.maxBytes,
      })) {
        if (line.bytes !== undefined && line.bytes.length === 0) continue;
        const position = `line ${line.lineNo} (byte ${line.start})`;
        yield {
          raw: { ...base, position, kind: 'jsonl', receivedAt: now(), body: line.bytes ?? new Uint8Array() },
          resumeAt: line.end,
          ...(line.bytes === undefined && {
            refusal: new ParallaxError(
              'INPUT_TOO_LARGE',
              `${source.label} ${position}: ${line.length} bytes is over the per-record cap of ${options.maxBytes} bytes`,
            ),
          }),
        };
      }
      return;
    }
    case 'warc': {
      for await (const rec of readWarc(source.label, {
        start,
        skipFirst: records > 0,
        maxBytes: options.maxBytes,
      })) {
        const position = `record at byte ${rec.offset}`;
        const body = rec.body ?? Buffer.alloc(0);
        const kind = kindOfContentType(rec.contentType, body);
        const raw: RawInput = {
          ...base,
          position,
          kind: kind ?? 'html',
          ...(rec.url !== undefined && { url: rec.url }),
          ...(rec.contentType !== undefined && { contentType: rec.contentType }),
          receivedAt: rec.date ?? now(),
          body,
        };
        // Crawls hold images, scripts, redirects and error pages: no articles, so not inputs at all.
        const notPage =
          kind === undefined || (rec.status !== undefined && (rec.status < 200 || rec.status >= 300));
        if (notPage && rec.body !== undefined) {
          yield { raw, resumeAt: rec.offset, skip: true };
          continue;
        }
        const refusal =
          rec.body === undefined
            ? new ParallaxError(
                'INPUT_TOO_LARGE',
                `${source.label} ${position}: ${rec.length} bytes is over the per-record cap of ${options.maxBytes} bytes`,
              )
            : undefined;
        yield { raw, resumeAt: rec.offset, ...(refusal && { refusal }) };
      }
      return;
    }
    case 'url': {
      const fetched: FetchResult = await fetchUrl(source.label, {
        ...options.fetch,
        maxBytes: options.maxBytes,
      });
      const kind = kindOfContentType(fetched.contentType, fetched.body);
      const raw: RawInput = {
        ...base,
        position: 'response',
        kind: kind ?? 'html',
        url: fetched.url,
        ...(fetched.contentType !== undefined && { contentType: fetched.contentType }),
        receivedAt: fetched.fetchedAt,
        body: fetched.body,
      };
      yield {
        raw,
        resumeAt: 1,
        ...(kind === undefined && {
          refusal: new ParallaxError(
            'INPUT_INVALID',
            `${source.label}: content type ${fetched.contentType ?? ''} is not a page`,
          ),
        }),
      };
      return;
    }
  }
}

/** Routes and analyses raw inputs (skipping analysis for text already stored), then settles them. */
export async function settle(
  store: Store,
  entries: readonly { id: number; raw: RawInput; refusal?: ParallaxError }[],
  summary: IngestSummary,
  options: Pick<EngineOptions, 'overrides' | 'analyze'>,
): Promise<void> {
  const analyze = options.analyze ?? analyzeDocument;
  const outcomes: RawOutcome[] = [];
  const seen = new Set<string>();
  for (const { id, raw, refusal } of entries) {
    try {
      if (refusal) throw refusal;
      const { document, authors, sources } = routeRawInput(raw, options.overrides);
      const known =
        seen.has(document.contentHash) || (await store.documentIdForHash(document.contentHash)) !== undefined;
      seen.add(document.contentHash);
      const common = {
        rawId: id,
        fetchedAt: raw.receivedAt,
        ...(document.url !== undefined && { url: document.url }),
      };
      if (known) {
        outcomes.push({ ...common, kind: 'known', contentHash: document.contentHash });
      } else {
        trace(`analyze ${raw.source} ${raw.position}`);
        outcomes.push({
          ...common,
          kind: 'analysis',
          analysis: analyze(document),
          metadata: { authors, sources },
        });
      }
    } catch (error) {
      const e = asParallaxError(error);
      const where = raw.position === 'file' ? '' : ` ${raw.position}`;
      const message = e.message.startsWith(raw.source) ? e.message : `${raw.source}${where}: ${e.message}`;
      reject(summary, {
        source: raw.source,
        position: raw.position,
        error: new ParallaxError(e.code, message, { cause: e }),
      });
      outcomes.push({ rawId: id, kind: 'rejected', error: `${e.code}: ${message}` });
    }
  }
  for (const s of await store.settleRawInputs(outcomes)) {
    if (s.status === 'ingested') summary.ingested++;
    else if (s.status === 'revised') summary.revised++;
    else if (s.status === 'duplicate') summary.duplicates++;
  }
}

/** Ingests every source; a bad record is rejected and reported, never the end of the run. */
export async function ingestSources(
  sources: readonly Source[],
  options: EngineOptions,
  summary: IngestSummary = emptySummary(),
): Promise<IngestSummary> {
  const { store } = options;
  const batchSize = options.batchSize ?? 100;
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  let bytesBefore = 0;
  let records = 0;
  for (const source of sources) {
    if (source.error) {
      reject(summary, { source: source.label, error: source.error });
      continue;
    }
    const checkpoint = options.resume ? await store.getCheckpoint(source.key) : undefined;
    if (options.resume) {
      // Stored before the interruption but never analysed: finished from the store, not re-read.
      const pending = await store.rawInputs({ status: 'pending', sourceKey: source.key });
      for (let i = 0; i < pending.length; i += batchSize) {
        const slice = pending.slice(i, i + batchSize);
        await settle(
          store,
          slice.map((raw) => ({ id: raw.id, raw })),
          summary,
          options,
        );
        summary.recovered += slice.length;
      }
    }
    if (checkpoint?.finished) {
      summary.finishedBefore++;
      bytesBefore += source.size;
      continue;
    }
    let position = checkpoint?.position ?? 0;
    let count = checkpoint?.records ?? 0;
    let batch: Item[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const last = batch[batch.length - 1]!;
      position = last.resumeAt;
      count += batch.length;
      const ids = await store.recordRawInputs(
        batch.map((b) => b.raw),
        { sourceKey: source.key, source: source.label, position, records: count, finished: false },
      );
      await settle(
        store,
        batch.map((b, i) => ({ id: ids[i]!, raw: b.raw, ...(b.refusal && { refusal: b.refusal }) })),
        summary,
        options,
      );
      records += batch.length;
      batch = [];
      batchBytes = 0;
      options.onProgress?.({
        bytesDone: bytesBefore + (source.type === 'jsonl' || source.type === 'warc' ? position : source.size),
        bytesTotal,
        records,
      });
    };
    try {
      for await (const item of itemsOf(source, position, count, options)) {
        if (item.skip) {
          summary.skipped++;
          continue;
        }
        trace(`read ${item.raw.source} ${item.raw.position}`);
        batch.push(item);
        batchBytes += item.raw.body.byteLength;
        if (batch.length >= batchSize || batchBytes >= BATCH_BYTES) await flush();
      }
      await flush();
      await store.setCheckpoint({
        sourceKey: source.key,
        source: source.label,
        position,
        records: count,
        finished: true,
      });
    } catch (error) {
      const e = asParallaxError(error);
      if (e.code === 'STORE_ERROR') throw e;
      // Whatever was read is committed; the source's failure (unreadable file, refused URL) is reported.
      await flush().catch(() => undefined);
      reject(summary, { source: source.label, error: e });
    }
    bytesBefore += source.size;
  }
  return summary;
}
