/**
 * JSON Lines: one article per line, streamed with byte offsets so memory stays flat and a run can
 * resume at the line after the last committed one. A line over the cap is skipped without being held.
 */
import { createReadStream } from 'node:fs';

export interface Line {
  /** The line's bytes without its newline (and without a trailing CR); undefined when over the cap. */
  readonly bytes: Buffer | undefined;
  /** 1-based line number, counted from where reading started plus `firstLine - 1`. */
  readonly lineNo: number;
  /** Byte offset of the line's first byte, and just past its newline. */
  readonly start: number;
  readonly end: number;
  /** Length of the line in bytes (known even when too long to keep). */
  readonly length: number;
}

/**
 * Splits a byte stream into lines. Pure apart from the chunks it is given, so tests and fuzzing can
 * feed it any chunking.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: { start?: number; firstLine?: number; maxLineBytes: number },
): AsyncGenerator<Line> {
  let offset = options.start ?? 0;
  let lineNo = (options.firstLine ?? 1) - 1;
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let over = false;
  let lineStart = offset;
  const finish = (end: number): Line => {
    lineNo++;
    let bytes: Buffer | undefined;
    if (!over) {
      bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, kept);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    }
    const line: Line = { bytes, lineNo, start: lineStart, end, length };
    parts = [];
    kept = 0;
    length = 0;
    over = false;
    lineStart = end;
    return line;
  };
  for await (const chunk of chunks) {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const stop = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(from, stop);
      length += piece.length;
      if (!over) {
        if (kept + piece.length > options.maxLineBytes) {
          over = true;
          parts = [];
          kept = 0;
        } else if (piece.length > 0) {
          // Copied: the stream may reuse its buffer, and a slice would pin the whole chunk.
          parts.push(Buffer.from(piece));
          kept += piece.length;
        }
      }
      offset += stop - from;
      if (nl === -1) break;
      offset += 1;
      from = nl + 1;
      yield finish(offset);
    }
  }
  if (length > 0 || parts.length > 0 || over) yield finish(offset);
}

export function readFileLines(
  path: string,
  options: { start?: number; firstLine?: number; maxLineBytes: number },
): AsyncGenerator<Line> {
  const stream = createReadStream(path, { start: options.start ?? 0, highWaterMark: 1 << 20 });
  return splitLines(stream as AsyncIterable<Buffer>, options);
}

/** One article from a JSON Lines record. */
export interface JsonlArticle {
  readonly text?: string;
  readonly html?: string;
  readonly url?: string;
  readonly title?: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly authors?: readonly string[];
  readonly language?: string;
  readonly id?: string;
}

export type JsonlParse = { ok: true; article: JsonlArticle } | { ok: false; reason: string };

const STRING_FIELDS = ['text', 'html', 'url', 'title', 'published', 'outlet', 'language', 'id'] as const;
const ALIASES: Readonly<Record<string, (typeof STRING_FIELDS)[number]>> = {
  content: 'text',
  body: 'text',
  date: 'published',
  datePublished: 'published',
  published_at: 'published',
  source: 'outlet',
  headline: 'title',
  link: 'url',
  lang: 'language',
};

/** Reads one line as an article record: an object with `text` or `html`, other fields optional. */
export function parseJsonlRecord(bytes: Uint8Array): JsonlParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  if (text.trim() === '') return { ok: false, reason: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `not JSON (${error instanceof Error ? error.message.slice(0, 80) : 'parse error'})`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    const field = (STRING_FIELDS as readonly string[]).includes(key) ? key : ALIASES[key];
    if (field === undefined || out[field] !== undefined) continue;
    if (typeof v === 'string') out[field] = v;
    else if (typeof v === 'number' && field === 'id') out[field] = String(v);
    else if (v !== null && v !== undefined) return { ok: false, reason: `field '${key}' is not a string` };
  }
  const authors = record.authors ?? record.author;
  if (authors !== undefined && authors !== null) {
    const list = Array.isArray(authors) ? authors : [authors];
    if (!list.every((a) => typeof a === 'string'))
      return { ok: false, reason: "field 'authors' is not a list of strings" };
    out.authors = list;
  }
  const hasText = typeof out.text === 'string' && out.text.trim() !== '';
  const hasHtml = typeof out.html === 'string' && out.html.trim() !== '';
  if (!hasText && !hasHtml) return { ok: false, reason: "no 'text' or 'html' field with content" };
  return { ok: true, article: out as JsonlArticle };
}
