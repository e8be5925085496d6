/**
 * Trains the loaded-language classifier on the PTC articles outside the held-out fifth (id mod 5 ≠ 0)
 * and writes models/loaded-en.bin. The number of epochs and the decision threshold are chosen by
 * 4-fold cross-validation inside the training articles (folds: id mod 5 = 1, 2, 3, 4); the held-out
 * fifth is never read. Everything random is seeded, so the same code and data give the same file.
 *
 *   npm run train:loaded [-- --epochs 12 --seed 20200 --hash-bits 20 --positive-weight 2 --span-weight 1 --no-write]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isPtcHeldOut } from '../src/eval/ptc.js';
import { readPtcArticles } from '../src/eval/ptc-data.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { nerClusters } from '../src/loaded/classifier.js';
import { LoadedFeatures } from '../src/loaded/features.js';
import { encodeLoadedModel } from '../src/loaded/model.js';
import { prepareDoc, scoreDocs, siAt, trainLoaded, type PreparedDoc } from '../src/loaded/train.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    ptc: { type: 'string', default: `${ROOT}../shared/data/semeval2020_task11_ptc` },
    epochs: { type: 'string', default: '8' },
    seed: { type: 'string', default: '20200' },
    'hash-bits': { type: 'string', default: '20' },
    'positive-weight': { type: 'string', default: '1' },
    'span-weight': { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    prune: { type: 'string', default: '0.005' },
    'logistic-rate': { type: 'string', default: '0.1' },
    out: { type: 'string', default: `${ROOT}models/loaded-en.bin` },
    'no-write': { type: 'boolean', default: false },
    'no-trim': { type: 'boolean', default: false },
  },
});
const maxEpochs = Number(values.epochs);
const seed = Number(values.seed);
const hashBits = Number(values['hash-bits']);
const positiveWeight = Number(values['positive-weight']);
/** Exponent of the span-length weight of positive tokens (0: all positives weigh the same). */
const spanWeight = Number(values['span-weight']);
/** Perceptrons trained with different visiting orders are averaged into one linear model. */
const runs = Number(values.runs);
const prune = Number(values.prune);
const logisticRate = Number(values['logistic-rate']);
const runSeed = (r: number): number => seed + 7919 * r;

const t0 = performance.now();
const articles = readPtcArticles(values.ptc, (id) => !isPtcHeldOut(id));
const features = new LoadedFeatures(hashBits, nerClusters());
const weakEnds = values['no-trim']
  ? new Set<string>()
  : loadKnowledge({ language: 'en' }).lexicon('function-words');
