/** Creates Documents: normalized text, content hash, metadata. */
import { createHash } from 'node:crypto';
import { headlineOf } from '../text/headline.js';
import { normalizeText } from '../text/normalize.js';
import type { Document } from './schema.js';

export interface DocumentMeta {
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly title?: string;
  readonly language?: string;
}

/** The store's identity key: the same normalized text always hashes the same. */
export function contentHash(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

export function createDocument(rawText: string, meta: DocumentMeta = {}): Document {
  const text = normalizeText(rawText);
  const hash = contentHash(text);
  const title = meta.title ?? headlineOf(text);
  return {
    id: `doc_${hash.slice(0, 16)}`,
    text,
    contentHash: hash,
    language: meta.language ?? 'en',
    ...(meta.published !== undefined && { published: meta.published }),
    ...(meta.outlet !== undefined && { outlet: meta.outlet }),
    ...(meta.url !== undefined && { url: meta.url }),
    ...(title !== undefined && { title }),
  };
}
