/** compromise contender: `nlp(text)` then its people, places and organizations entity methods. */
import nlp from 'compromise';
import type { Contender } from './contender.js';

export function compromiseContender(): Contender {
  let last: Record<string, number> = {};
  return {
    name: 'compromise',
    setup() {
      // compromise builds its lexicon at import; one tiny parse makes sure nothing lazy is left for the timed runs.
      nlp('Warm up.').people();
    },
    run(docs) {
      let people = 0;
      let places = 0;
      let organizations = 0;
      for (const text of docs) {
        const doc = nlp(text);
        people += doc.people().length;
        places += doc.places().length;
        organizations += doc.organizations().length;
      }
      last = { entities: people + places + organizations, people, places, organizations };
    },
    counts: () => last,
  };
}
