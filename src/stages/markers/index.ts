/** The marker stage: features of the outlet's text (legal-designation footnotes, loaded language). */
import type { Knowledge } from '../../knowledge/knowledge.js';
import { loadLoadedClassifier } from '../../loaded/classifier.js';
import type { Stage } from '../../pipeline/stage.js';
import { footnoteMarkers } from './footnotes.js';
import { compileLoaded, loadedMarkers } from './loaded.js';

const STAGE = 'markers.rules';
const VERSION = 2;
const REF = `${STAGE}@${VERSION}`;

const loadedCache = new WeakMap<Knowledge, RegExp | undefined>();

function loadedRe(knowledge: Knowledge): RegExp | undefined {
  if (!loadedCache.has(knowledge))
    loadedCache.set(knowledge, compileLoaded(knowledge.lexicon('loaded-language')));
  return loadedCache.get(knowledge);
}

export const markersStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences', 'mentions', 'entities', 'quotes'],
  provides: ['markers'],
  run: (input, ctx) => {
    const text = input.document.text;
    const footnotes = footnoteMarkers(text, input.mentions, ctx.knowledge.lexicon('legal-designations'), REF);
    const loaded = loadedMarkers(
      {
        text,
        tokens: input.tokens,
        sentences: input.sentences,
        mentions: input.mentions,
        quotes: input.quotes,
        exclude: footnotes.map((f) => f.span),
      },
      loadedRe(ctx.knowledge),
      REF,
      // The trained classifier is English; other languages keep the lexicon alone.
      ctx.knowledge.language === 'en' ? loadLoadedClassifier() : undefined,
      ctx.knowledge.lexicon('function-words'),
    );
    const markers = [...footnotes, ...loaded].sort((a, b) => a.span.start - b.span.start);
    markers.forEach((m, n) => (m.id = `k${n + 1}`));
    return { markers };
  },
};
