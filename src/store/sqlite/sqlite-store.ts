/** The embedded default Store: one SQLite file (better-sqlite3, WAL) with FTS5 full-text search. */
import Database from 'better-sqlite3';
import { ParallaxError } from '../../errors.js';
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
  type DocumentRow,
  type EntityRef,
  type EntityRow,
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

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

const NO_LIMIT = -1;

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
      this.migrated = true;
    });
  }

  async ingest(analysis: Analysis): Promise<IngestResult> {
    this.ready();
    const parsed = AnalysisSchema.safeParse(analysis);
    if (!parsed.success) {
      // Paths and codes only: zod messages for literals and enums could echo input values.
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'} (${issue.code})`)
        .join(', ');
      throw new ParallaxError('INPUT_INVALID', `store: the analysis does not match the schema at ${where}`);
    }
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
      return row ? (JSON.parse(row.analysis_json) as Analysis) : undefined;
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
      const match = entityMatch('e', needle);
      clauses.push({
        sql: `EXISTS (SELECT 1 FROM entities e WHERE e.document_id = d.id AND ${match.sql})`,
        params: match.params,
      });
    }
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'));
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
    if (needle !== undefined) clauses.push(entityMatch('e', needle));
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'));
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

  async findEvents(query: StoreQuery = {}): Promise<EventRow[]> {
    this.ready();
    const clauses: Clause[] = [];
    if (query.type !== undefined) clauses.push({ sql: 'v.type = ?', params: [query.type] });
    const needle = entityNeedle(query);
    if (needle !== undefined) {
      const match = entityMatch('e', needle);
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
      const match = entityMatch('e', needle);
      clauses.push({
        sql: `(EXISTS (SELECT 1 FROM entities e
                        WHERE e.document_id = q.document_id AND e.id = q.speaker_entity AND ${match.sql})
            OR EXISTS (SELECT 1 FROM quote_about qa
                         JOIN entities e ON e.document_id = qa.document_id AND e.id = qa.entity_id
                        WHERE qa.document_id = q.document_id AND qa.quote_id = q.id AND ${match.sql}))`,
        params: [...match.params, ...match.params],
      });
    }
    clauses.push(...dateClauses(query, 'd.published_start', 'd.published_end'));
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
      `INSERT INTO entities (document_id, id, ord, type, name, name_lc, country, knowledge_key, confidence, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

    return { documentId: doc.id, created: true };
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
