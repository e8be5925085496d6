/** `parallax eval geo FILE...`: geoparsing scores (recognition, accuracy@161 km, AUC) on GeoWebNews/LGL/TR-News/GeoVirus XML. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';
import { formatGeoReport, offsetMap, parseGeoCorpus, scoreGeo, type GeoDocResult } from '../../eval/geo.js';

interface EvalGeoOptions {
  readonly limit?: string;
  readonly json?: boolean;
}

/**
 * Adds `geo` to the `eval` group.
 * @example registerEvalGeo(program.command('eval'));
 */
export function registerEvalGeo(evalGroup: Command): void {
  evalGroup
    .command('geo')
    .description(
      'score toponym recognition and resolution on geoparsing corpora (see shared/data/geoparsing/README.md)',
    )
    .argument('<files...>', 'GeoWebNews, LGL, TR-News or GeoVirus XML files')
    .option('--limit <n>', 'score only the first n documents of each file')
    .option('--json', 'print machine-readable JSON')
    .action(async (files: string[], options: EvalGeoOptions) => {
      const limit = options.limit !== undefined ? Number(options.limit) : Infinity;
      if (!(limit > 0)) throw new ParallaxError('BAD_OPTION', `--limit must be a positive number`);
      const { defaultPipeline } = await import('../../analyze.js');
      const { loadKnowledge } = await import('../../knowledge/load.js');
      const { createDocument } = await import('../../model/document.js');
      // The default pipeline over a knowledge index this command can also query (country codes, regions).
      const knowledge = loadKnowledge({ language: 'en' });
      const pipeline = defaultPipeline('en', knowledge);
      const reports = [];
      for (const file of files) {
        if (!existsSync(file)) throw new ParallaxError('INPUT_NOT_FOUND', `${file}: no such file`);
        const all = parseGeoCorpus(readFileSync(file, 'utf8'));
        if (all.length === 0) {
          throw new ParallaxError(
            'INPUT_INVALID',
            `${file}: no documents in a known geoparsing format (GeoWebNews, LGL, TR-News, GeoVirus XML)`,
          );
        }
        const docs = all.slice(0, limit);
        const t0 = performance.now();
        const results: GeoDocResult[] = docs.map((d) => {
          const doc = createDocument(d.text, d.published !== undefined ? { published: d.published } : {});
          const map = offsetMap(d.text, doc.text);
          const analysis = pipeline.run(doc);
          return {
            gold: d.toponyms.map((g) => ({ ...g, start: map(g.start), end: map(g.end) })),
            predicted: analysis.places.map((p) => {
              const region = p.gazetteerId?.startsWith('region:')
                ? knowledge.regionById?.(p.gazetteerId)
                : undefined;
              return {
                start: p.span.start,
                end: p.span.end,
                lat: p.lat,
                lon: p.lon,
                kind: p.kind,
                country: p.country,
                metonymy: p.metonymy,
                ...(region !== undefined ? { region: region.name } : {}),
              };
            }),
          };
        });
        const seconds = (performance.now() - t0) / 1000;
        const report = scoreGeo(results, (name) => knowledge.countryByName(name)?.code);
        reports.push({ file, seconds, report });
        if (options.json !== true)
          process.stdout.write(`${formatGeoReport(basename(file), report)}  (${seconds.toFixed(1)} s)\n`);
      }
      if (options.json === true) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    });
}
