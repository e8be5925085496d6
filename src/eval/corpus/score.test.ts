/** scoreCorpus: gold against itself, then one perturbation per rule of FORMAT.md's corpus/v1 section. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/helpers/shared.js';
import { formatCorpusReport } from './report.js';
import { parseCorpusFile, type CorpusClaimConflict, type CorpusFile } from './format.js';
import { scoreCorpus } from './score.js';

function parse(value: unknown): CorpusFile {
  const result = parseCorpusFile(value, 'answer');
  if (!result.ok) throw new Error(`bad fixture: ${JSON.stringify(result.problems)}`);
  return result.file;
}

const doc = (id: string) => ({ id, text_file: `${id}.txt`, published: '2024-01-04', outlet: 'O' });

// A small Kerman-like corpus: one four-report attack, one unrelated single report.
const goldJson = {
  format: 'corpus/v1',
  documents: ['a', 'b', 'c', 'd', 'e'].map(doc),
  clusters: [
    {
      key: 'attack',
      type: 'ASSAULT',
      date: '2024-01-03',
      members: ['a', 'b', 'c', 'd'],
      figures: {
        killed: [
          { doc: 'a', value: 103 },
          { doc: 'b', value: 84 },
          { doc: 'c', value: 89 },
          { doc: 'd', value: 95 },
        ],
        injured: [
          { doc: 'a', value: 141 },
          { doc: 'b', value: 284 },
        ],
      },
    },
    { key: 'strike', type: 'ASSAULT', members: ['e'], figures: { killed: [{ doc: 'e', value: 2 }] } },
  ],
  conflicts: [
    { cluster: 'attack', kind: 'figure', field: 'killed', values: [103, 84, 89, 95] },
    { cluster: 'attack', kind: 'figure', field: 'injured', values: [141, 284] },
    {
      cluster: 'attack',
      kind: 'claim',
      a: { doc: 'c', speaker: 'Iran', stance: 'accuse' },
      b: { doc: 'c', speaker: 'Matthew Miller', stance: 'deny' },
    },
    {
      cluster: 'attack',
      kind: 'claim',
      a: { doc: 'b', speaker: 'Esmail Qaani', stance: 'accuse' },
      b: { doc: 'd', speaker: 'United States' },
    },
  ],
};

const gold = parse(goldJson);

/** A system answer: the gold, renamed, with `edit` applied to a deep copy. */
function answer(edit: (file: CorpusFile) => void = () => undefined): CorpusFile {
  const copy = structuredClone(gold);
  copy.system = 'test 1';
  // System cluster keys are its own: renamed so that nothing can rely on keys being shared.
  const renamed = new Map(copy.clusters.map((c) => [c.key, `sys-${c.key}`]));
  for (const c of copy.clusters) c.key = renamed.get(c.key) ?? c.key;
  for (const c of copy.conflicts) c.cluster = renamed.get(c.cluster) ?? c.cluster;
  edit(copy);
  return parse(copy);
}

function cluster(file: CorpusFile, key: string) {
  const found = file.clusters.find((c) => c.key === key);
  if (found === undefined) throw new Error(`no cluster ${key}`);
  return found;
}

function claim(file: CorpusFile, index: number): CorpusClaimConflict {
  const found = file.conflicts[index];
  if (found?.kind !== 'claim') throw new Error(`conflict ${index} is not a claim`);
  return found;
}

