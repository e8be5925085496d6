/**
 * Article text and metadata from an HTML page. The text comes from Readability (over linkedom); the
 * metadata from, in order of trust, JSON-LD (schema.org NewsArticle and kin), OpenGraph and other meta
 * tags, `<time>` elements, and the URL — each value recorded with the source it came from.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export type MetaSource = 'json-ld' | 'opengraph' | 'meta' | 'microdata' | 'time' | 'title-tag' | 'h1' | 'url';

export interface Sourced<T> {
  readonly value: T;
  readonly source: MetaSource;
}

export interface HtmlMetadata {
  readonly title?: Sourced<string>;
  readonly authors?: Sourced<string[]>;
  readonly published?: Sourced<string>;
  readonly modified?: Sourced<string>;
  readonly outlet?: Sourced<string>;
  readonly language?: Sourced<string>;
}

export interface ExtractedHtml {
  /** The article's main text, paragraphs separated by blank lines; '' when none was found. */
  readonly text: string;
  readonly metadata: HtmlMetadata;
  /** 'readability' when Readability found the article, 'body' when the fallback took the page body. */
  readonly method: 'readability' | 'body';
}

/* eslint-disable @typescript-eslint/no-explicit-any -- linkedom's DOM is untyped here (no DOM lib). */
type Node = any;
type Doc = any;

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'socialmediaposting',
  'liveblogposting',
  'report',
  'scholarlyarticle',
  'techarticle',
]);

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A publication date as ISO: date-only stays YYYY-MM-DD, anything Date can read becomes an ISO
 * date-time in UTC; undefined for what is no date or not within 1800–2200.
 */
