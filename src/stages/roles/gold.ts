/**
 * Training labels from answer keys that give role fillers as strings, not positions (MUC-4's keys give
 * only the first occurrence of each string): every whole-word occurrence of a filler string in the
 * document is labelled with its role. Longer fillers are placed first and never overlapped by shorter ones.
 */
import type { Token } from '../../model/schema.js';
import { O, beginOf, insideOf } from './labels.js';
import { tokenAt } from './windows.js';

export interface GoldFiller {
  /** Index into ROLES. */
  readonly role: number;
  readonly text: string;
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;

/** BIO label per document token from filler strings (case-insensitive, whole words). */
export function goldTokenLabels(
  text: string,
  tokens: readonly Token[],
  fillers: readonly GoldFiller[],
): Uint8Array {
  const labels = new Uint8Array(tokens.length).fill(O);
  const lower = text.toLowerCase();
  const sorted = [...fillers]
    .map((f) => ({ role: f.role, text: f.text.toLowerCase().trim() }))
    .filter((f) => f.text.length > 0)
    .sort((a, b) => b.text.length - a.text.length || a.role - b.role);
  for (const f of sorted) {
    for (let at = lower.indexOf(f.text); at >= 0; at = lower.indexOf(f.text, at + 1)) {
      const end = at + f.text.length;
      if (at > 0 && isWordChar(lower.charCodeAt(at - 1))) continue;
      if (end < lower.length && isWordChar(lower.charCodeAt(end))) continue;
      const s = tokenAt(tokens, at);
      if (s < 0 || (tokens[s] as Token).start !== at) continue;
      let e = s;
      while (e < tokens.length && (tokens[e] as Token).end <= end) e++;
      if (e === s || (tokens[e - 1] as Token).end !== end) continue;
      let free = true;
      for (let i = s; i < e; i++) if (labels[i] !== O) free = false;
      if (!free) continue;
      labels[s] = beginOf(f.role);
      for (let i = s + 1; i < e; i++) labels[i] = insideOf(f.role);
    }
  }
  return labels;
}
