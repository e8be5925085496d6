/**
 * Incremental output for the cluster exporters. Every writer turns one cluster at a time into text and
 * hands it to a `ChunkWriter`, which batches small pieces into larger writes (one `write` call per row
 * would dominate the cost of a million-row export) and waits for 'drain' whenever the destination says
 * its buffer is full, so memory stays flat however many clusters the store streams.
 */
import type { Writable } from 'node:stream';
import type { Cluster } from '../corpus/types.js';
import { ParallaxError } from '../errors.js';

/** Where an export goes: a file stream, process.stdout, or any Node writable. */
export type ExportSink = NodeJS.WritableStream | Writable;

/** What an export wrote, for the CLI to report and tests to check. */
export interface ExportSummary {
  /** Clusters read from the input. */
  readonly clusters: number;
  /** Records written (rows for CSV formats, features for GeoJSON, graph nodes for JSON-LD). */
  readonly records: number;
  /** Clusters the format cannot represent (ACLED codes no verbal events), left out. */
  readonly skipped: number;
}

/** Pieces are joined until this many UTF-16 units are waiting; ~64 KiB matches Node's stream buffers. */
const FLUSH_AT = 64 * 1024;

/**
 * Resolves on 'drain'; rejects when the destination fails or closes before draining. A failing
 * destination is the --out the user chose (a full disk, a closed pipe), hence BAD_OPTION's exit status.
 */
function drained(out: ExportSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(
        new ParallaxError('BAD_OPTION', `cannot write the export: ${describe(error)}`, { cause: error }),
      );
    };
    const onClose = (): void => {
      cleanup();
      reject(new ParallaxError('BAD_OPTION', 'the export destination closed before the export finished'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Buffers text and writes it to `out` in large pieces, respecting backpressure. Does not end `out`. */
export class ChunkWriter {
  private pending: string[] = [];
  private size = 0;
  private failure: unknown;

  constructor(private readonly out: ExportSink) {
    // Kept for the whole export: an 'error' between two writes is then reported by the next write
    // instead of crashing the process as an unhandled event (or leaving a wait for 'drain' hanging).
    out.on('error', (error: unknown) => {
      this.failure ??= error;
    });
  }

  private check(): void {
    if (this.failure !== undefined) {
      throw new ParallaxError('BAD_OPTION', `cannot write the export: ${describe(this.failure)}`, {
        cause: this.failure,
      });
    }
    if ((this.out as Partial<Writable>).destroyed === true) {
      throw new ParallaxError('BAD_OPTION', 'the export destination closed before the export finished');
    }
  }

  /** Queues text; writes (and waits for 'drain' when needed) once enough is queued. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  /** Writes whatever is queued. Call once at the end of an export. */
  async flush(): Promise<void> {
    this.check();
    if (this.size === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (!this.out.write(chunk)) await drained(this.out);
    this.check();
  }
}

/**
 * Runs `each` over the clusters in order, counting; the common loop of every exporter. `each` returns
 * how many records it wrote for the cluster (0 means the format skipped it).
 */
export async function forEachCluster(
  clusters: AsyncIterable<Cluster> | Iterable<Cluster>,
  each: (cluster: Cluster, index: number) => Promise<number>,
): Promise<ExportSummary> {
  let count = 0;
  let records = 0;
  let skipped = 0;
  for await (const cluster of clusters) {
    const written = await each(cluster, count);
    count += 1;
    records += written;
    if (written === 0) skipped += 1;
  }
  return { clusters: count, records, skipped };
}
