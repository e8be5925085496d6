/** The embedded default Store: one SQLite file (better-sqlite3, WAL) with FTS5 full-text search. */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { ParallaxError } from '../../errors.js';
import { assembleCluster } from '../../corpus/assemble.js';
import { CorpusIndex } from '../../corpus/corpus-index.js';
import { entityKey, resolveSurnames, surnameOf } from '../../corpus/entity-keys.js';
import { clusterMatches } from '../../corpus/query.js';
import type { Cluster, ClusterQuery } from '../../corpus/types.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { triggerLexiconFor } from '../../stages/events/lexicon.js';
import { SqliteReportStorage } from './report-storage.js';
import {
  AnalysisSchema,
  type Analysis,
  type Entity,
  type Event,
  type Quote,
  type Span,
} from '../../model/schema.js';
import {
  STORE_TABLES,
  dateBound,
  isoDayRange,
  pageBounds,
  searchWords,
  type Checkpoint,
  type DocumentMetadata,
  type DocumentRow,
  type FeedState,
  type RawInput,
  type RawInputQuery,
  type RawOutcome,
  type Revision,
  type SettledRawInput,
  type StoredRawInput,
  type EntityRef,
  type EntityRow,
  type CorpusEntityRow,
  type EventRow,
  type IngestResult,
  type QuoteRow,
  type Store,
  type StoreQuery,
  type StoreStats,
} from '../store.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export interface SqliteStore extends Store {
  readonly path: string;
  /** The highest migration applied, 0 for a fresh file. */
  schemaVersion(): Promise<number>;
}

type SqlValue = string | number | null;