export function normalizeDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const value = String(raw).trim();
  if (value === '' || value.length > 64) return undefined;
  let out: string | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    out = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) ? value : undefined;
  } else if (ISO.test(value)) {
    const d = new Date(value.replace(' ', 'T'));
    out = Number.isNaN(d.getTime()) ? undefined : value.replace(' ', 'T');
  } else if (/^\d{8}$/.test(value)) {
    return normalizeDate(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`);
  } else if (/[a-z]{3}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}/i.test(value)) {
    const d = new Date(value);
    out = Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (out === undefined) return undefined;
  const year = Number(out.slice(0, 4));
  return year >= 1800 && year <= 2200 ? out : undefined;
}

function clean(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 0 && t.length <= 1000 ? t : undefined;
}

/** Author names: strings, {name}, arrays of either; 'By ' and e-mail addresses dropped; no URLs. */
function authorNames(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || out.length >= 20) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (typeof v === 'string') {
      for (const part of v.split(/\s*(?:,|\band\b|&)\s*/)) {
        const name = clean(
          part
            .replace(/^by\s+/i, '')
            .replace(/\S+@\S+/g, '')
            .replace(/[()]/g, ''),
        );
        if (name && !/^https?:/i.test(name) && !out.includes(name)) out.push(name);
      }
    } else if (v && typeof v === 'object' && 'name' in v) visit((v as { name: unknown }).name, depth + 1);
  };
  visit(value, 0);
  return out;
}

/** Every JSON-LD object in the page, @graph and arrays flattened; broken blocks skipped. */
function jsonLdObjects(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const push = (v: unknown, depth: number): void => {
    if (depth > 5 || out.length > 200) return;
    if (Array.isArray(v)) for (const x of v) push(x, depth + 1);
    else if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      out.push(obj);
      if (obj['@graph'] !== undefined) push(obj['@graph'], depth + 1);
      if (obj.mainEntity !== undefined) push(obj.mainEntity, depth + 1);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = String(script.textContent ?? '')
      .replace(/^\s*<!--/, '')
      .replace(/-->\s*$/, '');
    try {
      push(JSON.parse(raw), 0);
    } catch {
      // A broken block is common in the wild; the other sources still apply.
    }
  }
  return out;
}

function isArticle(obj: Record<string, unknown>): boolean {
  const types = Array.isArray(obj['@type']) ? obj['@type'] : [obj['@type']];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t.toLowerCase()));
}

function metaContent(doc: Doc, selectors: readonly string[]): string | undefined {
  for (const sel of selectors) {
    for (const el of doc.querySelectorAll(sel)) {
      const v = clean(el.getAttribute('content') ?? el.getAttribute('datetime') ?? undefined);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** Dates written into article URLs: /2024/03/05/, /2024-03-05/, /20240305/. */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m =
    /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])(?:\/|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path) ??
    /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path);
  return m ? normalizeDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

function outletFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host.length > 0 ? host : undefined;
  } catch {
    return undefined;
  }
}

function first<T>(...candidates: (Sourced<T> | undefined)[]): Sourced<T> | undefined {
  return candidates.find((c) => c !== undefined);
}

function sourced<T>(value: T | undefined, source: MetaSource): Sourced<T> | undefined {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
  return { value, source };
}

/** Metadata by order of trust; the page is only read, never changed. */
export function extractMetadata(doc: Doc, url?: string): HtmlMetadata {
  const ld = jsonLdObjects(doc).filter(isArticle);
  const ldField = <T>(pick: (o: Record<string, unknown>) => T | undefined): T | undefined => {
    for (const o of ld) {
      const v = pick(o);
      if (v !== undefined && !(Array.isArray(v) && v.length === 0)) return v;
    }
    return undefined;
  };
  const publisherName = (o: Record<string, unknown>): string | undefined => {
    const p = Array.isArray(o.publisher) ? o.publisher[0] : o.publisher;
    return typeof p === 'string' ? clean(p) : clean((p as { name?: unknown } | undefined)?.name);
  };

  const titleTag = clean(doc.querySelector('title')?.textContent);
  const siteName = metaContent(doc, ['meta[property="og:site_name"]']);
  const strippedTitle = titleTag
    ?.replace(new RegExp(`\\s*[|–—-]\\s*${escapeRegExp(siteName ?? '\u0000')}\\s*$`), '')
    .replace(/\s+[|–—]\s+[^|–—]{2,40}$/, '');
  const time =
    doc.querySelector('time[itemprop="datePublished"][datetime]') ??
    doc.querySelector('time[pubdate][datetime]') ??
    doc.querySelector('article time[datetime]') ??
    doc.querySelector('time[datetime]');

  const title = first<string>(
    sourced(
      ldField((o) => clean(o.headline) ?? clean(o.name)),
      'json-ld',
    ),
    sourced(metaContent(doc, ['meta[property="og:title"]']), 'opengraph'),
    sourced(
      metaContent(doc, ['meta[name="twitter:title"]', 'meta[name="title"]', 'meta[name="dc.title" i]']),
      'meta',
    ),
    sourced(clean(doc.querySelector('h1')?.textContent), 'h1'),
    sourced(strippedTitle, 'title-tag'),
  );
  const authors = first<string[]>(
    sourced(
      ldField((o) => authorNames(o.author ?? o.creator)),
      'json-ld',
    ),
    sourced(
      authorNames(
        [...doc.querySelectorAll('meta[property="article:author"]')]
          .map((el: Node) => el.getAttribute('content'))
          .filter((v: unknown) => typeof v === 'string' && !/^https?:/i.test(v)),
      ),
      'opengraph',
    ),
    sourced(
      authorNames(
        [
          ...doc.querySelectorAll(
            'meta[name="author"], meta[name="byl"], meta[name="dc.creator" i], meta[name="sailthru.author"]',
          ),
        ].map((el: Node) => el.getAttribute('content')),
      ),
      'meta',
    ),
    sourced(
      authorNames(
        [...doc.querySelectorAll('[itemprop="author"] [itemprop="name"], [rel="author"]')].map(
          (el: Node) => el.textContent,
        ),
      ),
      'microdata',
    ),
  );
  const published = first<string>(
    sourced(
      ldField((o) => normalizeDate(o.datePublished ?? o.dateCreated)),
      'json-ld',
    ),
    sourced(
      normalizeDate(
        metaContent(doc, ['meta[property="article:published_time"]', 'meta[property="og:published_time"]']),
      ),
      'opengraph',
    ),
    sourced(
      normalizeDate(
        metaContent(doc, [
          'meta[name="article:published_time"]',
          'meta[itemprop="datePublished"]',
          'meta[name="pubdate"]',
          'meta[name="publishdate"]',
          'meta[name="publish-date"]',
          'meta[name="date"]',
          'meta[name="dc.date.issued" i]',
          'meta[name="dcterms.created" i]',
          'meta[name="dc.date" i]',
          'meta[name="citation_publication_date"]',
          'meta[name="parsely-pub-date"]',
          'meta[name="sailthru.date"]',
        ]),
      ),
      'meta',
    ),
    sourced(normalizeDate(time?.getAttribute('datetime')), 'time'),
    sourced(dateFromUrl(url), 'url'),
  );
  const modified = first<string>(
    sourced(
      ldField((o) => normalizeDate(o.dateModified)),
      'json-ld',
    ),
    sourced(normalizeDate(metaContent(doc, ['meta[property="article:modified_time"]'])), 'opengraph'),
  );
  const outlet = first<string>(
    sourced(ldField(publisherName), 'json-ld'),
    sourced(siteName, 'opengraph'),
    sourced(metaContent(doc, ['meta[name="application-name"]', 'meta[name="publisher"]']), 'meta'),
    sourced(outletFromUrl(url), 'url'),
  );
  const htmlLang = clean(doc.documentElement?.getAttribute?.('lang'));
  const language = first<string>(
    sourced(
      ldField((o) => clean(o.inLanguage)),
      'json-ld',
    ),
    sourced(metaContent(doc, ['meta[property="og:locale"]']), 'opengraph'),
    sourced(htmlLang, 'meta'),
  );
  return {
    ...(title && { title }),
    ...(authors && { authors }),
    ...(published && { published }),
    ...(modified && { modified }),
    ...(outlet && { outlet }),
    ...(language && { language }),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'DL',
  'DT',
  'DD',
  'HR',
  'ADDRESS',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'BUTTON',
  'SELECT',
  'FORM',
]);

/** Text of a DOM subtree with one paragraph per block element, whitespace inside a block collapsed. */
export function blockText(root: Node): string {
  const blocks: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = current.replace(/[ \t\n\r\f\v\u00a0]+/g, ' ').trim();
    if (t) blocks.push(t);
    current = '';
  };
  // Iterative walk: deeply nested hostile markup must not overflow the stack.
  const stack: { node: Node; exit: boolean }[] = [{ node: root, exit: false }];
  let steps = 0;
  while (stack.length > 0 && steps++ < 2_000_000) {
    const { node, exit } = stack.pop()!;
    if (node.nodeType === 3) {
      current += String(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = String(node.tagName ?? '').toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      current += '\n';
      continue;
    }
    const block = BLOCK.has(tag);
    if (exit) {
      if (block) flush();
      continue;
    }
    if (block) flush();
    stack.push({ node, exit: true });
    const children = [...(node.childNodes ?? [])];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
  }
  flush();
  return blocks.join('\n\n');
}

const BOILERPLATE =
  'nav, header, footer, aside, form, script, style, noscript, [role="navigation"], [aria-hidden="true"]';

/** Page furniture Readability sometimes keeps inside an article: ads, banners, sign-ups, share bars. */
const FURNITURE = [
  '[class~="ad"]',
  '[class*="ad-slot"]',
  '[class*="advert"]',
  '[id*="advert"]',
  '[class*="cookie"]',
  '[id*="cookie"]',
  '[class*="consent"]',
  '[class*="newsletter"]',
  '[class*="subscribe"]',
  '[class*="related"]',
  '[class*="share"]',
  '[class*="promo"]',
  '[class*="most-read"]',
  '[class*="social"]',
].join(', ');

/** Lines that are page furniture whatever their markup. */
const FURNITURE_LINE =
  /^(?:advertisement|advertising|sponsored content|skip to (?:main )?content|share this article)$/i;

/** Extracts the main text and metadata of a page; never throws on odd markup. */
export function extractHtml(html: string, url?: string): ExtractedHtml {
  let { document: doc } = parseHTML(html);
  // linkedom leaves no root element for empty or fragment-only input: give it a page to hang on.
  if (!doc.documentElement || !doc.body) {
    doc = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document;
  }
  let metadata: HtmlMetadata = {};
  try {
    metadata = extractMetadata(doc, url);
  } catch {
    // Metadata is best effort; a page whose markup defeats it still gives its text.
  }
  let text = '';
  let method: ExtractedHtml['method'] = 'readability';
  try {
    const clone = doc.cloneNode(true);
    for (const el of [...clone.querySelectorAll(FURNITURE)]) el.remove();
    const article = new Readability(clone, { charThreshold: 200 }).parse();
    if (article?.content)
      text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document.body);
  } catch {
    text = '';
  }
  if (text.length < 80) {
    // Short pages (briefs, wire snippets): the body without obvious page furniture.
    method = 'body';
    const body = doc.body ?? doc.documentElement;
    if (body) {
      for (const el of [...body.querySelectorAll(`${BOILERPLATE}, ${FURNITURE}`)]) el.remove();
      const fallback = blockText(body);
      if (fallback.length > text.length) text = fallback;
      else method = 'readability';
    }
  }
  text = text
    .split('\n\n')
    .filter((block) => !FURNITURE_LINE.test(block.trim()))
    .join('\n\n');
  const title = metadata.title?.value;
  // Readability often keeps the headline as the first block; the title travels as metadata instead.
  if (title !== undefined && text.startsWith(`${title}\n\n`)) text = text.slice(title.length + 2);
  return { text, metadata, method };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
