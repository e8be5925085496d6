/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with feedsmith into one item shape. */
import { parseFeed } from 'feedsmith';
import { ParallaxError } from '../errors.js';
import { normalizeDate } from './html.js';

export type FeedDialect = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** Stable identity for "seen before": guid/id, else link, else title and date. */
  readonly key: string;
  readonly link?: string;
  readonly title?: string;
  readonly published?: string;
  readonly authors: readonly string[];
  /** Item content as HTML (content:encoded, Atom content, description or summary), if any. */
  readonly html?: string;
}

export interface ParsedFeed {
  readonly dialect: FeedDialect;
  readonly title?: string;
  readonly items: readonly FeedItem[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- feedsmith's per-dialect unions, read defensively. */
function str(v: any): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object' && typeof v.value === 'string') return v.value.trim() || undefined;
  return undefined;
}

function names(list: any): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((a) => (typeof a === 'string' ? a : str(a?.name))).filter((a): a is string => !!a);
}

function item(raw: any, dialect: FeedDialect): FeedItem {
  let link: string | undefined;
  let html: string | undefined;
  let published: string | undefined;
  let authors: string[];
  let id: string | undefined;
  if (dialect === 'atom') {
    const links: any[] = Array.isArray(raw.links) ? raw.links : [];
    link = str(links.find((l) => !l.rel || l.rel === 'alternate')?.href) ?? str(links[0]?.href);
    html = str(raw.content) ?? str(raw.summary);
    published = normalizeDate(raw.published ?? raw.updated);
    authors = names(raw.authors);
    id = str(raw.id);
  } else if (dialect === 'json') {
    link = str(raw.url) ?? str(raw.external_url);
    html = str(raw.content_html) ?? str(raw.content_text);
    published = normalizeDate(raw.date_published);
    authors = names(raw.authors);
    id = str(raw.id);
  } else {
    link = str(raw.link) ?? str(raw.rdf?.about);
    html = str(raw.content?.encoded) ?? str(raw.description);
    published = normalizeDate(raw.pubDate ?? raw.dc?.dates?.[0] ?? raw.dc?.date);
    authors = [...names(raw.authors), ...names(raw.dc?.creators)];
    id = str(raw.guid) ?? str(raw.rdf?.about);
  }
  const title = str(raw.title);
  return {
    key: id ?? link ?? `${title ?? ''}|${published ?? ''}|${(html ?? '').slice(0, 200)}`,
    ...(link !== undefined && { link }),
    ...(title !== undefined && { title }),
    ...(published !== undefined && { published }),
    authors,
    ...(html !== undefined && { html }),
  };
}

/** Parses a feed document; a document that is no feed is an INPUT_INVALID error, never a crash. */
export function parseFeedText(xml: string, label = 'feed'): ParsedFeed {
  let parsed: { format: string; feed: any };
  try {
    parsed = parseFeed(xml) as { format: string; feed: any };
  } catch (error) {
    throw new ParallaxError('INPUT_INVALID', `${label}: not an RSS, RSS 1.0 or Atom feed`, { cause: error });
  }
  const dialect = parsed.format as FeedDialect;
  const feed = parsed.feed ?? {};
  const rawItems: any[] = dialect === 'atom' ? (feed.entries ?? []) : (feed.items ?? []);
  const title = str(feed.title);
  return {
    dialect,
    ...(title !== undefined && { title }),
    items: (Array.isArray(rawItems) ? rawItems : []).map((r) => item(r ?? {}, dialect)),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