/** One part of a WHERE clause with its own parameters, so clauses and parameters never drift apart. */
interface Clause {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

interface DocumentDbRow {
  id: string;
  content_hash: string;
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  language: string;
  stages_json: string;
  ingested_at: string;
  text_length: number;
}

interface FactDbRow {
  document_id: string;
  published: string | null;
  json: string;
}

interface EvidenceFactDbRow extends FactDbRow {
  evidence_text: string;
}

interface QuoteDbRow extends EvidenceFactDbRow {
  outlet: string | null;
}

/** Hints for the SQLite failures a user can act on; the rest only name the code. */
const HINTS: Readonly<Record<string, string>> = {
  SQLITE_BUSY: 'the store is locked by another process; try again',
  SQLITE_LOCKED: 'the store is locked by another process; try again',
  SQLITE_READONLY: 'the store file is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_NOTADB: 'the file is not a Parallax store',
  SQLITE_CORRUPT: 'the store file is damaged',
  SQLITE_IOERR: 'an I/O error occurred',
  SQLITE_PERM: 'permission denied',
};

function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/**
 * Wraps a backend failure. SQLite's own message is deliberately dropped: it can quote the SQL or an
 * FTS query, and so leak query parameters; the code alone is enough to diagnose, and the original
 * stays available as `cause`.
 */
function storeError(operation: string, error: unknown): ParallaxError {
  if (error instanceof ParallaxError) return error;
  const code = errorCode(error);
  const base = code?.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
  const hint = (code !== undefined && HINTS[code]) || (base !== undefined && HINTS[base]) || undefined;
  const detail = [hint, code].filter((s) => s !== undefined).join(', ');
  return new ParallaxError('STORE_ERROR', `store: ${operation} failed${detail ? ` (${detail})` : ''}`, {
    cause: error,
  });
}

/** A stored analysis; a layer added since it was stored reads as empty (`attributions`). */
export function readAnalysis(json: string): Analysis {
  const stored = JSON.parse(json) as Omit<Analysis, 'attributions'> & Partial<Pick<Analysis, 'attributions'>>;
  return { ...stored, attributions: stored.attributions ?? [] };
}

function validate(analysis: Analysis): void {
  const parsed = AnalysisSchema.safeParse(analysis);
  if (!parsed.success) {
    // Paths and codes only: zod messages for literals and enums could echo input values.
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'} (${issue.code})`)
      .join(', ');
    throw new ParallaxError('INPUT_INVALID', `store: the analysis does not match the schema at ${where}`);
  }
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

const NO_LIMIT = -1;
/**
 * The schema version of the cross-document index's latest tables: a store older than it has its index
 * rebuilt from the stored analyses after migrating. And how many clusters one read assembles.
 */
const CORPUS_INDEX_VERSION = 5;
const CLUSTER_PAGE = 128;
const JSON_LIST = 'SELECT value FROM json_each(?)';
const CORPUS_ENTITY_DOCUMENTS = 20;

/** Older revisions of a page keep their rows but are hidden from queries. */
const CURRENT: Clause = { sql: 'd.superseded = 0', params: [] };

interface RawDbRow {
  id: number;
  source_key: string | null;
  source: string;
  position: string;
  kind: string;
  url: string | null;
  content_type: string | null;
  meta_json: string;
  received_at: string;
  body: Buffer;
  status: string;
  document_id: string | null;
  error: string | null;
}

interface RevisionDbRow {
  document_id: string;
  revision: number;
  version_id: string;
  url: string;
  fetched_at: string;
}

interface CheckpointDbRow {
  source_key: string;
  source: string;
  position: number;
  records: number;
  finished: number;
}

export function openSqliteStore(path: string): SqliteStore {
  let db: Database.Database;
  try {
    db = new Database(path);
    // WAL lets readers (a query) run while a writer (an ingest) holds the lock.
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode and much faster than FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw storeError(`opening ${path}`, error);
  }
  return new SqliteStoreImpl(db, path);
}

class SqliteStoreImpl implements SqliteStore {
  private migrated = false;
  private readonly statements = new Map<string, Database.Statement<SqlValue[]>>();
  private corpusStorage: SqliteReportStorage | undefined;
  private corpusIndex: CorpusIndex | undefined;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  async schemaVersion(): Promise<number> {
    return this.guard('reading the schema version', () => this.currentVersion());
  }

  async migrate(): Promise<void> {
    this.guard('migrating', () => {
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const latest = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
      const current = this.currentVersion();
      if (current > latest) {
        throw new ParallaxError(
          'STORE_ERROR',
          `store: ${this.path} has schema version ${current}, newer than this Parallax knows (${latest}); upgrade Parallax`,
        );
      }
      const pending = [...MIGRATIONS]
        .sort((a, b) => a.version - b.version)
        .filter((m) => m.version > current);
      for (const migration of pending) this.applyMigration(migration);
      if (current > 0 && current < CORPUS_INDEX_VERSION) {
        this.db.transaction(() => this.backfillCorpusIndex()).immediate();
      }
      this.migrated = true;
    });
  }

  async ingest(analysis: Analysis): Promise<IngestResult> {
    this.ready();
    validate(analysis);
    return this.guard(`ingesting document ${analysis.document.id}`, () =>
      // IMMEDIATE takes the write lock up front, so two ingesting processes queue instead of one
      // failing with SQLITE_BUSY when it tries to upgrade a read lock.
      this.db.transaction(() => this.insertAnalysis(analysis)).immediate(),
    );
  }

  async getAnalysis(documentId: string): Promise<Analysis | undefined> {
    this.ready();
    return this.guard('reading an analysis', () => {
      const row = this.statement('SELECT analysis_json FROM documents WHERE id = ?').get(documentId) as
        { analysis_json: string } | undefined;
      // Not re-validated: the JSON was validated on the way in, and a later schema must still be
      // able to read what an earlier version stored.
      return row ? readAnalysis(row.analysis_json) : undefined;
    });
  }

  async findDocuments(query: StoreQuery = {}): Promise<DocumentRow[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.type !== undefined) {
      clauses.push({
        sql: `(EXISTS (SELECT 1 FROM entities e WHERE e.document_id = d.id AND e.type = ?)
           OR EXISTS (SELECT 1 FROM events v WHERE v.document_id = d.id AND v.type = ?))`,
        params: [query.type, query.type],
      });
    }
    const needle = entityNeedle(query);
    if (needle !== undefined) {
      const match = this.entityClause('e', needle);
      clauses.push({
        sql: `EXISTS (SELECT 1 FROM entities e WHERE e.document_id = d.id AND ${match.sql})`,
        params: match.params,
      });
    }
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'), CURRENT);
    const search = documentSearch(query);
    if (search === null) return [];
    if (search) clauses.push(search);
    const rows = this.select<DocumentDbRow>(
      `SELECT d.id, d.content_hash, d.title, d.published, d.outlet, d.url, d.language, d.stages_json,
              d.ingested_at, d.text_length
         FROM documents d`,
      clauses,
      'd.seq',
      query,
      'finding documents',
    );
    return rows.map((r) => ({
      documentId: r.id,
      contentHash: r.content_hash,
      ...(r.published !== null && { published: r.published }),
      ...(r.outlet !== null && { outlet: r.outlet }),
      ...(r.url !== null && { url: r.url }),
      ...(r.title !== null && { title: r.title }),
      language: r.language,
      ingestedAt: r.ingested_at,
      stages: JSON.parse(r.stages_json) as string[],
      length: r.text_length,
    }));
  }

  async findEntities(query: StoreQuery = {}): Promise<EntityRow[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.type !== undefined) clauses.push({ sql: 'e.type = ?', params: [query.type] });
    const needle = entityNeedle(query);
    if (needle !== undefined) clauses.push(this.entityClause('e', needle));
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'), CURRENT);
    const search = documentSearch(query);
    if (search === null) return [];
    if (search) clauses.push(search);
    const rows = this.select<FactDbRow>(
      'SELECT e.document_id, d.published, e.json FROM entities e JOIN documents d ON d.id = e.document_id',
      clauses,
      'd.seq, e.ord',
      query,
      'finding entities',
    );
    return rows.map((r) => ({
      ...(JSON.parse(r.json) as Entity),
      documentId: r.document_id,
      ...(r.published !== null && { published: r.published }),
    }));
  }