describe('scoreCorpus: gold against itself', () => {
  it('gives 1 everywhere and no merge', () => {
    const report = scoreCorpus(gold, answer());
    expect(report.system).toBe('test 1');
    expect(report.clustering).toMatchObject({ tp: 6, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(report.clustering.merged).toBe(false);
    expect(report.clustering.matches.map((m) => m.system)).toEqual(['sys-attack', 'sys-strike']);
    expect(report.figures).toMatchObject({ found: 7, total: 7, coverage: 1 });
    expect(report.conflicts).toMatchObject({ tp: 4, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(report.conflicts.figure.tp).toBe(2);
    expect(report.conflicts.claim.tp).toBe(2);
    expect(report.unknownDocuments).toEqual([]);
  });

  it.skipIf(!hasShared)(`does so on every shared example corpus`, () => {
    for (const name of ['kerman-coverage', 'kerman-multilingual']) {
      const file = parse(JSON.parse(readFileSync(sharedPath(`examples/${name}/corpus.json`), 'utf8')));
      const report = scoreCorpus(file, file);
      expect(report.clustering.f1, name).toBe(1);
      expect(report.clustering.merged, name).toBe(false);
      expect(report.figures.coverage, name).toBe(1);
      expect(report.conflicts.recall, name).toBe(1);
      expect(report.conflicts.precision, name).toBe(1);
    }
  });
});

describe('scoreCorpus: clustering', () => {
  it('a merged cluster lowers pairwise precision and is reported as a merge', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        cluster(f, 'sys-attack').members.push('e');
        f.clusters = f.clusters.filter((c) => c.key !== 'sys-strike');
      }),
    );
    // five documents in one cluster: 10 pairs, the 6 gold ones and 4 with e
    expect(report.clustering).toMatchObject({ tp: 6, fp: 4, fn: 0, precision: 0.6, recall: 1 });
    expect(report.clustering.merged).toBe(true);
    expect(report.clustering.mergedClusters).toEqual([{ a: 'attack', b: 'strike', systems: ['sys-attack'] }]);
    // the strike's figure is no longer on its matched cluster
    expect(report.figures).toMatchObject({ found: 6, total: 7 });
  });

  it('a system cluster holding documents of two gold clusters is a merge even when neither matches it', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        cluster(f, 'sys-attack').members = ['a', 'b', 'c'];
        f.clusters.push({ key: 'mixed', members: ['d', 'e'], figures: {}, responsibility: [] });
      }),
    );
    expect(report.clustering.matches.map((m) => m.system)).toEqual(['sys-attack', 'sys-strike']);
    expect(report.clustering.mergedClusters).toEqual([{ a: 'attack', b: 'strike', systems: ['mixed'] }]);
    expect(report.clustering).toMatchObject({ tp: 3, fp: 1, fn: 3 });
  });

  it('a document both gold clusters list does not make a merge by itself', () => {
    const shared = parse({
      format: 'corpus/v1',
      documents: ['a', 'b', 'c'].map(doc),
      clusters: [
        { key: 'x', members: ['a', 'b'] },
        { key: 'y', members: ['b', 'c'] },
      ],
    });
    const system = parse({
      format: 'corpus/v1',
      clusters: [
        { key: 's1', members: ['a', 'b'] },
        { key: 's2', members: ['c'] },
      ],
    });
    const report = scoreCorpus(shared, system);
    expect(report.clustering.merged).toBe(false);
    // y shares one document with each; s2 holds nothing outside y, so it wins the tie.
    expect(report.clustering.matches.map((m) => m.system)).toEqual(['s1', 's2']);
    // s1 holds a (x only) and b (both): b proves nothing, so no merge.
  });

  it('a missing member lowers pairwise recall and loses its figures', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        const c = cluster(f, 'sys-attack');
        c.members = ['a', 'b', 'c'];
        c.figures.killed = (c.figures.killed ?? []).filter((v) => v.doc !== 'd');
        f.clusters.push({ key: 'alone', members: ['d'], figures: {}, responsibility: [] });
      }),
    );
    expect(report.clustering).toMatchObject({ tp: 3, fp: 0, fn: 3, precision: 1, recall: 0.5 });
    expect(report.clustering.f1).toBeCloseTo(2 / 3, 10);
    expect(report.clustering.merged).toBe(false);
    expect(report.clustering.matches[0]).toMatchObject({ system: 'sys-attack', overlap: 3, members: 4 });
    expect(report.figures).toMatchObject({ found: 6, total: 7 });
    expect(report.figures.missed).toEqual([{ cluster: 'attack', field: 'killed', doc: 'd', value: 95 }]);
  });

  it('breaks a tie on shared members by fewer other documents, then by answer order', () => {
    const g = parse({
      format: 'corpus/v1',
      documents: ['a', 'b', 'x'].map(doc),
      clusters: [{ key: 'g', members: ['a', 'b'] }],
    });
    const purer = parse({
      format: 'corpus/v1',
      clusters: [
        { key: 's1', members: ['a', 'x'] },
        { key: 's2', members: ['b'] },
      ],
    });
    expect(scoreCorpus(g, purer).clustering.matches[0]?.system).toBe('s2');
    const even = parse({
      format: 'corpus/v1',
      clusters: [
        { key: 's1', members: ['a'] },
        { key: 's2', members: ['b'] },
      ],
    });
    expect(scoreCorpus(g, even).clustering.matches[0]?.system).toBe('s1');
  });

  it('counts a pair once however many clusters share it, and leaves undefined figures null', () => {
    const g = parse({
      format: 'corpus/v1',
      documents: ['a', 'b'].map(doc),
      clusters: [{ key: 'g', members: ['a'] }],
    });
    const twice = parse({
      format: 'corpus/v1',
      clusters: [
        { key: 's1', members: ['a', 'b'] },
        { key: 's2', members: ['b', 'a', 'a'] },
      ],
    });
    const report = scoreCorpus(g, twice);
    expect(report.clustering).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null, f1: null });
    expect(report.figures.coverage).toBeNull();
    expect(report.conflicts).toMatchObject({ precision: null, recall: null, f1: null });
  });

  it('pairs only an optional gold cluster holds count nowhere', () => {
    const g = parse({
      format: 'corpus/v1',
      documents: ['a', 'b', 'c'].map(doc),
      clusters: [
        { key: 'g', members: ['a', 'b'] },
        { key: 'maybe', members: ['b', 'c'], optional: true },
      ],
    });
    const lumped = parse({ format: 'corpus/v1', clusters: [{ key: 's', members: ['a', 'b', 'c'] }] });
    const report = scoreCorpus(g, lumped);
    // (a,b) found; (b,c) optional; (a,c) false
    expect(report.clustering).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(report.clustering.merged).toBe(false);
    const missing = parse({ format: 'corpus/v1', clusters: [{ key: 's', members: ['a', 'b'] }] });
    expect(scoreCorpus(g, missing).clustering).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('lists answer documents the corpus lacks, and counts their pairs as false', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        // an answer that lists its documents must not name others; one without the list can
        f.documents = [];
        cluster(f, 'sys-strike').members.push('zz');
      }),
    );
    expect(report.unknownDocuments).toEqual(['zz']);
    expect(report.clustering).toMatchObject({ tp: 6, fp: 1 });
    expect(formatCorpusReport(report)).toContain('answer names documents the corpus lacks: zz');
  });
});

