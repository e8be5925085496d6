/**
 * The cross-document layer on the shared coverage corpus, through the embedded store: the must-show
 * figures of the corpus evaluator, and the same clusters whatever order the reports are ingested in.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/analyze.js';
import { answerFromStore } from '../../src/corpus/answer.js';
import type { CorpusAnswer, CorpusDocument } from '../../src/eval/corpus/format.js';
import { assertCorpusFile, loadCorpusFile } from '../../src/eval/corpus/load.js';
import { scoreCorpus } from '../../src/eval/corpus/score.js';
import { createDocument } from '../../src/model/document.js';
import type { Analysis } from '../../src/model/schema.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { SKIP_REASON, hasShared, sharedPath } from '../helpers/shared.js';

const CORPUS = sharedPath('examples/kerman-coverage/corpus.json');

/** A fixed permutation generator (mulberry32), so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The answer without the parts that name nothing about clustering (document order in lists). */
function canonical(answer: CorpusAnswer): unknown {
  return {
    clusters: answer.clusters
      .map((c) => ({
        key: c.key,
        members: [...c.members].sort(),
        figures: Object.entries(c.figures)
          .map(
            ([f, v]) =>
              `${f}:${v
                .map((x) => `${x.doc}=${x.value}`)
                .sort()
                .join(',')}`,
          )
          .sort(),
        claims: c.responsibility.map((r) => `${r.doc}:${r.speaker}:${r.stance ?? ''}`).sort(),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    conflicts: answer.conflicts.map((c) => JSON.stringify(c)).sort(),
  };
}

describe.skipIf(!hasShared)(
  `coverage corpus across sources (${hasShared ? 'shared data' : SKIP_REASON})`,
  () => {
    let documents: CorpusDocument[] = [];
    const analyses = new Map<string, Analysis>();
    let dir = '';

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'parallax-coverage-'));
      const gold = loadCorpusFile(CORPUS);
      documents = [...gold.documents];
      for (const d of documents) {
        const text = readFileSync(join(dirname(CORPUS), d.text_file ?? ''), 'utf8');
        const meta = {
          ...(d.published !== undefined ? { published: d.published } : {}),
          ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
          ...(d.url !== undefined ? { url: d.url } : {}),
        };
        analyses.set(d.id, analyzeDocument(createDocument(text, meta)));
      }
    }, 120_000);

    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    async function answerFor(
      order: readonly CorpusDocument[],
      name: string,
      reanalyse = false,
    ): Promise<CorpusAnswer> {
      const store = openSqliteStore(join(dir, `${name}.sqlite`));
      try {
        await store.migrate();
        const names = new Map<string, string>();
        for (const d of order) {
          const analysis = analyses.get(d.id) as Analysis;
          const { documentId } = await store.ingest(analysis);
          names.set(documentId, d.id);
        }
        if (reanalyse) for (const d of order) await store.replaceAnalysis(analyses.get(d.id) as Analysis);
        return await answerFromStore(store, documents, names);
      } finally {
        await store.close();
      }
    }

    it('clusters the reports, gathers the figures and finds every gold conflict', async () => {
      const answer = await answerFor(documents, 'given');
      // The answer must be a valid corpus/v1 system file, as `parallax eval corpus` checks it.
      expect(() => assertCorpusFile(answer, 'system answer', 'answer')).not.toThrow();
      const report = scoreCorpus(loadCorpusFile(CORPUS), answer);
      expect(report.clustering.merged).toBe(false);
      expect(report.clustering.f1).toBeGreaterThanOrEqual(0.9);
      expect(report.figures.coverage).toBeGreaterThanOrEqual(0.8);
      expect(report.conflicts.recall).toBe(1);
    }, 60_000);

    it('gives the same clusters, figures and conflicts in every ingest order and after reanalysis', async () => {
      const expected = canonical(await answerFor(documents, 'order-0'));
      const orders = [
        [...documents].reverse(),
        shuffled(documents, 7),
        shuffled(documents, 2024),
        shuffled(documents, 99),
      ];
      for (const [i, order] of orders.entries()) {
        expect(canonical(await answerFor(order, `order-${i + 1}`))).toEqual(expected);
      }
      expect(canonical(await answerFor(shuffled(documents, 5), 'reanalysed', true))).toEqual(expected);
    }, 60_000);
  },
);
