/** Builds the benchmark corpus: CoNLL-2003 sentences as raw text grouped into articles, or a fallback text. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Corpus {
  /** Where the text came from, in words, for the printed header and the JSON result. */
  readonly source: string;
  /** True when CoNLL-2003 was absent and the demo article was repeated instead. */
  readonly fallback: boolean;
  readonly docs: readonly string[];
  readonly sentences: number;
  /** Whitespace-separated tokens: the one word count used for every contender. */
  readonly words: number;
  readonly chars: number;
  /** Words available before --limit-words cut the corpus. */
  readonly availableWords: number;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONLL_DIR = resolve(REPO_ROOT, '..', 'shared', 'data', 'conll2003');
/** train, dev, test: whichever of them exist (the test split is usually held out). */
const CONLL_FILES = ['eng.train', 'eng.testa', 'eng.testb'] as const;
const FALLBACK_FILE = join(REPO_ROOT, 'examples', 'demo-article.txt');
/** How much text the fallback repeats the demo article up to, when no limit is given. */
const FALLBACK_WORDS = 300_000;

export function countWords(text: string): number {
  let n = 0;
  for (const part of text.split(/\s+/)) if (part.length > 0) n++;
  return n;
}

/** One article is a list of sentences; a sentence is its tokens joined with single spaces. */
function parseConll(content: string): string[][] {
  const articles: string[][] = [];
  let article: string[] = [];
  let sentence: string[] = [];
  const endSentence = (): void => {
    if (sentence.length > 0) article.push(sentence.join(' '));
    sentence = [];
  };
  const endArticle = (): void => {
    endSentence();
    if (article.length > 0) articles.push(article);
    article = [];
  };
  for (const line of content.split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      endArticle();
    } else if (line.trim() === '') {
      endSentence();
    } else {
      const word = line.split(' ')[0];
      if (word) sentence.push(word);
    }
  }
  endArticle();
  return articles;
}

/** Takes whole sentences, in order, until `limit` words are reached; articles keep their grouping. */
function take(
  articles: readonly (readonly string[])[],
  limit: number,
): { docs: string[]; sentences: number } {
  const docs: string[] = [];
  let words = 0;
  let sentences = 0;
  for (const article of articles) {
    if (words >= limit) break;
    const kept: string[] = [];
    for (const s of article) {
      if (words >= limit) break;
      kept.push(s);
      words += countWords(s);
    }
    sentences += kept.length;
    // One sentence per line, as a headline-then-body wire story reads.
    if (kept.length > 0) docs.push(kept.join('\n'));
  }
  return { docs, sentences };
}

function summarize(
  source: string,
  fallback: boolean,
  docs: string[],
  sentences: number,
  availableWords: number,
): Corpus {
  let words = 0;
  let chars = 0;
  for (const d of docs) {
    words += countWords(d);
    chars += d.length;
  }
  return { source, fallback, docs, sentences, words, chars, availableWords };
}

export function loadCorpus(limitWords: number | undefined): Corpus {
  const files = CONLL_FILES.filter((f) => existsSync(join(CONLL_DIR, f)));
  if (files.length > 0) {
    const articles = files.flatMap((f) => parseConll(readFileSync(join(CONLL_DIR, f), 'utf8')));
    const available = articles.reduce((n, a) => n + a.reduce((m, s) => m + countWords(s), 0), 0);
    const { docs, sentences } = take(articles, limitWords ?? Number.POSITIVE_INFINITY);
    const source = `CoNLL-2003 (${files.join(' + ')}), tokens joined with spaces, one article per document`;
    return summarize(source, false, docs, sentences, available);
  }
  const article = readFileSync(FALLBACK_FILE, 'utf8').trim();
  const perCopy = countWords(article);
  const target = limitWords ?? FALLBACK_WORDS;
  const copies = Math.max(1, Math.ceil(target / perCopy));
  const docs = Array.from({ length: copies }, () => article);
  const sentences = docs.length * article.split(/\n+/).length;
  const source = `FALLBACK: ${CONLL_DIR} not found; examples/demo-article.txt repeated ${copies}×`;
  return summarize(source, true, docs, sentences, perCopy * copies);
}
