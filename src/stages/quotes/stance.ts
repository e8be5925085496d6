/** Refines a cue's stance by what the content says: blame, denial of involvement, claims, threats. */
import type { Stance } from '../../model/schema.js';
import type { StancePattern } from './lexicon.js';

export interface StanceInput {
  readonly cueStance: Stance;
  readonly content: string;
  /** The speaker is an organization or state (a group can claim its own attack; a person rarely does). */
  readonly speakerIsGroup: boolean;
  /** Words that name violent events, for "self" claims ("two of its members set off explosive belts"). */
  readonly violent: ReadonlySet<string>;
  /** A cue that threatens only when its content does ("warned that ...", "vowed to ..."). */
  readonly weakCue?: boolean;
}

export function refineStance(input: StanceInput, patterns: readonly StancePattern[]): Stance {
  if (input.weakCue && input.cueStance === 'threaten') {
    // "warned that it would retaliate" threatens; "warned that prices could rise" asserts.
    return patterns.some((p) => p.tag === 'threaten' && p.re.test(input.content)) ? 'threaten' : 'assert';
  }
  // Only neutral cues are refined: "denied", "urged", "accused" already say what the speaker does.
  if (input.cueStance !== 'assert') return input.cueStance;
  for (const p of patterns) {
    if (!p.re.test(input.content)) continue;
    if (p.tag === 'self') {
      if (input.speakerIsGroup && hasWord(input.content, input.violent)) return 'claim';
      continue;
    }
    if (p.tag === 'deny' || p.tag === 'claim' || p.tag === 'accuse' || p.tag === 'threaten') return p.tag;
  }
  return 'assert';
}

export function hasWord(text: string, words: ReadonlySet<string>): boolean {
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (words.has(w)) return true;
  return false;
}
