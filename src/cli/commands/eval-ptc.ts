/** `parallax eval ptc DIR`: loaded-language span identification on the SemEval-2020 Task 11 PTC (see shared/data/semeval2020_task11_ptc/README.md). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import type { Span } from '../../model/schema.js';
import {
  codePointToUtf16,
  formatPtcReport,
  isPtcHeldOut,
  parseTechniqueLabels,
  poolSi,
  PTC_LOADED_TECHNIQUES,
  siCounts,
  utf16ToCodePoint,
  type SiCounts,
} from '../../eval/ptc.js';

interface EvalPtcOptions {
  readonly limit?: string;
  readonly json?: boolean;
}

/** The technique labels under DIR: top-level `*task-flc-tc.labels` files, else a `*labels-task-flc-tc` folder's. */
function readLabels(dir: string): string {
  const top = readdirSync(dir).filter((f) => f.endsWith('task-flc-tc.labels'));
  if (top.length > 0) return top.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const folders = readdirSync(dir).filter(
    (f) => f.endsWith('labels-task-flc-tc') && statSync(join(dir, f)).isDirectory(),
  );
  const files = folders.flatMap((d) =>
    readdirSync(join(dir, d))
      .filter((f) => f.endsWith('.labels'))
      .map((f) => join(dir, d, f)),
  );
  if (files.length === 0) throw new ParallaxError('INPUT_NOT_FOUND', `${dir}: no *task-flc-tc.labels files`);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/** `article<ID>.txt` files in the `*articles` folders under DIR, by id. */
function articleFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(dir).filter(
    (f) => f.endsWith('articles') && statSync(join(dir, f)).isDirectory(),
  )) {
    for (const f of readdirSync(join(dir, d))) {
      const m = /^article(\d+)\.txt$/.exec(f);
      if (m) out.set(m[1] as string, join(dir, d, f));
    }
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Adds `ptc` to the `eval` group.
 * @example registerEvalPtc(program.command('eval'));
 */
export function registerEvalPtc(evalGroup: Command): void {
  evalGroup
    .command('ptc')
    .description(
      'score loaded-language markers by PTC span identification F1 (see shared/data/semeval2020_task11_ptc/README.md)',
    )
    .argument('<dir>', 'a PTC folder holding *-articles/ and the task-flc-tc labels')
    .option('--limit <n>', 'score only the first n articles (sorted by id)')
    .option('--json', 'print machine-readable JSON')
    .action(async (dir: string, options: EvalPtcOptions) => {
      const limit = options.limit !== undefined ? Number(options.limit) : Infinity;
      if (!(limit > 0)) throw new ParallaxError('BAD_OPTION', `--limit must be a positive number`);
      if (!existsSync(dir)) throw new ParallaxError('INPUT_NOT_FOUND', `${dir}: no such folder`);
      const labels = parseTechniqueLabels(readLabels(dir), PTC_LOADED_TECHNIQUES);
      const articles = [...articleFiles(dir).entries()].slice(0, limit);
      if (articles.length === 0) throw new ParallaxError('INPUT_INVALID', `${dir}: no article<ID>.txt files`);
      const { analyzeDocument } = await import('../../analyze.js');
      const { createDocument } = await import('../../model/document.js');
      const { offsetMap } = await import('../../eval/geo.js');
      const { loadLoadedClassifier } = await import('../../loaded/classifier.js');
      const { findQuoteMarks } = await import('../../stages/quotes/marks.js');
      const { loadKnowledge } = await import('../../knowledge/load.js');
      const classifier = loadLoadedClassifier();
      const weakEnds = loadKnowledge({ language: 'en' }).lexicon('function-words');
      const t0 = performance.now();
      const all: SiCounts[] = [];
      const heldOut: SiCounts[] = [];
      const clsAll: SiCounts[] = [];
      const clsHeldOut: SiCounts[] = [];
      for (const [id, path] of articles) {
        const raw = readFileSync(path, 'utf8');
        const doc = createDocument(raw);
        const rawUtf16 = codePointToUtf16(raw);
        const map = offsetMap(raw, doc.text);
        const toCp = utf16ToCodePoint(doc.text);
        const fromRaw = (cp: number): number =>
          toCp[map(rawUtf16[Math.min(cp, rawUtf16.length - 1)] as number)] as number;
        const gold: Span[] = (labels.get(id) ?? []).map((s) => ({
          start: fromRaw(s.start),
          end: fromRaw(s.end),
        }));
        const analysis = analyzeDocument(doc);
        const predicted: Span[] = analysis.markers
          .filter((m) => m.kind === 'loaded-language')
          .map((m) => ({ start: toCp[m.span.start] as number, end: toCp[m.span.end] as number }));
        const counts = siCounts(gold, predicted);
        all.push(counts);
        if (isPtcHeldOut(id)) heldOut.push(counts);
        const alone = classifier
          .spans(
            {
              text: doc.text,
              tokens: analysis.tokens,
              sentences: analysis.sentences,
              quoted: findQuoteMarks(doc.text).map((m) => m.inner),
            },
            classifier.threshold,
            weakEnds,
          )
          .map((s) => ({ start: toCp[s.start] as number, end: toCp[s.end] as number }));
        const clsCounts = siCounts(gold, alone);
        clsAll.push(clsCounts);
        if (isPtcHeldOut(id)) clsHeldOut.push(clsCounts);
      }
      const seconds = (performance.now() - t0) / 1000;
      const report = {
        heldOut: poolSi(heldOut),
        all: poolSi(all),
        classifier: { heldOut: poolSi(clsHeldOut), all: poolSi(clsAll) },
      };
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ dir, seconds, report }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatPtcReport(dir, report)}  (${seconds.toFixed(1)} s)\n`);
    });
}
