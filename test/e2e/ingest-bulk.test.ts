/** Bulk inputs through the engine: JSON Lines with malformed records, folders, WARC; reanalysis from raw inputs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { reanalyze } from '../../src/cli/commands/reanalyze.js';
import { expandInputs, ingestSources } from '../../src/ingest/run.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (n: number): string =>
  `Report ${n}: the harbour authority in Mombasa said on Monday that ships resumed loading grain after a strike by port workers ended.`;
const page = (n: number, extra = ''): string =>
  `<html><head><title>Page ${n} | Coast Wire</title><meta property="article:published_time" content="2024-05-0${n}T08:00:00Z">${extra}</head><body><nav>Home World Sport</nav><article><h1>Page ${n}</h1><p>${text(n)} Officials said more vessels were expected to dock later in the week as the backlog cleared.</p><p>Traders said prices for maize had already started to fall in the markets of the capital, easing pressure on families.</p></article><footer>All rights reserved</footer></body></html>`;

let store: SqliteStore;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.migrate();
});

describe('JSON Lines', () => {
  it('ingests good records and rejects malformed ones with their position, never stopping', async () => {
    const path = join(dir, 'mixed.jsonl');
    const lines = [
      JSON.stringify({
        text: text(1),
        url: 'https://example.test/1',
        published: '2024-05-01',
        outlet: 'Coast Wire',
      }),
      '{"text": "broken',
      JSON.stringify({ title: 'no body' }),
      '',
      JSON.stringify({ html: page(2), url: 'https://example.test/2' }),
      JSON.stringify({ text: 'x'.repeat(5000) }),
      '[1, 2, 3]',
      JSON.stringify({ text: text(1), url: 'https://example.test/1-copy' }),
      JSON.stringify({ text: 42 }),
    ];
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const summary = await ingestSources(expandInputs([path]), { store, maxBytes: 4000 });
    expect(summary.ingested).toBe(2);
    expect(summary.duplicates).toBe(1);
    expect(summary.rejectedCount).toBe(5);
    // Byte offsets of each line's start, CRLF line ends included.
    const at = (n: number): number =>
      lines.slice(0, n - 1).reduce((sum, l) => sum + Buffer.byteLength(l) + 2, 0);
    expect(summary.rejected.map((r) => r.error.message.replace(`${path} `, ''))).toEqual([
      expect.stringMatching(new RegExp(`^line 2 \\(byte ${at(2)}\\): not JSON`)),
      `line 3 (byte ${at(3)}): no 'text' or 'html' field with content`,
      `line 6 (byte ${at(6)}): 5012 bytes is over the per-record cap of 4000 bytes`,
      `line 7 (byte ${at(7)}): not a JSON object`,
      `line 9 (byte ${at(9)}): field 'text' is not a string`,
    ]);
    expect(summary.rejectedBy).toEqual({ INPUT_INVALID: 4, INPUT_TOO_LARGE: 1 });
    const docs = await store.findDocuments();
    expect(docs.map((d) => [d.url, d.published, d.outlet])).toEqual([
      ['https://example.test/1', '2024-05-01', 'Coast Wire'],
      ['https://example.test/2', '2024-05-02T08:00:00Z', 'example.test'],
    ]);
    // Every record, rejected ones included, is kept as received.
    expect((await store.rawInputs()).length).toBe(8);
  });
});

describe('folders and WARC', () => {
  it('walks a folder, routing text, HTML and JSON Lines files', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'a.txt'), text(3));
    writeFileSync(join(folder, 'b.html'), page(4));
    writeFileSync(join(folder, 'sub', 'c.jsonl'), `${JSON.stringify({ text: text(5) })}\n`);
    writeFileSync(join(folder, 'sub', 'page-without-extension'), page(6));
    writeFileSync(join(folder, '.hidden.txt'), text(7));
    const sources = expandInputs([folder]);
    expect(sources.map((s) => [s.label.slice(folder.length + 1), s.type])).toEqual([
      ['a.txt', 'text'],
      ['b.html', 'html'],
      ['sub/c.jsonl', 'jsonl'],
      ['sub/page-without-extension', 'html'],
    ]);
    const summary = await ingestSources(sources, { store, maxBytes: 1 << 20 });
    expect(summary).toMatchObject({ ingested: 4, duplicates: 0, rejectedCount: 0 });
    const titles = (await store.findDocuments()).map((d) => d.title);
    expect(titles).toContain('Page 4');
    expect(titles).toContain('Page 6');
    // Where each value came from is kept with the document.
    const [b] = await store.findDocuments({ search: 'Report 4' });
    expect(await store.getDocumentMetadata(b!.documentId)).toStrictEqual({
      authors: [],
      sources: { published: 'opengraph', title: 'h1' },
    });
  });

  it('reads WARC records (plain and gzip), skipping requests and resuming after the last committed record', async () => {
    const record = async (
      url: string,
      body: string,
      type: 'response' | 'request',
      gzip: boolean,
      contentType = 'text/html; charset=utf-8',
    ): Promise<Uint8Array> =>
      WARCSerializer.serialize(
        WARCRecord.create(
          {
            url,
            type,
            date: '2024-05-03T10:00:00Z',
            ...(type === 'response' && {
              httpHeaders: { 'Content-Type': contentType },
              statusline: 'HTTP/1.1 200 OK',
            }),
          },
          [new TextEncoder().encode(body)],
        ),
        { gzip },
      );
    for (const gzip of [false, true]) {
      const path = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
      const parts = [
        await record('https://coast.test/2024/05/03/one', page(1), 'request', gzip),
        await record('https://coast.test/2024/05/03/one', page(1), 'response', gzip),
        await record('https://coast.test/2024/05/03/two', page(2), 'response', gzip),
        await record('https://coast.test/logo.png', '\u0089PNG', 'response', gzip, 'image/png'),
        await record('https://coast.test/2024/05/03/three', page(3), 'response', gzip),
      ];
      writeFileSync(path, Buffer.concat(parts.map((p) => Buffer.from(p))));
      const fresh = openSqliteStore(':memory:');
      await fresh.migrate();
      const sources = expandInputs([path]);
      expect(sources[0]?.type).toBe('warc');
      const summary = await ingestSources(sources, { store: fresh, maxBytes: 1 << 20, batchSize: 2 });
      expect(summary).toMatchObject({ ingested: 3, rejectedCount: 0, skipped: 1 });
      const docs = await fresh.findDocuments();
      expect(docs.map((d) => d.url)).toEqual([
        'https://coast.test/2024/05/03/one',
        'https://coast.test/2024/05/03/two',
        'https://coast.test/2024/05/03/three',
      ]);
      // Resume from the checkpoint after the first batch: only the third record is read again.
      const key = sources[0]!.key;
      const afterFirstBatch = (await fresh.rawInputs())[1]!;
      const offset = Number(/byte (\d+)/.exec(afterFirstBatch.position)![1]);
      await fresh.setCheckpoint({
        sourceKey: key,
        source: path,
        position: offset,
        records: 2,
        finished: false,
      });
      const resumed = await ingestSources(sources, { store: fresh, maxBytes: 1 << 20, resume: true });
      expect(resumed).toMatchObject({ ingested: 0, duplicates: 1, rejectedCount: 0 });
      expect((await fresh.rawInputs()).slice(3).map((r) => r.url)).toEqual([
        'https://coast.test/2024/05/03/three',
      ]);
      await fresh.close();
    }
  });
});

describe('reanalyze', () => {
  it('finishes inputs left pending and reruns every stored input with --all', async () => {
    const [id] = await store.recordRawInputs([
      {
        source: 'crash.jsonl',
        position: 'line 1',
        kind: 'jsonl',
        meta: {},
        receivedAt: '2024-05-01T00:00:00Z',
        body: Buffer.from(JSON.stringify({ text: text(8) })),
      },
    ]);
    expect((await store.rawInputs({ status: 'pending' })).map((r) => r.id)).toEqual([id]);
    const { summary } = await reanalyze(store, false);
    expect(summary.ingested).toBe(1);
    expect(await store.rawInputs({ status: 'pending' })).toEqual([]);
    const { replaced } = await reanalyze(store, true);
    expect(replaced).toBe(1);
    expect((await store.stats()).documents).toBe(1);
  });
});
