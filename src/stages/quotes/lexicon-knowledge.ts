/** A Knowledge backed only by the lexicon files, for unit tests of stages that read lexicons alone. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Knowledge } from '../../knowledge/knowledge.js';

const LEXICON_DIR = fileURLToPath(new URL('../../../data/lexicons/', import.meta.url));

function readLexicon(language: string, name: string): string[] {
  const path = `${LEXICON_DIR}${language}/${name}.txt`;
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function lexiconKnowledge(language = 'en'): Knowledge {
  const cache = new Map<string, ReadonlySet<string>>();
  const lexicons: Record<string, readonly string[]> = {};
  return {
    language,
    countryByName: () => undefined,
    countryByCode: () => undefined,
    countryByDemonym: () => undefined,
    countryByCapital: () => undefined,
    cities: () => [],
    orgByAlias: () => undefined,
    orgByKey: () => undefined,
    orgAliases: [],
    lexicons,
    lexicon(name: string): ReadonlySet<string> {
      let set = cache.get(name);
      if (!set) {
        const lines = readLexicon(language, name);
        lexicons[name] = lines;
        set = new Set(lines);
        cache.set(name, set);
      }
      return set;
    },
  };
}
