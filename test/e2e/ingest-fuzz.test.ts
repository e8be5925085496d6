/**
 * Property-based fuzzing (fast-check) of the readers and the normalizer: no input crashes them, and
 * every offset an analysis of their output carries lies inside the document text. Each property is
 * bounded in runs and in time, so CI stays quick.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/analyze.js';
import { ParallaxError } from '../../src/errors.js';
import { decodeBytes } from '../../src/ingest/charset.js';
import { parseFeedText } from '../../src/ingest/feed.js';
import { extractHtml } from '../../src/ingest/html.js';
import { parseJsonlRecord, splitLines } from '../../src/ingest/jsonl.js';
import { routeRawInput } from '../../src/ingest/route.js';
import { normalizeText } from '../../src/text/normalize.js';

const LIMIT = { interruptAfterTimeLimit: 4000, numRuns: 400 } as const;

/** Every {start, end} anywhere in an analysis lies within [0, length]. */
function spansInside(value: unknown, length: number, path = 'analysis'): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => spansInside(v, length, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    expect(o.start, path).toBeGreaterThanOrEqual(0);
    expect(o.end, path).toBeGreaterThanOrEqual(o.start);
    expect(o.end, path).toBeLessThanOrEqual(length);
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'document') spansInside(v, length, `${path}.${k}`);
}

const htmlPiece = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<div class="ad">',
    '</div>',
    '<article>',
    '</article>',
    '<h1>',
    '</h1>',
    '<nav>',
    '<br>',
    '<script type="application/ld+json">',
    '{"@type":"NewsArticle","headline":"H","datePublished":"2024-01-01","author":[{"name":',
    '</script>',
    '<meta property="og:title" content="',
    '<meta property="article:published_time" content="',
    '<meta charset="windows-1252">',
    '">',
    '<time datetime="',
    '<!--',
    '-->',
    '&amp;',
    '&#0;',
    '&#x1F600;',
    '<![CDATA[',
    '\u0000',
    '\r\n',
    '\u2028',
    '<svg><path d="',
    'Police said on Monday that twelve people were detained in Tbilisi. ',
    '"We will not stop," said Ana Beridze. ',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const htmlDoc = fc.array(htmlPiece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('fuzzing the readers', () => {
  it('HTML extraction never throws and gives strings', () => {
    fc.assert(
      fc.property(htmlDoc, fc.option(fc.webUrl(), { nil: undefined }), (html, url) => {
        const { text, metadata } = extractHtml(html, url);
        expect(typeof text).toBe('string');
        for (const v of Object.values(metadata)) expect(v.value).toBeDefined();
      }),
      LIMIT,
    );
  });

  it('HTML bytes in any charset route to a document whose analysis offsets stay inside its text', () => {
    fc.assert(
      fc.property(htmlDoc, fc.uint8Array({ maxLength: 64 }), (html, noise) => {
        const body = Buffer.concat([Buffer.from(html, 'utf8'), Buffer.from(noise)]);
        expect(typeof decodeBytes(body, 'text/html; charset=bogus-charset').text).toBe('string');
        let routed;
        try {
          routed = routeRawInput({
            source: 'fuzz',
            position: 'file',
            kind: 'html',
            meta: {},
            receivedAt: 'now',
            body,
          });
        } catch (error) {
          expect(error).toBeInstanceOf(ParallaxError);
          return;
        }
        const analysis = analyzeDocument(routed.document);
        spansInside(analysis, routed.document.text.length);
      }),
      { interruptAfterTimeLimit: 6000, numRuns: 60 },
    );
  });

  it('feeds: a document is parsed or refused with INPUT_INVALID, never a crash', () => {
    const feedPiece = fc.oneof(
      fc.constantFrom(
        '<?xml version="1.0"?>',
        '<rss version="2.0"><channel>',
        '</channel></rss>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '</feed>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
        '</rdf:RDF>',
        '<item>',
        '</item>',
        '<entry>',
        '</entry>',
        '<title>',
        '</title>',
        '<link>http://a.test/x</link>',
        '<link href="http://a.test/y"/>',
        '<pubDate>',
        '</pubDate>',
        '<guid>',
        '</guid>',
        '<description><![CDATA[<p>x</p>]]></description>',
        '&lt;',
        '&bogus;',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(feedPiece, { maxLength: 40 }), (parts) => {
        try {
          const feed = parseFeedText(parts.join(''));
          for (const item of feed.items) expect(typeof item.key).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(ParallaxError);
          expect((error as ParallaxError).code).toBe('INPUT_INVALID');
        }
      }),
      LIMIT,
    );
  });

  it('JSON Lines: any chunking splits into the same lines with consistent offsets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 80 }),
        async (bytes, cuts, cap) => {
          const data = Buffer.from(bytes);
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < data.length; i++) {
            const n = cuts[i % cuts.length]!;
            chunks.push(data.subarray(at, at + n));
            at += n;
          }
          let expectedStart = 0;
          let lineNo = 0;
          for await (const line of splitLines(chunks, { maxLineBytes: cap })) {
            expect(line.start).toBe(expectedStart);
            expect(line.end).toBeGreaterThanOrEqual(line.start);
            expect(line.end).toBeLessThanOrEqual(data.length);
            expect(line.lineNo).toBe(++lineNo);
            const raw = data.subarray(line.start, line.end);
            const content = raw[raw.length - 1] === 0x0a ? raw.subarray(0, raw.length - 1) : raw;
            expect(line.length).toBe(content.length);
            if (line.bytes !== undefined) {
              const trimmed =
                content[content.length - 1] === 0x0d ? content.subarray(0, content.length - 1) : content;
              expect(Buffer.compare(line.bytes, trimmed)).toBe(0);
            } else expect(content.length).toBeGreaterThan(cap);
            expectedStart = line.end;
          }
          expect(expectedStart).toBe(data.length);
        },
      ),
      LIMIT,
    );
  });

  it('JSON Lines records: any bytes parse or are refused with a reason', () => {
    const jsonish = fc.oneof(
      fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
      fc.json().map((j) => Buffer.from(j)),
      fc
        .record({
          text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          url: fc.option(fc.string()),
          authors: fc.option(fc.array(fc.oneof(fc.string(), fc.integer()))),
        })
        .map((r) => Buffer.from(JSON.stringify(r))),
    );
    fc.assert(
      fc.property(jsonish, (bytes) => {
        const parsed = parseJsonlRecord(bytes);
        if (parsed.ok) expect(typeof (parsed.article.text ?? parsed.article.html)).toBe('string');
        else expect(parsed.reason.length).toBeGreaterThan(0);
        try {
          const routed = routeRawInput({
            source: 'fuzz',
            position: 'line 1',
            kind: 'jsonl',
            meta: {},
            receivedAt: 'now',
            body: bytes,
          });
          expect(routed.document.text.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(ParallaxError);
        }
      }),
      LIMIT,
    );
  });
});