  async findCorpusEntities(query: StoreQuery = {}): Promise<CorpusEntityRow[]> {
    const { limit, offset, ...filters } = query;
    const rows = await this.findEntities(filters);
    const keyed = rows.map((r) => ({ row: r, key: entityKey(r, r.documentId) }));
    const tied = resolveSurnames(keyed.map((k) => k.key));
    const groups = new Map<
      string,
      { type: Entity['type']; names: Map<string, number>; aliases: Set<string>; docs: string[] }
    >();
    for (const { row, key } of keyed) {
      const k = tied.get(key) ?? key;
      const g = groups.get(k) ?? {
        type: row.type,
        names: new Map<string, number>(),
        aliases: new Set<string>(),
        docs: [],
      };
      g.names.set(row.name, (g.names.get(row.name) ?? 0) + 1);
      g.aliases.add(row.name);
      for (const a of row.aliases) g.aliases.add(a);
      if (!g.docs.includes(row.documentId)) g.docs.push(row.documentId);
      groups.set(k, g);
    }
    const out: CorpusEntityRow[] = [...groups].map(([key, g]) => {
      const name =
        [...g.names].sort(
          (a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1),
        )[0]?.[0] ?? key;
      return {
        key,
        type: g.type,
        name,
        aliases: [...g.aliases].sort(),
        documents: g.docs.length,
        documentIds: g.docs.slice(0, CORPUS_ENTITY_DOCUMENTS),
      };
    });
    out.sort((a, b) => b.documents - a.documents || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const start = offset ?? 0;
    return out.slice(start, limit === undefined ? undefined : start + limit);
  }

  async findEvents(query: StoreQuery = {}): Promise<EventRow[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.type !== undefined) clauses.push({ sql: 'v.type = ?', params: [query.type] });
    const needle = entityNeedle(query);
    if (needle !== undefined) {
      const match = this.entityClause('e', needle);
      clauses.push({
        sql: `EXISTS (SELECT 1 FROM event_participants p
                        JOIN entities e ON e.document_id = p.document_id AND e.id = p.entity_id
                       WHERE p.document_id = v.document_id AND p.event_id = v.id AND ${match.sql})`,
        params: match.params,
      });
    }
    // An event's own date wins; the publication date stands in for events the text does not date.
    clauses.push(
      ...dateClauses(
        query,
        'COALESCE(v.date_start, d.published_start)',
        'COALESCE(v.date_end, d.published_end)',
      ),
      CURRENT,
    );
    const search = documentSearch(query);
    if (search === null) return [];
    if (search) clauses.push(search);
    const rows = this.select<EvidenceFactDbRow>(
      `SELECT v.document_id, d.published, v.json, v.evidence_text
         FROM events v JOIN documents d ON d.id = v.document_id`,
      clauses,
      'd.seq, v.ord',
      query,
      'finding events',
    );
    return this.guard('finding events', () => {
      const names = new NameCache(this);
      return rows.map((r) => {
        const event = JSON.parse(r.json) as Event;
        const placeText = event.place !== undefined ? names.place(r.document_id, event.place) : undefined;
        return {
          ...event,
          documentId: r.document_id,
          ...(r.published !== null && { published: r.published }),
          evidenceText: r.evidence_text,
          actorRefs: event.actors.map((id) => names.entityRef(r.document_id, id)),
          targetRefs: event.targets.map((id) => names.entityRef(r.document_id, id)),
          ...(placeText !== undefined && { placeText }),
        };
      });
    });
  }

