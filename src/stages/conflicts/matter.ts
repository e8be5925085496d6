/** What a statement is about: the classes of happening it names (violence, election, ...) and involvement talk. */
import type { Quote } from '../../model/schema.js';

/** "word<TAB>class" lines → word → class. */
export function parseMatterLexicon(lines: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of lines) {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#')) continue;
    const [word, cls] = line.split(/\s+/);
    if (word && cls) out.set(word, cls);
  }
  return out;
}

export function matterWords(text: string, lexicon: ReadonlyMap<string, string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
    const cls = lexicon.get(w);
    if (cls !== undefined && !found.has(w)) found.set(w, cls);
  }
  return found;
}

// A denial of involvement names no happening of its own: it is about whatever it was accused of.
const INVOLVEMENT =
  /\b(?:involved|involvement|anything to do|nothing to do|responsib\w*|behind|role in|part in|link(?:ed)? to|connection)\b/iu;

export function deniesInvolvement(q: Quote): boolean {
  return INVOLVEMENT.test(q.content.text);
}
