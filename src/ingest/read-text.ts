/** Reads one text article from a file or stdin, rejecting what cannot be an article with a clear error. */
import { readFileSync, statSync } from 'node:fs';
import { ParallaxError } from '../errors.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadOptions {
  readonly maxBytes?: number;
}

/** Decodes bytes as an article's text: UTF-8 only, not binary, not empty, under the size cap. */
export function decodeArticle(bytes: Uint8Array, label: string, options: ReadOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new ParallaxError(
      'INPUT_TOO_LARGE',
      `${label}: ${bytes.length} bytes is over the per-document cap of ${maxBytes} bytes (raise it with --max-bytes, or use a bulk format)`,
    );
  }
  // A NUL byte never occurs in text; it is the surest sign of a binary file.
  if (bytes.includes(0))
    throw new ParallaxError('INPUT_BINARY', `${label}: looks like a binary file, not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ParallaxError('INPUT_INVALID_UTF8', `${label}: is not valid UTF-8 text`);
  }
  if (text.trim().length === 0) throw new ParallaxError('INPUT_EMPTY', `${label}: is empty`);
  return text;
}

export function readArticleFile(path: string, options: ReadOptions = {}): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ParallaxError('INPUT_INVALID', `${path}: is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ParallaxError) throw error;
    throw new ParallaxError('INPUT_NOT_FOUND', `${path}: no such file`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > maxBytes) {
    throw new ParallaxError(
      'INPUT_TOO_LARGE',
      `${path}: ${size} bytes is over the per-document cap of ${maxBytes} bytes (raise it with --max-bytes, or use a bulk format)`,
    );
  }
  return decodeArticle(readFileSync(path), path, options);
}

export async function readStdin(options: ReadOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) {
      throw new ParallaxError('INPUT_TOO_LARGE', `stdin: over the per-document cap of ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return decodeArticle(Buffer.concat(chunks), 'stdin', options);
}
