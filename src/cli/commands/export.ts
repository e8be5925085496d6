/**
 * `parallax export`: streams the store's cross-document clusters (one per real-world happening) in the
 * formats analysts already load: ACLED CSV, GeoJSON, schema.org JSON-LD, flat CSV. Output goes to
 * stdout unless --out names a file; a file is written under a temporary name and renamed when complete,
 * so a failed export never leaves a truncated file that looks finished.
 */
import { createWriteStream, existsSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { storeAnswer } from '../../corpus/answer.js';
import type { Cluster, ClusterQuery } from '../../corpus/types.js';
import { ParallaxError } from '../../errors.js';
import { writeAcledCsv } from '../../export/acled-csv.js';
import { writeCsv } from '../../export/csv-export.js';
import { writeGeoJson } from '../../export/geojson.js';
import { writeJsonLd } from '../../export/jsonld.js';
import type { ExportSink, ExportSummary } from '../../export/stream.js';
import { PLOVER_TYPES, type PloverType } from '../../model/schema.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';

/** The formats, in the order help lists them. */
export const EXPORT_FORMATS = ['acled', 'geojson', 'jsonld', 'csv', 'corpus'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Writer = (clusters: AsyncIterable<Cluster>, out: ExportSink) => Promise<ExportSummary>;

/** A corpus/v1 answer (FORMAT.md) over the store's documents, which `parallax eval corpus --system` scores. */
async function writeCorpus(store: Store, query: ClusterQuery, out: ExportSink): Promise<ExportSummary> {
  const answer = await storeAnswer(store, query);
  const text = `${JSON.stringify(answer, null, 2)}\n`;
  if (!out.write(text)) await once(out as NodeJS.EventEmitter, 'drain');
  return { clusters: answer.clusters.length, records: answer.clusters.length, skipped: 0 };
}

function writerFor(format: Exclude<ExportFormat, 'corpus'>): Writer {
  switch (format) {
    case 'acled':
      return writeAcledCsv;
    case 'geojson':
      return writeGeoJson;
    case 'jsonld':
      return (clusters, out) => writeJsonLd(clusters, out);
    case 'csv':
      return writeCsv;
  }
}

interface ExportOptions {
  readonly format?: string;
  readonly out?: string;
  readonly db?: string;
  readonly type?: string;
  readonly place?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cluster?: string;
}

export function parseFormat(value: string | undefined): ExportFormat {
  if (value === undefined) {
    throw new ParallaxError('BAD_OPTION', `--format is required: one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const found = EXPORT_FORMATS.find((f) => f === value.trim().toLowerCase());
  if (found === undefined) {
    throw new ParallaxError(
      'BAD_OPTION',
      `--format must be one of ${EXPORT_FORMATS.join(', ')}, not '${value}'`,
    );
  }
  return found;
}

function parseType(value: string): PloverType {
  const found = PLOVER_TYPES.find((t) => t === value.trim().toUpperCase());
  if (found === undefined) {
    throw new ParallaxError(
      'BAD_OPTION',
      `--type must be a PLOVER type (${PLOVER_TYPES.join(', ')}), not '${value}'`,
    );
  }
  return found;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * YYYY, YYYY-MM or YYYY-MM-DD as the inclusive day bound the store compares against: a --from period
 * starts on its first day, a --to period ends on its last, so `--from 2024 --to 2024` is the whole year.
 */
export function parseDayBound(value: string, name: 'from' | 'to'): string {
  const m = DATE.exec(value.trim());
  const year = m?.[1];
  const bad = (): never => {
    throw new ParallaxError(
      'BAD_OPTION',
      `--${name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '${value}'`,
    );
  };
  if (m === null || year === undefined) return bad();
  const month = m[2] ?? (name === 'from' ? '01' : '12');
  const monthEnd = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const dayOfMonth = m[3] ?? (name === 'from' ? '01' : String(monthEnd));
  const iso = `${year}-${month}-${dayOfMonth.padStart(2, '0')}`;
  // Date.parse rolls 02-30 over to March; a real day survives the round trip unchanged.
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return bad();
  return iso;
}

function nonEmpty(value: string, name: string): string {
  if (value.trim() === '') throw new ParallaxError('BAD_OPTION', `--${name} must not be empty`);
  return value.trim();
}

export function buildClusterQuery(options: ExportOptions): ClusterQuery {
  const from = options.from === undefined ? undefined : parseDayBound(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDayBound(options.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new ParallaxError('BAD_OPTION', `--from (${from}) is after --to (${to})`);
  }
  return {
    ...(options.type !== undefined && { type: parseType(options.type) }),
    ...(options.place !== undefined && { place: nonEmpty(options.place, 'place') }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(options.cluster !== undefined && { cluster: nonEmpty(options.cluster, 'cluster') }),
  };
}

/** Opens the temporary file beside --out, failing now (bad directory, no permission) rather than mid-export. */
async function openOut(path: string): Promise<{ stream: WriteStream; partial: string }> {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ParallaxError('BAD_OPTION', `cannot write --out ${path}: it is a folder`);
  }
  const partial = `${path}.partial-${process.pid}`;
  const stream = createWriteStream(partial);
  try {
    await once(stream, 'open');
  } catch (error) {
    // The temporary name in the system's message would only confuse: say what is wrong with --out.
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new ParallaxError('BAD_OPTION', `cannot write --out ${path}: ${why}`, { cause: error });
  }
  return { stream, partial };
}

function report(summary: ExportSummary, format: ExportFormat, where: string): string {
  const skipped =
    summary.skipped > 0 && format === 'acled'
      ? ` (${summary.skipped} skipped: ACLED codes no verbal events)`
      : '';
  return `exported ${summary.clusters} clusters as ${format} to ${where}${skipped}\n`;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write the clusters of the store (one per real-world happening) as ACLED CSV, GeoJSON, JSON-LD, CSV or a corpus/v1 answer',
    )
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <file>', 'write to this file (default: stdout)')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .option('--type <type>', 'only clusters of this PLOVER type')
    .option('--place <place>', 'only clusters whose place, region or country code is this (any case)')
    .option('--from <date>', 'only clusters dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'only clusters dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--cluster <id>', 'only this cluster')
    .action(async (options: ExportOptions) => {
      // Every option is checked before the store or the output file is touched.
      const format = parseFormat(options.format);
      const query = buildClusterQuery(options);
      const path = resolveStorePath({ db: options.db, createDirectory: false });
      if (!path.startsWith(':memory:') && !path.startsWith('file:') && !existsSync(path)) {
        throw new ParallaxError('STORE_ERROR', `no store at ${path}; ingest articles first, or pass --db`);
      }
      const target = options.out === undefined ? undefined : await openOut(options.out);
      let store: Store | undefined;
      let done = false;
      try {
        store = openSqliteStore(path);
        await store.migrate();
        const out: ExportSink = target?.stream ?? process.stdout;
        const summary =
          format === 'corpus'
            ? await writeCorpus(store, query, out)
            : await writerFor(format)(store.clusters(query), out);
        if (target !== undefined) {
          target.stream.end();
          await finished(target.stream);
          renameSync(target.partial, options.out ?? target.partial);
        }
        done = true;
        process.stderr.write(report(summary, format, options.out ?? 'stdout'));
      } finally {
        await store?.close();
        if (target !== undefined && !done) {
          target.stream.destroy();
          rmSync(target.partial, { force: true });
        }
      }
    });
}
