/**
 * Clustering cost as the store grows: documents with generated events (several outlets per happening,
 * background mentions, undated and unplaced events) are added one transaction each to the embedded
 * store's cross-document index, and the time per added document is reported per tenth of the run. Flat
 * figures mean no all-pairs comparison; the last tenth over the first is the number to watch.
 *
 * `npm run bench` runs it after the words-per-second tables; alone: `npx tsx bench/corpus-index.ts
 * [--events N (100000)]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CorpusIndex } from '../src/corpus/corpus-index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Analysis, Event, Place, PloverType } from '../src/model/schema.js';
import { triggerLexiconFor } from '../src/stages/events/lexicon.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { SqliteReportStorage } from '../src/store/sqlite/report-storage.js';

const TYPES: readonly PloverType[] = [
  'ASSAULT',
  'ASSAULT',
  'ASSAULT',
  'COERCE',
  'PROTEST',
  'MOBILIZE',
  'CONSULT',
];
const EVENTS_PER_DOCUMENT = 4;
const DAY = 86_400_000;
const HAPPENINGS_PER_DAY = 30;
const WARMUP = 200;

/** A small deterministic generator (mulberry32), so every run builds the same store. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Happening {
  readonly type: PloverType;
  readonly day: number;
  readonly city: number;
  readonly killed: number;
}

const CITIES = Array.from({ length: 400 }, (_, i) => ({
  text: `City${i}`,
  country: `C${String.fromCharCode(65 + (i % 26))}`,
  lat: -40 + (i % 80),
  lon: -150 + ((i * 7) % 300),
}));

function iso(day: number): string {
  return new Date(Date.UTC(2020, 0, 1) + day * DAY).toISOString().slice(0, 10);
}

/** One document: its happening as news, a background mention of an older one, and two loose events. */
function generate(n: number, happenings: readonly Happening[], rnd: () => number): Analysis {
  // The document's happening is one of the last few days' (by position in the stream); the recalled
  // one may be anything before it.
  const now = Math.min(happenings.length - 1, Math.floor(n / 3));
  const from = Math.max(0, now - HAPPENINGS_PER_DAY * 3);
  const recent = from + Math.floor(rnd() * (now - from + 1));
  const main = happenings[recent] as Happening;
  const old = happenings[Math.floor(rnd() * (recent + 1))] as Happening;
  const published = iso(main.day + Math.floor(rnd() * 4));
  const places: Place[] = [];
  const placeOf = (city: number): string => {
    const c = CITIES[city] as (typeof CITIES)[number];
    const id = `p${places.length + 1}`;
    const span = { start: 0, end: 1 };
    places.push({
      id,
      text: c.text,
      span,
      lat: c.lat,
      lon: c.lon,
      country: c.country,
      kind: 'city',
      metonymy: false,
      evidence: span,
      stage: 'bench@1',
      confidence: 1,
    });
    return id;
  };
  const span = { start: 0, end: 1 };
  const event = (i: number, h: Happening, extra: Partial<Event>): Event => ({
    id: `ev${i}`,
    type: h.type,
    trigger: { text: 'x', span },
    actors: [],
    targets: [],
    counts: {},
    attributes: [],
    reportedBy: { kind: 'outlet' },
    evidence: span,
    stage: 'bench@1',
    confidence: 1,
    ...extra,
  });
  const events: Event[] = [
    event(1, main, {
      date: { iso: iso(main.day), precision: 'day', relation: 'on', text: 'x', span },
      place: placeOf(main.city),
      counts: { killed: { value: main.killed + Math.floor(rnd() * 3), qualifier: 'exact', text: 'x', span } },
    }),
    event(2, old, {
      date: { iso: iso(old.day), precision: 'day', relation: 'on', text: 'x', span },
      place: placeOf(old.city),
      attributes: ['historical'],
    }),
    event(3, main, { place: placeOf(Math.floor(rnd() * CITIES.length)) }),
    event(4, { ...main, type: TYPES[Math.floor(rnd() * TYPES.length)] as PloverType }, {}),
  ];
  const id = `doc_${n.toString(16).padStart(16, '0')}`;
  return {
    schema: 'parallax/analysis@1',
    document: { id, text: 'x', contentHash: id, published, language: 'en', outlet: `Outlet ${n % 50}` },
    stages: [],
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    quotes: [],
    attributions: [],
    events,
    places,
    markers: [],
    conflicts: [],
    diagnostics: [],
  };
}

