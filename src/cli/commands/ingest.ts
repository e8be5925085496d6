/** `parallax ingest`: reads, analyses and stores articles, one transaction per file, never stopping at a bad one. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseMaxBytes, parsePublished } from '../options.js';
import { analyzeDocument } from '../../analyze.js';
import { InternalError, ParallaxError, exitStatusFor } from '../../errors.js';
import { DEFAULT_MAX_BYTES, readArticleFile } from '../../ingest/read-text.js';
import { createDocument, type DocumentMeta } from '../../model/document.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';

interface IngestOptions {
  readonly db?: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly maxBytes?: string;
}

export interface Rejection {
  readonly file: string;
  readonly error: ParallaxError;
}

export interface IngestSummary {
  ingested: number;
  duplicates: number;
  readonly rejected: Rejection[];
}

/** Anything that is not a ParallaxError escaped a stage or the store: a bug, reported as one. */
function asParallaxError(error: unknown): ParallaxError {
  if (error instanceof ParallaxError) return error;
  return new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** Reader errors already start with the path; others get it prepended so every line names its file. */
function rejectionLine(r: Rejection): string {
  const message = r.error.message.startsWith(r.file) ? r.error.message : `${r.file}: ${r.error.message}`;
  return `parallax: rejected ${message}`;
}

/**
 * Ingests each file in its own store transaction, so a failure rolls back that file alone and the
 * loop carries on with the next.
 */
export async function ingestFiles(
  store: Store,
  files: readonly string[],
  meta: DocumentMeta,
  maxBytes: number,
  onFile?: (file: string) => void,
): Promise<IngestSummary> {
  const summary: IngestSummary = { ingested: 0, duplicates: 0, rejected: [] };
  for (const file of files) {
    try {
      const text = readArticleFile(file, { maxBytes });
      const analysis = analyzeDocument(createDocument(text, meta));
      const { created } = await store.ingest(analysis);
      if (created) summary.ingested++;
      else summary.duplicates++;
    } catch (error) {
      summary.rejected.push({ file, error: asParallaxError(error) });
    }
    onFile?.(file);
  }
  return summary;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('analyse text articles and store them (the same article twice is stored once)')
    .argument('<files...>', 'text files, one article each (UTF-8)')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .option('--published <date>', 'publication date for every file: YYYY-MM-DD or ISO date-time')
    .option('--outlet <name>', 'outlet that published every file')
    .option('--url <url>', 'source URL of the article')
    .option('--max-bytes <n>', `per-file size cap in bytes (default ${DEFAULT_MAX_BYTES})`)
    .action(async (files: string[], options: IngestOptions) => {
      const meta: DocumentMeta = {
        ...(options.published !== undefined && { published: parsePublished(options.published) }),
        ...(options.outlet !== undefined && { outlet: options.outlet }),
        ...(options.url !== undefined && { url: options.url }),
      };
      const maxBytes = parseMaxBytes(options.maxBytes);
      const store = openSqliteStore(resolveStorePath({ db: options.db }));
      try {
        await store.migrate();
        // The bar is for people watching a terminal; piped or logged stderr gets only the summary.
        const bar =
          process.stderr.isTTY && files.length > 1
            ? new SingleBar({
                stream: process.stderr,
                format: 'ingesting [{bar}] {value}/{total}',
                hideCursor: true,
                clearOnComplete: true,
              })
            : undefined;
        bar?.start(files.length, 0);
        let summary: IngestSummary;
        try {
          summary = await ingestFiles(store, files, meta, maxBytes, () => bar?.increment());
        } finally {
          bar?.stop();
        }
        const [only] = summary.rejected;
        // One file that fails gets the CLI's plain one-line error, like every other command.
        if (files.length === 1 && only) throw only.error;
        process.stdout.write(
          `ingested ${summary.ingested}, duplicates ${summary.duplicates}, rejected ${summary.rejected.length}\n`,
        );
        for (const r of summary.rejected) process.stderr.write(`${rejectionLine(r)}\n`);
        if (summary.rejected.length > 0) {
          process.exitCode = Math.max(...summary.rejected.map((r) => exitStatusFor(r.error.code)));
        }
      } finally {
        await store.close();
      }
    });
}
