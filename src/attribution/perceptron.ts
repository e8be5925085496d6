/**
 * A greedy left-to-right averaged perceptron over BIO labels: label 0 is O, label 1 + 2t is B of role t
 * and 2 + 2t its I. Scoring and training share one routine so both add the same weights in the same
 * order; weights are averaged with the w − u / c trick, so averaging costs nothing per step.
 */

/** Number of labels for `roles` BIO roles. */
export const labelCount = (roles: number): number => 1 + 2 * roles;

/** An I label may only continue a B or I of the same role. */
export function allowed(prev: number, label: number): boolean {
  if (label === 0 || (label & 1) === 1) return true;
  return prev === label || prev === label - 1;
}

/** The role of a label (-1 for O) and whether it opens a span. */
export const roleOf = (label: number): number => (label === 0 ? -1 : (label - 1) >> 1);
export const beginOf = (role: number): number => 1 + 2 * role;

/** Adds the weight rows of `n` features to `scores` (L per feature). */
export function score(
  weights: Float32Array | Float64Array,
  L: number,
  feats: Int32Array,
  n: number,
  scores: Float64Array,
): void {
  scores.fill(0);
  for (let k = 0; k < n; k++) {
    const base = (feats[k] as number) * L;
    for (let l = 0; l < L; l++) scores[l] = (scores[l] as number) + (weights[base + l] as number);
  }
}

/** The best label allowed after `prev`; the lowest index on ties, so decoding is deterministic. */
export function bestAllowed(scores: Float64Array, L: number, prev: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let l = 0; l < L; l++) {
    if (!allowed(prev, l)) continue;
    const s = scores[l] as number;
    if (s > bestScore) {
      bestScore = s;
      best = l;
    }
  }
  return best;
}

/** Training state: current weights, the running sums for averaging, and the step counter. */
export class AveragedPerceptron {
  readonly w: Float64Array;
  private readonly u: Float64Array;
  private c = 1;

  constructor(
    readonly L: number,
    readonly hashBits: number,
  ) {
    this.w = new Float64Array((1 << hashBits) * L);
    this.u = new Float64Array((1 << hashBits) * L);
  }

  /** Moves the weights of `n` features towards `gold` and away from `guess`. */
  update(feats: Int32Array, n: number, gold: number, guess: number): void {
    const { w, u, L } = this;
    const c = this.c;
    for (let k = 0; k < n; k++) {
      const base = (feats[k] as number) * L;
      w[base + gold] = (w[base + gold] as number) + 1;
      u[base + gold] = (u[base + gold] as number) + c;
      w[base + guess] = (w[base + guess] as number) - 1;
      u[base + guess] = (u[base + guess] as number) - c;
    }
  }

  /** One decision made (right or wrong): the averaging clock ticks. */
  tick(): void {
    this.c++;
  }

  /** The averaged weights as float32, tiny values flushed to zero so the saved table stays sparse. */
  averaged(): Float32Array {
    const out = new Float32Array(this.w.length);
    const { w, u, c } = this;
    for (let i = 0; i < w.length; i++) {
      const v = (w[i] as number) - (u[i] as number) / c;
      out[i] = Math.abs(v) < 1e-4 ? 0 : v;
    }
    return out;
  }
}
