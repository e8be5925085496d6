/** One-to-one greedy assignment shared by every section: best pairs first, required gold before optional, then file order. */

/** A gold item and a system item that satisfy a section's match rule; higher quality is better. */
export interface Candidate {
  readonly gold: number;
  readonly system: number;
  readonly quality: number;
}

export interface Assignment {
  /** gold index → system index */
  readonly goldToSystem: ReadonlyMap<number, number>;
  /** system index → gold index */
  readonly systemToGold: ReadonlyMap<number, number>;
}

/**
 * Takes candidate pairs in order (quality descending, required gold items before optional ones, gold
 * file order, system file order) and keeps each pair whose two items are both still free.
 * @example assignGreedy([{ gold: 0, system: 0, quality: 1 }], [false]).goldToSystem.get(0) === 0
 */
export function assignGreedy(candidates: readonly Candidate[], goldOptional: readonly boolean[]): Assignment {
  const rank = (i: number): number => (goldOptional[i] === true ? 1 : 0);
  const ordered = [...candidates].sort(
    (x, y) => y.quality - x.quality || rank(x.gold) - rank(y.gold) || x.gold - y.gold || x.system - y.system,
  );
  const goldToSystem = new Map<number, number>();
  const systemToGold = new Map<number, number>();
  for (const c of ordered) {
    if (goldToSystem.has(c.gold) || systemToGold.has(c.system)) continue;
    goldToSystem.set(c.gold, c.system);
    systemToGold.set(c.system, c.gold);
  }
  return { goldToSystem, systemToGold };
}
