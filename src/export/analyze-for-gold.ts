/** Analyses an article file and returns the analysis as a gold/v1 system answer. */
import { basename } from 'node:path';
import { analyzeDocument } from '../analyze.js';
import { readArticleFile } from '../ingest/read-text.js';
import { createDocument } from '../model/document.js';
import { toGoldAnswer, type GoldAnswer } from './gold.js';

export async function analyzeForGold(
  textPath: string,
  published: string | undefined,
  language: string,
): Promise<GoldAnswer> {
  const text = readArticleFile(textPath);
  const meta = published !== undefined ? { published, language } : { language };
  const analysis = analyzeDocument(createDocument(text, meta));
  return toGoldAnswer(analysis, basename(textPath));
}
