/**
 * The loaded-language classifier alone (src/loaded): each document is tokenized and segmented as the
 * pipeline does, its quotation marks found, and its tokens scored (spans at the news threshold).
 */
import { loadLoadedClassifier, type LoadedClassifier } from '../../src/loaded/classifier.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { findQuoteMarks } from '../../src/stages/quotes/marks.js';
import { segment } from '../../src/text/segment.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Contender } from './contender.js';

export function parallaxLoadedContender(): Contender {
  let classifier: LoadedClassifier | undefined;
  let weakEnds: ReadonlySet<string> = new Set();
  let last: Record<string, number> = {};
  return {
    name: 'parallax-loaded',
    setup() {
      classifier = loadLoadedClassifier();
      weakEnds = loadKnowledge({ language: 'en' }).lexicon('function-words');
    },
    run(docs) {
      if (classifier === undefined) throw new Error('setup() was not called');
      let spans = 0;
      for (const text of docs) {
        const tokens = tokenize(text);
        const input = {
          text,
          tokens,
          sentences: segment(text, tokens),
          quoted: findQuoteMarks(text).map((m) => m.inner),
        };
        spans += classifier.spans(input, classifier.newsThreshold, weakEnds).length;
      }
      last = { spans };
    },
    counts: () => last,
  };
}
