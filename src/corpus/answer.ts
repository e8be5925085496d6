/**
 * A system answer in the corpus/v1 format: the corpus's documents are analysed and ingested into one
 * fresh store, and the clusters the store holds afterwards are written out with their members, figures,
 * responsibility statements and conflicts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { analyzeDocument } from '../analyze.js';
import { ParallaxError } from '../errors.js';
import type { CorpusAnswer, CorpusClaimSide, CorpusDocument } from '../eval/corpus/format.js';
import { createDocument } from '../model/document.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { Cluster, ClusterQuery } from './types.js';

/** Names the answer's producer: the cross-document index version, bumped when its rules change. */
export const CORPUS_SYSTEM = 'parallax corpus-index@1';

interface CorpusSpec {
  readonly documents: readonly CorpusDocument[];
}

function readSpec(corpusFile: string): CorpusSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(corpusFile, 'utf8'));
  } catch (error) {
    throw new ParallaxError(
      'INPUT_INVALID',
      `cannot read corpus file ${corpusFile}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const docs = (raw as { documents?: unknown }).documents;
  if (!Array.isArray(docs)) throw new ParallaxError('INPUT_INVALID', `${corpusFile}: no documents array`);
  return { documents: docs as CorpusDocument[] };
}

/** The corpus/v1 answer for the clusters of a store, naming documents by `names` (store id → corpus id). */
export async function answerFromStore(
  store: Store,
  documents: readonly CorpusDocument[],
  names: ReadonlyMap<string, string>,
  system = CORPUS_SYSTEM,
  query: ClusterQuery = {},
): Promise<CorpusAnswer> {
  const clusters: CorpusAnswer['clusters'] = [];
  const conflicts: CorpusAnswer['conflicts'] = [];
  const name = (documentId: string): string => names.get(documentId) ?? documentId;
  for await (const c of store.clusters(query)) {
    if (c.members.length === 0) continue;
    clusters.push(clusterEntry(c, name));
    for (const f of c.figures) {
      if (!f.disputed) continue;
      conflicts.push({
        cluster: c.id,
        kind: 'figure',
        field: f.field,
        values: [...new Set(f.values.map((v) => v.value))],
      });
    }
    const claims = new Map(c.claims.map((x) => [x.id, x]));
    for (const k of c.conflicts) {
      const a = claims.get(k.a);
      const b = claims.get(k.b);
      if (!a || !b) continue;
      const side = (x: typeof a): CorpusClaimSide => ({
        doc: name(x.document.documentId),
        speaker: x.speaker,
        aliases: [...x.speakerAliases],
        stance: x.stance,
      });
      conflicts.push({ cluster: c.id, kind: 'claim', a: side(a), b: side(b), about: k.about });
    }
  }
  return { format: 'corpus/v1', system, documents: [...documents], clusters, conflicts };
}

function clusterEntry(c: Cluster, name: (id: string) => string): CorpusAnswer['clusters'][number] {
  const figures: Record<string, { doc: string; value: number }[]> = {};
  for (const f of c.figures)
    figures[f.field] = f.values.map((v) => ({ doc: name(v.document.documentId), value: v.value }));
  return {
    key: c.id,
    type: c.type,
    ...(c.date !== undefined ? { date: c.date.iso } : {}),
    ...(c.place !== undefined
      ? { place: { text: c.place.text, country: c.place.country, lat: c.place.lat, lon: c.place.lon } }
      : {}),
    members: c.members.map((m) => name(m.documentId)),
    figures,
    responsibility: c.claims.map((x) => ({
      doc: name(x.document.documentId),
      speaker: x.speaker,
      aliases: [...x.speakerAliases],
      stance: x.stance,
      about: x.content,
    })),
  };
}

const DOCUMENT_PAGE = 500;

/** The answer for a whole store (or the clusters a query selects), documents named by their store ids. */
export async function storeAnswer(store: Store, query: ClusterQuery = {}): Promise<CorpusAnswer> {
  const documents: CorpusDocument[] = [];
  for (let offset = 0; ; offset += DOCUMENT_PAGE) {
    const page = await store.findDocuments({ limit: DOCUMENT_PAGE, offset });
    for (const d of page) {
      documents.push({
        id: d.documentId,
        ...(d.published !== undefined ? { published: d.published } : {}),
        ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
        ...(d.url !== undefined ? { url: d.url } : {}),
      });
    }
    if (page.length < DOCUMENT_PAGE) break;
  }
  return answerFromStore(store, documents, new Map(), CORPUS_SYSTEM, query);
}

/**
 * Analyses every document of a corpus/v1 file (texts relative to the file), ingests them into a fresh
 * temporary store and answers from it; the store is removed afterwards.
 */
export async function buildCorpusAnswer(
  corpusFile: string,
  options: { system?: string } = {},
): Promise<CorpusAnswer> {
  const spec = readSpec(corpusFile);
  const dir = mkdtempSync(join(tmpdir(), 'parallax-corpus-'));
  const store = openSqliteStore(join(dir, 'corpus.sqlite'));
  try {
    await store.migrate();
    const names = new Map<string, string>();
    for (const d of spec.documents) {
      if (d.text_file === undefined)
        throw new ParallaxError('INPUT_INVALID', `${corpusFile}: document ${d.id} has no text_file`);
      const path = resolve(dirname(corpusFile), d.text_file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new ParallaxError(
          'INPUT_INVALID',
          `${corpusFile}: cannot read ${d.text_file} of document ${d.id}`,
          {
            cause: error,
          },
        );
      }
      const document = createDocument(text, {
        ...(d.published !== undefined ? { published: d.published } : {}),
        ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
        ...(d.url !== undefined ? { url: d.url } : {}),
      });
      const result = await store.ingest(analyzeDocument(document));
      names.set(result.documentId, d.id);
    }
    return await answerFromStore(store, spec.documents, names, options.system);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
