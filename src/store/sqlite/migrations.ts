/** The SQLite schema as numbered migrations; append new ones, never edit one that has shipped. */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/*
 * Design notes for 001:
 * - `documents.seq` is an integer rowid so the external-content FTS tables can point at it; the
 *   public id stays the TEXT `id`.
 * - Fact ids ('e1', 'q3') are only unique within a document, hence composite primary keys.
 * - Every fact row keeps its full JSON so rows round-trip every field, present and future, while
 *   the plain columns exist only to filter and order.
 * - `*_lc` columns hold JS-lowercased names: SQLite's lower()/LIKE only fold ASCII.
 * - Day ranges (`*_start`/`*_end`, YYYY-MM-DD) make month- or year-precision dates filterable.
 */
const INITIAL = `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  text_length INTEGER NOT NULL,
  title TEXT,
  published TEXT,
  published_start TEXT,
  published_end TEXT,
  outlet TEXT,
  url TEXT,
  language TEXT NOT NULL,
  stages_json TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  analysis_json TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published_start, published_end);

CREATE TABLE mentions (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  form TEXT NOT NULL,
  entity_id TEXT,
  stage TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);

CREATE TABLE entities (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  name_lc TEXT NOT NULL,
  country TEXT,
  knowledge_key TEXT,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);
CREATE INDEX entities_type ON entities (type);

CREATE TABLE entity_aliases (
  document_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  alias_lc TEXT NOT NULL,
  PRIMARY KEY (document_id, entity_id, alias),
  FOREIGN KEY (document_id, entity_id) REFERENCES entities (document_id, id)
);

CREATE TABLE quotes (
  seq INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  speaker_kind TEXT NOT NULL,
  speaker_entity TEXT,
  content TEXT NOT NULL,
  kind TEXT NOT NULL,
  stance TEXT NOT NULL,
  evidence_text TEXT NOT NULL,
  stage TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (document_id, id)
);

CREATE TABLE quote_about (
  document_id TEXT NOT NULL,
  quote_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (document_id, quote_id, entity_id),
  FOREIGN KEY (document_id, quote_id) REFERENCES quotes (document_id, id)
);

CREATE TABLE events (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  type TEXT NOT NULL,
  trigger_text TEXT NOT NULL,
  date_iso TEXT,
  date_start TEXT,
  date_end TEXT,
  place_id TEXT,
  evidence_text TEXT NOT NULL,
  stage TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_start, date_end);

CREATE TABLE event_participants (
  document_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('actor', 'target')),
  entity_id TEXT NOT NULL,
  PRIMARY KEY (document_id, event_id, role, entity_id),
  FOREIGN KEY (document_id, event_id) REFERENCES events (document_id, id)
);

CREATE TABLE places (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  entity_id TEXT,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  country TEXT NOT NULL,
  kind TEXT NOT NULL,
  gazetteer_id TEXT,
  metonymy INTEGER NOT NULL,
  stage TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);

CREATE TABLE markers (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  voice TEXT NOT NULL,
  refers_to TEXT,
  stage TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);

-- External content: the text lives once, in documents; rows are added in the ingest transaction.
-- Nothing is ever updated or deleted; a migration that adds deletion must also send FTS5 'delete'.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title, text, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
  content, content = 'quotes', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
`;

/*
 * Design notes for 002 (ingestion):
 * - `raw_inputs` keeps every input exactly as received (bytes, content type, where it came from) before
 *   any analysis, so a crash or a stage bug loses nothing and `parallax reanalyze` can rerun it.
 *   `status` moves from 'pending' to 'ingested', 'revised', 'duplicate' or 'rejected' in the
 *   transaction that stores the outcome.
 * - `revisions` groups the texts one URL has had: `document_id` is the logical document (the documents
 *   row of its first revision), `version_id` the documents row holding that revision's text. Older
 *   revisions keep their row, flagged `superseded`, so queries see the newest text only.
 * - `ingest_checkpoints` holds, per input source, the byte offset after the last record whose raw
 *   input is committed; it is written in the same transaction as those raw inputs.
 * - `feeds` and `feed_items` keep conditional-request validators and the items already seen.
 */
