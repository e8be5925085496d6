/**
 * `parallax query`: lists stored documents, entities, events or quotes, the outlets' fingerprints, or
 * the cross-source clusters and their conflicts, as a table or as JSON.
 */
import { existsSync } from 'node:fs';
import { Argument, type Command } from 'commander';
import { fingerprintOutlets, type Counted, type OutletFingerprint } from '../../corpus/outlets.js';
import type { Cluster, ClusterQuery, DocumentRef } from '../../corpus/types.js';
import { ParallaxError } from '../../errors.js';
import {
  ENTITY_TYPES,
  PLOVER_TYPES,
  QuoteKindSchema,
  STANCES,
  type PloverType,
  type Stance,
} from '../../model/schema.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import {
  dateBound,
  type CorpusEntityRow,
  type DocumentRow,
  type EntityRow,
  type EventRow,
  type QuoteRow,
  type Store,
  type StoreQuery,
} from '../../store/store.js';

const KINDS = ['documents', 'entities', 'events', 'quotes', 'outlets', 'clusters', 'conflicts'] as const;
type Kind = (typeof KINDS)[number];

interface QueryOptions {
  readonly type?: string;
  readonly entity?: string;
  readonly from?: string;
  readonly to?: string;
  readonly search?: string;
  readonly limit: string;
  readonly offset: string;
  readonly json?: boolean;
  readonly db?: string;
  readonly merged?: boolean;
}

const DEFAULT_LIMIT = 20;

/** The type values each kind accepts, so a typo is an error instead of an empty result. */
const TYPES: Record<Kind, readonly string[]> = {
  documents: [...ENTITY_TYPES, ...PLOVER_TYPES],
  entities: ENTITY_TYPES,
  events: PLOVER_TYPES,
  quotes: [...STANCES, ...QuoteKindSchema.options],
  clusters: PLOVER_TYPES,
  conflicts: PLOVER_TYPES,
  // Outlets are fingerprinted over the documents the filters select.
  outlets: [...ENTITY_TYPES, ...PLOVER_TYPES],
};

function checkType(kind: Kind, type: string): string {
  const allowed = TYPES[kind];
  const found = allowed.find((t) => t.toLowerCase() === type.trim().toLowerCase());
  if (found === undefined) {
    throw new ParallaxError('BAD_OPTION', `--type for ${kind} must be one of: ${allowed.join(', ')}`);
  }
  return found;
}

function count(value: string, name: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new ParallaxError('BAD_OPTION', `--${name} must be a non-negative whole number, not '${value}'`);
  }
  return Number(value.trim());
}

