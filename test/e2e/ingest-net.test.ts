/**
 * Fetching, feeds and the address guard against a loopback HTTP server this file starts. No traffic
 * ever leaves loopback: private addresses reach the guard only through an injected resolver, and a
 * test-side net (below) fails any connection to a non-loopback address before it is made.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchFeeds } from '../../src/cli/commands/watch.js';
import { checkUrl, fetchUrl, FetchError, isPrivateAddress, type Resolver } from '../../src/ingest/fetch.js';
import { parseFeedText } from '../../src/ingest/feed.js';
import { routeRawInput } from '../../src/ingest/route.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');
const dir = mkdtempSync(join(tmpdir(), 'parallax-net-'));

// ---- Test-side safety net: any connection to a non-loopback address fails before it is made. ----
const blocked: string[] = [];
const isLoopback = (a: string): boolean => a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
const originalConnect = net.Socket.prototype.connect;
type Lookup = (h: string, o: object, cb: (e: Error | null, a: unknown, f?: number) => void) => void;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const options = args[0];
  if (options && typeof options === 'object' && !Array.isArray(options)) {
    const o = options as { host?: string; lookup?: Lookup };
    if (o.host && net.isIP(o.host) && !isLoopback(o.host)) {
      blocked.push(o.host);
      throw new Error(`test net: refusing to connect to ${o.host}`);
    }
    if (o.lookup) {
      const inner = o.lookup;
      args[0] = {
        ...o,
        lookup: ((h, opts, cb) =>
          inner(h, opts, (e, a, f) => {
            const list = Array.isArray(a)
              ? (a as { address: string }[]).map((x) => x.address)
              : [a as string];
            const bad = e ? undefined : list.find((x) => !isLoopback(x));
            if (bad) {
              blocked.push(bad);
              cb(new Error(`test net: refusing to connect to ${bad}`), '', 4);
            } else cb(e, a, f);
          })) as Lookup,
      };
    }
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

// ---- The loopback server ----
let base = '';
let port = 0;
let storyVersion = 1;
let bigBytesSent = 0;
const feedHits: { path: string; ifNoneMatch?: string }[] = [];
let rssItems = 2;

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} of the report: officials in the capital said the relief convoy reached the northern district on Monday after days of delay, and that more trucks were expected later in the week.</p>`;
const boilerplatePage = `<!DOCTYPE html><html><head><title>Convoy reaches district | Loopback Times</title>
<meta property="article:published_time" content="2024-04-02T10:00:00Z"></head><body>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Convoy reaches district</h1>${[1, 2, 3, 4, 5].map(paragraph).join('')}</article>
<aside class="related"><h3>Related stories</h3><ul><li>Markets slide again</li></ul></aside>
<footer>© 2024 Loopback Times. All rights reserved.</footer></body></html>`;

const cp1252 = Buffer.from(
  `<html><head><title>Caf\xe9 story</title></head><body><article><h1>Caf\xe9 story</h1><p>The caf\xe9 owner in Z\xfcrich said \x93it\x92s over\x94 \x96 and closed the doors for good after thirty years of serving the neighbourhood, friends and strangers alike.</p>${paragraph(1)}${paragraph(2)}${paragraph(3)}</article></body></html>`,
  'latin1',
);

function rss(): string {
  const items = Array.from(
    { length: rssItems },
    (_, i) =>
      `<item><title>Item ${i + 1}</title><link>${base}/item/${i + 1}</link><guid>rss-${i + 1}</guid><pubDate>Mon, 1${i} Mar 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;Feed body ${i + 1}: the harbour authority said ships resumed loading grain on the eastern quay.&lt;/p&gt;</description></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback RSS</title><link>${base}/</link><description>d</description>${items}</channel></rss>`;
}
const rdf = (): string =>
  `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="${base}/"><title>Loopback RDF</title><link>${base}/</link><description>d</description></channel><item rdf:about="${base}/rdf/1"><title>RDF one</title><link>${base}/rdf/1</link><description>Feed body rdf: the river ferry returned to service after the storm passed the delta.</description><dc:date>2025-03-10T08:00:00Z</dc:date><dc:creator>Jo Field</dc:creator></item></rdf:RDF>`;
const atom = (): string =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback Atom</title><id>urn:loop</id><updated>2025-03-11T00:00:00Z</updated><entry><title>Atom one</title><id>urn:loop:1</id><link href="${base}/atom/1"/><published>2025-03-11T06:00:00Z</published><author><name>Ann Lee</name></author><content type="html">&lt;p&gt;Feed body atom: the mountain pass reopened to trucks after snowploughs cleared the road overnight.&lt;/p&gt;</content></entry></feed>`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', base);
  switch (url.pathname) {
    case '/article':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(boilerplatePage);
      return;
    case '/cp1252':
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(cp1252);
      return;
    case '/story':
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><head><title>Toll story</title></head><body><article><h1>Toll story</h1><p>Rescuers said ${storyVersion === 1 ? 'twelve' : 'fifteen'} people died when the bridge collapsed in the river town early on Sunday morning, local officials confirmed.</p>${paragraph(7)}${paragraph(8)}</article></body></html>`,
        );
      return;
    case '/loop-a':
      res.writeHead(302, { location: '/loop-b' }).end();
      return;
    case '/loop-b':
      res.writeHead(302, { location: '/loop-a' }).end();
      return;
    case '/slow':
      // Headers, then nothing: only the client's timeout ends it.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      setTimeout(() => res.end('</html>'), 20_000).unref();
      return;
    case '/big':
    case '/big-declared': {
      // 100 MB, streamed lazily with back-pressure; stops as soon as the client goes away.
      const total = 100 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      res.writeHead(200, {
        'content-type': 'text/html',
        ...(url.pathname === '/big-declared' && { 'content-length': String(total) }),
      });
      const pump = (): void => {
        while (bigBytesSent < total && !res.destroyed) {
          bigBytesSent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      bigBytesSent = 0;
      pump();
      return;
    }
    case '/to-metadata':
      res.writeHead(302, { location: 'http://metadata.test/latest/meta-data/' }).end();
      return;
    case '/to-private-literal':
      res.writeHead(301, { location: 'http://10.0.0.1/admin' }).end();
      return;
    case '/to-file':
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return;
    case '/rebind-hop':
      res.writeHead(302, { location: `http://rebind.test:${port}/article` }).end();
      return;
    case '/rss':
    case '/rdf':
    case '/atom': {
      const body = url.pathname === '/rss' ? rss() : url.pathname === '/rdf' ? rdf() : atom();
      const etag = `"${url.pathname}-${body.length}"`;
      feedHits.push({
        path: url.pathname,
        ...(req.headers['if-none-match'] && { ifNoneMatch: req.headers['if-none-match'] }),
      });
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/xml', etag }).end(body);
      return;
    }
    default:
      if (
        url.pathname.startsWith('/item/') ||
        url.pathname.startsWith('/rdf/') ||
        url.pathname.startsWith('/atom/')
      ) {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            `<html><body><article><h1>Page ${url.pathname}</h1><p>Full page for ${url.pathname}: the port authority said cranes on the western berth worked through the night to clear the backlog of containers.</p>${paragraph(9)}${paragraph(10)}</article></body></html>`,
          );
        return;
      }
      res.writeHead(404).end('not found');
  }
});

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
  net.Socket.prototype.connect = originalConnect;
  rmSync(dir, { recursive: true, force: true });
});

const LOOPBACK = { allowAddresses: ['127.0.0.1'], timeoutMs: 5000 } as const;

/** Names that resolve to private addresses, through the resolver the tests inject. */
const fakeDns: Record<string, string> = {
  'intranet.test': '10.0.0.1',
  'router.test': '192.168.1.1',
  'metadata.test': '169.254.169.254',
  'loopback.test': '127.0.0.1',
};
let resolverCalls = 0;
const resolver: Resolver = async (host) => {
  resolverCalls++;
  const address = fakeDns[host];
  if (address === undefined) throw new Error(`no such test host ${host}`);
  return [{ address, family: 4 }];
};

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((ok) => {
    const child = spawn(tsx, [entry, ...args], {
      cwd: root,
      env: { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), PARALLAX_DB: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      ok({ status, stdout, stderr });
    });
  });
}

