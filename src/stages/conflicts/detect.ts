/**
 * Conflict rules: an accusation and a denial about the same matter (the accused, or someone named
 * with them, denies involvement in the same kind of happening), and rival claims of responsibility.
 */
import type { Conflict, Entity, Quote } from '../../model/schema.js';
import { deniesInvolvement, matterWords } from './matter.js';

export interface ConflictInput {
  readonly quotes: readonly Quote[];
  readonly entities: readonly Entity[];
}

const speakerEntity = (q: Quote): string | undefined => (q.speaker.kind === 'entity' ? q.speaker.entity : undefined);

export function detectConflicts(input: ConflictInput, lexicon: ReadonlyMap<string, string>): Conflict[] {
  const names = new Map(input.entities.map((e) => [e.id, e.name]));
  const name = (id: string): string => names.get(id) ?? id;
  const speakerName = (q: Quote): string => (q.speaker.kind === 'entity' ? name(q.speaker.entity) : q.speaker.kind === 'unresolved' ? q.speaker.text : 'the outlet');
  const out: Conflict[] = [];
  const seen = new Set<string>();
  const add = (a: Quote, b: Quote, about: string, reason: string, confidence: number): void => {
    const key = [a.id, b.id].sort().join('~');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ id: '', a: a.id, b: b.id, about, reason, confidence });
  };

  const accusations = input.quotes.filter((q) => q.stance === 'accuse');
  const denials = input.quotes.filter((q) => q.stance === 'deny');
  for (const acc of accusations) {
    const accuser = speakerEntity(acc);
    const accused = new Set(acc.about.filter((e) => e !== accuser));
    if (accused.size === 0) continue;
    const accMatter = matterWords(acc.content.text, lexicon);
    if (accMatter.size === 0) continue;
    const accClasses = new Set(accMatter.values());
    for (const den of denials) {
      const denier = speakerEntity(den);
      if (denier !== undefined && denier === accuser) continue;
      const side = new Set([...(denier !== undefined ? [denier] : []), ...den.about]);
      const overlap = [...accused].filter((e) => side.has(e));
      if (overlap.length === 0) continue;
      const denMatter = matterWords(den.content.text, lexicon);
      let shared: string | undefined;
      if (denMatter.size > 0) {
        // Both name a happening: they must be of the same kind.
        shared = [...denMatter.entries()].find(([, c]) => accClasses.has(c))?.[0];
        if (shared === undefined) continue;
      } else if (deniesInvolvement(den)) {
        shared = [...accMatter.keys()][0];
      } else continue;
      const who = overlap.map(name).join(' and ');
      add(
        acc,
        den,
        `whether ${who} ${overlap.length > 1 ? 'were' : 'was'} involved in the ${shared}`,
        `${speakerName(acc)} accuses ${who}; ${speakerName(den)} denies it`,
        0.7,
      );
    }
  }

  // Rival claims: two different speakers each claim the same kind of happening.
  const claims = input.quotes.filter((q) => q.stance === 'claim' && speakerEntity(q) !== undefined);
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i]!;
      const b = claims[j]!;
      if (speakerEntity(a) === speakerEntity(b)) continue;
      const ca = new Set(matterWords(a.content.text, lexicon).values());
      const mb = [...matterWords(b.content.text, lexicon).entries()].find(([, c]) => ca.has(c));
      if (!mb) continue;
      add(a, b, `who carried out the ${mb[0]}`, `${speakerName(a)} and ${speakerName(b)} both claim responsibility`, 0.6);
    }
  }
  out.forEach((c, n) => (c.id = `c${n + 1}`));
  return out;
}
