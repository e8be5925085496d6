/** `parallax eval polnear DIR`: source / cue / content scores on PolNeAR brat attributions (see shared/data/polnear/README.md). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import {
  alignOffsets,
  formatPolnearReport,
  goldFiles,
  parseAnn,
  scorePolnear,
  type PolnearDoc,
  type PolnearAttribution,
} from '../../eval/polnear.js';
import type { Attribution, Span } from '../../model/schema.js';

interface EvalPolnearOptions {
  readonly limit?: string;
  readonly json?: boolean;
}

/**
 * System attributions of a document: its `attributions` layer (statements and the attributions of other
 * kinds, beliefs, intentions, agreements), source, cue and content fragments as the quote stage annotates
 * them in PolNeAR's convention.
 */
export function systemAttributions(attributions: readonly Attribution[]): PolnearAttribution[] {
  return attributions.map((a) => ({
    ...(a.source !== undefined && { source: [a.source.span] }),
    cue: [a.cue.span],
    content: a.content.map((f) => f.span),
  }));
}

/**
 * Adds `polnear` to the `eval` group.
 * @example registerEvalPolnear(program.command('eval'));
 */
export function registerEvalPolnear(evalGroup: Command): void {
  evalGroup
    .command('polnear')
    .description(
      'score the attributions layer (source, cue, content; statements and other kinds) on a PolNeAR split (see shared/data/polnear/README.md)',
    )
    .argument('<dir>', 'a PolNeAR split folder holding attributions/ and text/')
    .option('--limit <n>', 'score only the first n articles (sorted by name)')
    .option('--json', 'print machine-readable JSON')
    .action(async (dir: string, options: EvalPolnearOptions) => {
      const limit = options.limit !== undefined ? Number(options.limit) : Infinity;
      if (!(limit > 0)) throw new ParallaxError('BAD_OPTION', `--limit must be a positive number`);
      const annDir = join(dir, 'attributions');
      const textDir = join(dir, 'text');
      if (!existsSync(annDir) || !existsSync(textDir)) {
        throw new ParallaxError('INPUT_NOT_FOUND', `${dir}: expected attributions/ and text/ folders`);
      }
      const articles = [...goldFiles(readdirSync(annDir)).entries()].slice(0, limit);
      if (articles.length === 0)
        throw new ParallaxError('INPUT_INVALID', `${annDir}: no <article>_<annotator>.ann files`);
      const { analyzeDocument } = await import('../../analyze.js');
      const { createDocument } = await import('../../model/document.js');
      const t0 = performance.now();
      const docs: PolnearDoc[] = [];
      for (const [article, annFile] of articles) {
        const textPath = join(textDir, `${article}.txt`);
        if (!existsSync(textPath)) throw new ParallaxError('INPUT_NOT_FOUND', `${textPath}: no such file`);
        const raw = readFileSync(textPath, 'utf8');
        const doc = createDocument(raw);
        // Compositions (NFC) shift offsets; alignOffsets keeps its place across them.
        const map = alignOffsets(raw, doc.text);
        const attributions = parseAnn(readFileSync(join(annDir, annFile), 'utf8'));
        const mapped = (f: readonly Span[] | undefined): Span[] | undefined =>
          f?.map((x) => ({ start: map(x.start), end: map(x.end) }));
        docs.push({
          text: doc.text,
          gold: attributions.map((a) => {
            const source = mapped(a.source);
            const cue = mapped(a.cue);
            const content = mapped(a.content);
            return {
              ...(source !== undefined && { source }),
              ...(cue !== undefined && { cue }),
              ...(content !== undefined && { content }),
            };
          }),
          predicted: systemAttributions(analyzeDocument(doc).attributions),
        });
      }
      const seconds = (performance.now() - t0) / 1000;
      const report = scorePolnear(docs);
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ dir, seconds, report }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatPolnearReport(dir, report)}  (${seconds.toFixed(1)} s)\n`);
    });
}