describe('the private-address guard', () => {
  it('knows private, loopback, link-local and reserved addresses', () => {
    for (const a of [
      '10.0.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '127.0.0.1',
      '172.16.5.4',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a00:1',
      '[::1]',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses literal private addresses and other schemes before any connection', async () => {
    for (const u of [
      'http://10.0.0.1/',
      'http://192.168.1.1/admin',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://localhost/',
    ]) {
      expect(() => checkUrl(u), u).toThrow(/refused/);
      expect((await fetchError(fetchUrl(u, { resolver }))).reason).toBe('private-address');
    }
    expect((await fetchError(fetchUrl('file:///etc/passwd'))).reason).toBe('scheme');
    expect((await fetchError(fetchUrl('ftp://example.test/x'))).reason).toBe('scheme');
    expect((await fetchError(fetchUrl(`${base}/article`))).reason).toBe('private-address');
    expect(blocked).toEqual([]);
  });

  it('refuses host names that resolve to private addresses, resolved through the injected resolver', async () => {
    const before = resolverCalls;
    for (const host of ['intranet.test', 'router.test', 'metadata.test', 'loopback.test']) {
      const error = await fetchError(fetchUrl(`http://${host}:${port}/article`, { resolver }));
      expect(error.reason, host).toBe('private-address');
      expect(error.message).toContain(fakeDns[host]);
    }
    expect(resolverCalls - before).toBe(4);
    expect(blocked).toEqual([]);
  });

  it('holds after a redirect: to a name resolving to 169.254.169.254, to 10.0.0.1, to file://', async () => {
    const options = { ...LOOPBACK, resolver };
    expect((await fetchError(fetchUrl(`${base}/to-metadata`, options))).reason).toBe('private-address');
    expect((await fetchError(fetchUrl(`${base}/to-private-literal`, options))).reason).toBe(
      'private-address',
    );
    expect((await fetchError(fetchUrl(`${base}/to-file`, options))).reason).toBe('scheme');
    expect(blocked).toEqual([]);
  });

  it('checks the address each connection actually uses (a name that rebinds between lookups)', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => [
      { address: ++calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 },
    ];
    const error = await fetchError(
      fetchUrl(`http://rebind.test:${port}/rebind-hop`, { ...LOOPBACK, resolver: rebinding }),
    );
    expect(error.reason).toBe('private-address');
    expect(error.message).toContain('10.0.0.1');
    expect(calls).toBe(2);
    expect(blocked).toEqual([]);
  });
});

describe('fetching from a loopback server', () => {
  it('extracts a page with boilerplate around the article', async () => {
    const page = await fetchUrl(`${base}/article`, LOOPBACK);
    const routed = routeRawInput({
      source: 'x',
      position: 'response',
      kind: 'html',
      url: page.url,
      ...(page.contentType && { contentType: page.contentType }),
      meta: {},
      receivedAt: page.fetchedAt,
      body: page.body,
    });
    expect(routed.document.text).toContain('Paragraph 1 of the report');
    expect(routed.document.text).toContain('Paragraph 5 of the report');
    for (const junk of [
      'We use cookies',
      'Home',
      'Related stories',
      'All rights reserved',
      'Markets slide',
    ]) {
      expect(routed.document.text).not.toContain(junk);
    }
    expect(routed.document.title).toBe('Convoy reaches district');
    expect(routed.document.published).toBe('2024-04-02T10:00:00Z');
    expect(routed.sources.published).toBe('opengraph');
  });

  it('decodes a windows-1252 page by its Content-Type header', async () => {
    const page = await fetchUrl(`${base}/cp1252`, LOOPBACK);
    const routed = routeRawInput({
      source: 'x',
      position: 'response',
      kind: 'html',
      url: page.url,
      ...(page.contentType && { contentType: page.contentType }),
      meta: {},
      receivedAt: page.fetchedAt,
      body: page.body,
    });
    expect(routed.document.text).toContain('The café owner in Zürich said “it’s over” – and closed');
    expect(routed.document.title).toBe('Café story');
  });

  it('stops a redirect loop at the redirect limit', async () => {
    const error = await fetchError(fetchUrl(`${base}/loop-a`, { ...LOOPBACK, maxRedirects: 4 }));
    expect(error.reason).toBe('redirects');
    expect(error.message).toMatch(/more than 4 redirects/);
  });

  it('times out on a server that stops sending', async () => {
    const started = Date.now();
    const error = await fetchError(fetchUrl(`${base}/slow`, { ...LOOPBACK, timeoutMs: 400 }));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops reading a 100 MB response at the size cap, without buffering it', async () => {
    const heapBefore = process.memoryUsage().arrayBuffers;
    const error = await fetchError(fetchUrl(`${base}/big`, { ...LOOPBACK, maxBytes: 2 * 1024 * 1024 }));
    expect(error.reason).toBe('too-large');
    expect(error.code).toBe('INPUT_TOO_LARGE');
    await new Promise((ok) => setTimeout(ok, 100));
    // The server stopped long before 100 MB: the client went away at the cap.
    expect(bigBytesSent).toBeLessThan(40 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(50 * 1024 * 1024);
    const declared = await fetchError(
      fetchUrl(`${base}/big-declared`, { ...LOOPBACK, maxBytes: 2 * 1024 * 1024 }),
    );
    expect(declared.message).toMatch(/104857600 bytes is over the cap/);
  });
});

describe('feeds', () => {
  it('reads RSS 2.0, RSS 1.0 and Atom', () => {
    base ||= 'http://127.0.0.1:1';
    const r = parseFeedText(rss());
    expect(r.dialect).toBe('rss');
    expect(r.items.map((i) => [i.key, i.link, i.published])).toEqual([
      ['rss-1', `${base}/item/1`, '2025-03-10T10:00:00.000Z'],
      ['rss-2', `${base}/item/2`, '2025-03-11T10:00:00.000Z'],
    ]);
    const d = parseFeedText(rdf());
    expect(d.dialect).toBe('rdf');
    expect(d.items[0]).toMatchObject({
      link: `${base}/rdf/1`,
      published: '2025-03-10T08:00:00Z',
      authors: ['Jo Field'],
    });
    const a = parseFeedText(atom());
    expect(a.dialect).toBe('atom');
    expect(a.items[0]).toMatchObject({ key: 'urn:loop:1', link: `${base}/atom/1`, authors: ['Ann Lee'] });
    expect(a.items[0]?.html).toContain('mountain pass');
    expect(() => parseFeedText('<html><body>no feed</body></html>')).toThrow(/not an RSS/);
  });

  it('watch polls with ETag, ingests new items only, in every dialect', async () => {
    const store = openSqliteStore(':memory:');
    await store.migrate();
    const lines: string[] = [];
    const config = {
      store,
      feeds: [`${base}/rss`, `${base}/rdf`, `${base}/atom`],
      intervalMs: 50,
      maxBackoffMs: 200,
      maxPolls: 2,
      fetchItems: true,
      fetch: LOOPBACK,
      log: (l: string) => lines.push(l),
    };
    rssItems = 2;
    feedHits.length = 0;
    const first = await watchFeeds(config);
    expect(first.ingested).toBe(4);
    // The second poll of each feed sent its ETag and got 304 Not Modified.
    for (const path of ['/rss', '/rdf', '/atom']) {
      const hits = feedHits.filter((h) => h.path === path);
      expect(hits).toHaveLength(2);
      expect(hits[0]?.ifNoneMatch).toBeUndefined();
      expect(hits[1]?.ifNoneMatch).toMatch(/^"/);
    }
    expect(lines.filter((l) => l.endsWith('not modified'))).toHaveLength(3);
    // A new item appears: only it is ingested.
    rssItems = 3;
    const second = await watchFeeds({ ...config, feeds: [`${base}/rss`], maxPolls: 1 });
    expect(second.ingested).toBe(1);
    expect((await store.findDocuments()).map((d) => d.url).sort()).toEqual(
      [`${base}/atom/1`, `${base}/item/1`, `${base}/item/2`, `${base}/item/3`, `${base}/rdf/1`].sort(),
    );
    // Errors back off and do not end the watch.
    const failing = await watchFeeds({ ...config, feeds: [`${base}/missing-feed`], maxPolls: 2 });
    expect(failing.ingested).toBe(0);
    expect(failing.failing).toEqual([`${base}/missing-feed`]);
    expect(lines.filter((l) => /missing-feed: .*HTTP 404; retrying in/.test(l))).toHaveLength(2);
    await store.close();
  });
});

describe('parallax ingest URL (child process)', () => {
  const db = (): string => join(dir, 'cli.db');

  it('refuses a loopback URL without --allow-private, and a file:// URL', async () => {
    const loop = await cli(['ingest', `${base}/article`, '--db', db()]);
    expect(loop.status).toBe(2);
    expect(loop.stderr).toMatch(/refused: 127\.0\.0\.1 is a private, loopback or link-local address/);
    const file = await cli(['ingest', 'file:///etc/hostname', '--db', db()]);
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(/refused: only http and https URLs are fetched, not file:/);
    expect(blocked).toEqual([]);
  });

  it('stores the same URL with changed text as one document with two revisions', async () => {
    storyVersion = 1;
    const first = await cli(['ingest', `${base}/story`, '--allow-private', '--db', db()]);
    expect(first.stderr).toBe('');
    expect(first.stdout.trim()).toBe('ingested 1, duplicates 0, rejected 0');
    const same = await cli(['ingest', `${base}/story`, '--allow-private', '--db', db()]);
    expect(same.stdout.trim()).toBe('ingested 0, duplicates 1, rejected 0');
    storyVersion = 2;
    const changed = await cli(['ingest', `${base}/story`, '--allow-private', '--db', db()]);
    expect(changed.stdout.trim()).toBe('ingested 0, duplicates 0, rejected 0, revised 1');
    const store = openSqliteStore(db());
    await store.migrate();
    const revisions = await store.revisions(`${base}/story`);
    expect(revisions.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(new Set(revisions.map((r) => r.documentId)).size).toBe(1);
    const docs = await store.findDocuments({ search: 'bridge collapsed' });
    expect(docs).toHaveLength(1);
    expect((await store.getAnalysis(docs[0]!.documentId))?.document.text).toContain('fifteen people died');
    expect((await store.getAnalysis(revisions[0]!.versionId))?.document.text).toContain('twelve people died');
    await store.close();
  });
});
