/**
 * Turns a raw input, exactly as stored, into a Document: the one place that decides how each kind of
 * input becomes text and metadata, shared by `ingest`, `watch` and `reanalyze`.
 */
import { ParallaxError } from '../errors.js';
import { createDocument, type DocumentMeta } from '../model/document.js';
import type { Document } from '../model/schema.js';
import type { RawInput } from '../store/store.js';
import { decodeArticle } from './read-text.js';
import { decodeBytes } from './charset.js';
import { extractHtml, normalizeDate, type HtmlMetadata, type MetaSource } from './html.js';
import { parseJsonlRecord } from './jsonl.js';

/** Metadata a caller imposes (command-line options); it beats anything found in the input. */
export interface MetaOverrides {
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly title?: string;
  readonly language?: string;
}

export interface Routed {
  readonly document: Document;
  readonly authors: readonly string[];
  /** Where each metadata value came from: 'option', 'record', or an HTML source. */
  readonly sources: Readonly<Record<string, MetaSource | 'option' | 'record'>>;
}

const LANGUAGE = /^[a-z]{2,3}$/;

function language(value: string | undefined): string | undefined {
  const code = value?.toLowerCase().split(/[-_]/)[0];
  return code !== undefined && LANGUAGE.test(code) ? code : undefined;
}

function fromHtml(
  bytes: Uint8Array,
  contentType: string | undefined,
  url: string | undefined,
  label: string,
): { text: string; metadata: HtmlMetadata } {
  const { text: html } = decodeBytes(bytes, contentType);
  const { text, metadata } = extractHtml(html, url);
  if (text.trim() === '')
    throw new ParallaxError('INPUT_EMPTY', `${label}: no article text found in the page`);
  return { text, metadata };
}

type Layer = Partial<Record<keyof MetaOverrides, string>> & { authors?: readonly string[] };

/** Merges metadata layers, most trusted first, recording each value's source. */
function merge(layers: readonly [Layer, string][]): {
  meta: DocumentMeta;
  authors: string[];
  sources: Record<string, string>;
} {
  const meta: Record<string, string> = {};
  const sources: Record<string, string> = {};
  let authors: string[] = [];
  for (const [layer, source] of layers) {
    for (const key of ['published', 'outlet', 'url', 'title', 'language'] as const) {
      const v = layer[key];
      if (v !== undefined && meta[key] === undefined) {
        meta[key] = v;
        sources[key] = source;
      }
    }
    if (authors.length === 0 && layer.authors && layer.authors.length > 0) {
      authors = [...layer.authors];
      sources.authors = source;
    }
  }
  return { meta, authors, sources };
}

function htmlLayers(metadata: HtmlMetadata): [Layer, string][] {
  const byField: [keyof HtmlMetadata, string | readonly string[] | undefined, MetaSource | undefined][] = [
    ['title', metadata.title?.value, metadata.title?.source],
    ['published', metadata.published?.value, metadata.published?.source],
    ['outlet', metadata.outlet?.value, metadata.outlet?.source],
    ['language', language(metadata.language?.value), metadata.language?.source],
    ['authors', metadata.authors?.value, metadata.authors?.source],
  ];
  return byField
    .filter(([, v, s]) => v !== undefined && s !== undefined)
    .map(([k, v, s]) => [{ [k]: v } as Layer, s!]);
}

function optionLayer(o: MetaOverrides): Layer {
  return { ...o };
}

/** The document (and what is known about it) a raw input stands for; throws ParallaxError if none. */
export function routeRawInput(raw: RawInput, overrides: MetaOverrides = {}): Routed {
  const label = raw.position === 'file' ? raw.source : `${raw.source} ${raw.position}`;
  const given = raw.meta as Layer;
  let text: string;
  let layers: [Layer, string][];
  switch (raw.kind) {
    case 'text': {
      text = decodeArticle(raw.body, label, { maxBytes: Number.MAX_SAFE_INTEGER });
      layers = [
        [optionLayer(overrides), 'option'],
        [{ ...given, ...(raw.url !== undefined && { url: raw.url }) }, 'record'],
      ];
      break;
    }
    case 'html': {
      const { text: t, metadata } = fromHtml(raw.body, raw.contentType, raw.url, label);
      text = t;
      layers = [
        [optionLayer(overrides), 'option'],
        [{ ...given, ...(raw.url !== undefined && { url: raw.url }) }, 'record'],
        ...htmlLayers(metadata),
      ];
      break;
    }
    case 'jsonl':
    case 'feed-item': {
      const parsed = parseJsonlRecord(raw.body);
      if (!parsed.ok) throw new ParallaxError('INPUT_INVALID', `${label}: ${parsed.reason}`);
      const a = parsed.article;
      const record: Layer = {
        ...given,
        ...(a.url !== undefined && { url: a.url }),
        ...(a.title !== undefined && { title: a.title }),
        ...(a.published !== undefined && { published: a.published }),
        ...(a.outlet !== undefined && { outlet: a.outlet }),
        ...(a.language !== undefined && { language: a.language }),
        ...(a.authors !== undefined && { authors: a.authors }),
      };
      if (a.html !== undefined && a.html.trim() !== '') {
        const { text: t, metadata } = fromHtml(
          Buffer.from(a.html, 'utf8'),
          'text/html; charset=utf-8',
          a.url,
          label,
        );
        text = t;
        layers = [[optionLayer(overrides), 'option'], [record, 'record'], ...htmlLayers(metadata)];
      } else {
        text = a.text ?? '';
        layers = [
          [optionLayer(overrides), 'option'],
          [record, 'record'],
        ];
      }
      break;
    }
    default:
      throw new ParallaxError('INPUT_INVALID', `${label}: unknown input kind`);
  }
  const { meta, authors, sources } = merge(layers);
  // A date that is no date is dropped (and said so by its absence), never stored as if it were one.
  const published = meta.published !== undefined ? normalizeDate(meta.published) : undefined;
  const lang = language(meta.language);
  const cleanMeta: DocumentMeta = {
    ...(published !== undefined && { published }),
    ...(meta.outlet !== undefined && { outlet: meta.outlet }),
    ...(meta.url !== undefined && { url: meta.url }),
    ...(meta.title !== undefined && { title: meta.title }),
    ...(lang !== undefined && { language: lang }),
  };
  if (published === undefined) delete sources.published;
  if (lang === undefined) delete sources.language;
  const document = createDocument(text, cleanMeta);
  if (document.text === '') throw new ParallaxError('INPUT_EMPTY', `${label}: is empty`);
  return { document, authors, sources: sources as Routed['sources'] };
}
