/** Scores a tagger on CoNLL documents, optionally after upper- or lower-casing the text (gold unchanged). */
import { ConllScorer, decodeIob, type ConllDocument, type ConllReport } from '../eval/conll.js';
import type { Tagger } from './tagger.js';
import { recase, type CaseVariant } from './train.js';

export interface EvaluateOptions {
  readonly variant?: CaseVariant;
  /** Tag documents with document-level consistency (default) or each sentence alone. */
  readonly documents?: boolean;
}

export function evaluateTagger(
  tagger: Tagger,
  docs: readonly ConllDocument[],
  options: EvaluateOptions = {},
): ConllReport {
  const variant = options.variant ?? 'original';
  const scorer = new ConllScorer();
  for (const doc of docs) {
    const texts = doc.sentences.map((s) => recase(s.words, variant));
    const tagged = options.documents === false ? texts.map((t) => tagger.tag(t)) : tagger.tagDocument(texts);
    doc.sentences.forEach((s, i) => {
      scorer.addChunks(decodeIob(s.tags), tagged[i] ?? [], s.words.length);
    });
  }
  return scorer.report();
}