/** Cuts by code points so a surrogate pair is never split; collapses newlines to keep one row per line. */
function cell(value: string | undefined, width: number): string {
  const flat = (value ?? '').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, width - 1).join('')}…`;
}

interface Column<R> {
  readonly header: string;
  readonly width: number;
  readonly get: (row: R) => string | undefined;
}

export function formatTable<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.get(row), c.width)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v + ' '.repeat((widths[i] ?? 0) - [...v].length)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

const names = (refs: readonly { name: string }[]): string => refs.map((r) => r.name).join(', ');

const DOCUMENT_COLUMNS: Column<DocumentRow>[] = [
  { header: 'DOCUMENT', width: 20, get: (r) => r.documentId },
  { header: 'PUBLISHED', width: 10, get: (r) => r.published?.slice(0, 10) },
  { header: 'OUTLET', width: 24, get: (r) => r.outlet },
  { header: 'CHARS', width: 8, get: (r) => String(r.length) },
  { header: 'TITLE', width: 60, get: (r) => r.title ?? r.url },
];

const ENTITY_COLUMNS: Column<EntityRow>[] = [
  { header: 'DOCUMENT', width: 20, get: (r) => r.documentId },
  { header: 'ID', width: 8, get: (r) => r.id },
  { header: 'TYPE', width: 6, get: (r) => r.type },
  { header: 'NAME', width: 32, get: (r) => r.name },
  { header: 'MENTIONS', width: 8, get: (r) => String(r.mentions.length) },
  { header: 'ALIASES', width: 50, get: (r) => r.aliases.filter((a) => a !== r.name).join(', ') },
];

const CORPUS_ENTITY_COLUMNS: Column<CorpusEntityRow>[] = [
  { header: 'NAME', width: 32, get: (r) => r.name },
  { header: 'TYPE', width: 6, get: (r) => r.type },
  { header: 'DOCS', width: 5, get: (r) => String(r.documents) },
  { header: 'KEY', width: 36, get: (r) => r.key },
  { header: 'ALIASES', width: 70, get: (r) => r.aliases.filter((a) => a !== r.name).join(', ') },
];

const EVENT_COLUMNS: Column<EventRow>[] = [
  { header: 'DOCUMENT', width: 20, get: (r) => r.documentId },
  { header: 'ID', width: 8, get: (r) => r.id },
  { header: 'TYPE', width: 9, get: (r) => r.type },
  // A trailing '*' marks the publication date standing in for an event the text leaves undated.
  {
    header: 'DATE',
    width: 11,
    get: (r) => r.date?.iso ?? (r.published ? `${r.published.slice(0, 10)}*` : ''),
  },
  { header: 'ACTORS', width: 24, get: (r) => names(r.actorRefs) },
  { header: 'TARGETS', width: 24, get: (r) => names(r.targetRefs) },
  { header: 'PLACE', width: 16, get: (r) => r.placeText },
  { header: 'EVIDENCE', width: 60, get: (r) => r.evidenceText },
];

const QUOTE_COLUMNS: Column<QuoteRow>[] = [
  { header: 'DOCUMENT', width: 20, get: (r) => r.documentId },
  { header: 'ID', width: 8, get: (r) => r.id },
  { header: 'SPEAKER', width: 24, get: (r) => r.speakerName },
  { header: 'STANCE', width: 8, get: (r) => r.stance },
  { header: 'KIND', width: 8, get: (r) => r.kind },
  { header: 'CONTENT', width: 70, get: (r) => r.content.text },
];

const counted = (rows: readonly Counted[]): string => rows.map((r) => `${r.name} (${r.count})`).join(', ');

const OUTLET_COLUMNS: Column<OutletFingerprint>[] = [
  { header: 'OUTLET', width: 24, get: (r) => r.outlet },
  { header: 'DOCS', width: 6, get: (r) => String(r.documents) },
  { header: 'WORDS', width: 9, get: (r) => String(r.words) },
  { header: 'FOOTNOTES', width: 32, get: (r) => counted(r.footnotes.entities) },
  { header: 'LOADED/1K', width: 9, get: (r) => r.loaded.perThousandWords.toFixed(2) },
  { header: 'LOADED', width: 32, get: (r) => counted(r.loaded.phrases) },
  { header: 'SOURCES', width: 48, get: (r) => counted(r.quotes.sources) },
];

/** "120 (Harbour Times, 2025-03-03)": a value with who reported it and when. */
function sourced(value: string, doc: DocumentRef): string {
  const who = [doc.outlet ?? doc.documentId, doc.published?.slice(0, 10)].filter((x) => x !== undefined);
  return `${value} (${who.join(', ')})`;
}

function figureSummary(c: Cluster): string {
  return c.figures
    .map((f) => `${f.field} ${f.min === f.max ? f.min : `${f.min}-${f.max}${f.disputed ? ' disputed' : ''}`}`)
    .join('; ');
}

const CLUSTER_COLUMNS: Column<Cluster>[] = [
  { header: 'CLUSTER', width: 28, get: (c) => c.id },
  { header: 'TYPE', width: 9, get: (c) => c.type },
  { header: 'DATE', width: 10, get: (c) => c.date?.iso },
  { header: 'PLACE', width: 18, get: (c) => (c.place ? `${c.place.text}, ${c.place.country}` : undefined) },
  { header: 'REPORTS', width: 7, get: (c) => String(c.members.length) },
  { header: 'FIGURES', width: 40, get: figureSummary },
  { header: 'CLAIMS', width: 6, get: (c) => String(c.claims.length) },
  {
    header: 'OUTLETS',
    width: 40,
    get: (c) => [...new Set(c.members.map((m) => m.outlet ?? m.documentId))].join(', '),
  },
];

const STANCE_VERB: Readonly<Record<Stance, string>> = {
  assert: 'says',
  accuse: 'accuses',
  deny: 'denies',
  request: 'asks',
  claim: 'claims',
  threaten: 'threatens',
};

/** One disagreement a reader must be shown: a disputed figure or two statements that cannot both hold. */
export interface ConflictRow {
  readonly cluster: string;
  readonly kind: 'figure' | 'claim';
  readonly what: string;
  /** Who said which, in publication order. */
  readonly sides: readonly string[];
}

function conflictRows(c: Cluster): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const f of c.figures) {
    if (!f.disputed) continue;
    rows.push({
      cluster: c.id,
      kind: 'figure',
      what: `${f.field}: ${f.min}-${f.max} (latest ${f.latest}, lowest ${f.conservative})`,
      sides: f.values.map((v) => sourced(String(v.value), v.document)),
    });
  }
  const claims = new Map(c.claims.map((x) => [x.id, x]));
  for (const k of c.conflicts) {
    const a = claims.get(k.a);
    const b = claims.get(k.b);
    if (!a || !b) continue;
    rows.push({
      cluster: c.id,
      kind: 'claim',
      what: k.reason,
      sides: [a, b].map((x) => sourced(`${x.speaker} ${STANCE_VERB[x.stance]} "${x.content}"`, x.document)),
    });
  }
  return rows;
}

const CONFLICT_COLUMNS: Column<ConflictRow>[] = [
  { header: 'CLUSTER', width: 28, get: (r) => r.cluster },
  { header: 'KIND', width: 6, get: (r) => r.kind },
  { header: 'WHAT', width: 48, get: (r) => r.what },
  { header: 'WHO SAID WHICH', width: 120, get: (r) => r.sides.join(' | ') },
];

/** Clusters passing the query; `entity` matches actors, targets, claim speakers and member outlets. */
async function findClusters(store: Store, query: StoreQuery): Promise<Cluster[]> {
  const want = query.entity?.toLowerCase();
  const out: Cluster[] = [];
  const offset = query.offset ?? 0;
  let skipped = 0;
  const clusterQuery: ClusterQuery = {
    ...(query.type !== undefined && { type: query.type as PloverType }),
    ...(query.from !== undefined && { from: dateBound(query.from, 'from') }),
    ...(query.to !== undefined && { to: dateBound(query.to, 'to') }),
    minMembers: 1,
  };
  for await (const c of store.clusters(clusterQuery)) {
    if (want !== undefined) {
      const names = [...c.actors, ...c.targets].map((r) => r.name);
      names.push(...c.claims.flatMap((x) => [x.speaker, ...x.speakerAliases]));
      if (!names.some((n) => n.toLowerCase().includes(want))) continue;
    }
    if (skipped++ < offset) continue;
    out.push(c);
    if (query.limit !== undefined && out.length >= query.limit) break;
  }
  return out;
}

async function find(
  store: Store,
  kind: Kind,
  query: StoreQuery,
  merged = false,
): Promise<{ rows: unknown[]; table: string }> {
  if (merged && kind === 'entities') {
    const rows = await store.findCorpusEntities(query);
    return { rows, table: formatTable(CORPUS_ENTITY_COLUMNS, rows) };
  }
  switch (kind) {
    case 'documents': {
      const rows = await store.findDocuments(query);
      return { rows, table: formatTable(DOCUMENT_COLUMNS, rows) };
    }
    case 'entities': {
      const rows = await store.findEntities(query);
      return { rows, table: formatTable(ENTITY_COLUMNS, rows) };
    }
    case 'events': {
      const rows = await store.findEvents(query);
      return { rows, table: formatTable(EVENT_COLUMNS, rows) };
    }
    case 'quotes': {
      const rows = await store.findQuotes(query);
      return { rows, table: formatTable(QUOTE_COLUMNS, rows) };
    }
    case 'clusters': {
      const rows = await findClusters(store, query);
      return { rows, table: formatTable(CLUSTER_COLUMNS, rows) };
    }
    case 'conflicts': {
      // Paging counts clusters with a conflict; each prints all of its conflicts.
      const rows: ConflictRow[] = [];
      const limit = query.limit;
      let clusters = 0;
      for (const c of await findClusters(store, { ...query, limit: undefined, offset: 0 })) {
        const found = conflictRows(c);
        if (found.length === 0) continue;
        if (clusters++ < (query.offset ?? 0)) continue;
        rows.push(...found);
        if (limit !== undefined && clusters - (query.offset ?? 0) >= limit) break;
      }
      return { rows, table: formatTable(CONFLICT_COLUMNS, rows) };
    }
    case 'outlets': {
      // Limit and offset page the outlets; every selected document feeds the fingerprints.
      const offset = query.offset ?? 0;
      const all = await fingerprintOutlets(store, query);
      const rows = all.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
      return { rows, table: formatTable(OUTLET_COLUMNS, rows) };
    }
  }
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description(
      'list stored documents, entities, events, quotes, outlet fingerprints, cross-source clusters, or their conflicts',
    )
    .addArgument(new Argument('<what>', 'what to list').choices(KINDS))
    .option('--type <type>', 'entity type, event type (PLOVER), or quote stance/kind')
    .option('--entity <name>', 'involving an entity whose name or alias contains this (any case)')
    .option('--from <date>', 'on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--search <text>', 'full-text words (quotes: in what was said; otherwise: in the article)')
    .option('--limit <n>', 'at most this many rows', String(DEFAULT_LIMIT))
    .option('--offset <n>', 'skip this many rows first', '0')
    .option('--json', 'print the rows as JSON')
    .option('--merged', 'entities: one row per real-world entity across all articles, with every alias used')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .action(async (kind: Kind, options: QueryOptions) => {
      const query: StoreQuery = {
        ...(options.type !== undefined && { type: checkType(kind, options.type) }),
        ...(options.entity !== undefined && { entity: options.entity }),
        ...(options.from !== undefined && { from: options.from }),
        ...(options.to !== undefined && { to: options.to }),
        ...(options.search !== undefined && { search: options.search }),
        limit: count(options.limit, 'limit'),
        offset: count(options.offset, 'offset'),
      };
      // Querying must not create an empty store: a mistyped --db would otherwise look like "no results".
      const path = resolveStorePath({ db: options.db, createDirectory: false });
      if (!path.startsWith(':memory:') && !path.startsWith('file:') && !existsSync(path)) {
        throw new ParallaxError('STORE_ERROR', `no store at ${path}; ingest articles first, or pass --db`);
      }
      const store = openSqliteStore(path);
      try {
        await store.migrate();
        const { rows, table } = await find(store, kind, query, options.merged === true);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write(`no ${kind} match\n`);
          return;
        }
        process.stdout.write(`${table}\n`);
        if (rows.length === query.limit) {
          process.stderr.write(
            `(first ${rows.length}; more with --offset ${(query.offset ?? 0) + rows.length})\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
