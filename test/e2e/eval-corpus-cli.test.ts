/** End to end: `parallax eval corpus --system` as a child process, its table, its JSON and its refusals. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../helpers/shared.js';

const root = resolve(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const entry = join(root, 'src', 'cli', 'run.ts');
const dir = mkdtempSync(join(tmpdir(), 'parallax-eval-corpus-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, [entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const gold = {
  format: 'corpus/v1',
  documents: ['a', 'b', 'c'].map((id) => ({ id, text_file: `${id}.txt`, published: '2024-01-03' })),
  clusters: [
    {
      key: 'attack',
      members: ['a', 'b'],
      figures: {
        killed: [
          { doc: 'a', value: 103 },
          { doc: 'b', value: 84 },
        ],
      },
    },
    { key: 'other', members: ['c'] },
  ],
  conflicts: [{ cluster: 'attack', kind: 'figure', field: 'killed', values: [103, 84] }],
};
// The system merged everything, kept one figure and flagged no dispute.
const answer = {
  format: 'corpus/v1',
  system: 'stub 1',
  clusters: [{ key: 's', members: ['a', 'b', 'c'], figures: { killed: [{ doc: 'a', value: 103 }] } }],
};

describe('parallax eval corpus --system', () => {
  const goldPath = write('corpus.json', gold);
  const answerPath = write('answer.json', answer);

  it('prints the per-section table', () => {
    const r = cli(['eval', 'corpus', goldPath, '--system', answerPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('system: stub 1');
    // 3 pairs, 1 right: P 1/3, R 1
    expect(r.stdout).toMatch(/^clustering \(pairs\)\s+0\.333\s+1\.000\s+0\.500\s+1\s+2\s+0$/m);
    expect(r.stdout).toContain('gold clusters merged: yes: attack + other in s');
    expect(r.stdout).toContain('figures coverage 0.500 (1/2)');
    expect(r.stdout).toMatch(/^conflicts\s+n\/a\s+0\.000\s+0\.000\s+0\s+0\s+1$/m);
  });

  it('prints JSON with --json', () => {
    const r = cli(['eval', 'corpus', goldPath, '--system', answerPath, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as {
      report: { clustering: { merged: boolean }; figures: { coverage: number } };
    };
    expect(parsed.report.clustering.merged).toBe(true);
    expect(parsed.report.figures.coverage).toBe(0.5);
  });

  it('refuses a bad answer with exit status 2 and one line naming the problem', () => {
    const bad = write('bad.json', { format: 'corpus/v1', clusters: [{ key: 's', members: 'a' }] });
    const r = cli(['eval', 'corpus', goldPath, '--system', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('not a valid corpus/v1 file: clusters[0].members:');
  });

  it.skipIf(!hasShared)(`scores the coverage example against itself as 1`, () => {
    const file = sharedPath('examples/kerman-coverage/corpus.json');
    const r = cli(['eval', 'corpus', file, '--system', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^clustering \(pairs\)\s+1\.000\s+1\.000\s+1\.000\s+10\s+0\s+0$/m);
    expect(r.stdout).toContain('figures coverage 1.000 (11/11)');
    expect(r.stdout).toMatch(/^conflicts\s+1\.000\s+1\.000\s+1\.000\s+6\s+0\s+0$/m);
  });
});
