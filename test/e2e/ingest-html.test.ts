/** The hand-built HTML pages: title, date, authors, outlet and their sources, and what the text must and must not hold. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/charset.js';
import { extractHtml } from '../../src/ingest/html.js';
import { routeRawInput } from '../../src/ingest/route.js';

interface Page {
  readonly file: string;
  readonly url?: string;
  readonly title: string;
  readonly titleSource?: string;
  readonly published: string | null;
  readonly publishedSource: string | null;
  readonly authors?: string[];
  readonly outlet?: string;
  readonly contains: string[];
  readonly notContains: string[];
}

const dir = resolve(import.meta.dirname, '..', 'fixtures', 'html');
const { pages } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] };

describe('HTML extraction on the fixture pages', () => {
  it('has at least 20 pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s', (_name, page) => {
    const bytes = readFileSync(join(dir, page.file));
    const { text: html } = decodeBytes(bytes, 'text/html');
    const { text, metadata } = extractHtml(html, page.url);
    expect(metadata.title?.value).toBe(page.title);
    if (page.titleSource) expect(metadata.title?.source).toBe(page.titleSource);
    expect(metadata.published?.value).toBe(page.published ?? undefined);
    expect(metadata.published?.source).toBe(page.publishedSource ?? undefined);
    if (page.authors) expect(metadata.authors?.value).toEqual(page.authors);
    if (page.outlet) expect(metadata.outlet?.value).toBe(page.outlet);
    for (const s of page.contains) expect(text).toContain(s);
    for (const s of page.notContains) expect(text).not.toContain(s);

    // The route the ingest command takes gives the same document metadata.
    const routed = routeRawInput({
      source: page.file,
      position: 'file',
      kind: 'html',
      ...(page.url !== undefined && { url: page.url }),
      meta: {},
      receivedAt: '2024-01-01T00:00:00Z',
      body: bytes,
    });
    expect(routed.document.title).toBe(page.title);
    expect(routed.document.published).toBe(page.published ?? undefined);
    if (page.outlet) expect(routed.document.outlet).toBe(page.outlet);
  });
});
