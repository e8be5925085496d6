/** The Store interface every storage adapter implements, plus the query types and helpers they share. */
import { ParallaxError } from '../errors.js';
import type { Cluster, ClusterQuery } from '../corpus/types.js';
import type { Analysis, Entity, Event, Quote } from '../model/schema.js';

/**
 * Filters shared by every `find*` method. Every filter is optional and they combine with AND.
 *
 * - `type`: entities by entity type (PERSON…), events by PLOVER type (ASSAULT…), quotes by stance
 *   (deny…) or kind (direct…), documents that contain an entity or an event of that type.
 * - `entity`: case-insensitive substring of an entity's name or any alias. Entities: that entity;
 *   events: it is an actor or a target; quotes: it is the speaker or what the quote is about;
 *   documents: it occurs in the document.
 * - `from` / `to`: inclusive range, YYYY, YYYY-MM or YYYY-MM-DD. Documents, entities and quotes by
 *   the document's published date; events by the event's date, falling back to published. A fact
 *   with no date at all never matches a date range.
 * - `search`: full-text words (all must occur, diacritics ignored). Quotes search their content;
 *   everything else searches the document text and title.
 * - `limit` / `offset`: paging over the stable order (ingestion order, then order in the analysis).
 */
export interface StoreQuery {
  readonly type?: string;
  readonly entity?: string;
  readonly from?: string;
  readonly to?: string;
  readonly search?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface DocumentRow {
  readonly documentId: string;
  readonly contentHash: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly title?: string;
  readonly language: string;
  readonly ingestedAt: string;
  /** name@version of every stage that produced the stored analysis. */
  readonly stages: readonly string[];
  /** Length of the document text in UTF-16 code units. */
  readonly length: number;
}

/** An entity id with its name, so a row can be read without another lookup. */
export interface EntityRef {
  readonly id: string;
  readonly name: string;
}

export interface EntityRow extends Entity {
  readonly documentId: string;
  readonly published?: string;
}

/** One real-world entity across the store: every article's entities with the same cross-document key. */
export interface CorpusEntityRow {
  readonly key: string;
  readonly type: Entity['type'];
  /** The name most articles use (ties: the longest). */
  readonly name: string;
  /** Every name and alias any article used, sorted. */
  readonly aliases: readonly string[];
  readonly documents: number;
  /** The first documents it occurs in, by ingestion order (at most 20). */
  readonly documentIds: readonly string[];
}

export interface EventRow extends Event {
  readonly documentId: string;
  readonly published?: string;
  /** The document text under `evidence`. */
  readonly evidenceText: string;
  readonly actorRefs: readonly EntityRef[];
  readonly targetRefs: readonly EntityRef[];
  /** The place's surface text, when the event has a place. */
  readonly placeText?: string;
}

export interface QuoteRow extends Quote {
  readonly documentId: string;
  readonly published?: string;
  /** The document text under `evidence`. */
  readonly evidenceText: string;
  /** Who speaks, for display: the entity's name, the outlet, or the unresolved text. */
  readonly speakerName: string;
  readonly aboutRefs: readonly EntityRef[];
}

export const STORE_TABLES = [
  'documents',
  'mentions',
  'entities',
  'quotes',
  'events',
  'places',
  'markers',
] as const;
export type StoreTable = (typeof STORE_TABLES)[number];
export type StoreStats = Readonly<Record<StoreTable, number>>;

export interface IngestResult {
  readonly documentId: string;
  /** False when a document with the same content hash was already stored; nothing changed then. */
  readonly created: boolean;
}

/** What an input was when it arrived; decides how it is turned into a document. */
export type RawInputKind = 'text' | 'html' | 'jsonl' | 'feed-item';

/** One input exactly as received, stored before any analysis. */
export interface RawInput {
  /** Identifies the input source for resuming (a file's absolute path, a URL); absent for one-offs. */
  readonly sourceKey?: string;
  /** The file, URL or feed it came from, for people. */
  readonly source: string;
  /** Where in the source: 'line 12', 'record at byte 3456', 'file'. */
  readonly position: string;
  readonly kind: RawInputKind;
  readonly url?: string;
  readonly contentType?: string;
  /** Metadata given beside the input (command-line options, WARC or feed fields). */
  readonly meta: Readonly<Record<string, unknown>>;
  readonly receivedAt: string;
  readonly body: Uint8Array;
}

export type RawInputStatus = 'pending' | 'ingested' | 'revised' | 'duplicate' | 'rejected';

export interface StoredRawInput extends RawInput {
  readonly id: number;
  readonly status: RawInputStatus;
  readonly documentId?: string;
  readonly error?: string;
}

/** How far a source has been read: the byte (or item) offset after the last committed record. */
export interface Checkpoint {
  readonly sourceKey: string;
  readonly source: string;
  readonly position: number;
  readonly records: number;
  readonly finished: boolean;
}

/** What ingestion found about a document beyond the Document fields. */
export interface DocumentMetadata {
  readonly authors: readonly string[];
  /** Where each metadata value came from: 'json-ld', 'opengraph', 'meta', 'time', 'url', 'record', 'option'… */
  readonly sources: Readonly<Record<string, string>>;
}

/** The result of analysing (or failing to analyse) one raw input, stored in one transaction. */
export type RawOutcome =
  | {
      readonly rawId: number;
      readonly kind: 'analysis';
      readonly analysis: Analysis;
      /** Revisions are per URL: the same URL with other text becomes a new revision. */
      readonly url?: string;
      readonly fetchedAt: string;
      /** Stored with the document when it is new. */
      readonly metadata?: DocumentMetadata;
    }
  | {
      /** The text's content hash is already stored: no analysis was needed. */
      readonly rawId: number;
      readonly kind: 'known';
      readonly contentHash: string;
      readonly url?: string;
      readonly fetchedAt: string;
    }
  | { readonly rawId: number; readonly kind: 'rejected'; readonly error: string };

export interface SettledRawInput {
  readonly rawId: number;
  readonly status: Exclude<RawInputStatus, 'pending'>;
  readonly documentId?: string;
  readonly revision?: number;
}

export interface Revision {
  /** The logical document: the documents row of its first revision. */
  readonly documentId: string;
  readonly revision: number;
  /** The documents row that holds this revision's text and analysis. */
  readonly versionId: string;
  readonly url: string;
  readonly fetchedAt: string;
  readonly current: boolean;
}

export interface FeedState {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly polledAt?: string;
}

export interface RawInputQuery {
  readonly status?: RawInputStatus;
  readonly sourceKey?: string;
  /** Only inputs with a larger id: pages through the table in id order. */
  readonly afterId?: number;
  readonly limit?: number;
}

/**
 * Async although the embedded adapter is synchronous, so a client/server adapter (PostgreSQL) can
 * follow without touching callers. Every failure of the backend surfaces as
 * `ParallaxError('STORE_ERROR')` whose message never carries article text or query parameters.
 */
export interface Store {
  /** Brings the schema up to date; call once after opening, before anything else. */
  migrate(): Promise<void>;
  /** Stores one analysis in one transaction; idempotent on `document.contentHash`. */
  ingest(analysis: Analysis): Promise<IngestResult>;
  /** The analysis exactly as ingested, or undefined when no document has that id. */
  getAnalysis(documentId: string): Promise<Analysis | undefined>;
  findDocuments(query?: StoreQuery): Promise<DocumentRow[]>;
  findEntities(query?: StoreQuery): Promise<EntityRow[]>;
  /** Entities merged across documents (one row per real-world entity), filtered like findEntities. */
  findCorpusEntities(query?: StoreQuery): Promise<CorpusEntityRow[]>;
  findEvents(query?: StoreQuery): Promise<EventRow[]>;
  findQuotes(query?: StoreQuery): Promise<QuoteRow[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;

  /**
   * Stores inputs as received, status 'pending', and (when given) moves the source's checkpoint, all
   * in one transaction: a checkpoint never runs ahead of the inputs it covers. Returns their ids.
   */
  recordRawInputs(inputs: readonly RawInput[], checkpoint?: Checkpoint): Promise<number[]>;
  /** Raw inputs in id order, bodies included. */
  rawInputs(query?: RawInputQuery): Promise<StoredRawInput[]>;
  /**
   * Stores each outcome (document, revision, or rejection) and settles its raw input, in one
   * transaction for the whole list. Identical text is never stored twice; the same URL with other
   * text becomes the next revision of its document, and the newest revision is current.
   */
  settleRawInputs(outcomes: readonly RawOutcome[]): Promise<SettledRawInput[]>;
  /** The documents row id holding this content hash, if any. */
  documentIdForHash(contentHash: string): Promise<string | undefined>;
  /** Replaces the stored analysis of an existing document (same text) with a new one: reanalysis. */
  replaceAnalysis(analysis: Analysis): Promise<void>;
  getCheckpoint(sourceKey: string): Promise<Checkpoint | undefined>;
  setCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Every revision of the document a URL or document id belongs to, oldest first. */
  revisions(urlOrDocumentId: string): Promise<Revision[]>;
  getFeedState(url: string): Promise<FeedState | undefined>;
  setFeedState(state: FeedState): Promise<void>;
  /** Marks feed items seen; returns the keys that were new. */
  markFeedItems(feedUrl: string, keys: readonly string[]): Promise<string[]>;
  /** The keys not yet marked seen for this feed, in the order given. */
  unseenFeedItems(feedUrl: string, keys: readonly string[]): Promise<string[]>;
  /** Authors and metadata sources recorded when the document was ingested. */
  getDocumentMetadata(documentId: string): Promise<DocumentMetadata | undefined>;

  /**
   * The cross-document clusters (one per real-world happening), kept up to date on every ingest.
   * Streams in cluster-id order so an export of a large store runs in flat memory.
   */
  clusters(query?: ClusterQuery): AsyncIterable<Cluster>;
}

/** An inclusive day range as YYYY-MM-DD strings, which compare correctly as plain strings. */
export interface DayRange {
  readonly start: string;
  readonly end: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * The days an ISO date, month, year or date-time covers; undefined when the value is not one.
 * A date-time counts as its calendar day as written: shifting zones would move articles across days.
 */
export function isoDayRange(value: string | undefined): DayRange | undefined {
  if (value === undefined) return undefined;
  const m = PARTIAL_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, year, month, day] = m;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return undefined;
  if (day !== undefined) return { start: `${year}-${month}-${day}`, end: `${year}-${month}-${day}` };
  // '-31' for every month is fine: only string comparison ever uses the end bound.
  if (month !== undefined) return { start: `${year}-${month}-01`, end: `${year}-${month}-31` };
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

const BOUND = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** Turns a `from`/`to` filter into a day, widening partial dates so the bound is inclusive. */
export function dateBound(value: string, which: 'from' | 'to'): string {
  const range = BOUND.test(value.trim()) ? isoDayRange(value) : undefined;
  if (!range) {
    throw new ParallaxError('BAD_OPTION', `--${which} must be a date as YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  return which === 'from' ? range.start : range.end;
}

/** Checks `limit`/`offset`: a negative or fractional page would silently mean something else in SQL. */
export function pageBounds(query: StoreQuery): { limit: number | undefined; offset: number } {
  const check = (value: number | undefined, name: string): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new ParallaxError('BAD_OPTION', `--${name} must be a non-negative integer`);
    }
  };
  check(query.limit, 'limit');
  check(query.offset, 'offset');
  return { limit: query.limit, offset: query.offset ?? 0 };
}

/** The words of a full-text search; punctuation is dropped so user text can never be query syntax. */
export function searchWords(search: string): string[] {
  return search.match(/[\p{L}\p{N}]+/gu) ?? [];
}