export interface CorpusIndexBench {
  readonly events: number;
  readonly documents: number;
  /** Mean milliseconds per added document in each tenth of the run. */
  readonly msPerDocumentByTenth: readonly number[];
  readonly lastOverFirst: number;
  readonly clusters: number;
}

export function runCorpusIndexBench(events = 100_000): CorpusIndexBench {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-corpus-'));
  const db = new Database(join(dir, 'bench.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Only the index's tables (migrations 4 and 5; the entity table they extend is a stub): the bench
    // measures clustering, not storing article facts.
    db.exec('CREATE TABLE entities (id TEXT)');
    for (const migration of MIGRATIONS.filter((m) => m.version >= 4)) {
      db.exec(migration.sql.replace(/REFERENCES documents \(id\)/g, ''));
    }
    type Params = (string | number | bigint | null)[];
    const statements = new Map<string, Database.Statement<Params>>();
    const storage = new SqliteReportStorage((sql) => {
      let s = statements.get(sql);
      if (!s) {
        s = db.prepare<Params>(sql);
        statements.set(sql, s);
      }
      return s;
    });
    const lexicon = triggerLexiconFor(loadKnowledge({ language: 'en' }));
    const index = new CorpusIndex(storage, () => lexicon);
    const rnd = random(7);
    const documents = Math.ceil(events / EVENTS_PER_DOCUMENT);
    // About three reports per happening, about 30 happenings a day: news arrives as it happens, so the
    // store grows in time while each day stays as busy as a real news day.
    const happenings: Happening[] = Array.from({ length: Math.ceil(documents / 3) }, (_, i) => ({
      type: TYPES[Math.floor(rnd() * TYPES.length)] as PloverType,
      day: Math.floor(i / HAPPENINGS_PER_DAY),
      city: Math.floor(rnd() * CITIES.length),
      killed: Math.floor(rnd() * 200),
    }));
    const add = db.transaction((a: Analysis) => index.addDocument(a));
    // Untimed warm-up on documents of their own, so statement preparation and JIT are not in the first tenth.
    for (let n = 0; n < WARMUP; n++) add(generate(documents + n, happenings.slice(-HAPPENINGS_PER_DAY), rnd));
    const tenth = Math.ceil(documents / 10);
    const byTenth: number[] = [];
    let ms = 0;
    for (let n = 0; n < documents; n++) {
      const analysis = generate(n, happenings, rnd);
      const t = performance.now();
      add(analysis);
      ms += performance.now() - t;
      if ((n + 1) % tenth === 0 || n + 1 === documents) {
        byTenth.push(ms / ((n % tenth) + 1));
        ms = 0;
      }
    }
    const clusters = (
      db.prepare('SELECT COUNT(DISTINCT cluster_id) AS n FROM corpus_reports').get() as { n: number }
    ).n;
    const first = byTenth[0] ?? 0;
    const last = byTenth[byTenth.length - 1] ?? 0;
    return {
      events: documents * EVENTS_PER_DOCUMENT,
      documents,
      msPerDocumentByTenth: byTenth,
      lastOverFirst: last / first,
      clusters,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatCorpusIndexBench(r: CorpusIndexBench): string {
  const rows = r.msPerDocumentByTenth.map(
    (ms, i) => `  ${String((i + 1) * 10).padStart(3)}%  ${ms.toFixed(3)} ms/doc`,
  );
  return [
    `\nclustering: ${r.documents} documents, ${r.events} events into the embedded store's cross-document index (${r.clusters} clusters)`,
    '  store  time per added document',
    ...rows,
    `  last tenth / first tenth: ${r.lastOverFirst.toFixed(2)}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  const events = values.events === undefined ? undefined : Number(values.events);
  console.log(formatCorpusIndexBench(runCorpusIndexBench(events)));
}
