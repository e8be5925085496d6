/** Entity matching: same type, a shared normalized string, one-to-one by gold mentions covered; alias recall. */
import { assignGreedy, type Assignment, type Candidate } from './assign.js';
import {
  countAssignment,
  describeAssignment,
  ratio,
  type SectionMatches,
  type SectionScore,
} from './metrics.js';
import { entityKey } from './normalize.js';
import type { GoldEntity } from './schema.js';

export interface EntitiesResult {
  readonly score: SectionScore & { readonly aliasRecall: number | null };
  readonly matches: SectionMatches;
  /** gold entity key → matched system entity key; optional gold entities included, for events and quotes */
  readonly goldToSystemKey: ReadonlyMap<string, string>;
}

function stringKeys(entity: GoldEntity): Set<string> {
  const out = new Set<string>();
  for (const s of [entity.name, ...entity.mentions]) {
    const k = entityKey(s);
    if (k !== '') out.add(k);
  }
  return out;
}

/** NORP entities are out of entity scoring on both sides (see README: decisions). */
function scored(entity: GoldEntity): boolean {
  return entity.type !== 'NORP';
}

/**
 * Matches entities one-to-one and maps gold keys to system keys for the sections that refer to them.
 * @example matchEntities(gold.entities, answer.entities).goldToSystemKey.get('some-gold-key')
 */
export function matchEntities(gold: readonly GoldEntity[], system: readonly GoldEntity[]): EntitiesResult {
  const goldKeys = gold.map(stringKeys);
  const systemKeys = system.map(stringKeys);
  const candidates: Candidate[] = [];
  gold.forEach((g, gi) => {
    if (!scored(g)) return;
    const gk = goldKeys[gi] ?? new Set<string>();
    system.forEach((s, si) => {
      if (!scored(s) || s.type !== g.type) return;
      const sk = systemKeys[si] ?? new Set<string>();
      if (![...gk].some((k) => sk.has(k))) return;
      const covered = g.mentions.filter((m) => sk.has(entityKey(m))).length;
      candidates.push({ gold: gi, system: si, quality: covered });
    });
  });
  // Gold NORP entities are treated like optional ones: they can take part in nothing and count nowhere.
  const goldOptional = gold.map((g) => g.optional === true || !scored(g));
  const assignment: Assignment = assignGreedy(candidates, goldOptional);
  const counted = system.flatMap((s, i) => (scored(s) ? [i] : []));
  const base = countAssignment(assignment, goldOptional, counted);

  let mentions = 0;
  let found = 0;
  const goldToSystemKey = new Map<string, string>();
  for (const [gi, si] of assignment.goldToSystem) {
    const g = gold[gi];
    const s = system[si];
    if (g === undefined || s === undefined) continue;
    goldToSystemKey.set(g.key, s.key);
    if (goldOptional[gi] === true) continue;
    const sk = systemKeys[si] ?? new Set<string>();
    mentions += g.mentions.length;
    found += g.mentions.filter((m) => sk.has(entityKey(m))).length;
  }
  return {
    score: { ...base, aliasRecall: ratio(found, mentions) },
    matches: describeAssignment(
      assignment,
      gold.map((g) => g.key),
      system.map((s) => s.key),
      goldOptional,
      counted,
    ),
    goldToSystemKey,
  };
}
