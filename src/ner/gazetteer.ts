/**
 * Gazetteer for the tagger's features, built from the project's knowledge base (countries, demonyms,
 * capitals, cities, organizations) and English lexicons. Names are lower-cased and split on spaces; each
 * word gets a mask of the categories it is a whole name of and of those it is part of a longer name of,
 * and longer names are kept as phrases for span matching. The built gazetteer is stored in the model, so
 * tagging never needs the knowledge base and always sees what training saw.
 */
import { readFileSync } from 'node:fs';
import type { Knowledge } from '../knowledge/knowledge.js';

export const GAZ_CATEGORIES = [
  'country',
  'demonym',
  'city',
  'capital',
  'org',
  'given-name',
  'title',
  'org-head',
  'loc-head',
  'common',
] as const;
export const GAZ_COUNTRY = 0;
export const GAZ_DEMONYM = 1;
export const GAZ_CITY = 2;
export const GAZ_CAPITAL = 3;
export const GAZ_ORG = 4;
export const GAZ_GIVEN = 5;
export const GAZ_TITLE = 6;
export const GAZ_ORG_HEAD = 7;
export const GAZ_LOC_HEAD = 8;
export const GAZ_COMMON = 9;
/** Bit set on a word that starts some multi-word name. */
export const PHRASE_START_BIT = 1 << 15;
/** Longest phrase matched, in words. */
export const MAX_PHRASE = 6;

export interface Gazetteer {
  /** Lower-cased word → unit mask (bits 0–9) | part mask (bits 16–25) | PHRASE_START_BIT. */
  readonly words: ReadonlyMap<string, number>;
  /** Lower-cased multi-word names joined with single spaces → category mask. */
  readonly phrases: ReadonlyMap<string, number>;
}

class GazetteerBuilder {
  readonly words = new Map<string, number>();
  readonly phrases = new Map<string, number>();

  add(name: string, category: number): void {
    const parts = name
      .toLowerCase()
      .trim()
      .split(/\s+/)
      .filter((p) => p.length > 0);
    if (parts.length === 0 || parts.length > MAX_PHRASE) return;
    const bit = 1 << category;
    if (parts.length === 1) {
      const w = parts[0] as string;
      this.words.set(w, (this.words.get(w) ?? 0) | bit);
      return;
    }
    const key = parts.join(' ');
    this.phrases.set(key, (this.phrases.get(key) ?? 0) | bit);
    parts.forEach((w, i) => {
      const extra = (bit << 16) | (i === 0 ? PHRASE_START_BIT : 0);
      this.words.set(w, (this.words.get(w) ?? 0) | extra);
    });
  }
}

/** City names of the project's compiled GeoNames gazetteer (population ≥ 15,000). */
function cityNames(dataDir: string): string[] {
  const raw = JSON.parse(readFileSync(new URL('generated/gazetteer-cities.json', dataDir), 'utf8')) as {
    cities?: unknown[];
  };
  const names: string[] = [];
  for (const row of raw.cities ?? []) {
    if (Array.isArray(row) && typeof row[1] === 'string') names.push(row[1]);
  }
  return names;
}

/**
 * Builds the gazetteer from a loaded knowledge base. `dataDir` is a file URL of the data/ folder
 * (for the city list, which the knowledge base exposes only by lookup).
 */
export function buildGazetteer(k: Knowledge, dataDir: URL): Gazetteer {
  const b = new GazetteerBuilder();
  for (const n of k.countryNames ?? []) b.add(n.replace(/^the /i, ''), GAZ_COUNTRY);
  for (const c of k.countries ?? []) {
    b.add(c.name, GAZ_COUNTRY);
    for (const n of c.names) b.add(n, GAZ_COUNTRY);
    if (c.capital !== undefined) b.add(c.capital, GAZ_CAPITAL);
  }
  for (const d of k.demonyms ?? []) b.add(d, GAZ_DEMONYM);
  for (const n of cityNames(dataDir.href)) b.add(n, GAZ_CITY);
  for (const a of k.orgAliases) b.add(a, GAZ_ORG);
  const lex = (name: string, category: number): void => {
    for (const w of k.lexicon(name)) b.add(w, category);
  };
  lex('given-names', GAZ_GIVEN);
  lex('titles', GAZ_TITLE);
  lex('person-offices', GAZ_TITLE);
  lex('org-heads', GAZ_ORG_HEAD);
  lex('org-descriptors', GAZ_ORG_HEAD);
  lex('loc-heads', GAZ_LOC_HEAD);
  lex('common-capitalized', GAZ_COMMON);
  lex('function-words', GAZ_COMMON);
  return { words: b.words, phrases: b.phrases };
}

/** Text form stored in the model: sorted "W\tword\tmask" and "P\tphrase\tmask" lines. */
export function serializeGazetteer(g: Gazetteer): string {
  const lines: string[] = [];
  const sorted = (m: ReadonlyMap<string, number>): [string, number][] =>
    [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [w, m] of sorted(g.words)) lines.push(`W\t${w}\t${m.toString(16)}`);
  for (const [p, m] of sorted(g.phrases)) lines.push(`P\t${p}\t${m.toString(16)}`);
  return lines.join('\n');
}

export function parseGazetteer(text: string): Gazetteer {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [kind, name, mask] = line.split('\t');
    if (name === undefined || mask === undefined) continue;
    (kind === 'P' ? phrases : words).set(name, parseInt(mask, 16));
  }
  return { words, phrases };
}
