/** `parallax eval polnear DIR`: source / cue / content scores on PolNeAR brat attributions (see shared/data/polnear/README.md). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import {
  formatPolnearReport,
  goldFiles,
  goldRoleSpans,
  parseAnn,
  scorePolnear,
  type PolnearDoc,
  type RoleSpans,
} from '../../eval/polnear.js';
import type { Quote, Span } from '../../model/schema.js';

interface EvalPolnearOptions {
  readonly limit?: string;
  readonly json?: boolean;
}

/** System role spans of a document's quotes. */
export function quoteRoleSpans(quotes: readonly Quote[]): RoleSpans {
  const out: RoleSpans = { source: [], cue: [], content: [] };
  for (const q of quotes) {
    const source = q.speakerSpan ?? (q.speaker.kind === 'unresolved' ? q.speaker.span : undefined);
    if (source !== undefined) out.source.push([source]);
    out.cue.push([q.cue.span]);
    out.content.push([q.content.span]);
  }
  return out;
}

/**
 * Adds `polnear` to the `eval` group.
 * @example registerEvalPolnear(program.command('eval'));
 */
export function registerEvalPolnear(evalGroup: Command): void {
  evalGroup
    .command('polnear')
    .description(
      'score quote attribution (source, cue, content) on a PolNeAR split (see shared/data/polnear/README.md)',
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
      const { offsetMap } = await import('../../eval/geo.js');
      const t0 = performance.now();
      const docs: PolnearDoc[] = [];
      for (const [article, annFile] of articles) {
        const textPath = join(textDir, `${article}.txt`);
        if (!existsSync(textPath)) throw new ParallaxError('INPUT_NOT_FOUND', `${textPath}: no such file`);
        const raw = readFileSync(textPath, 'utf8');
        const doc = createDocument(raw);
        const map = offsetMap(raw, doc.text);
        const attributions = parseAnn(readFileSync(join(annDir, annFile), 'utf8'));
        const gold = goldRoleSpans(attributions);
        const mapped = (spans: readonly (readonly Span[])[]): Span[][] =>
          spans.map((f) => f.map((s) => ({ start: map(s.start), end: map(s.end) })));
        docs.push({
          text: doc.text,
          gold: { source: mapped(gold.source), cue: mapped(gold.cue), content: mapped(gold.content) },
          predicted: quoteRoleSpans(analyzeDocument(doc).quotes),
          goldAttributions: attributions.length,
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
