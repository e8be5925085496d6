/**
 * `npm run train:ner`: trains the shipped English model from CoNLL-2003 eng.train and writes
 * models/ner-en.bin. The first 90% of the training articles are trained on and the last 10% are the
 * tuning slice (scored after every epoch); the dev file is never read here. With the same seed and
 * options the output is the same, byte for byte.
 *
 * Options: --conll DIR, --shared DIR (the unlabeled corpora), --out FILE, --epochs N, --seed N,
 * --hash-bits N, --upper-rate X, --lower-rate X, --tune-only (score, write nothing).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConll, type ConllReport } from '../eval/conll.js';
import { loadKnowledge } from '../knowledge/load.js';
import { computeClusters, readUnlabeledCorpora } from './clusters.js';
import { evaluateTagger } from './evaluate.js';
import { buildGazetteer } from './gazetteer.js';
import { encodeModel, writeModel } from './model.js';
import { Tagger } from './tagger.js';
import { trainPerceptron } from './train.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULTS = {
  epochs: 12,
  seed: 20030,
  hashBits: 18,
  upperRate: 0.3,
  lowerRate: 0.3,
} as const;

function pct(r: ConllReport): string {
  return (r.overall.f1 * 100).toFixed(2);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      conll: { type: 'string' },
      shared: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      'hash-bits': { type: 'string' },
      'upper-rate': { type: 'string' },
      'lower-rate': { type: 'string' },
      'tune-only': { type: 'boolean' },
    },
  });
  const shared = values.shared ?? join(ROOT, '..', 'shared', 'data');
  const conllDir = values.conll ?? join(shared, 'conll2003');
  const out = values.out ?? join(ROOT, 'models', 'ner-en.bin');
  const epochs = Number(values.epochs ?? DEFAULTS.epochs);
  const seed = Number(values.seed ?? DEFAULTS.seed);
  const hashBits = Number(values['hash-bits'] ?? DEFAULTS.hashBits);
  const upperRate = Number(values['upper-rate'] ?? DEFAULTS.upperRate);
  const lowerRate = Number(values['lower-rate'] ?? DEFAULTS.lowerRate);
  const trainPath = join(conllDir, 'eng.train');
  if (!existsSync(trainPath)) throw new Error(`${trainPath} not found`);

  const t0 = performance.now();
  const raw = readFileSync(trainPath);
  const docs = parseConll(raw.toString('utf8'));
  const cut = Math.round(docs.length * 0.9);
  const train = docs.slice(0, cut);
  const tune = docs.slice(cut);
  console.log(`eng.train: ${docs.length} articles; training on ${train.length}, tuning on ${tune.length}`);

  const gazetteer = buildGazetteer(loadKnowledge({ language: 'en' }), new URL('data/', `file://${ROOT}`));
  console.log(`gazetteer: ${gazetteer.words.size} words, ${gazetteer.phrases.size} phrases`);
  const unlabeled = readUnlabeledCorpora(shared);
  const clusters = computeClusters(unlabeled.texts, { seed });
  console.log(`clusters: ${clusters.size} words from ${unlabeled.sources.join(', ')}`);
  const resources = { gazetteer, clusters, hashBits };

  const tuning: Record<string, unknown>[] = [];
  const weights = trainPerceptron(train, resources, {
    epochs,
    seed,
    upperRate,
    lowerRate,
    onEpoch: (epoch, averaged) => {
      const tagger = new Tagger(averaged, resources);
      const normal = evaluateTagger(tagger, tune);
      const upper = evaluateTagger(tagger, tune, { variant: 'upper' });
      const lower = evaluateTagger(tagger, tune, { variant: 'lower' });
      tuning.push({ epoch, f1: normal.overall.f1, upper: upper.overall.f1, lower: lower.overall.f1 });
      const byType = Object.entries(normal.byType)
        .map(([t, s]) => `${t} ${(s.f1 * 100).toFixed(1)}`)
        .join(', ');
      console.log(
        `epoch ${epoch}: tuning F1 ${pct(normal)} (${byType}); upper ${pct(upper)}; lower ${pct(lower)}; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    },
  });
  if (values['tune-only'] === true) return;
  const bytes = encodeModel(weights, hashBits, gazetteer, clusters, {
    seed,
    epochs,
    upperRate,
    lowerRate,
    data: `eng.train sha256 ${createHash('sha256').update(raw).digest('hex')}, first ${train.length} of ${docs.length} articles`,
    unlabeled: unlabeled.sources,
    tuning: tuning[tuning.length - 1] ?? null,
  });
  mkdirSync(dirname(out), { recursive: true });
  writeModel(out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  console.log(
    `wrote ${out}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, sha256 ${sha}; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`,
  );
}

main();
