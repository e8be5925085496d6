/** End to end: `parallax ingest` of a few outlets' articles, then `parallax query outlets` as table and JSON. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutletFingerprint } from '../../src/corpus/outlets.js';
import { tokenize } from '../../src/text/tokenize.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');

const dir = mkdtempSync(join(tmpdir(), 'parallax-outlets-'));
const db = join(dir, 'parallax.db');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), NO_COLOR: '1' };
  // The test must never fall back to a developer's real store.
  delete env.PARALLAX_DB;
  const result = spawnSync(tsx, [entry, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Written for this test. Two Harbor Times pieces attach a designation footnote and use "puppet regime"
// in their own voice; the Gazette (known only by its URL) has the phrase only inside a quotation.
const RECORDS = [
  {
    outlet: 'Harbor Times',
    published: '2025-03-04',
    text: 'Militants of the Islamic State* attacked an army checkpoint near Kirkuk on Monday, killing four soldiers.\n"We will hunt down every one of them," said Yahya Rasool, a military spokesman.\nThe puppet regime in the north has offered no comment.\n* A terrorist organization banned in Russia.',
  },
  {
    outlet: 'Harbor Times',
    published: '2025-03-05',
    text: 'Families buried four soldiers in Kirkuk on Tuesday, a day after the Islamic State* attack on their checkpoint.\n"The families will be looked after," said Yahya Rasool, a military spokesman.\nThe puppet regime in the north has stayed silent.\n* A terrorist organization banned in Russia.',
  },
  {
    url: 'https://www.gazette.example/news/kirkuk',
    published: '2025-03-04',
    text: 'Four soldiers were killed when gunmen attacked a checkpoint near Kirkuk on Monday.\n"The puppet regime sent these killers," said Yahya Rasool, a military spokesman.\nThe attackers escaped in two cars.',
  },
  {
    published: '2025-03-06',
    text: 'Diplomats from France and Germany met in Geneva on Thursday to discuss trade.',
  },
];

const words = (text: string): number => tokenize(text).filter((t) => t.kind === 'word').length;

beforeAll(() => {
  writeFileSync(join(dir, 'articles.jsonl'), `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const ingest = cli('ingest', join(dir, 'articles.jsonl'), '--db', db);
  expect(ingest.stderr).toBe('');
  expect(ingest.stdout.trim()).toBe('ingested 4, duplicates 0, rejected 0');
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax query outlets', () => {
  it('prints one fingerprint per outlet as JSON', () => {
    const run = cli('query', 'outlets', '--json', '--db', db);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as OutletFingerprint[];
    expect(rows.map((r) => [r.outlet, r.documents])).toEqual([
      ['Harbor Times', 2],
      ['(unknown)', 1],
      ['gazette.example', 1],
    ]);
    const [harbor, unknown, gazette] = rows;
    expect(harbor?.words).toBe(words(RECORDS[0]!.text) + words(RECORDS[1]!.text));
    expect(gazette?.words).toBe(words(RECORDS[2]!.text));
    expect(unknown?.words).toBe(words(RECORDS[3]!.text));

    expect(harbor?.footnotes.total).toBe(2);
    expect(harbor?.footnotes.entities).toEqual([{ name: 'Islamic State', count: 2 }]);
    expect(harbor?.footnotes.texts).toEqual([
      { name: 'A terrorist organization banned in Russia.', count: 2 },
    ]);
    expect(gazette?.footnotes.total).toBe(0);

    // "puppet regime" is the Harbor Times' own label twice; the Gazette only quotes it.
    expect(harbor?.loaded.phrases).toContainEqual({ name: 'puppet regime', count: 2 });
    expect(gazette?.loaded.phrases.map((p) => p.name)).not.toContain('puppet regime');
    for (const row of rows) {
      expect(row.loaded.perThousandWords).toBeCloseTo((row.loaded.total * 1000) / row.words, 2);
    }

    expect(harbor?.quotes.sources[0]).toEqual({ name: 'Yahya Rasool', count: 2, kind: 'entity' });
    expect(gazette?.quotes.sources).toContainEqual({ name: 'Yahya Rasool', count: 1, kind: 'entity' });
    expect(unknown?.quotes.total).toBe(0);
  });

  it('prints the same fingerprints as a table', () => {
    const run = cli('query', 'outlets', '--db', db);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'OUTLET',
      'DOCS',
      'WORDS',
      'FOOTNOTES',
      'LOADED/1K',
      'LOADED',
      'SOURCES',
    ]);
    expect(lines).toHaveLength(4);
    const harbor = lines[1]?.split(/\s{2,}/) ?? [];
    expect(harbor.slice(0, 4)).toEqual([
      'Harbor Times',
      '2',
      String(words(RECORDS[0]!.text) + words(RECORDS[1]!.text)),
      'Islamic State (2)',
    ]);
    expect(harbor[5]).toMatch(/puppet regime \(2\)/);
    expect(harbor[6]).toMatch(/^Yahya Rasool \(2\)/);
    expect(lines[2]).toMatch(/^\(unknown\)\s+1\s/);
    expect(lines[3]).toMatch(/^gazette\.example\s+1\s/);
  });

  it('pages the outlets with --limit and --offset and filters the documents', () => {
    const first = cli('query', 'outlets', '--limit', '1', '--db', db);
    expect(first.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(first.stderr).toContain('more with --offset 1');
    const rest = cli('query', 'outlets', '--json', '--offset', '1', '--db', db);
    expect((JSON.parse(rest.stdout) as OutletFingerprint[]).map((r) => r.outlet)).toEqual([
      '(unknown)',
      'gazette.example',
    ]);
    // Only the documents published on 4 March: one of each named outlet.
    const day = cli('query', 'outlets', '--json', '--from', '2025-03-04', '--to', '2025-03-04', '--db', db);
    expect((JSON.parse(day.stdout) as OutletFingerprint[]).map((r) => [r.outlet, r.documents])).toEqual([
      ['gazette.example', 1],
      ['Harbor Times', 1],
    ]);
  });
});
