/**
 * Training of the event-type model (src/stages/events/typemodel.ts): multinomial logistic regression,
 * full-batch gradient descent with AdaGrad steps and an L2 penalty, from zero weights, in a fixed
 * order: the same examples always give the same model, byte for byte. A few hundred sentences need
 * no stochastic training; full batches make the result independent of any shuffling.
 */
import { PLOVER_TYPES, type PloverType } from '../model/schema.js';
import type { TypeModel } from '../stages/events/typemodel.js';

export interface TypeExample {
  readonly features: readonly string[];
  readonly label: PloverType;
  /** How much the example counts (default 1): sentences made from definitions count less than gold records. */
  readonly weight?: number;
}

export interface TrainOptions {
  /** Passes over the data (default 300). */
  readonly epochs?: number;
  /** L2 penalty per example (default 0.01). */
  readonly l2?: number;
  /** AdaGrad base step (default 0.5). */
  readonly rate?: number;
  /** Word and bigram features seen in fewer examples are dropped (default 2); rule and cue features are kept. */
  readonly minCount?: number;
  /** Class balance: each example's weight is multiplied by (mean label weight / its label's weight)^balance (default 0.25: rare types count a little more). */
  readonly balance?: number;
}

/** Rule-candidate, cue and bias features carry general knowledge and are kept even when rare. */
const ALWAYS = /^(bias|r:|r1:|rm:|ra:|rx:|rq:|c:|c1:|ci:|cn:|cq:|cQ:|m:)/;

/**
 * Fits the model. Labels are the 16 PLOVER types in schema order, whether or not all occur.
 * @example trainTypeModel([{ features: ['bias', 'w:protest'], label: 'PROTEST' }]).labels.length === 16
 */
export function trainTypeModel(examples: readonly TypeExample[], options: TrainOptions = {}): TypeModel {
  const epochs = options.epochs ?? 300;
  const l2 = options.l2 ?? 0.01;
  const rate = options.rate ?? 0.5;
  const minCount = options.minCount ?? 2;
  const labels = [...PLOVER_TYPES];
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, k) => [l, k]));

  const df = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features) df.set(f, (df.get(f) ?? 0) + 1);
  const names = [...df.keys()].filter((f) => ALWAYS.test(f) || df.get(f)! >= minCount).sort();
  const index = new Map(names.map((f, i) => [f, i]));
  const X = examples.map((ex) =>
    Int32Array.from(ex.features.flatMap((f) => (index.has(f) ? [index.get(f)!] : []))),
  );
  const y = examples.map((ex) => labelIndex.get(ex.label)!);
  const balance = options.balance ?? 0.25;
  const perLabel = new Map<PloverType, number>();
  for (const ex of examples) perLabel.set(ex.label, (perLabel.get(ex.label) ?? 0) + (ex.weight ?? 1));
  const mean = [...perLabel.values()].reduce((a, b) => a + b, 0) / Math.max(1, perLabel.size);
  const weight = examples.map((ex) => (ex.weight ?? 1) * (mean / perLabel.get(ex.label)!) ** balance);
  const total = weight.reduce((a, b) => a + b, 0);

  const F = names.length;
  const W = new Float64Array(F * K);
  const G2 = new Float64Array(F * K);
  const grad = new Float64Array(F * K);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    for (let n = 0; n < X.length; n++) {
      const x = X[n]!;
      z.fill(0);
      for (const f of x) for (let k = 0; k < K; k++) z[k]! += W[f * K + k]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      for (let k = 0; k < K; k++) {
        const g = weight[n]! * (z[k]! / sum - (k === y[n] ? 1 : 0));
        for (const f of x) grad[f * K + k]! += g;
      }
    }
    for (let i = 0; i < W.length; i++) {
      const g = grad[i]! / total + l2 * W[i]!;
      G2[i]! += g * g;
      if (G2[i]! > 0) W[i]! -= (rate * g) / Math.sqrt(G2[i]!);
    }
  }

  const weights = new Map<string, readonly number[]>();
  let bias: number[] = new Array<number>(K).fill(0);
  names.forEach((f, i) => {
    const w = Array.from(W.subarray(i * K, (i + 1) * K));
    if (f === 'bias') bias = w;
    else if (w.some((v) => Math.abs(v) >= 1e-3)) weights.set(f, w);
  });
  return { labels, bias, weights };
}
