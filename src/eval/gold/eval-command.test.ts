/** The `eval gold` command and the text report, run in-process on temporary files with a stub analyser. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerEval } from '../../cli/commands/eval.js';
import { ParallaxError } from '../../errors.js';
import { formatGoldReport } from './report.js';
import { parseGoldFile } from './schema.js';
import { scoreGold } from './score.js';

// The real analyser needs the whole pipeline; the command's contract is only what it does with the answer.
vi.mock('../../export/analyze-for-gold.js', () => ({
  analyzeForGold: (_textPath: string, _published: string | undefined, _language: string): Promise<unknown> =>
    Promise.resolve({
      format: 'gold/v1',
      system: 'stub 1',
      entities: [{ key: 'x', type: 'ORG', name: 'Acme', mentions: ['Acme'] }],
    }),
}));

const article = 'Acme and Bolt signed a deal.';
const goldFile = {
  format: 'gold/v1',
  document: { text_file: 'article.txt', published: '2024-02-01', language: 'en' },
  entities: [
    { key: 'a', type: 'ORG', name: 'Acme', mentions: ['Acme'] },
    { key: 'b', type: 'ORG', name: 'Bolt', mentions: ['Bolt'] },
  ],
  events: [{ key: 'e', type: 'AGREE', actors: ['a', 'b'] }],
};

let dir = '';
let goldPath = '';
let answerPath = '';
let badPath = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-eval-'));
  writeFileSync(join(dir, 'article.txt'), article);
  goldPath = join(dir, 'gold.json');
  writeFileSync(goldPath, JSON.stringify(goldFile));
  answerPath = join(dir, 'answer.json');
  writeFileSync(answerPath, JSON.stringify({ ...goldFile, system: 'saved 2', document: undefined }));
  badPath = join(dir, 'bad.json');
  writeFileSync(badPath, JSON.stringify({ format: 'gold/v1', entities: [{ key: 'a', type: 'THING' }] }));
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
  await program.parseAsync(['node', 'parallax', 'eval', 'gold', ...args]);
  return out;
}

describe('parallax eval gold', () => {
  it('scores a saved answer with --system', async () => {
    const out = await run(goldPath, '--system', answerPath);
    expect(out).toContain('system: saved 2');
    expect(out).toContain('overall macro F1 1.000 over 2 section(s): entities, events');
    expect(out).not.toContain('mean overall');
  });

  it('analyses the article anew without --system', async () => {
    const out = await run(goldPath);
    expect(out).toContain('system: stub 1');
    expect(out).toMatch(/entities\s+1\.000\s+0\.500\s+0\.667\s+1\s+0\s+1/);
  });

  it('prints each report and the mean over several files', async () => {
    const out = await run(goldPath, goldPath);
    expect(out.match(/== /g)).toHaveLength(2);
    expect(out).toContain('mean overall over 2 files: 0.333');
  });

  it('prints one JSON object with --json', async () => {
    const parsed = JSON.parse(await run(goldPath, goldPath, '--json')) as {
      files: { gold: string; report: { overall: number } }[];
      mean: number;
      count: number;
    };
    expect(parsed.files).toHaveLength(2);
    expect(parsed.files[0]?.gold).toBe(goldPath);
    expect(parsed.count).toBe(2);
    expect(parsed.mean).toBeCloseTo(1 / 3, 10);
  });

  it('refuses --system with several gold files', async () => {
    await expect(run(goldPath, goldPath, '--system', answerPath)).rejects.toMatchObject({
      code: 'BAD_OPTION',
    });
  });

  it('names the first problems of an invalid file on one line', async () => {
    const error: unknown = await run(badPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParallaxError);
    expect(error).toMatchObject({ code: 'GOLD_INVALID' });
    const message = (error as ParallaxError).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('entities[0].type');
    expect(message).toContain('entities[0].name');
  });

  it('reports a missing file as not found', async () => {
    await expect(run(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});

describe('formatGoldReport', () => {
  it('shows each section with counts, the extra figures, n/a for undefined ones and the overall', () => {
    const parse = (v: unknown) => {
      const r = parseGoldFile(v, 'answer');
      if (!r.ok) throw new Error('bad fixture');
      return r.file;
    };
    const text = formatGoldReport(
      scoreGold(
        parse(goldFile),
        parse({ format: 'gold/v1', system: 'x 1', entities: goldFile.entities.slice(0, 1) }),
        article,
      ),
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('system: x 1');
    expect(lines).toContainEqual(expect.stringMatching(/^entities\s+1\.000\s+0\.500\s+0\.667\s+1\s+0\s+1$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^events \(strict\)\s+n\/a\s+0\.000\s+0\.000\s+0\s+0\s+1$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^events \(typed\)/));
    expect(lines).toContainEqual('  alias recall 1.000');
    expect(lines).toContainEqual('  accuracy@161km   n/a  precision   n/a');
    expect(lines).toContainEqual('  kind share   n/a  stance share   n/a');
    expect(lines.at(-1)).toBe('overall macro F1 0.333 over 2 section(s): entities, events');
  });
});
