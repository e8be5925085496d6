/** End to end: `parallax analyze` as a child process, every output format, and its refusals of bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../helpers/shared.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');
const demo = join(root, 'examples', 'demo-article.txt');
const dir = mkdtempSync(join(tmpdir(), 'parallax-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, [entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    input,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const schema = JSON.parse(readFileSync(join(root, 'schema', 'analysis.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe('parallax analyze', () => {
  it('prints JSON that validates against the published schema', () => {
    const r = cli(['analyze', demo, '--published', '2025-03-12', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const json: unknown = JSON.parse(r.stdout);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it.skipIf(!hasShared)('prints schema-valid JSON for the reference article', () => {
    const r = cli([
      'analyze',
      sharedPath('examples/kerman/article.txt'),
      '--published',
      '2024-01-09',
      '--format',
      'json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes a gold/v1 answer that names its system', () => {
    const r = cli(['analyze', demo, '--published', '2025-03-12', '--format', 'gold']);
    expect(r.status, r.stderr).toBe(0);
    const gold = JSON.parse(r.stdout) as { format: string; system: string; entities: unknown[] };
    expect(gold.format).toBe('gold/v1');
    expect(gold.system).toMatch(/^parallax /);
    expect(gold.entities.length).toBeGreaterThan(0);
  });

  it.each(['md', 'table'])('prints a %s report with every section', (format) => {
    const r = cli(['analyze', demo, '--format', format]);
    expect(r.status, r.stderr).toBe(0);
    for (const section of ['entities', 'quotes', 'events', 'places', 'markers'])
      expect(r.stdout.toLowerCase()).toContain(section);
  });

  it('reads stdin with -', () => {
    const r = cli(['analyze', '-', '--format', 'json'], 'Officials in Chile said the vote was fair.\n');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { entities: { name: string }[] }).entities.map((e) => e.name)).toContain(
      'Chile',
    );
  });

  it.each([
    ['empty.txt', '', /is empty/],
    ['binary.bin', Buffer.from([0x00, 0x01, 0x02, 0xff]), /binary/],
    ['latin1.txt', Buffer.from('Caf\xe9 in Z\xfcrich', 'latin1'), /not valid UTF-8/],
    ['missing.txt', null, /no such file/],
  ])('refuses %s with one clear line and a non-zero exit', (name, content, message) => {
    const path = join(dir, name);
    if (content !== null) writeFileSync(path, content);
    const r = cli(['analyze', path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a text over the size cap, and bad options', () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, 'Word after word. '.repeat(100));
    expect(cli(['analyze', path, '--max-bytes', '100']).stderr).toMatch(/over the per-document cap/);
    expect(cli(['analyze', demo, '--format', 'xml']).status).toBe(2);
    expect(cli(['analyze', demo, '--published', '2024-02-30']).status).toBe(2);
  });
});
