/**
 * Training of the role tagger: an averaged perceptron over the greedy decoder's decisions (as the entity
 * recognizer's `src/ner/train.ts`), on windows with gold BIO labels. Windows are visited in a seeded
 * random order each epoch; weights are averaged with the w − u / c trick, so averaging costs nothing per step.
 */
import { seededRandom, shuffle } from '../../ner/hash.js';
import { MAX_DYNAMIC, type WindowFeatures } from './features.js';
import { NUM_LABELS, allowed, beginOf, isInside, roleOf } from './labels.js';
import { BOS_LABEL, bestAllowed, scoreToken } from './tagger.js';

export interface TrainingWindow {
  readonly features: WindowFeatures;
  readonly gold: Uint8Array;
}

export interface RoleTrainOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly hashBits: number;
  /**
   * Runs averaged together (default 1): run k shuffles with seed + k, and the returned weights are the
   * mean of the runs' averaged weights. A mean of perceptrons is steadier than any one of them.
   */
  readonly runs?: number;
  /** Called after each epoch with the averaged weights so far (to score a tuning slice). */
  readonly onEpoch?: (epoch: number, averaged: Float32Array) => void;
}

function average(w: Float64Array, u: Float64Array, c: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const v = (w[i] as number) - (u[i] as number) / c;
    out[i] = Math.abs(v) < 1e-4 ? 0 : v;
  }
  return out;
}

/** Trains on `windows` and returns the averaged weights (NUM_LABELS per bucket of 2^hashBits). */
export function trainRoleTagger(windows: readonly TrainingWindow[], options: RoleTrainOptions): Float32Array {
  const runs = options.runs ?? 1;
  if (runs <= 1) return trainOnce(windows, options);
  let sum: Float64Array | undefined;
  for (let k = 0; k < runs; k++) {
    const w = trainOnce(windows, { ...options, seed: options.seed + k, onEpoch: undefined });
    sum ??= new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) sum[i] = (sum[i] as number) + (w[i] as number);
  }
  const out = new Float32Array((sum as Float64Array).length);
  for (let i = 0; i < out.length; i++) out[i] = ((sum as Float64Array)[i] as number) / runs;
  options.onEpoch?.(options.epochs, out);
  return out;
}

function trainOnce(windows: readonly TrainingWindow[], options: RoleTrainOptions): Float32Array {
  const L = NUM_LABELS;
  const mask = (1 << options.hashBits) - 1;
  const w = new Float64Array((mask + 1) * L);
  const u = new Float64Array((mask + 1) * L);
  const random = seededRandom(options.seed);
  const scores = new Float64Array(L);
  const dyn = new Int32Array(MAX_DYNAMIC);
  let c = 1;
  let last: Float32Array | undefined;

  const update = (f: WindowFeatures, i: number, nd: number, label: number, delta: number): void => {
    const dc = delta * c;
    const end = f.offsets[i + 1] as number;
    for (let k = f.offsets[i] as number; k < end; k++) {
      const idx = (f.feats[k] as number) * L + label;
      w[idx] = (w[idx] as number) + delta;
      u[idx] = (u[idx] as number) + dc;
    }
    for (let k = 0; k < nd; k++) {
      const idx = (dyn[k] as number) * L + label;
      w[idx] = (w[idx] as number) + delta;
      u[idx] = (u[idx] as number) + dc;
    }
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffle(
      windows.map((_, i) => i),
      random,
    );
    for (const index of order) {
      const { features: f, gold } = windows[index] as TrainingWindow;
      let prev = BOS_LABEL;
      let prev2 = BOS_LABEL;
      for (let i = 0; i < f.length; i++) {
        const nd = scoreToken(w, mask, f, i, prev, prev2, scores, dyn);
        const p = prev === BOS_LABEL ? -1 : prev;
        const best = bestAllowed(scores, p);
        let target = gold[i] as number;
        // after a wrong guess a gold I- may be impossible here: it becomes the B- that starts the span
        if (!allowed(p, target) && isInside(target)) target = beginOf(roleOf(target));
        if (best !== target) {
          update(f, i, nd, target, 1);
          update(f, i, nd, best, -1);
        }
        c++;
        prev2 = prev;
        prev = best;
      }
    }
    if (options.onEpoch !== undefined || epoch === options.epochs) {
      last = average(w, u, c);
      options.onEpoch?.(epoch, last);
    }
  }
  return last ?? average(w, u, c);
}
