/**
 * The trained entity tagger alone (src/ner): each document's lines are its sentences and its spaces
 * separate tokens (the corpus is CoNLL text joined that way), tagged with document-level consistency.
 */
import { loadTagger, type Tagger } from '../../src/ner/index.js';
import type { Contender } from './contender.js';

export function parallaxTaggerContender(): Contender {
  let tagger: Tagger | undefined;
  let last: Record<string, number> = {};
  return {
    name: 'parallax-tagger',
    setup() {
      tagger = loadTagger();
      tagger.tag(['Warm', 'up', 'in', 'Paris', '.']);
    },
    run(docs) {
      if (tagger === undefined) throw new Error('setup() was not called');
      const counts: Record<string, number> = { entities: 0, PER: 0, ORG: 0, LOC: 0, MISC: 0 };
      for (const text of docs) {
        const sentences = text.split('\n').map((line) => line.split(' ').filter((w) => w.length > 0));
        for (const spans of tagger.tagDocument(sentences)) {
          for (const s of spans) {
            counts[s.type] = (counts[s.type] ?? 0) + 1;
            counts.entities = (counts.entities ?? 0) + 1;
          }
        }
      }
      last = counts;
    },
    counts: () => last,
  };
}
