/**
 * `npm run train:attribution`: trains the cue and role taggers on PolNeAR train, scores PolNeAR dev
 * after every epoch (the taggers alone, exact-match F1 per role) and writes models/attribution-en.bin.
 * Everything random is seeded, so the same code, data and options give the same file byte for byte.
 *
 * Options: --polnear DIR (holds train/ and dev/), --out FILE, --epochs N, --seed N, --cue-bits N,
 * --role-bits N, --min-cue-word N, --min-cue-rate X, --prune X (drop weight rows whose largest weight is under X),
 * --bags N (average the weights of N runs with seeds seed, seed + 1, …: a little steadier than one run,
 * +0.4 cue and content F1 on dev with 3), --cue-bias X (added to the cue tagger's score for opening a cue
 * when decoding; stored in the model and used for every dev score printed), --tune-only (score, write
 * nothing).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSplit } from '../src/attribution/data.js';
import { encodeAttributionModel } from '../src/attribution/model.js';
import type { Weights } from '../src/attribution/tagger.js';
import { tagTrainingDoc, trainAttribution } from '../src/attribution/train.js';
import { DEFAULT_ATTRIBUTION_MODEL } from '../src/attribution/index.js';
import { POLNEAR_ROLES, scorePolnear } from '../src/eval/polnear.js';

const { values } = parseArgs({
  options: {
    polnear: { type: 'string', default: new URL('../../shared/data/polnear/', import.meta.url).pathname },
    out: { type: 'string', default: DEFAULT_ATTRIBUTION_MODEL },
    epochs: { type: 'string', default: '6' },
    seed: { type: 'string', default: '20180507' },
    'cue-bits': { type: 'string', default: '20' },
    'role-bits': { type: 'string', default: '20' },
    'min-cue-word': { type: 'string', default: '2' },
    'min-cue-rate': { type: 'string', default: '0.3' },
    prune: { type: 'string', default: '1' },
    bags: { type: 'string', default: '3' },
    'cue-bias': { type: 'string', default: '8' },
    'tune-only': { type: 'boolean', default: false },
  },
});

const options = {
  epochs: Number(values.epochs),
  seed: Number(values.seed),
  cueBits: Number(values['cue-bits']),
  roleBits: Number(values['role-bits']),
  minCueWord: Number(values['min-cue-word']),
  minCueRate: Number(values['min-cue-rate']),
};
const cueBias = Number(values['cue-bias']);
const t0 = performance.now();
const train = readSplit(join(values.polnear, 'train'));
const dev = readSplit(join(values.polnear, 'dev'));
const figures: Record<string, number>[] = [];
const devScore = (w: Weights, label: string): void => {
  const r = scorePolnear(
    dev.map((d) => ({ text: d.text, gold: d.goldSpans, predicted: tagTrainingDoc({ ...w, cueBias }, d) })),
  );
  const f: Record<string, number> = {};
  for (const role of POLNEAR_ROLES) f[role] = Math.round(1000 * r.roles[role].exact.f1) / 10;
  figures.push(f);
  const cue = r.roles.cue.exact;
  const pct = (x: number): string => (100 * x).toFixed(1);
  process.stdout.write(
    `${label}: dev exact F1 source ${f.source} cue ${f.cue} (P ${pct(cue.precision)} R ${pct(cue.recall)}) content ${f.content} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
  );
};
const runs: Weights[] = [];
const bags = Number(values.bags);
for (let b = 0; b < bags; b++) {
  runs.push(
    trainAttribution(train, {
      ...options,
      seed: options.seed + b,
      onEpoch: (epoch, w) => devScore(w, `run ${b + 1} epoch ${epoch}`),
    }),
  );
}
const mean = (pick: (w: Weights) => Float32Array): Float32Array => {
  const out = new Float32Array(pick(runs[0] as Weights).length);
  for (const w of runs) {
    const a = pick(w);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (a[i] as number) / runs.length;
  }
  return out;
};
// The runs differ only in their seed, so they share the gate vocabulary.
const weights: Weights = {
  ...(runs[0] as Weights),
  cue: mean((w) => w.cue),
  role: mean((w) => w.role),
  cueBias,
};
if (bags > 1) devScore(weights, `average of ${bags} runs`);
if (!values['tune-only']) {
  const bytes = encodeAttributionModel(
    weights,
    {
      data: 'PolNeAR v1.0.0 train (840 articles, one annotator file each); tuned on dev',
      ...options,
      bags,
      cueBias,
      prune: Number(values.prune),
      devExactF1: figures[figures.length - 1] ?? {},
    },
    Number(values.prune),
  );
  writeFileSync(values.out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  process.stdout.write(`wrote ${values.out}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha}\n`);
}
