/** corpus/v1 parsing: what is accepted, and that every bad file gets a path and a reason. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors.js';
import { parseCorpusFile, type CorpusProblem } from './format.js';
import { loadCorpusFile } from './load.js';

const minimal = {
  format: 'corpus/v1',
  documents: [
    { id: 'a', text_file: 'a.txt', published: '2024-01-03', outlet: 'O', url: 'https://o.example/a' },
  ],
  clusters: [{ key: 'k', type: 'ASSAULT', members: ['a'], figures: { killed: [{ doc: 'a', value: 3 }] } }],
};

function problems(value: unknown, role: 'gold' | 'answer' = 'gold'): readonly CorpusProblem[] {
  const result = parseCorpusFile(value, role);
  return result.ok ? [] : result.problems;
}

describe('parseCorpusFile', () => {
  it('accepts a minimal file, ignores unknown keys and reads missing arrays as empty', () => {
    const result = parseCorpusFile({ ...minimal, extra: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.conflicts).toEqual([]);
    expect(result.file.clusters[0]?.responsibility).toEqual([]);
    expect('extra' in result.file).toBe(false);
  });

  it('keeps the aliases a system lists beside a claim side or a responsibility speaker', () => {
    const result = parseCorpusFile(
      {
        format: 'corpus/v1',
        system: 'parallax 0.1.0',
        clusters: [
          {
            key: 's',
            members: ['a'],
            responsibility: [{ doc: 'a', speaker: 'Washington', aliases: ['United States'], stance: 'deny' }],
          },
        ],
        conflicts: [
          {
            cluster: 's',
            kind: 'claim',
            a: { doc: 'a', speaker: 'Iran', stance: 'accuse' },
            b: { doc: 'a', speaker: 'Washington', aliases: ['United States', 'US'], stance: 'deny' },
          },
        ],
      },
      'answer',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.file.conflicts[0];
    expect(c?.kind === 'claim' ? c.b.aliases : null).toEqual(['United States', 'US']);
    expect(result.file.clusters[0]?.responsibility[0]?.aliases).toEqual(['United States']);
  });

  it('names the path and the reason of each schema problem', () => {
    expect(problems({ format: 'gold/v1' })).toEqual([
      { path: 'format', message: 'expected format "corpus/v1"' },
    ]);
    expect(problems({ ...minimal, conflicts: [{ cluster: 'k', kind: 'number' }] })).toEqual([
      { path: 'conflicts[0].kind', message: 'expected kind "figure" (field, values) or "claim" (a, b)' },
    ]);
    const bad = problems({
      ...minimal,
      clusters: [
        { key: 'k', type: 'BOMBING', members: ['a'], figures: { killed: [{ doc: 'a', value: 2.5 }] } },
      ],
      conflicts: [
        { cluster: 'k', kind: 'figure', field: 'killed', values: [] },
        { cluster: 'k', kind: 'claim', a: { doc: 'a', speaker: 'X', stance: 'blame' }, b: { doc: 'a' } },
      ],
    });
    expect(bad.map((p) => p.path)).toEqual([
      'clusters[0].type',
      'clusters[0].figures.killed[0].value',
      'conflicts[0].values',
      'conflicts[1].a.stance',
      'conflicts[1].b.speaker',
    ]);
    expect(bad[1]?.message).toBe('expected a whole number');
    expect(bad[2]?.message).toBe('a figure conflict lists the values reported');
  });

  it('checks references, duplicates and what a gold file must have', () => {
    const bad = problems({
      format: 'corpus/v1',
      documents: [{ id: 'a', text_file: 'a.txt' }, { id: 'a' }],
      clusters: [
        { key: 'k', members: ['a', 'z'], figures: { killed: [{ doc: 'y', value: 1 }] } },
        { key: 'k', responsibility: [{ doc: 'x', speaker: 'S' }] },
      ],
      conflicts: [
        { cluster: 'nope', kind: 'figure', field: 'killed', values: [1, 2] },
        { cluster: 'k', kind: 'claim', a: { doc: 'q', speaker: 'A' }, b: { doc: 'a', speaker: 'B' } },
      ],
    });
    expect(bad).toEqual([
      { path: 'documents[1].id', message: 'duplicate document id "a"' },
      { path: 'documents[1].text_file', message: 'a gold document needs text_file' },
      { path: 'clusters[0].members[1]', message: 'unknown document id "z"' },
      { path: 'clusters[0].figures.killed[0].doc', message: 'unknown document id "y"' },
      { path: 'clusters[1].key', message: 'duplicate cluster key "k"' },
      { path: 'clusters[1].responsibility[0].doc', message: 'unknown document id "x"' },
      { path: 'conflicts[0].cluster', message: 'unknown cluster key "nope"' },
      { path: 'conflicts[1].a.doc', message: 'unknown document id "q"' },
    ]);
    expect(problems({ format: 'corpus/v1' })).toEqual([
      { path: 'documents', message: 'a gold corpus lists its documents' },
    ]);
  });

  it('lets an answer leave documents (and text files) out, but checks ids when it lists them', () => {
    const answer = { format: 'corpus/v1', system: 'x 1', clusters: [{ key: 's', members: ['a', 'b'] }] };
    expect(problems(answer, 'answer')).toEqual([]);
    expect(problems({ ...answer, documents: [{ id: 'a' }] }, 'answer')).toEqual([
      { path: 'clusters[0].members[1]', message: 'unknown document id "b"' },
    ]);
  });
});

describe('loadCorpusFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-corpus-format-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a valid file', () => {
    expect(loadCorpusFile(write('ok.json', JSON.stringify(minimal))).clusters).toHaveLength(1);
  });

  it('throws one-line GOLD_INVALID errors naming the file and the first problems', () => {
    const path = write(
      'bad.json',
      JSON.stringify({ format: 'corpus/v1', clusters: [{ members: [1, 2, 3, 4] }], conflicts: 3 }),
    );
    const error: unknown = (() => {
      try {
        return loadCorpusFile(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParallaxError);
    expect(error).toMatchObject({ code: 'GOLD_INVALID' });
    const message = (error as ParallaxError).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^.*bad\.json: not a valid corpus\/v1 file: clusters\[0\]\.key: /);
    expect(message).toMatch(/\(and \d+ more\)$/);
  });

  it('says when a file is not JSON or not there', () => {
    expect(() => loadCorpusFile(write('x.json', '{ nope'))).toThrow(/x\.json: not valid JSON/);
    expect(() => loadCorpusFile(join(dir, 'none.json'))).toThrow(
      expect.objectContaining({ code: 'INPUT_NOT_FOUND' }) as Error,
    );
  });
});
