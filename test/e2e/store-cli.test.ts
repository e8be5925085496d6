/** End to end: `parallax ingest` and `parallax query` as child processes against a temporary store. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');

const dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'));
const db = join(dir, 'store', 'parallax.db');
const file = (name: string): string => join(dir, name);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), NO_COLOR: '1' };
  // The test must never fall back to a developer's real store.
  delete env.PARALLAX_DB;
  const result = spawnSync(tsx, [entry, ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function documentCount(): Promise<number> {
  const store = openSqliteStore(db);
  try {
    await store.migrate();
    return (await store.stats()).documents;
  } finally {
    await store.close();
  }
}

const ARTICLE_ONE =
  'Protesters gathered in Tbilisi on Monday to oppose a new media law. Police detained twelve people, the interior ministry said.\n';
const ARTICLE_TWO =
  'Diplomats from France and Germany met in Geneva on Tuesday. A spokesperson said the talks on the ceasefire were constructive.\n';

beforeAll(() => {
  writeFileSync(file('one.txt'), ARTICLE_ONE);
  // Same article with other line endings and trailing spaces: normalizes to the same content hash.
  writeFileSync(file('one-again.txt'), ARTICLE_ONE.replace('\n', '  \r\n'));
  writeFileSync(file('two.txt'), ARTICLE_TWO);
  writeFileSync(file('empty.txt'), '');
  writeFileSync(file('blank.txt'), ' \n\t\n');
  writeFileSync(
    file('binary.bin'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
  );
  writeFileSync(file('latin1.txt'), Buffer.from('Caf\xe9 owners in Z\xfcrich protested.', 'latin1'));
  writeFileSync(file('large.txt'), `${'A long report about nothing in particular. '.repeat(10)}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax ingest', () => {
  it('stores an article once, however often it is ingested', async () => {
    const first = cli(
      'ingest',
      file('one.txt'),
      '--db',
      db,
      '--published',
      '2024-04-10',
      '--outlet',
      'Harbor Times',
    );
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe('ingested 1, duplicates 0, rejected 0');
    const again = cli('ingest', file('one.txt'), '--db', db);
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe('ingested 0, duplicates 1, rejected 0');
    const normalized = cli('ingest', file('one-again.txt'), '--db', db);
    expect(normalized.stdout.trim()).toBe('ingested 0, duplicates 1, rejected 0');
    expect(await documentCount()).toBe(1);
  });

  const bad: [string, string, string[], RegExp][] = [
    ['an empty file', 'empty.txt', [], /is empty/],
    ['a blank file', 'blank.txt', [], /is empty/],
    ['a binary file', 'binary.bin', [], /binary/],
    ['an invalid UTF-8 file', 'latin1.txt', [], /not valid UTF-8/],
    [
      'a file over --max-bytes',
      'large.txt',
      ['--max-bytes', '100'],
      /over the per-document cap of 100 bytes/,
    ],
    ['a missing path', 'does-not-exist.txt', [], /no such file/],
  ];
  it.each(bad)(
    'rejects %s with one line on stderr, leaving the store as it was',
    async (_label, name, extra, why) => {
      const before = await documentCount();
      const run = cli('ingest', file(name), '--db', db, ...extra);
      expect(run.status).not.toBe(0);
      expect(run.status).not.toBeNull();
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^parallax: /);
      expect(lines[0]).toContain(file(name));
      expect(lines[0]).toMatch(why);
      expect(run.stdout).toBe('');
      expect(await documentCount()).toBe(before);
    },
  );

  it('carries on past a bad file in the middle and reports it', async () => {
    const before = await documentCount();
    const run = cli(
      'ingest',
      file('one.txt'),
      file('binary.bin'),
      file('two.txt'),
      file('missing.txt'),
      '--db',
      db,
    );
    expect(run.status).toBe(2);
    expect(run.stdout.trim()).toBe('ingested 1, duplicates 1, rejected 2');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^parallax: rejected .*binary\.bin: looks like a binary file/);
    expect(lines[1]).toMatch(/^parallax: rejected .*missing\.txt: no such file/);
    expect(await documentCount()).toBe(before + 1);
  });

  it('rejects a bad option before touching anything', () => {
    const run = cli('ingest', file('two.txt'), '--db', db, '--published', '2024-02-30');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/^parallax: --published must be a date/);
  });
});

describe('parallax query', () => {
  it('lists documents as a table and as JSON', () => {
    const table = cli('query', 'documents', '--db', db);
    expect(table.status).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^DOCUMENT\s+PUBLISHED\s+OUTLET/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/2024-04-10\s+Harbor Times/);

    const json = cli('query', 'documents', '--db', db, '--json', '--search', 'ceasefire');
    expect(json.status).toBe(0);
    const docs = JSON.parse(json.stdout) as { documentId: string; length: number }[];
    expect(docs).toHaveLength(1);
    expect(docs[0]?.length).toBe(ARTICLE_TWO.trim().length);
  });

  it('filters by date and pages', () => {
    const dated = JSON.parse(
      cli('query', 'documents', '--db', db, '--json', '--from', '2024-04', '--to', '2024-04').stdout,
    );
    expect(dated).toHaveLength(1);
    const page = JSON.parse(
      cli('query', 'documents', '--db', db, '--json', '--limit', '1', '--offset', '1').stdout,
    );
    expect(page).toHaveLength(1);
    const none = cli('query', 'quotes', '--db', db, '--search', 'zzzz');
    expect(none.status).toBe(0);
    expect(none.stdout.trim()).toBe('no quotes match');
  });

  it('gives a one-line error for bad options and a missing store', () => {
    const badType = cli('query', 'events', '--db', db, '--type', 'PARTY');
    expect(badType.status).toBe(2);
    expect(badType.stderr.trim()).toMatch(/^parallax: --type for events must be one of: AGREE/);
    const badDate = cli('query', 'events', '--db', db, '--from', 'yesterday');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr.trim().split('\n')).toHaveLength(1);
    const missing = cli('query', 'entities', '--db', join(dir, 'nowhere', 'x.db'));
    expect(missing.status).toBe(3);
    expect(missing.stderr.trim()).toMatch(/^parallax: no store at .*x\.db/);
  });
});
