/** wink-nlp contender (English lite web model, default pipe): `readDoc` then `.entities()` and `.sentences()`. */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Contender } from './contender.js';

export function winkContender(): Contender {
  let nlp: ReturnType<typeof winkNLP> | undefined;
  let last: Record<string, number> = {};
  return {
    name: 'wink-nlp',
    setup() {
      nlp = winkNLP(model);
      nlp.readDoc('Warm up.').entities().length();
    },
    run(docs) {
      if (!nlp) throw new Error('wink-nlp: setup() was not called');
      let entities = 0;
      let sentences = 0;
      for (const text of docs) {
        const doc = nlp.readDoc(text);
        entities += doc.entities().length();
        sentences += doc.sentences().length();
      }
      last = { entities, sentences };
    },
    counts: () => last,
  };
}
