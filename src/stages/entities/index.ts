/** The entity stage: named mentions with types, knowledge links and roles; the trained tagger types names. */
import { loadTagger } from '../../ner/index.js';
import type { Stage } from '../../pipeline/stage.js';
import type { Sentence, Token } from '../../model/schema.js';
import { STAGE, VERSION, recognize, type TaggedName } from './recognize.js';

/** Runs the tagger over the document's sentences; document token indices, with document-level consistency. */
function tagNames(text: string, tokens: readonly Token[], sentences: readonly Sentence[]): TaggedName[] {
  const words = sentences.map((s) =>
    tokens.slice(s.tokenStart, s.tokenEnd).map((t) => text.slice(t.start, t.end)),
  );
  const spans = loadTagger().tagDocument(words);
  return spans.flatMap((list, n) => {
    const offset = sentences[n]!.tokenStart;
    return list.map((t) => ({
      type: t.type,
      start: t.start + offset,
      end: t.end + offset,
      confidence: t.confidence,
    }));
  });
}

export const entitiesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences'],
  provides: ['mentions'],
  run: (input, ctx) => {
    const { text } = input.document;
    // The shipped tagger is trained on English news; other languages keep the rules alone for now.
    const tagged =
      ctx.knowledge.language === 'en' ? tagNames(text, input.tokens, input.sentences) : undefined;
    return {
      mentions: recognize({ text, tokens: input.tokens, sentences: input.sentences }, ctx.knowledge, tagged),
    };
  },
};