describe('scoreCorpus: figures', () => {
  it('a wrong value misses that (document, value) pair and the dispute that lists it', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        const killed = cluster(f, 'sys-attack').figures.killed ?? [];
        killed[1] = { doc: 'b', value: 85 };
        const conflict = f.conflicts[0];
        if (conflict?.kind === 'figure') conflict.values = [103, 85, 89, 95];
      }),
    );
    expect(report.figures).toMatchObject({ found: 6, total: 7 });
    expect(report.figures.missed).toEqual([{ cluster: 'attack', field: 'killed', doc: 'b', value: 84 }]);
    expect(report.conflicts.figure).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(report.conflicts).toMatchObject({ tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75 });
  });

  it('a value under another document or field does not count; field names compare normalized', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        const c = cluster(f, 'sys-attack');
        c.figures = {
          Killed: (c.figures.killed ?? []).map((v) => (v.doc === 'a' ? { doc: 'b', value: v.value } : v)),
          wounded: c.figures.injured ?? [],
        };
      }),
    );
    // killed a=103 is filed under b; both injured values are under another field
    expect(report.figures).toMatchObject({ found: 4, total: 7 });
  });
});

describe('scoreCorpus: conflicts', () => {
  it('a claim side with the wrong stance is not found', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        claim(f, 2).a.stance = 'assert';
      }),
    );
    expect(report.conflicts.claim).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(report.conflicts.matches.missed).toEqual(['attack c:Iran/accuse × c:Matthew Miller/deny']);
  });

  it('a gold side without a stance accepts any, and sides match in either order', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        const c = claim(f, 3);
        c.b.stance = 'assert';
        [c.a, c.b] = [c.b, c.a];
      }),
    );
    expect(report.conflicts.claim).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('a speaker matches through one of its aliases after entity-name normalization', () => {
    const byAlias = scoreCorpus(
      gold,
      answer((f) => {
        claim(f, 3).b.speaker = 'Washington';
        claim(f, 3).b.aliases = ['the “United  States”'];
        claim(f, 2).b.speaker = 'MATTHEW MILLER*';
      }),
    );
    expect(byAlias.conflicts.claim).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    const noAlias = scoreCorpus(
      gold,
      answer((f) => void (claim(f, 3).b.speaker = 'Washington')),
    );
    expect(noAlias.conflicts.claim).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });

  it('a claim side on another document is not found', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => void (claim(f, 2).a.doc = 'b')),
    );
    expect(report.conflicts.claim).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });

  it('a figure conflict with a different set of values is not found; order and repeats do not matter', () => {
    const fewer = scoreCorpus(
      gold,
      answer((f) => {
        const c = f.conflicts[0];
        if (c?.kind === 'figure') c.values = [103, 84, 89];
      }),
    );
    expect(fewer.conflicts.figure).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    const shuffled = scoreCorpus(
      gold,
      answer((f) => {
        const c = f.conflicts[0];
        if (c?.kind === 'figure') c.values = [95, 89, 89, 84, 103];
      }),
    );
    expect(shuffled.conflicts.figure).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('a figure conflict must sit on the matched cluster', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        const c = f.conflicts[1];
        if (c?.kind === 'figure') c.cluster = 'sys-strike';
      }),
    );
    expect(report.conflicts.figure).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });

  it('each system conflict matches one gold conflict at most', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        f.conflicts = [claim(f, 2), claim(f, 2)];
      }),
    );
    expect(report.conflicts).toMatchObject({ tp: 1, fp: 1, fn: 3 });
  });

  it('an optional gold conflict counts nowhere, found or not', () => {
    const optionalGold = parse({
      ...goldJson,
      conflicts: goldJson.conflicts.map((c, i) => (i === 0 ? { ...c, optional: true } : c)),
    });
    expect(scoreCorpus(optionalGold, answer()).conflicts).toMatchObject({ tp: 3, fp: 0, fn: 0 });
    const without = answer((f) => void f.conflicts.shift());
    expect(scoreCorpus(optionalGold, without).conflicts).toMatchObject({ tp: 3, fp: 0, fn: 0 });
  });
});

describe('formatCorpusReport', () => {
  it('prints each section with counts, the matches, merges, misses and n/a', () => {
    const report = scoreCorpus(
      gold,
      answer((f) => {
        cluster(f, 'sys-attack').members.push('e');
        f.clusters = f.clusters.filter((c) => c.key !== 'sys-strike');
        f.conflicts = [];
      }),
    );
    const lines = formatCorpusReport(report).trimEnd().split('\n');
    expect(lines[0]).toBe('system: test 1');
    expect(lines).toContainEqual('documents 5; clusters: gold 2, system 1');
    expect(lines).toContainEqual(
      expect.stringMatching(/^clustering \(pairs\)\s+0\.600\s+1\.000\s+0\.750\s+6\s+4\s+0$/),
    );
    expect(lines).toContainEqual('  gold clusters merged: yes: attack + strike in sys-attack');
    expect(lines).toContainEqual('  attack → sys-attack (4/4 members, 1 other)');
    expect(lines).toContainEqual('figures coverage 0.857 (6/7)');
    expect(lines).toContainEqual('  missed strike killed e=2');
    expect(lines).toContainEqual(expect.stringMatching(/^conflicts\s+n\/a\s+0\.000\s+0\.000\s+0\s+0\s+4$/));
  });
});
