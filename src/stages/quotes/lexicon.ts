/** Parses the tagged lexicons the quote stage reads ("phrase<TAB>tag[<TAB>flags]"). */
import { STANCES, type Stance } from '../../model/schema.js';

export interface TaggedEntry {
  readonly words: readonly string[];
  readonly tag: string;
  readonly flags: ReadonlySet<string>;
}

const TAGS_WITHOUT_TAB =
  /^(.*?)\s+(assert|accuse|deny|request|claim|threaten|self|[a-z]+)((?:\s+(?:that|obj|np|weak))*)$/;

/** Tabs separate fields; a loader that turned tabs into spaces still parses (the tag is the last word). */
export function parseTagged(lines: Iterable<string>): TaggedEntry[] {
  const out: TaggedEntry[] = [];
  for (const raw of lines) {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#')) continue;
    let phrase: string;
    let tag: string;
    let flags: string[];
    if (line.includes('\t')) {
      const parts = line.split(/\t+/).map((p) => p.trim());
      phrase = parts[0] ?? '';
      tag = parts[1] ?? '';
      flags = parts
        .slice(2)
        .flatMap((p) => p.split(/[\s,]+/))
        .filter(Boolean);
    } else {
      const m = TAGS_WITHOUT_TAB.exec(line);
      if (!m) continue;
      phrase = m[1]!;
      tag = m[2]!;
      flags = (m[3] ?? '').split(/\s+/).filter(Boolean);
    }
    if (phrase === '' || tag === '') continue;
    out.push({ words: phrase.split(/\s+/), tag, flags: new Set(flags) });
  }
  return out;
}

export function isStance(s: string): s is Stance {
  return (STANCES as readonly string[]).includes(s);
}

export interface Cue {
  readonly words: readonly string[];
  readonly stance: Stance;
  readonly flags: ReadonlySet<string>;
}

/** Cues indexed by first word, longest first, so "called for" wins over a bare "called". */
export class CueTable {
  private readonly byFirst = new Map<string, Cue[]>();

  constructor(entries: readonly TaggedEntry[]) {
    for (const e of entries) {
      if (!isStance(e.tag)) continue;
      const first = e.words[0]!;
      const list = this.byFirst.get(first) ?? [];
      list.push({ words: e.words, stance: e.tag, flags: e.flags });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(first, list);
    }
  }

  /** The longest cue starting at word index i of `words` (lower-case token texts). */
  match(words: readonly string[], i: number, end: number): Cue | undefined {
    const list = this.byFirst.get(words[i] ?? '');
    if (!list) return undefined;
    return list.find((c) => i + c.words.length <= end && c.words.every((w, k) => words[i + k] === w));
  }
}

export interface StancePattern {
  readonly re: RegExp;
  readonly tag: string;
}

const BE = String.raw`(?:is|are|was|were|be|been|being|'s)(?:\s+(?:most|more|very|quite|also|probably|likely|possibly|almost|certainly|definitely|directly|partly|partially|solely|ultimately|clearly|in\s+fact))*`;

/** Compiles stance phrases: BE is a copula with hedges, ... a gap of up to eight words. */
export function compileStancePatterns(entries: readonly TaggedEntry[]): StancePattern[] {
  return entries.map((e) => {
    const parts = e.words.map((w) =>
      w === 'be' ? BE : w === '...' ? String.raw`(?:\S+\s+){0,8}?` : escapeRe(w),
    );
    let src = '';
    e.words.forEach((w, k) => {
      src += parts[k]!;
      if (k < e.words.length - 1 && w !== '...') src += String.raw`\s+`;
    });
    return { re: new RegExp(String.raw`(?<![\p{L}\p{N}])${src}(?![\p{L}\p{N}])`, 'iu'), tag: e.tag };
  });
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
