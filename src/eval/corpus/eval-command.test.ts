/** The `eval corpus` command in-process: a saved answer, JSON output, a built answer, and its refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { evalCorpus, loadAnswerBuilder } from '../../cli/commands/eval-corpus.js';
import { registerEval } from '../../cli/commands/eval.js';
import type { CorpusReport } from './score.js';

const corpus = {
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

let dir = '';
let goldPath = '';
let answerPath = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-eval-corpus-'));
  goldPath = join(dir, 'corpus.json');
  writeFileSync(goldPath, JSON.stringify(corpus));
  answerPath = join(dir, 'answer.json');
  writeFileSync(answerPath, JSON.stringify({ ...corpus, system: 'saved 2' }));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(...args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const program = new Command('parallax').exitOverride();
  registerEval(program);
  await program.parseAsync(['node', 'parallax', 'eval', 'corpus', ...args]);
  return out;
}

describe('parallax eval corpus', () => {
  it('scores a saved answer with --system', async () => {
    const out = await run(goldPath, '--system', answerPath);
    expect(out).toContain('system: saved 2');
    expect(out).toMatch(/^clustering \(pairs\)\s+1\.000\s+1\.000\s+1\.000\s+1\s+0\s+0$/m);
    expect(out).toContain('figures coverage 1.000 (2/2)');
    expect(out).toContain('gold clusters merged: no');
  });

  it('prints one JSON object with --json', async () => {
    const parsed = JSON.parse(await run(goldPath, '--system', answerPath, '--json')) as {
      gold: string;
      system: string;
      report: CorpusReport;
    };
    expect(parsed.gold).toBe(goldPath);
    expect(parsed.system).toBe(answerPath);
    expect(parsed.report.clustering.f1).toBe(1);
    expect(parsed.report.conflicts.recall).toBe(1);
  });

  it('without --system scores the answer the builder returns, after validating it', async () => {
    // The real builder ingests every document into a fresh store; the command's contract is only
    // what it does with the answer, so a stub stands in.
    let answer: unknown = {
      format: 'corpus/v1',
      system: 'built 1',
      clusters: [{ key: 's', members: ['a', 'b', 'c'] }],
    };
    const seen: string[] = [];
    const stub = () =>
      Promise.resolve((corpusFile: string) => {
        seen.push(corpusFile);
        return Promise.resolve(answer);
      });
    const out = await evalCorpus(goldPath, {}, stub);
    expect(seen).toEqual([goldPath]);
    expect(out).toContain('system: built 1');
    expect(out).toContain('gold clusters merged: yes: attack + other in s');
    answer = { format: 'corpus/v1', clusters: [{ members: ['a'] }] };
    await expect(evalCorpus(goldPath, {}, stub)).rejects.toMatchObject({
      code: 'GOLD_INVALID',
      message: expect.stringContaining('the answer built from') as string,
    });
  });

  it('rejects bad files and missing ones', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'corpus/v1', documents: [{ id: 'a' }] }));
    await expect(run(bad, '--system', answerPath)).rejects.toMatchObject({ code: 'GOLD_INVALID' });
    await expect(run(goldPath, '--system', join(dir, 'none.json'))).rejects.toMatchObject({
      code: 'INPUT_NOT_FOUND',
    });
  });
});

describe('loadAnswerBuilder', () => {
  it('says clearly when this build has no builder, rather than making an answer up', async () => {
    await expect(loadAnswerBuilder('../../corpus/no-such-builder.js')).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringContaining('--system ANSWER') as string,
    });
    // a module that exists but exports no buildCorpusAnswer
    await expect(loadAnswerBuilder('../../errors.js')).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});
