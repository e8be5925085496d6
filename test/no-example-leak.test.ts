/**
 * Guards against tuning to the examples: names, phrases and figures particular to an example article
 * must not appear in the product's code or data (tests may use them).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from './helpers/shared.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

interface GoldLike {
  entities?: { type?: string; name?: string; mentions?: string[] }[];
  quotes?: { content?: string }[];
  events?: { counts?: Record<string, number>; evidence?: string }[];
  places?: { text?: string; kind?: string }[];
}

function goldFiles(): string[] {
  return walk(sharedPath('examples')).filter((p) => p.endsWith('.json') && !p.endsWith('corpus.json'));
}

function forbidden(): {
  persons: Set<string>;
  phrases: Set<string>;
  cities: Set<string>;
  figures: Set<string>;
} {
  const persons = new Set<string>();
  const phrases = new Set<string>();
  const cities = new Set<string>();
  const figures = new Set<string>();
  const addPhrases = (s: string | undefined): void => {
    if (!s) return;
    const words = s
      .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean);
    for (let i = 0; i + 5 <= words.length; i++)
      phrases.add(
        words
          .slice(i, i + 5)
          .join(' ')
          .toLowerCase(),
      );
  };
  for (const file of goldFiles()) {
    const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldLike;
    for (const e of gold.entities ?? []) {
      // Proper names only: a name with lower-case words ("the country's health minister") is a description.
      if (e.type === 'PERSON' && e.name && !/(^|\s)\p{Ll}/u.test(e.name)) {
        // The full name and the surname: given names alone ("Ali") are too common to be particular.
        persons.add(e.name);
        const surname = e.name.split(/\s+/).pop();
        if (surname && /^\p{Lu}\p{Ll}{2,}/u.test(surname)) persons.add(surname);
      }
    }
    for (const q of gold.quotes ?? []) addPhrases(q.content);
    for (const ev of gold.events ?? []) {
      addPhrases(ev.evidence);
      for (const v of Object.values(ev.counts ?? {})) if (v >= 80) figures.add(String(v));
    }
    for (const p of gold.places ?? []) if (p.kind === 'city' && p.text) cities.add(p.text);
  }
  return { persons, phrases, cities, figures };
}

const productFiles = (): string[] =>
  [
    ...walk(join(ROOT, 'src')),
    ...walk(join(ROOT, 'data')).filter((p) => !p.includes(`${join('data', 'generated')}`)),
  ].filter((p) => !/\.(test|spec)\.ts$/.test(p));

describe.skipIf(!hasShared)('no example-specific names, phrases or figures in the product', () => {
  const { persons, phrases, cities, figures } = forbidden();

  it('collects something to check (the guard itself is live)', () => {
    expect(persons.size).toBeGreaterThan(3);
    expect(phrases.size).toBeGreaterThan(20);
  });

  it('no person name from an example gold file appears in src/ or data/', () => {
    const hits: string[] = [];
    for (const file of productFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const name of persons) if (new RegExp(`\\b${name}\\b`).test(text)) hits.push(`${file}: ${name}`);
    }
    expect(hits).toEqual([]);
  });

  it('no five-word phrase of an example quote or event appears in src/ or data/', () => {
    const hits: string[] = [];
    for (const file of productFiles()) {
      const text = readFileSync(file, 'utf8').toLowerCase().replace(/\s+/g, ' ');
      for (const phrase of phrases) if (text.includes(phrase)) hits.push(`${file}: ${phrase}`);
    }
    expect(hits).toEqual([]);
  });

  it('no example city name or casualty figure appears in src/', () => {
    const hits: string[] = [];
    for (const file of productFiles().filter((p) => p.includes(`${join(ROOT, 'src')}`))) {
      const text = readFileSync(file, 'utf8');
      for (const c of cities) if (new RegExp(`\\b${c}\\b`).test(text)) hits.push(`${file}: ${c}`);
      for (const f of figures)
        if (new RegExp(`(?<![\\d.])${f}(?![\\d.])`).test(text)) hits.push(`${file}: ${f}`);
    }
    expect(hits).toEqual([]);
  });
});
