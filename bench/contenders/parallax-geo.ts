/**
 * Gazetteer contender: setup builds the knowledge index afresh (countries, cities, regions) and reports
 * its load time and heap; the timed run is toponym resolution alone (the places stage) over mentions
 * found once, untimed, on the first pass.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defaultPipeline } from '../../src/analyze.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import { createDocument } from '../../src/model/document.js';
import type { Analysis } from '../../src/model/schema.js';
import { resolvePlaces } from '../../src/stages/places/resolve-places.js';
import type { Contender } from './contender.js';

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export function parallaxGeoContender(): Contender {
  let knowledge: Knowledge | undefined;
  let before: ((text: string) => Analysis) | undefined;
  const cache = new Map<string, Analysis>();
  let last: Record<string, number> = {};
  return {
    name: 'parallax-geo',
    setup() {
      // An explicit dataDir is its own cache key, so this builds the index anew even if another contender loaded it.
      const t0 = performance.now();
      knowledge = loadKnowledge({ language: 'en', dataDir: DATA_DIR });
      const loadMs = performance.now() - t0;
      const pipeline = defaultPipeline('en', knowledge);
      before = (text) => pipeline.runUntil('conflicts.rules', createDocument(text));
      process.stderr.write(
        `parallax-geo: gazetteer (countries, cities, regions) loaded in ${loadMs.toFixed(0)} ms\n`,
      );
    },
    run(docs) {
      if (!knowledge || !before) throw new Error('parallax-geo: setup() was not called');
      let places = 0;
      let regions = 0;
      let metonymic = 0;
      for (const text of docs) {
        let a = cache.get(text);
        if (!a) {
          a = before(text);
          cache.set(text, a);
        }
        const out = resolvePlaces(
          { text: a.document.text, mentions: a.mentions, entities: a.entities, events: a.events },
          knowledge,
        );
        places += out.places.length;
        for (const p of out.places) {
          if (p.kind === 'region') regions++;
          if (p.metonymy) metonymic++;
        }
      }
      last = { places, regions, metonymic };
    },
    counts: () => last,
  };
}
