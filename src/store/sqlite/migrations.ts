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

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial', sql: INITIAL }];
