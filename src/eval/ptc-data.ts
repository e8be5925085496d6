/**
 * Reads the PTC folder (articles and technique labels) into normalized documents with their gold
 * loaded-language spans, shared by the `eval ptc` scorer's conventions and the loaded-language trainer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../model/schema.js';
import { createDocument } from '../model/document.js';
import { offsetMap } from './geo.js';
import { codePointToUtf16, mergeSpans, parseTechniqueLabels, PTC_LOADED_TECHNIQUES } from './ptc.js';

export interface PtcArticle {
  readonly id: string;
  /** The normalized document text (what the pipeline sees). */
  readonly text: string;
  /** Gold spans as UTF-16 offsets of `text`, merged. */
  readonly gold: readonly Span[];
}

/** The technique label text under DIR: top-level `*task-flc-tc.labels` files, else a `*labels-task-flc-tc` folder's. */
export function readPtcLabels(dir: string): string {
  const top = readdirSync(dir).filter((f) => f.endsWith('task-flc-tc.labels'));
  if (top.length > 0) return top.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const folders = readdirSync(dir).filter(
    (f) => f.endsWith('labels-task-flc-tc') && statSync(join(dir, f)).isDirectory(),
  );
  return folders
    .flatMap((d) =>
      readdirSync(join(dir, d))
        .filter((f) => f.endsWith('.labels'))
        .map((f) => readFileSync(join(dir, d, f), 'utf8')),
    )
    .join('\n');
}

/** `article<ID>.txt` paths in the `*articles` folders under DIR, sorted by id. */
export function ptcArticlePaths(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const d of readdirSync(dir).filter(
    (f) => f.endsWith('articles') && statSync(join(dir, f)).isDirectory(),
  )) {
    for (const f of readdirSync(join(dir, d))) {
      const m = /^article(\d+)\.txt$/.exec(f);
      if (m) out.push([m[1] as string, join(dir, d, f)]);
    }
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Every article under DIR that `keep(id)` accepts, normalized, with its gold spans moved from code
 * points of the raw file onto UTF-16 offsets of the normalized text (as `eval ptc` does).
 */
export function readPtcArticles(dir: string, keep: (id: string) => boolean = () => true): PtcArticle[] {
  const labels = parseTechniqueLabels(readPtcLabels(dir), PTC_LOADED_TECHNIQUES);
  const out: PtcArticle[] = [];
  for (const [id, path] of ptcArticlePaths(dir)) {
    if (!keep(id)) continue;
    const raw = readFileSync(path, 'utf8');
    const text = createDocument(raw).text;
    const rawUtf16 = codePointToUtf16(raw);
    const map = offsetMap(raw, text);
    const at = (cp: number): number => map(rawUtf16[Math.min(cp, rawUtf16.length - 1)] as number);
    const gold = mergeSpans((labels.get(id) ?? []).map((s) => ({ start: at(s.start), end: at(s.end) })));
    out.push({ id, text, gold });
  }
  return out;
}
