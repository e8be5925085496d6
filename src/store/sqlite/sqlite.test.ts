/** Runs the Store contract against SQLite (file and in-memory), checks what is SQLite-specific, and the store path. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors.js';
import { contractFixtures, runStoreContract } from '../contract.js';
import { defaultStorePath, resolveStorePath } from '../default-path.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const tempPath = (): string => join(dir, `store-${++counter}.db`);

runStoreContract('sqlite (temp file)', () => openSqliteStore(tempPath()));
runStoreContract('sqlite (:memory:)', () => openSqliteStore(':memory:'));

describe('sqlite store specifics', () => {
  const fx = contractFixtures();

  it('records every migration and uses WAL on files', async () => {
    const path = tempPath();
    const store = openSqliteStore(path);
    expect(await store.schemaVersion()).toBe(0);
    await store.migrate();
    await store.migrate();
    expect(await store.schemaVersion()).toBe(MIGRATIONS.at(-1)?.version);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('keeps data, full-text index included, across reopening', async () => {
    const path = tempPath();
    const first = openSqliteStore(path);
    await first.migrate();
    await first.ingest(fx.zurich);
    await first.close();
    const second = openSqliteStore(path);
    await second.migrate();
    expect((await second.findDocuments({ search: 'ceasefire' })).map((d) => d.documentId)).toEqual([
      fx.zurich.document.id,
    ]);
    expect((await second.ingest(fx.zurich)).created).toBe(false);
    expect(await second.getAnalysis(fx.zurich.document.id)).toEqual(fx.zurich);
    await second.close();
  });

  it('reads an analysis stored before the attributions layer existed with that layer empty', async () => {
    const path = tempPath();
    const first = openSqliteStore(path);
    await first.migrate();
    await first.ingest(fx.zurich);
    await first.close();
    const { attributions: _dropped, ...old } = fx.zurich;
    const db = new Database(path);
    db.prepare('UPDATE documents SET analysis_json = ? WHERE id = ?').run(
      JSON.stringify(old),
      fx.zurich.document.id,
    );
    db.close();
    const second = openSqliteStore(path);
    await second.migrate();
    expect((await second.getAnalysis(fx.zurich.document.id))?.attributions).toEqual([]);
    await second.close();
  });

  it('refuses to work before migrate() and after close()', async () => {
    const store = openSqliteStore(':memory:');
    await expect(store.stats()).rejects.toThrow(/migrate\(\)/);
    await store.migrate();
    await store.close();
    await expect(store.stats()).rejects.toThrow(/closed/);
    await store.close();
  });

  it('refuses a store written by a newer schema', async () => {
    const path = tempPath();
    const store = openSqliteStore(path);
    await store.migrate();
    await store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2100-01-01')").run();
    db.close();
    const again = openSqliteStore(path);
    await expect(again.migrate()).rejects.toThrow(/newer/);
    await again.close();
  });

  it('wraps SQLite failures as STORE_ERROR without leaking the query', async () => {
    const path = join(dir, 'not-a-db.db');
    writeFileSync(
      path,
      'this is plainly not a SQLite database, just some text that is long enough '.repeat(20),
    );
    let error: unknown;
    try {
      const store = openSqliteStore(path);
      await store.migrate();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParallaxError);
    expect((error as ParallaxError).code).toBe('STORE_ERROR');
    expect((error as ParallaxError).message).toMatch(/not a Parallax store/);

    const missingDir = join(dir, 'no', 'such', 'dir', 'x.db');
    expect(() => openSqliteStore(missingDir)).toThrow(ParallaxError);
  });

  it('rolls back when the failure comes from inside the database', async () => {
    // A trigger makes the very last insert of an ingest fail, after every other table was written.
    const path = tempPath();
    const store = openSqliteStore(path);
    await store.migrate();
    await store.ingest(fx.tbilisi);
    const before = await store.stats();
    await store.close();
    const db = new Database(path);
    db.exec(
      `CREATE TRIGGER fail_markers BEFORE INSERT ON markers BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    db.close();
    const again = openSqliteStore(path);
    await again.migrate();
    await expect(again.ingest(fx.kharkiv)).rejects.toMatchObject({ code: 'STORE_ERROR' });
    expect(await again.stats()).toEqual(before);
    expect(await again.findDocuments({ search: 'Kharkiv' })).toEqual([]);
    expect(await again.findQuotes({ search: 'civilians' })).toEqual([]);
    await again.close();
  });
});

describe('store path', () => {
  const home = join(dir, 'home');

  it('prefers --db, then $PARALLAX_DB, then the XDG data directory', () => {
    const env = { PARALLAX_DB: join(dir, 'env', 'p.db'), XDG_DATA_HOME: join(dir, 'xdg') };
    expect(resolveStorePath({ db: join(dir, 'flag', 'p.db'), env, home })).toBe(join(dir, 'flag', 'p.db'));
    expect(resolveStorePath({ env, home })).toBe(join(dir, 'env', 'p.db'));
    expect(resolveStorePath({ env: { XDG_DATA_HOME: join(dir, 'xdg') }, home })).toBe(
      join(dir, 'xdg', 'parallax', 'parallax.db'),
    );
    expect(existsSync(join(dir, 'xdg', 'parallax'))).toBe(true);
  });

  it('falls back to ~/.local/share, ignoring empty and relative settings', () => {
    const expected = join(home, '.local', 'share', 'parallax', 'parallax.db');
    expect(defaultStorePath({}, home)).toBe(expected);
    expect(defaultStorePath({ XDG_DATA_HOME: 'relative/dir' }, home)).toBe(expected);
    expect(resolveStorePath({ db: '', env: { PARALLAX_DB: '  ' }, home })).toBe(expected);
  });

  it('passes :memory: through and can leave directories alone', () => {
    expect(resolveStorePath({ db: ':memory:', home })).toBe(':memory:');
    const path = resolveStorePath({ db: join(dir, 'untouched', 'x.db'), home, createDirectory: false });
    expect(existsSync(join(dir, 'untouched'))).toBe(false);
    expect(path).toBe(join(dir, 'untouched', 'x.db'));
  });

  it('reports a directory it cannot create as STORE_ERROR', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    expect(() => resolveStorePath({ db: join(blocker, 'sub', 'x.db'), home })).toThrow(
      /cannot create the directory/,
    );
  });
});
