/** WARC files (plain or per-record gzip) read with warcio, one record at a time, bodies capped. */
import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';

export interface WarcItem {
  /** Byte offset of the record in the file (compressed offset for .warc.gz). */
  readonly offset: number;
  readonly url?: string;
  readonly date?: string;
  readonly contentType?: string;
  readonly status?: number;
  /** The payload (HTTP body for responses); undefined when over the cap. */
  readonly body: Buffer | undefined;
  readonly length: number;
}

/** Record types that carry a page: responses, resources, and conversions; the rest are skipped. */
const CONTENT_TYPES = new Set(['response', 'resource', 'conversion']);

/**
 * Yields the content records of a WARC from `start`. When `skipFirst` is set, the record at `start`
 * (the last one committed before an interruption) is passed over.
 */
export async function* readWarc(
  path: string,
  options: { start?: number; skipFirst?: boolean; maxBytes: number },
): AsyncGenerator<WarcItem> {
  const start = options.start ?? 0;
  const parser = new WARCParser(createReadStream(path, { start, highWaterMark: 1 << 20 }));
  let first = true;
  for await (const record of parser) {
    const offset = start + parser.offset;
    const skip = first && options.skipFirst === true;
    first = false;
    if (skip || !CONTENT_TYPES.has(record.warcType ?? '')) continue;
    const chunks: Buffer[] = [];
    let length = 0;
    let over = false;
    for await (const chunk of record) {
      length += chunk.length;
      if (length > options.maxBytes) over = true;
      if (!over) chunks.push(Buffer.from(chunk));
      else chunks.length = 0;
    }
    const status = record.httpHeaders?.statusCode;
    const contentType =
      record.httpHeaders?.headers.get('content-type') ??
      record.warcHeaders.headers.get('content-type') ??
      undefined;
    yield {
      offset,
      ...(record.warcTargetURI && { url: record.warcTargetURI }),
      ...(record.warcDate && { date: record.warcDate }),
      ...(contentType && { contentType }),
      ...(typeof status === 'number' && { status }),
      body: over ? undefined : Buffer.concat(chunks),
      length,
    };
  }
}