const docs = articles.map((a) => prepareDoc(features, a, weakEnds));
const fold = (d: PreparedDoc): number => Number(BigInt(d.id) % 5n);
const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
const positives = docs.reduce((n, d) => n + d.labels.filter((y) => y > 0).length, 0);
console.log(
  `${docs.length} training articles, ${tokens} tokens, ${positives} inside gold spans (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

// Cross-validation: token scores of every training article from the model that did not see it, per epoch.
/** Candidate thresholds: the score quantiles that mark the top 0.5%–20% of tokens. */
function thresholdGrid(scores: readonly Float32Array[], top = 0.005): number[] {
  const all = Float32Array.from(scores.flatMap((s) => Array.from(s))).sort();
  const steps = 80;
  const step = (0.2 - top) / (steps - 1);
  return Array.from({ length: steps }, (_, i) => all[Math.floor(all.length * (0.8 + i * step))] as number);
}
const cvScores: Float32Array[][] = Array.from(
  { length: maxEpochs },
  () => new Array<Float32Array>(docs.length),
);
// Scores are linear in the weights, so the mean score of the runs is the score of their mean weights.
for (const f of [1, 2, 3, 4]) {
  const train = docs.filter((d) => fold(d) !== f);
  const testIdx = docs.map((d, i) => (fold(d) === f ? i : -1)).filter((i) => i >= 0);
  const test = testIdx.map((i) => docs[i] as PreparedDoc);
  for (let r = 0; r < runs; r++) {
    trainLoaded(train, {
      epochs: maxEpochs,
      seed: runSeed(r) + f,
      hashBits,
      positiveWeight,
      spanWeight,
      logisticRate,
      onEpoch: (epoch, w) => {
        const row = cvScores[epoch - 1] as Float32Array[];
        scoreDocs(test, w).forEach((s, k) => {
          const at = testIdx[k] as number;
          const sum = row[at] ?? new Float32Array(s.length);
          for (let i = 0; i < s.length; i++) sum[i] = (sum[i] as number) + (s[i] as number) / runs;
          row[at] = sum;
        });
      },
    });
  }
}
for (const f of [1, 2, 3, 4]) {
  const idx = docs.map((d, i) => (fold(d) === f ? i : -1)).filter((i) => i >= 0);
  const sub = idx.map((i) => docs[i] as PreparedDoc);
  const sc = idx.map((i) => (cvScores[maxEpochs - 1] as Float32Array[])[i] as Float32Array);
  const best = thresholdGrid(sc).reduce((m, th) => Math.max(m, siAt(sub, sc, th).f1), 0);
  console.log(`fold ${f} (last epoch, no widening, its own best threshold): F1 ${best.toFixed(3)}`);
}
/** Candidate widenings, as shares of the spread between the median and the 99th percentile score. */
function extendGrid(scores: readonly Float32Array[]): number[] {
  const all = Float32Array.from(scores.flatMap((s) => Array.from(s))).sort();
  const spread =
    (all[Math.floor(all.length * 0.99)] as number) - (all[Math.floor(all.length * 0.5)] as number);
  return [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8].map((x) => x * spread);
}
let best = { epoch: 1, threshold: 0, extend: 0, f1: -1, precision: 0, recall: 0 };
for (let e = 1; e <= maxEpochs; e++) {
  let row = { threshold: 0, extend: 0, f1: -1, precision: 0, recall: 0 };
  for (const th of thresholdGrid(cvScores[e - 1] as Float32Array[]))
    for (const ext of extendGrid(cvScores[e - 1] as Float32Array[])) {
      const s = siAt(docs, cvScores[e - 1] as Float32Array[], th, ext);
      if (s.f1 > row.f1)
        row = { threshold: th, extend: ext, f1: s.f1, precision: s.precision, recall: s.recall };
    }
  console.log(
    `cv epoch ${e}: best threshold ${row.threshold.toFixed(2)} extend ${row.extend.toFixed(2)}  P ${row.precision.toFixed(3)} R ${row.recall.toFixed(3)} F1 ${row.f1.toFixed(3)}`,
  );
  if (row.f1 > best.f1) best = { epoch: e, ...row };
}
console.log(
  `chosen: ${best.epoch} epochs, threshold ${best.threshold.toFixed(2)}, extend ${best.extend.toFixed(2)} (cv F1 ${best.f1.toFixed(3)})`,
);

// The news threshold: best precision-weighted F0.5 at the chosen epoch and widening (wire copy carries
// far less loaded language than the PTC's outlets, so markers there should favour precision).
const chosenScores = cvScores[best.epoch - 1] as Float32Array[];
let news = { threshold: best.threshold, f: -1, precision: 0, recall: 0 };
for (const th of thresholdGrid(chosenScores, 0.001)) {
  const s = siAt(docs, chosenScores, th, best.extend);
  const f =
    s.precision + s.recall > 0 ? (1.25 * s.precision * s.recall) / (0.25 * s.precision + s.recall) : 0;
  if (th >= best.threshold && f > news.f)
    news = { threshold: th, f, precision: s.precision, recall: s.recall };
}
console.log(
  `news threshold ${news.threshold.toFixed(2)}: cv P ${news.precision.toFixed(3)} R ${news.recall.toFixed(3)} F0.5 ${news.f.toFixed(3)}`,
);

const weights = new Float32Array(1 << hashBits);
for (let r = 0; r < runs; r++) {
  const w = trainLoaded(docs, {
    epochs: best.epoch,
    seed: runSeed(r),
    hashBits,
    positiveWeight,
    spanWeight,
    logisticRate,
  });
  for (let i = 0; i < w.length; i++) weights[i] = (weights[i] as number) + (w[i] as number) / runs;
}
// Tiny weights (rare features the logistic loss barely moved) only cost bytes.
for (let i = 0; i < weights.length; i++) if (Math.abs(weights[i] as number) < prune) weights[i] = 0;
const bytes = encodeLoadedModel(
  weights,
  hashBits,
  Number(best.threshold.toFixed(3)),
  Number(news.threshold.toFixed(3)),
  Number(best.extend.toFixed(3)),
  {
    data: 'SemEval-2020 Task 11 PTC train articles with id mod 5 != 0 (Loaded_Language + Name_Calling,Labeling)',
    articles: docs.length,
    seed,
    runs,
    epochs: best.epoch,
    positiveWeight,
    spanWeight,
    logisticRate,
    prune,
    cv: {
      folds: 'id mod 5 = 1, 2, 3, 4',
      precision: Number(best.precision.toFixed(4)),
      recall: Number(best.recall.toFixed(4)),
      f1: Number(best.f1.toFixed(4)),
      newsPrecision: Number(news.precision.toFixed(4)),
      newsRecall: Number(news.recall.toFixed(4)),
    },
  },
);
if (!values['no-write']) {
  writeFileSync(values.out, bytes);
  console.log(`wrote ${values.out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