  async findQuotes(query: StoreQuery = {}): Promise<QuoteRow[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.type !== undefined)
      clauses.push({ sql: '(q.stance = ? OR q.kind = ?)', params: [query.type, query.type] });
    const needle = entityNeedle(query);
    if (needle !== undefined) {
      const match = this.entityClause('e', needle);
      clauses.push({
        sql: `(EXISTS (SELECT 1 FROM entities e
                        WHERE e.document_id = q.document_id AND e.id = q.speaker_entity AND ${match.sql})
            OR EXISTS (SELECT 1 FROM quote_about qa
                         JOIN entities e ON e.document_id = qa.document_id AND e.id = qa.entity_id
                        WHERE qa.document_id = q.document_id AND qa.quote_id = q.id AND ${match.sql}))`,
        params: [...match.params, ...match.params],
      });
    }
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'), CURRENT);
    const search = ftsQuery(query);
    if (search === null) return [];
    if (search !== undefined) {
      clauses.push({
        sql: 'q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)',
        params: [search],
      });
    }
    const rows = this.select<QuoteDbRow>(
      `SELECT q.document_id, d.published, d.outlet, q.json, q.evidence_text
         FROM quotes q JOIN documents d ON d.id = q.document_id`,
      clauses,
      'd.seq, q.ord',
      query,
      'finding quotes',
    );
    return this.guard('finding quotes', () => {
      const names = new NameCache(this);
      return rows.map((r) => {
        const quote = JSON.parse(r.json) as Quote;
        const speaker = quote.speaker;
        const speakerName =
          speaker.kind === 'entity'
            ? names.entityRef(r.document_id, speaker.entity).name
            : speaker.kind === 'outlet'
              ? (r.outlet ?? 'the outlet')
              : speaker.text;
        return {
          ...quote,
          documentId: r.document_id,
          ...(r.published !== null && { published: r.published }),
          evidenceText: r.evidence_text,
          speakerName,
          aboutRefs: quote.about.map((id) => names.entityRef(r.document_id, id)),
        };
      });
    });
  }

  async stats(): Promise<StoreStats> {
    this.ready();
    return this.guard('counting rows', () => {
      const counts = {} as Record<(typeof STORE_TABLES)[number], number>;
      for (const table of STORE_TABLES) {
        const row = this.statement(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
        counts[table] = row.n;
      }
      return counts;
    });
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.guard('closing', () => this.db.close());
  }

  /** Prepared statements are cached by their SQL: filters produce a handful of distinct shapes. */
  statement(sql: string): Database.Statement<SqlValue[]> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<SqlValue[]>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private ready(): void {
    if (!this.db.open) throw new ParallaxError('STORE_ERROR', 'store: the store is closed');
    if (!this.migrated)
      throw new ParallaxError('STORE_ERROR', 'store: call migrate() before using the store');
  }

  private guard<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw storeError(operation, error);
    }
  }

  private currentVersion(): number {
    const exists = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!exists) return 0;
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  private applyMigration(migration: Migration): void {
    this.db
      .transaction(() => {
        // Re-checked inside the write lock: another process may have applied it meanwhile.
        const done = this.db
          .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
          .get(migration.version);
        if (done) return;
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      })
      .immediate();
  }

  private select<R>(
    head: string,
    clauses: readonly Clause[],
    order: string,
    query: StoreQuery,
    operation: string,
  ): R[] {
    const { limit, offset } = pageBounds(query);
    const where = clauses.length > 0 ? ` WHERE ${clauses.map((c) => c.sql).join(' AND ')}` : '';
    const sql = `${head}${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const params = [...clauses.flatMap((c) => c.params), limit ?? NO_LIMIT, offset];
    return this.guard(operation, () => this.statement(sql).all(...params) as R[]);
  }

  private insertAnalysis(analysis: Analysis): IngestResult {
    const doc = analysis.document;
    const existing = this.statement('SELECT id FROM documents WHERE content_hash = ?').get(
      doc.contentHash,
    ) as { id: string } | undefined;
    if (existing) return { documentId: existing.id, created: false };

    const text = doc.text;
    const published = isoDayRange(doc.published);
    const info = this.statement(
      `INSERT INTO documents (id, content_hash, text, text_length, title, published, published_start, published_end,
                              outlet, url, language, stages_json, ingested_at, analysis_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      doc.id,
      doc.contentHash,
      text,
      text.length,
      doc.title ?? null,
      doc.published ?? null,
      published?.start ?? null,
      published?.end ?? null,
      doc.outlet ?? null,
      doc.url ?? null,
      doc.language,
      JSON.stringify(analysis.stages),
      new Date().toISOString(),
      JSON.stringify(analysis),
    );
    const seq = Number(info.lastInsertRowid);
    this.statement('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)').run(
      seq,
      doc.title ?? '',
      text,
    );
    this.insertFacts(analysis);
    return { documentId: doc.id, created: true };
  }

  /** Every fact row of an analysis whose documents row exists. */
  private insertFacts(analysis: Analysis): void {
    const doc = analysis.document;
    const text = doc.text;

    const insertMention = this.statement(
      `INSERT INTO mentions (document_id, id, ord, start, "end", text, type, form, entity_id, stage, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    analysis.mentions.forEach((m, ord) =>
      insertMention.run(
        doc.id,
        m.id,
        ord,
        m.span.start,
        m.span.end,
        m.text,
        m.type,
        m.form,
        m.entity ?? null,
        m.stage,
        m.confidence,
        JSON.stringify(m),
      ),
    );

    const insertEntity = this.statement(
      `INSERT INTO entities (document_id, id, ord, type, name, name_lc, country, knowledge_key, confidence, json,
                             corpus_key, corpus_surname)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAlias = this.statement(
      'INSERT OR IGNORE INTO entity_aliases (document_id, entity_id, alias, alias_lc) VALUES (?, ?, ?, ?)',
    );
    analysis.entities.forEach((e, ord) => {
      insertEntity.run(
        doc.id,
        e.id,
        ord,
        e.type,
        e.name,
        fold(e.name),
        e.country ?? null,
        e.knowledgeKey ?? null,
        e.confidence,
        JSON.stringify(e),
        entityKey(e, doc.id),
        surnameOf(entityKey(e, doc.id)) ?? null,
      );
      for (const alias of e.aliases) insertAlias.run(doc.id, e.id, alias, fold(alias));
    });

    const insertQuote = this.statement(
      `INSERT INTO quotes (document_id, id, ord, speaker_kind, speaker_entity, content, kind, stance, evidence_text,
                           stage, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertQuoteFts = this.statement('INSERT INTO quotes_fts (rowid, content) VALUES (?, ?)');
    const insertAbout = this.statement(
      'INSERT OR IGNORE INTO quote_about (document_id, quote_id, entity_id) VALUES (?, ?, ?)',
    );
    analysis.quotes.forEach((q, ord) => {
      const row = insertQuote.run(
        doc.id,
        q.id,
        ord,
        q.speaker.kind,
        q.speaker.kind === 'entity' ? q.speaker.entity : null,
        q.content.text,
        q.kind,
        q.stance,
        slice(text, q.evidence),
        q.stage,
        q.confidence,
        JSON.stringify(q),
      );
      insertQuoteFts.run(Number(row.lastInsertRowid), q.content.text);
      for (const entity of q.about) insertAbout.run(doc.id, q.id, entity);
    });

    const insertEvent = this.statement(
      `INSERT INTO events (document_id, id, ord, type, trigger_text, date_iso, date_start, date_end, place_id,
                           evidence_text, stage, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertParticipant = this.statement(
      'INSERT OR IGNORE INTO event_participants (document_id, event_id, role, entity_id) VALUES (?, ?, ?, ?)',
    );
    analysis.events.forEach((v, ord) => {
      const range = isoDayRange(v.date?.iso);
      insertEvent.run(
        doc.id,
        v.id,
        ord,
        v.type,
        v.trigger.text,
        v.date?.iso ?? null,
        range?.start ?? null,
        range?.end ?? null,
        v.place ?? null,
        slice(text, v.evidence),
        v.stage,
        v.confidence,
        JSON.stringify(v),
      );
      for (const entity of v.actors) insertParticipant.run(doc.id, v.id, 'actor', entity);
      for (const entity of v.targets) insertParticipant.run(doc.id, v.id, 'target', entity);
    });

    const insertPlace = this.statement(
      `INSERT INTO places (document_id, id, ord, text, start, "end", entity_id, lat, lon, country, kind, gazetteer_id,
                           metonymy, stage, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    analysis.places.forEach((p, ord) =>
      insertPlace.run(
        doc.id,
        p.id,
        ord,
        p.text,
        p.span.start,
        p.span.end,
        p.entity ?? null,
        p.lat,
        p.lon,
        p.country,
        p.kind,
        p.gazetteerId ?? null,
        p.metonymy ? 1 : 0,
        p.stage,
        p.confidence,
        JSON.stringify(p),
      ),
    );

    const insertMarker = this.statement(
      `INSERT INTO markers (document_id, id, ord, kind, text, start, "end", voice, refers_to, stage, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    analysis.markers.forEach((k, ord) =>
      insertMarker.run(
        doc.id,
        k.id,
        ord,
        k.kind,
        k.text,
        k.span.start,
        k.span.end,
        k.voice,
        k.refersTo ?? null,
        k.stage,
        k.confidence,
        JSON.stringify(k),
      ),
    );
    const superseded = this.statement('SELECT superseded FROM documents WHERE id = ?').get(doc.id) as
      { superseded: number } | undefined;
    if (!superseded || superseded.superseded === 0) this.index().addDocument(analysis);
  }

  /** Deletes every fact row of a document (FTS rows of quotes included), keeping the document row. */
  private deleteFacts(documentId: string): void {
    this.index().removeDocument(documentId);
    const quotes = this.statement('SELECT seq, content FROM quotes WHERE document_id = ?').all(
      documentId,
    ) as { seq: number; content: string }[];
    const ftsDelete = this.statement(
      "INSERT INTO quotes_fts (quotes_fts, rowid, content) VALUES ('delete', ?, ?)",
    );
    for (const q of quotes) ftsDelete.run(q.seq, q.content);
    for (const table of [
      'quote_about',
      'event_participants',
      'entity_aliases',
      'mentions',
      'quotes',
      'events',
      'places',
      'markers',
      'entities',
    ]) {
      this.statement(`DELETE FROM ${table} WHERE document_id = ?`).run(documentId);
    }
  }

  async replaceAnalysis(analysis: Analysis): Promise<void> {
    this.ready();
    validate(analysis);
    this.guard(`reanalysing document ${analysis.document.id}`, () =>
      this.db
        .transaction(() => {
          const doc = analysis.document;
          const row = this.statement('SELECT id FROM documents WHERE id = ? AND content_hash = ?').get(
            doc.id,
            doc.contentHash,
          );
          if (!row) {
            throw new ParallaxError(
              'INPUT_INVALID',
              `store: no document ${doc.id} with that text to reanalyse`,
            );
          }
          this.deleteFacts(doc.id);
          this.statement('UPDATE documents SET stages_json = ?, analysis_json = ? WHERE id = ?').run(
            JSON.stringify(analysis.stages),
            JSON.stringify(analysis),
            doc.id,
          );
          this.insertFacts(analysis);
        })
        .immediate(),
    );
  }

  async recordRawInputs(inputs: readonly RawInput[], checkpoint?: Checkpoint): Promise<number[]> {
    this.ready();
    return this.guard('recording raw inputs', () =>
      this.db
        .transaction(() => {
          const insert = this.statement(
            `INSERT INTO raw_inputs (source_key, source, position, kind, url, content_type, meta_json, received_at,
                                     body, body_sha256)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ) as unknown as Database.Statement<(SqlValue | Buffer)[]>;
          const ids = inputs.map((input) => {
            const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
            const info = insert.run(
              input.sourceKey ?? null,
              input.source,
              input.position,
              input.kind,
              input.url ?? null,
              input.contentType ?? null,
              JSON.stringify(input.meta),
              input.receivedAt,
              body,
              createHash('sha256').update(body).digest('hex'),
            );
            return Number(info.lastInsertRowid);
          });
          if (checkpoint) this.writeCheckpoint(checkpoint);
          return ids;
        })
        .immediate(),
    );
  }

  async rawInputs(query: RawInputQuery = {}): Promise<StoredRawInput[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.status !== undefined) clauses.push({ sql: 'status = ?', params: [query.status] });
    if (query.sourceKey !== undefined) clauses.push({ sql: 'source_key = ?', params: [query.sourceKey] });
    if (query.afterId !== undefined) clauses.push({ sql: 'id > ?', params: [query.afterId] });
    const rows = this.select<RawDbRow>(
      'SELECT * FROM raw_inputs',
      clauses,
      'id',
      { ...(query.limit !== undefined && { limit: query.limit }) },
      'reading raw inputs',
    );
    return rows.map((r) => ({
      id: r.id,
      ...(r.source_key !== null && { sourceKey: r.source_key }),
      source: r.source,
      position: r.position,
      kind: r.kind as StoredRawInput['kind'],
      ...(r.url !== null && { url: r.url }),
      ...(r.content_type !== null && { contentType: r.content_type }),
      meta: JSON.parse(r.meta_json) as Record<string, unknown>,
      receivedAt: r.received_at,
      body: new Uint8Array(r.body),
      status: r.status as StoredRawInput['status'],
      ...(r.document_id !== null && { documentId: r.document_id }),
      ...(r.error !== null && { error: r.error }),
    }));
  }

  async settleRawInputs(outcomes: readonly RawOutcome[]): Promise<SettledRawInput[]> {
    this.ready();
    for (const o of outcomes) if (o.kind === 'analysis') validate(o.analysis);
    return this.guard('storing analyses', () =>
      this.db
        .transaction(() => {
          const settle = this.statement(
            'UPDATE raw_inputs SET status = ?, document_id = ?, error = ?, settled_at = ? WHERE id = ?',
          );
          const now = new Date().toISOString();
          return outcomes.map((o): SettledRawInput => {
            if (o.kind === 'rejected') {
              settle.run('rejected', null, o.error, now, o.rawId);
              return { rawId: o.rawId, status: 'rejected' };
            }
            const result = this.storeRevision(o);
            settle.run(result.status, result.documentId ?? null, null, now, o.rawId);
            return result;
          });
        })
        .immediate(),
    );
  }

  /** Stores one text under its URL's revision history (or alone, without a URL). */
  private storeRevision(o: Exclude<RawOutcome, { kind: 'rejected' }>): SettledRawInput {
    const hash = o.kind === 'analysis' ? o.analysis.document.contentHash : o.contentHash;
    const existing = this.hashRow(hash);
    let versionId: string;
    let created = false;
    if (existing) versionId = existing;
    else if (o.kind === 'analysis') {
      versionId = this.insertAnalysis(o.analysis).documentId;
      created = true;
      if (o.metadata) {
        this.statement(
          'INSERT OR IGNORE INTO document_metadata (document_id, authors_json, sources_json) VALUES (?, ?, ?)',
        ).run(versionId, JSON.stringify(o.metadata.authors), JSON.stringify(o.metadata.sources));
      }
    } else {
      throw new ParallaxError('INPUT_INVALID', `store: no document has content hash ${hash}`);
    }
    if (o.url === undefined) {
      return { rawId: o.rawId, status: created ? 'ingested' : 'duplicate', documentId: versionId };
    }
    const latest = this.statement(
      `SELECT r.document_id, r.revision, r.version_id, r.url, r.fetched_at FROM revisions r
        WHERE r.document_id = (SELECT document_id FROM revisions WHERE url = ? ORDER BY rowid DESC LIMIT 1)
        ORDER BY r.revision DESC LIMIT 1`,
    ).get(o.url) as RevisionDbRow | undefined;
    const insertRevision = this.statement(
      'INSERT INTO revisions (document_id, revision, version_id, url, fetched_at) VALUES (?, ?, ?, ?, ?)',
    );
    if (!latest) {
      // Text first seen under another URL (syndication) stays that document's; no history here.
      const elsewhere = this.statement('SELECT 1 FROM revisions WHERE version_id = ?').get(versionId);
      if (!elsewhere) insertRevision.run(versionId, 1, versionId, o.url, o.fetchedAt);
      return {
        rawId: o.rawId,
        status: created ? 'ingested' : 'duplicate',
        documentId: versionId,
        ...(!elsewhere && { revision: 1 }),
      };
    }
    if (latest.version_id === versionId) {
      return {
        rawId: o.rawId,
        status: 'duplicate',
        documentId: latest.document_id,
        revision: latest.revision,
      };
    }
    const revision = latest.revision + 1;
    insertRevision.run(latest.document_id, revision, versionId, o.url, o.fetchedAt);
    this.statement(
      'UPDATE documents SET superseded = (id <> ?) WHERE id IN (SELECT version_id FROM revisions WHERE document_id = ?)',
    ).run(versionId, latest.document_id);
    // Only the current revision speaks for its document across sources.
    const older = this.statement(
      'SELECT version_id AS id FROM revisions WHERE document_id = ? AND version_id <> ?',
    ).all(latest.document_id, versionId) as { id: string }[];
    for (const o of older) this.index().removeDocument(o.id);
    return { rawId: o.rawId, status: 'revised', documentId: latest.document_id, revision };
  }

  private hashRow(hash: string): string | undefined {
    const row = this.statement('SELECT id FROM documents WHERE content_hash = ?').get(hash) as
      { id: string } | undefined;
    return row?.id;
  }

  async documentIdForHash(contentHash: string): Promise<string | undefined> {
    this.ready();
    return this.guard('looking up a content hash', () => this.hashRow(contentHash));
  }

  async getCheckpoint(sourceKey: string): Promise<Checkpoint | undefined> {
    this.ready();
    return this.guard('reading a checkpoint', () => {
      const row = this.statement('SELECT * FROM ingest_checkpoints WHERE source_key = ?').get(sourceKey) as
        CheckpointDbRow | undefined;
      return row
        ? {
            sourceKey: row.source_key,
            source: row.source,
            position: row.position,
            records: row.records,
            finished: row.finished === 1,
          }
        : undefined;
    });
  }

  async setCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.ready();
    this.guard('writing a checkpoint', () => this.writeCheckpoint(checkpoint));
  }

  private writeCheckpoint(c: Checkpoint): void {
    this.statement(
      `INSERT INTO ingest_checkpoints (source_key, source, position, records, finished, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_key) DO UPDATE SET source = excluded.source, position = excluded.position,
         records = excluded.records, finished = excluded.finished, updated_at = excluded.updated_at`,
    ).run(c.sourceKey, c.source, c.position, c.records, c.finished ? 1 : 0, new Date().toISOString());
  }

  async revisions(urlOrDocumentId: string): Promise<Revision[]> {
    this.ready();
    return this.guard('reading revisions', () => {
      const owner = this.statement(
        `SELECT document_id FROM revisions WHERE url = ? OR document_id = ? OR version_id = ?
          ORDER BY rowid DESC LIMIT 1`,
      ).get(urlOrDocumentId, urlOrDocumentId, urlOrDocumentId) as { document_id: string } | undefined;
      if (!owner) return [];
      const rows = this.statement('SELECT * FROM revisions WHERE document_id = ? ORDER BY revision').all(
        owner.document_id,
      ) as RevisionDbRow[];
      return rows.map((r, i) => ({
        documentId: r.document_id,
        revision: r.revision,
        versionId: r.version_id,
        url: r.url,
        fetchedAt: r.fetched_at,
        current: i === rows.length - 1,
      }));
    });
  }

  async getFeedState(url: string): Promise<FeedState | undefined> {
    this.ready();
    return this.guard('reading feed state', () => {
      const row = this.statement('SELECT * FROM feeds WHERE url = ?').get(url) as
        | { url: string; etag: string | null; last_modified: string | null; polled_at: string | null }
        | undefined;
      if (!row) return undefined;
      return {
        url: row.url,
        ...(row.etag !== null && { etag: row.etag }),
        ...(row.last_modified !== null && { lastModified: row.last_modified }),
        ...(row.polled_at !== null && { polledAt: row.polled_at }),
      };
    });
  }

  async setFeedState(state: FeedState): Promise<void> {
    this.ready();
    this.guard('writing feed state', () =>
      this.statement(
        `INSERT INTO feeds (url, etag, last_modified, polled_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           polled_at = excluded.polled_at`,
      ).run(state.url, state.etag ?? null, state.lastModified ?? null, state.polledAt ?? null),
    );
  }

  async unseenFeedItems(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    this.ready();
    return this.guard('reading feed items', () => {
      const seen = this.statement('SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?');
      return keys.filter((k) => !seen.get(feedUrl, k));
    });
  }

  async *clusters(query: ClusterQuery = {}): AsyncIterable<Cluster> {
    this.ready();
    const storage = this.reportStorage();
    if (query.cluster !== undefined) {
      const one = this.guard('reading a cluster', () => assembleCluster(storage, query.cluster as string));
      if (one && clusterMatches(one, query)) yield one;
      return;
    }
    let after: string | undefined;
    let left = query.limit ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      // One short read per page: the generator never holds a statement open across a yield.
      const ids = this.guard('reading clusters', () => storage.clusterIds(after, CLUSTER_PAGE));
      if (ids.length === 0) return;
      after = ids[ids.length - 1];
      const page = this.guard('reading clusters', () => ids.map((id) => assembleCluster(storage, id)));
      for (const c of page) {
        if (c && clusterMatches(c, query)) {
          yield c;
          if (--left <= 0) return;
        }
      }
    }
  }

  private reportStorage(): SqliteReportStorage {
    this.corpusStorage ??= new SqliteReportStorage((sql) => this.statement(sql));
    return this.corpusStorage;
  }

  private index(): CorpusIndex {
    this.corpusIndex ??= new CorpusIndex(this.reportStorage(), (language) =>
      triggerLexiconFor(loadKnowledge({ language })),
    );
    return this.corpusIndex;
  }

  /** Indexes the current revision of every document stored before the index existed. */
  private backfillCorpusIndex(): void {
    const rows = this.statement(
      'SELECT analysis_json FROM documents WHERE superseded = 0 ORDER BY seq',
    ).iterate() as IterableIterator<{ analysis_json: string }>;
    const analyses: Analysis[] = [];
    for (const row of rows) analyses.push(readAnalysis(row.analysis_json));
    const setKey = this.statement(
      'UPDATE entities SET corpus_key = ?, corpus_surname = ? WHERE document_id = ? AND id = ?',
    );
    for (const a of analyses) {
      this.index().addDocument(a);
      for (const e of a.entities) {
        const key = entityKey(e, a.document.id);
        setKey.run(key, surnameOf(key) ?? null, a.document.id, e.id);
      }
    }
  }

  /**
   * The clause for an entity filter: the entity's own name or alias contains the needle, or it is the
   * same real-world entity (cross-document key, a surname tied to its one full name) as one that does
   * anywhere in the store, so "the parliamentary speaker" finds the articles that say only his name.
   */
  private entityClause(e: string, needle: string): Clause {
    const own = entityMatch(e, needle);
    const keys = this.guard('matching entities', () => {
      const rows = this.statement(
        `SELECT DISTINCT e.corpus_key AS key FROM entities e WHERE e.corpus_key IS NOT NULL AND ${own.sql}`,
      ).all(...own.params) as { key: string }[];
      const found = new Set(rows.map((r) => r.key).filter((k) => !k.startsWith('local:')));
      const surnames = new Set([...found].map(surnameOf).filter((x): x is string => x !== undefined));
      const kin = this.statement(
        `SELECT DISTINCT corpus_key AS key FROM entities WHERE corpus_surname IN (${JSON_LIST})`,
      ).all(JSON.stringify([...surnames])) as { key: string }[];
      const tied = resolveSurnames(kin.map((r) => r.key));
      for (const [bare, full] of tied) {
        if (found.has(bare)) found.add(full);
        if (found.has(full)) found.add(bare);
      }
      return [...found];
    });
    if (keys.length === 0) return own;
    return {
      sql: `(${own.sql} OR ${e}.corpus_key IN (${JSON_LIST}))`,
      params: [...own.params, JSON.stringify(keys)],
    };
  }

  async getDocumentMetadata(documentId: string): Promise<DocumentMetadata | undefined> {
    this.ready();
    return this.guard('reading document metadata', () => {
      const row = this.statement(
        'SELECT authors_json, sources_json FROM document_metadata WHERE document_id = ?',
      ).get(documentId) as { authors_json: string; sources_json: string } | undefined;
      return row
        ? {
            authors: JSON.parse(row.authors_json) as string[],
            sources: JSON.parse(row.sources_json) as Record<string, string>,
          }
        : undefined;
    });
  }

  async markFeedItems(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    this.ready();
    return this.guard('marking feed items', () =>
      this.db
        .transaction(() => {
          const insert = this.statement(
            'INSERT OR IGNORE INTO feed_items (feed_url, item_key, seen_at) VALUES (?, ?, ?)',
          );
          const now = new Date().toISOString();
          return keys.filter((k) => insert.run(feedUrl, k, now).changes > 0);
        })
        .immediate(),
    );
  }
}

/** Looks up entity names and place texts once per document while rows are being assembled. */
class NameCache {
  private readonly entities = new Map<string, Map<string, string>>();
  private readonly places = new Map<string, Map<string, string>>();

  constructor(private readonly store: SqliteStoreImpl) {}

  entityRef(documentId: string, id: string): EntityRef {
    let names = this.entities.get(documentId);
    if (!names) {
      const rows = this.store
        .statement('SELECT id, name FROM entities WHERE document_id = ?')
        .all(documentId) as {
        id: string;
        name: string;
      }[];
      names = new Map(rows.map((r) => [r.id, r.name]));
      this.entities.set(documentId, names);
    }
    // A dangling id still shows something rather than failing the whole query.
    return { id, name: names.get(id) ?? id };
  }

  place(documentId: string, id: string): string | undefined {
    let texts = this.places.get(documentId);
    if (!texts) {
      const rows = this.store
        .statement('SELECT id, text FROM places WHERE document_id = ?')
        .all(documentId) as {
        id: string;
        text: string;
      }[];
      texts = new Map(rows.map((r) => [r.id, r.text]));
      this.places.set(documentId, texts);
    }
    return texts.get(id);
  }
}

/** Case folding done in JS because SQLite's lower() and LIKE only fold ASCII. */
function fold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

function entityNeedle(query: StoreQuery): string | undefined {
  if (query.entity === undefined) return undefined;
  const needle = fold(query.entity.trim());
  return needle.length > 0 ? needle : undefined;
}

/** Matches entity alias `e` whose name or any alias contains the needle (instr: no LIKE escaping). */
function entityMatch(e: string, needle: string): Clause {
  return {
    sql: `(instr(${e}.name_lc, ?) > 0 OR EXISTS (SELECT 1 FROM entity_aliases a
             WHERE a.document_id = ${e}.document_id AND a.entity_id = ${e}.id AND instr(a.alias_lc, ?) > 0))`,
    params: [needle, needle],
  };
}

function dateClauses(query: StoreQuery, start: string, end: string): Clause[] {
  const clauses: Clause[] = [];
  // Overlap, not containment: an event dated "March 2024" is within "from 2024-03-15".
  if (query.from !== undefined) clauses.push({ sql: `${end} >= ?`, params: [dateBound(query.from, 'from')] });
  if (query.to !== undefined) clauses.push({ sql: `${start} <= ?`, params: [dateBound(query.to, 'to')] });
  return clauses;
}

/**
 * The FTS5 query for `search`: undefined for no filter, null when the text has no words (so nothing
 * can match). Every word is quoted, so user input can never be FTS syntax (NEAR, *, column filters).
 */
function ftsQuery(query: StoreQuery): string | null | undefined {
  if (query.search === undefined || query.search.trim() === '') return undefined;
  const words = searchWords(query.search);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"`).join(' ');
}

function documentSearch(query: StoreQuery): Clause | null | undefined {
  const fts = ftsQuery(query);
  if (fts === null || fts === undefined) return fts;
  return { sql: 'd.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)', params: [fts] };
}
