/**
 * End to end on the shared coverage corpus: its reports ingested into one store, then `parallax export`
 * in every format, each checked against the shape it promises, and `query clusters|conflicts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/analyze.js';
import { ACLED_COLUMNS } from '../../src/export/acled-csv.js';
import { parseCsv } from '../../src/export/csv-export-rfc4180.js';
import { loadCorpusFile } from '../../src/eval/corpus/load.js';
import type { CorpusFile } from '../../src/eval/corpus/format.js';
import { createDocument } from '../../src/model/document.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { SKIP_REASON, hasShared, sharedPath } from '../helpers/shared.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');
const CORPUS = sharedPath('examples/kerman-coverage/corpus.json');

describe.skipIf(!hasShared)(
  `export of the coverage store (${hasShared ? 'shared data' : SKIP_REASON})`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-export-coverage-'));
    const db = join(dir, 'coverage.db');
    let gold: CorpusFile;

    function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.PARALLAX_DB;
      const r = spawnSync(tsx, [entry, ...args, '--db', db], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 90_000,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    }

    /** The gold cluster with most members: the happening several outlets reported. */
    function main(): CorpusFile['clusters'][number] {
      return [...gold.clusters].sort(
        (a, b) => b.members.length - a.members.length,
      )[0] as CorpusFile['clusters'][number];
    }

    beforeAll(async () => {
      gold = loadCorpusFile(CORPUS);
      const store = openSqliteStore(db);
      await store.migrate();
      for (const d of gold.documents) {
        const text = readFileSync(join(dirname(CORPUS), d.text_file ?? ''), 'utf8');
        const meta = {
          ...(d.published !== undefined ? { published: d.published } : {}),
          ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
          ...(d.url !== undefined ? { url: d.url } : {}),
        };
        await store.ingest(analyzeDocument(createDocument(text, meta)));
      }
      await store.close();
    }, 120_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('geojson: an RFC 7946 FeatureCollection with [lon, lat] points where the gold places are', () => {
      const r = cli('export', '--format', 'geojson');
      expect(r.status, r.stderr).toBe(0);
      const fc = JSON.parse(r.stdout) as {
        type: string;
        features: {
          type: string;
          geometry: { type: string; coordinates: number[] } | null;
          properties: Record<string, unknown>;
        }[];
      };
      expect(fc.type).toBe('FeatureCollection');
      for (const f of fc.features) {
        expect(f.type).toBe('Feature');
        expect(typeof f.properties).toBe('object');
        if (f.geometry === null) continue;
        expect(f.geometry.type).toBe('Point');
        const [lon, lat] = f.geometry.coordinates as [number, number];
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      }
      const place = main().place;
      const widest = [...fc.features].sort(
        (a, b) => Number(b.properties.memberCount) - Number(a.properties.memberCount),
      )[0];
      expect(widest?.properties.memberCount).toBe(main().members.length);
      const [lon, lat] = widest?.geometry?.coordinates ?? [];
      expect(Math.abs((lon ?? 0) - (place?.lon ?? 0))).toBeLessThan(1);
      expect(Math.abs((lat ?? 0) - (place?.lat ?? 0))).toBeLessThan(1);
    }, 120_000);

    it('acled: ACLED columns in order, the conservative toll as fatalities and every value in notes', () => {
      const r = cli('export', '--format', 'acled');
      expect(r.status, r.stderr).toBe(0);
      const [header, ...rows] = parseCsv(r.stdout);
      expect(header).toEqual([...ACLED_COLUMNS]);
      const killed = (main().figures.killed ?? []).map((v) => v.value);
      const at = (name: string): number => header?.indexOf(name) ?? -1;
      const row = rows.find((x) => Number(x[at('fatalities')]) === Math.min(...killed));
      expect(row, 'a row with the lowest reported toll').toBeDefined();
      for (const v of killed) expect(row?.[at('notes')]).toContain(String(v));
      expect(row?.[at('event_type')]).not.toBe('');
    }, 120_000);

    it('jsonld, csv and corpus: schema.org graph, flat rows, and an answer the corpus evaluator scores', () => {
      const ld = cli('export', '--format', 'jsonld');
      expect(ld.status, ld.stderr).toBe(0);
      const graph = JSON.parse(ld.stdout) as {
        '@context': unknown;
        '@graph': { '@type': string | string[] }[];
      };
      expect(JSON.stringify(graph['@context'])).toContain('schema.org');
      const types = new Set(graph['@graph'].flatMap((n) => n['@type']));
      expect(types).toContain('Event');
      expect(types).toContain('NewsArticle');

      const csv = cli('export', '--format', 'csv');
      expect(csv.status, csv.stderr).toBe(0);
      expect(parseCsv(csv.stdout).length).toBeGreaterThan(main().members.length);

      const corpus = cli('export', '--format', 'corpus', '--out', join(dir, 'answer.json'));
      expect(corpus.status, corpus.stderr).toBe(0);
      const answer = JSON.parse(readFileSync(join(dir, 'answer.json'), 'utf8')) as CorpusFile;
      expect(answer.format).toBe('corpus/v1');
      const widest = Math.max(...answer.clusters.map((c) => c.members.length));
      expect(widest).toBe(main().members.length);
    }, 120_000);

    it('query clusters and conflicts show the disputed toll with who reported which', () => {
      const clusters = cli('query', 'clusters', '--json');
      expect(clusters.status, clusters.stderr).toBe(0);
      const rows = JSON.parse(clusters.stdout) as {
        members: unknown[];
        figures: { field: string; disputed: boolean }[];
      }[];
      expect(
        rows.some(
          (c) =>
            c.members.length === main().members.length &&
            c.figures.some((f) => f.field === 'killed' && f.disputed),
        ),
      ).toBe(true);
      const table = cli('query', 'conflicts');
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^CLUSTER\s+KIND\s+WHAT\s+WHO SAID WHICH/);
      const json = cli('query', 'conflicts', '--json');
      const conflicts = JSON.parse(json.stdout) as { kind: string; what: string; sides: string[] }[];
      const killed = conflicts.find((c) => c.kind === 'figure' && c.what.startsWith('killed'));
      const values = (main().figures.killed ?? []).map((v) => v.value);
      expect(killed?.sides.map((x) => Number(x.split(' ')[0])).sort()).toEqual([...values].sort());
      expect(conflicts.some((c) => c.kind === 'claim')).toBe(true);
    }, 120_000);
  },
);
