/**
 * A bulk run killed with SIGKILL mid-batch and restarted with --resume: every record ends up stored
 * exactly once, and the restarted run neither re-reads nor re-analyses what was committed before the
 * kill — proved by the trace the engine writes (PARALLAX_TRACE_FILE) and by the store itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const entry = join(root, 'src', 'cli', 'run.ts');
const dir = mkdtempSync(join(tmpdir(), 'parallax-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RECORDS = 1500;
const CITIES = ['Tbilisi', 'Geneva', 'Nairobi', 'Lima', 'Hanoi', 'Oslo'];

function article(i: number): string {
  const city = CITIES[i % CITIES.length]!;
  return [
    `Record ${i}: protesters gathered in ${city} on Monday to oppose a new media law, and police detained ${i + 2} people, the interior ministry said.`,
    `Opposition leaders said the law would silence independent outlets, while the government said it was needed to protect national security.`,
    `A spokesperson for the ministry said talks with the protesters would continue on Tuesday.`,
  ].join(' ');
}

function traceLines(path: string, kind: 'read' | 'analyze'): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${kind} `))
    .map((l) => l.replace(/^\S+ \S+ /, ''));
}

function run(
  args: string[],
  traceFile: string,
  killAfterAnalyses?: number,
): Promise<{ status: number | null; signal: string | null; stdout: string }> {
  return new Promise((ok) => {
    // node itself runs the CLI (tsx as a loader, not a wrapper process), so SIGKILL hits the worker.
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: root,
      env: {
        ...process.env,
        PARALLAX_TRACE_FILE: traceFile,
        PARALLAX_DB: '',
        XDG_DATA_HOME: join(dir, 'xdg'),
      },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    const hard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    let poll: NodeJS.Timeout | undefined;
    if (killAfterAnalyses !== undefined) {
      poll = setInterval(() => {
        if (traceLines(traceFile, 'analyze').length >= killAfterAnalyses) {
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 5);
    }
    child.on('close', (status, signal) => {
      clearTimeout(hard);
      if (poll) clearInterval(poll);
      ok({ status, signal, stdout });
    });
  });
}

describe('parallax ingest --resume after SIGKILL', () => {
  it('stores every record exactly once and redoes nothing committed before the kill', async () => {
    const input = join(dir, 'batch.jsonl');
    const lines = Array.from({ length: RECORDS }, (_, i) =>
      JSON.stringify({
        id: `r${i}`,
        text: article(i),
        url: `https://example.test/r/${i}`,
        published: '2024-04-10',
      }),
    );
    writeFileSync(input, `${lines.join('\n')}\n`);
    const db = join(dir, 'store.db');
    const trace1 = join(dir, 'trace-1.txt');
    const trace2 = join(dir, 'trace-2.txt');

    const killed = await run(['ingest', input, '--db', db, '--batch-size', '50'], trace1, 125);
    expect(killed.signal).toBe('SIGKILL');

    // What the store holds after the kill: only whole transactions.
    const before = new Database(db, { readonly: true });
    const settledBefore = (
      before.prepare("SELECT position FROM raw_inputs WHERE status <> 'pending'").all() as {
        position: string;
      }[]
    ).map((r) => r.position);
    const recordedBefore = (
      before.prepare('SELECT position FROM raw_inputs').all() as { position: string }[]
    ).map((r) => r.position);
    const docsBefore = (before.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    before.close();
    expect(settledBefore.length).toBeGreaterThan(0);
    expect(settledBefore.length).toBeLessThan(RECORDS);
    expect(docsBefore).toBe(settledBefore.length);
    expect(traceLines(trace1, 'analyze').length).toBeGreaterThanOrEqual(125);

    console.info(
      `killed with ${settledBefore.length} records settled, ${recordedBefore.length} recorded; ${traceLines(trace1, 'analyze').length} analyses before the kill`,
    );
    const resumed = await run(['ingest', input, '--db', db, '--batch-size', '50', '--resume'], trace2);
    expect(resumed.status).toBe(0);

    const after = new Database(db, { readonly: true });
    const positions = (
      after.prepare('SELECT position FROM raw_inputs ORDER BY id').all() as { position: string }[]
    ).map((r) => r.position);
    const pending = (
      after.prepare("SELECT COUNT(*) AS n FROM raw_inputs WHERE status = 'pending'").get() as { n: number }
    ).n;
    const documents = (after.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    const checkpoint = after.prepare('SELECT records, finished FROM ingest_checkpoints').get();
    after.close();

    // Exactly once: every record has one raw input and one document, nothing left pending.
    expect(positions).toHaveLength(RECORDS);
    expect(new Set(positions).size).toBe(RECORDS);
    expect(documents).toBe(RECORDS);
    expect(pending).toBe(0);
    expect(checkpoint).toEqual({ records: RECORDS, finished: 1 });

    // Resume is real: nothing recorded before the kill is read again, nothing settled is analysed again.
    const read2 = traceLines(trace2, 'read');
    const analyzed2 = traceLines(trace2, 'analyze');
    for (const p of recordedBefore) expect(read2).not.toContain(p);
    for (const p of settledBefore) expect(analyzed2).not.toContain(p);
    expect(read2).toHaveLength(RECORDS - recordedBefore.length);
    expect(analyzed2).toHaveLength(RECORDS - settledBefore.length);
    // Inputs stored but not settled at the kill are finished from the store, not from the file.
    const pendingAtKill = recordedBefore.length - settledBefore.length;
    if (pendingAtKill > 0) expect(resumed.stdout).toContain(`recovered ${pendingAtKill}`);
    expect(resumed.stdout).toMatch(
      new RegExp(`^ingested ${RECORDS - settledBefore.length}, duplicates 0, rejected 0`),
    );
  });
});
