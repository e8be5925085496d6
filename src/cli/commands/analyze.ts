/** `parallax analyze FILE|-`: analyses one article and prints it as JSON, Markdown, a table or a gold/v1 answer. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { analyzeDocument } from '../../analyze.js';
import { ParallaxError } from '../../errors.js';
import { toGoldAnswer } from '../../export/gold.js';
import { toMarkdown, toTable } from '../../export/report.js';
import { DEFAULT_MAX_BYTES, readArticleFile, readStdin } from '../../ingest/read-text.js';
import { createDocument } from '../../model/document.js';
import { parseMaxBytes, parsePublished } from '../options.js';

const FORMATS = ['json', 'md', 'table', 'gold'] as const;
type Format = (typeof FORMATS)[number];

interface AnalyzeOptions {
  published?: string;
  format: string;
  outlet?: string;
  url?: string;
  language: string;
  maxBytes?: string;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse one article (a text file, or - for stdin) and print the result')
    .argument('<file>', 'article text file, or - to read stdin')
    .option('--published <date>', 'publication date (YYYY-MM-DD); relative dates resolve against it')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'md')
    .option('--outlet <name>', 'the outlet that published the article')
    .option('--url <url>', 'the article URL')
    .option('--language <code>', 'ISO 639-1 language of the article', 'en')
    .option('--max-bytes <n>', `per-document size cap in bytes (default ${DEFAULT_MAX_BYTES})`)
    .action(async (file: string, options: AnalyzeOptions) => {
      const format = options.format as Format;
      if (!FORMATS.includes(format)) {
        throw new ParallaxError(
          'BAD_OPTION',
          `--format must be one of ${FORMATS.join(', ')}, not '${options.format}'`,
        );
      }
      const maxBytes = parseMaxBytes(options.maxBytes);
      const published = options.published !== undefined ? parsePublished(options.published) : undefined;
      const text = file === '-' ? await readStdin({ maxBytes }) : readArticleFile(file, { maxBytes });
      const document = createDocument(text, {
        language: options.language,
        ...(published !== undefined && { published }),
        ...(options.outlet !== undefined && { outlet: options.outlet }),
        ...(options.url !== undefined && { url: options.url }),
      });
      const analysis = analyzeDocument(document);
      let out: string;
      if (format === 'json') out = `${JSON.stringify(analysis, null, 2)}\n`;
      else if (format === 'gold')
        out = `${JSON.stringify(toGoldAnswer(analysis, file === '-' ? undefined : basename(file)), null, 1)}\n`;
      else if (format === 'table') out = toTable(analysis);
      else out = toMarkdown(analysis);
      process.stdout.write(out);
    });
}