const INGESTION = `
CREATE TABLE raw_inputs (
  id INTEGER PRIMARY KEY,
  source_key TEXT,
  source TEXT NOT NULL,
  position TEXT NOT NULL,
  kind TEXT NOT NULL,
  url TEXT,
  content_type TEXT,
  meta_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body BLOB NOT NULL,
  body_sha256 TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'ingested', 'revised', 'duplicate', 'rejected')),
  document_id TEXT,
  error TEXT,
  settled_at TEXT
);
CREATE INDEX raw_inputs_status ON raw_inputs (status, id);
CREATE INDEX raw_inputs_source ON raw_inputs (source_key, status);

CREATE TABLE revisions (
  document_id TEXT NOT NULL REFERENCES documents (id),
  revision INTEGER NOT NULL,
  version_id TEXT NOT NULL REFERENCES documents (id),
  url TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (document_id, revision)
);
CREATE INDEX revisions_url ON revisions (url, revision);
CREATE INDEX revisions_version ON revisions (version_id);

ALTER TABLE documents ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ingest_checkpoints (
  source_key TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  position INTEGER NOT NULL,
  records INTEGER NOT NULL,
  finished INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  polled_at TEXT
);
CREATE TABLE feed_items (
  feed_url TEXT NOT NULL,
  item_key TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (feed_url, item_key)
);
`;

/*
 * 003: what ingestion learnt about a document beyond the Document fields — its authors and, for each
 * metadata value, where it came from ('json-ld', 'opengraph', 'meta', 'time', 'url', 'record',
 * 'option', …) — one row per documents row, written with it.
 */
const DOCUMENT_METADATA = `
CREATE TABLE document_metadata (
  document_id TEXT PRIMARY KEY REFERENCES documents (id),
  authors_json TEXT NOT NULL,
  sources_json TEXT NOT NULL
);
`;

/**
 * The cross-document index (src/corpus): event reports with their cluster, blocking keys, pairwise
 * links with their evidence, and responsibility claims tied to reports. Documents stored before this
 * version are indexed by the store right after the migration.
 */
const CORPUS_INDEX = `
CREATE TABLE corpus_reports (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  cluster_id TEXT,
  json TEXT NOT NULL
);
CREATE INDEX corpus_reports_document ON corpus_reports (document_id);
CREATE INDEX corpus_reports_cluster ON corpus_reports (cluster_id);
CREATE TABLE corpus_blocks (
  key TEXT NOT NULL,
  report_id TEXT NOT NULL,
  PRIMARY KEY (key, report_id)
) WITHOUT ROWID;
CREATE INDEX corpus_blocks_report ON corpus_blocks (report_id);
CREATE TABLE corpus_links (
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX corpus_links_b ON corpus_links (b);
CREATE TABLE corpus_claims (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX corpus_claims_report ON corpus_claims (report_id);
CREATE INDEX corpus_claims_document ON corpus_claims (document_id);
`;

/**
 * Near-duplicate fingerprints (MinHash, src/corpus/near-duplicates.ts) with their LSH band keys, so
 * syndicated copies are found by key lookups and counted as one source; and each entity's
 * cross-document key (src/corpus/entity-keys.ts), so one real-world entity is one row whatever article
 * or alias named it. Filled on ingest; documents stored earlier get theirs when the index is rebuilt
 * after this migration.
 */
const NEAR_DUPLICATES = `
CREATE TABLE corpus_fingerprints (
  document_id TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  published TEXT
);
CREATE TABLE corpus_fingerprint_bands (
  key TEXT NOT NULL,
  document_id TEXT NOT NULL,
  PRIMARY KEY (key, document_id)
) WITHOUT ROWID;
CREATE INDEX corpus_fingerprint_bands_document ON corpus_fingerprint_bands (document_id);
ALTER TABLE entities ADD COLUMN corpus_key TEXT;
ALTER TABLE entities ADD COLUMN corpus_surname TEXT;
CREATE INDEX entities_corpus_key ON entities (corpus_key);
CREATE INDEX entities_corpus_surname ON entities (corpus_surname);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: INITIAL },
  { version: 2, name: 'ingestion', sql: INGESTION },
  { version: 3, name: 'document metadata', sql: DOCUMENT_METADATA },
  { version: 4, name: 'corpus index', sql: CORPUS_INDEX },
  { version: 5, name: 'near duplicates and entity keys', sql: NEAR_DUPLICATES },
];
