/**
 * End to end: `parallax export` as a child process. Option errors, a missing store, and an empty store
 * in every format (the coverage-store test follows once the store computes clusters).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClusterQuery, parseDayBound, parseFormat } from '../../src/cli/commands/export.js';
import { ACLED_COLUMNS } from '../../src/export/acled-csv.js';
import { ParallaxError } from '../../src/errors.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');

const dir = mkdtempSync(join(tmpdir(), 'parallax-export-'));
const db = join(dir, 'parallax.db');

function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), NO_COLOR: '1' };
  // The test must never fall back to a developer's real store.
  delete env.PARALLAX_DB;
  const result = spawnSync(tsx, [entry, 'export', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const store = openSqliteStore(db);
  await store.migrate();
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax export options', () => {
  it('needs a known --format', () => {
    expect(() => parseFormat(undefined)).toThrow(/--format is required: one of acled, geojson, jsonld, csv/);
    expect(() => parseFormat('kml')).toThrow(ParallaxError);
    expect(parseFormat('GeoJSON')).toBe('geojson');
  });

  it('reads date bounds as whole periods and rejects impossible days', () => {
    expect(parseDayBound('2024', 'from')).toBe('2024-01-01');
    expect(parseDayBound('2024', 'to')).toBe('2024-12-31');
    expect(parseDayBound('2024-02', 'to')).toBe('2024-02-29');
    expect(parseDayBound('2024-01-03', 'from')).toBe('2024-01-03');
    for (const bad of ['2024-02-30', '2024-13', '03/01/2024', 'yesterday']) {
      expect(() => parseDayBound(bad, 'from')).toThrow(ParallaxError);
    }
  });

  it('builds the cluster query, refusing unknown types and inverted ranges', () => {
    expect(buildClusterQuery({ type: 'assault', place: ' Kerman ', from: '2024-01', to: '2024-01' })).toEqual(
      {
        type: 'ASSAULT',
        place: 'Kerman',
        from: '2024-01-01',
        to: '2024-01-31',
      },
    );
    expect(() => buildClusterQuery({ type: 'BOMBING' })).toThrow(/--type must be a PLOVER type/);
    expect(() => buildClusterQuery({ from: '2024-05', to: '2024-04' })).toThrow(/is after --to/);
    expect(() => buildClusterQuery({ cluster: ' ' })).toThrow(/--cluster must not be empty/);
  });

  it('exits 2 with one line for a bad option or an unwritable --out', () => {
    const missing = cli('--db', join(dir, 'nowhere.db'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      'parallax: --format is required: one of acled, geojson, jsonld, csv, corpus\n',
    );
    const badOut = cli('--format', 'csv', '--db', db, '--out', join(dir, 'no-such-folder', 'x.csv'));
    expect(badOut.status).toBe(2);
    expect(badOut.stderr).toMatch(/^parallax: cannot write --out .*x\.csv: its folder does not exist\n$/);
  });

  it('exits 3 when there is no store, rather than creating an empty one', () => {
    const run = cli('--format', 'geojson', '--db', join(dir, 'missing', 'parallax.db'));
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/no store at .*missing/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('parallax export on an empty store', () => {
  it('writes the ACLED header and nothing else', () => {
    const acled = cli('--format', 'acled', '--db', db);
    expect(acled.status).toBe(0);
    expect(acled.stdout).toBe(`${ACLED_COLUMNS.join(',')}\r\n`);
    expect(acled.stderr).toBe('exported 0 clusters as acled to stdout\n');
  });

  it('writes an empty FeatureCollection and an empty JSON-LD graph, to stdout or to --out', () => {
    const geojson = cli('--format', 'geojson', '--db', db);
    expect(geojson.status).toBe(0);
    expect(JSON.parse(geojson.stdout)).toEqual({ type: 'FeatureCollection', features: [] });
    const out = join(dir, 'graph.jsonld');
    const jsonld = cli('--format', 'jsonld', '--db', db, '--out', out);
    expect(jsonld.status).toBe(0);
    expect(jsonld.stdout).toBe('');
    expect(jsonld.stderr).toBe(`exported 0 clusters as jsonld to ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ '@graph': [] });
    // Written under a temporary name and renamed: nothing partial is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