describe('fuzzing the text normalizer', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          '\r\n',
          '\r',
          '\n',
          ' ',
          '\t',
          '\u00a0',
          '\ufeff',
          'e\u0301',
          'A',
          '.',
          '"',
          '\u2028',
          '\ud800',
        ),
        { maxLength: 80 },
      )
      .map((a) => a.join('')),
  );

  it('is idempotent, NFC, with LF line ends and no trailing spaces', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const text = normalizeText(raw);
        expect(normalizeText(text)).toBe(text);
        expect(text.normalize('NFC')).toBe(text);
        expect(text).not.toMatch(/\r/);
        expect(text).not.toMatch(/[ \t\u00a0]$/m);
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
      }),
      LIMIT,
    );
  });

  // Found by the property above: every leading BOM (and blank line) goes in one pass.
  it('strips every leading BOM in one pass', () => {
    expect(normalizeText('\ufeff\ufeffA')).toBe('A');
    expect(normalizeText('\r\n\ufeffA')).toBe('A');
  });

  it('gives texts whose analysis offsets stay inside the text', () => {
    const sentence = fc.constantFrom(
      'Police detained twelve people in Tbilisi on Monday.',
      '"We will fight," said Ana Beridze.',
      'Russian forces shelled Kharkiv, killing three civilians.',
      '\r\n',
      '  \u00a0\t',
      '\ufeff',
      'Zu\u0308rich',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(sentence, fc.string({ maxLength: 15 })), { maxLength: 25 }), (parts) => {
        const text = normalizeText(parts.join(' '));
        if (text === '') return;
        const analysis = analyzeDocument({ id: 'doc_fuzz', text, contentHash: 'x', language: 'en' });
        spansInside(analysis, text.length);
      }),
      { interruptAfterTimeLimit: 6000, numRuns: 80 },
    );
  });
});
