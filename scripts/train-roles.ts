/**
 * `npm run train:roles`: trains the argument-role tagger of the events.roles stage on MUC-4's train
 * split (`../shared/data/muc4/ree_grit/train.json`) and writes models/roles-en.bin. The first 80% of the
 * train documents are trained on and the last 20% are the tuning slice (`--tune-share`), scored with CEAF-REE after every
 * epoch through the same MUC-4 mapping the evaluator uses, and the decoder's biases and confidence
 * floors are chosen there; the shipped weights are then trained again on every train
 * document with the same settings. The dev file is never read here. Everything
 * random is seeded, so the same code, data and Node version give the same file byte for byte.
 *
 * Options: --shared DIR, --out FILE, --epochs N, --seed N, --hash-bits N, --tune-share X, --all-documents
 * (train on documents with empty keys too), --tune-only (write nothing).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultStages } from '../src/analyze.js';
import { DEFAULT_MAPPING, pipelineTemplate } from '../src/eval/muc4-system.js';
import {
  MUC4_ROLES,
  parseMuc4,
  scoreMuc4,
  type Muc4Document,
  type Muc4Report,
  type Muc4Role,
  type Muc4Template,
} from '../src/eval/muc4.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Analysis } from '../src/model/schema.js';
import { createDocument } from '../src/model/document.js';
import { DEFAULT_MODEL_PATH, loadTagger } from '../src/ner/index.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { STAGE, attachArguments } from '../src/stages/roles/index.js';
import { RoleFeatureExtractor } from '../src/stages/roles/features.js';
import { goldTokenLabels, type GoldFiller } from '../src/stages/roles/gold.js';
import { encodeRoleModel } from '../src/stages/roles/model.js';
import { ROLES } from '../src/stages/roles/labels.js';
import { RoleTagger, tagInputOf, windowFeatures } from '../src/stages/roles/tagger.js';
import { trainRoleTagger, type TrainingWindow } from '../src/stages/roles/train.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULTS = { epochs: 25, seed: 20240, hashBits: 17, tuneShare: 0.2, runs: 1, folds: 1 } as const;
const BIAS_GRID = [0, 8, 16, 24, 32, 48, 64, 96];
const FLOOR_GRID = [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** Analyses by the stages before the roles stage: exactly its input, whatever model is on disk. */
function analyzer(): (text: string) => Analysis {
  const stages = defaultStages();
  const at = stages.findIndex((s) => s.name === STAGE);
  if (at < 0) throw new Error(`${STAGE} is not in the default pipeline`);
  const pipeline = createPipeline(stages.slice(0, at), loadKnowledge({ language: 'en' }));
  return (text) => pipeline.run(createDocument(text));
}

function fillersOf(doc: Muc4Document): GoldFiller[] {
  const out: GoldFiller[] = [];
  MUC4_ROLES.forEach((role, r) => {
    for (const entity of doc.extracts[role]) for (const text of entity) out.push({ role: r, text });
  });
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      'hash-bits': { type: 'string' },
      runs: { type: 'string' },
      'tune-only': { type: 'boolean' },
      'tune-share': { type: 'string' },
      folds: { type: 'string' },
      'all-documents': { type: 'boolean' },
    },
  });
  const shared = values.shared ?? join(ROOT, '..', 'shared', 'data');
  const trainPath = join(shared, 'muc4', 'ree_grit', 'train.json');
  const out = values.out ?? join(ROOT, 'models', 'roles-en.bin');
  const epochs = Number(values.epochs ?? DEFAULTS.epochs);
  const seed = Number(values.seed ?? DEFAULTS.seed);
  const hashBits = Number(values['hash-bits'] ?? DEFAULTS.hashBits);
  const tuneShare = Number(values['tune-share'] ?? DEFAULTS.tuneShare);
  const runs = Number(values.runs ?? DEFAULTS.runs);
  const folds = Number(values.folds ?? DEFAULTS.folds);
  // MUC-4 keys are empty for documents whose incidents it does not count (combat, arrests, old attacks):
  // their windows would teach the tagger that "guerrillas attacked the farm" holds no role. It learns
  // the roles from the documents with keys; the biases and floors are still tuned on every document.
  const relevantOnly = values['all-documents'] !== true;
  if (!existsSync(trainPath)) throw new Error(`${trainPath} not found`);
  const t0 = performance.now();
  const raw = readFileSync(trainPath);
  const docs = parseMuc4(raw.toString('utf8'));
  const cut = Math.round(docs.length * (1 - tuneShare));
  const analyze = analyzer();
  const ner = loadTagger();
  const extractor = new RoleFeatureExtractor(ner.extractor, hashBits);
  const analyses = docs.map((d) => analyze(d.doctext));
  // every document's windows with their gold labels, featurized once
  const docWindows: TrainingWindow[][] = analyses.map((a, i) => {
    const fillers = fillersOf(docs[i] as Muc4Document);
    if (relevantOnly && fillers.length === 0) return [];
    const gold = goldTokenLabels(a.document.text, a.tokens, fillers);
    return windowFeatures(extractor, tagInputOf(a)).map(({ window, features }) => ({
      features,
      gold: gold.slice(window.start, window.end),
    }));
  });
  /** Training windows of the documents outside [from, to), in document order. */
  const windowsOutside = (from: number, to: number): TrainingWindow[] =>
    docWindows.flatMap((w, i) => (i < from || i >= to ? w : []));
  // Held-out parts: --folds K contiguous blocks of the train documents, each tagged by a model trained on
  // the rest, so the biases and floors are chosen on every train document; --folds 1 holds out the
  // last --tune-share only.
  const parts: { from: number; to: number }[] =
    folds > 1
      ? Array.from({ length: folds }, (_, k) => ({
          from: Math.round((docs.length * k) / folds),
          to: Math.round((docs.length * (k + 1)) / folds),
        }))
      : [{ from: cut, to: docs.length }];
  const tune = parts.flatMap((p) => docs.slice(p.from, p.to));
  console.log(
    `train.json: ${docs.length} documents; tuning on ${tune.length} held out in ${parts.length} part(s); ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const tuning: Record<string, unknown>[] = [];
  /** The held-out documents' events with the tagger's arguments (no confidence floor), each part tagged by its own model. */
  const tagTune = (weights: readonly Float32Array[], roleBias: readonly number[]): Analysis[] =>
    parts.flatMap((p, k) => {
      const tagger = new RoleTagger(weights[k] as Float32Array, ner.extractor, hashBits);
      tagger.roleBias = roleBias;
      return analyses.slice(p.from, p.to).map((a) => {
        const input = tagInputOf(a);
        return { ...a, events: attachArguments(input, tagger.tag(input)) };
      });
    });
  const score = (
    tagged: readonly Analysis[],
    floors: readonly number[],
    mapping = DEFAULT_MAPPING,
  ): Muc4Report => {
    const answers = new Map<string, Muc4Template>();
    tune.forEach((d, k) => {
      const a = tagged[k] as Analysis;
      const events = a.events.map((e) =>
        e.arguments === undefined
          ? e
          : {
              ...e,
              arguments: e.arguments.filter((x) => x.confidence >= (floors[ROLES.indexOf(x.role)] ?? 0)),
            },
      );
      answers.set(d.docid, pipelineTemplate({ ...a, events }, mapping));
    });
    return scoreMuc4(tune, answers);
  };
  const describe = (r: Muc4Report): string => {
    const roles = MUC4_ROLES.map((role) => `${role} ${(r.roles[role].f1 * 100).toFixed(1)}`).join(', ');
    return `micro F1 ${(r.micro.f1 * 100).toFixed(2)} (P ${(r.micro.precision * 100).toFixed(1)} R ${(r.micro.recall * 100).toFixed(1)}; ${roles})`;
  };
  const noFloors = ROLES.map(() => 0);
  const weights = parts.map((p, k) => {
    const windows = windowsOutside(p.from, p.to);
    console.log(`part ${k + 1}/${parts.length}: training on ${windows.length} windows`);
    return trainRoleTagger(windows, {
      epochs,
      seed,
      hashBits,
      runs,
      // per-epoch figures when one part is held out
      ...(parts.length === 1
        ? {
            onEpoch: (epoch: number, averaged: Float32Array) => {
              const r = score(tagTune([averaged], noFloors), noFloors);
              tuning.push({ epoch, micro: r.micro.f1 });
              console.log(
                `epoch ${epoch}: tuning ${describe(r)}; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
              );
            },
          }
        : {}),
    });
  });
  // Biases and confidence floors on the tuning slice. First one bias for every role (the best micro F1
  // over BIAS_GRID); then each role in turn takes the value of BIAS_GRID that gives it the best F1 with
  // the others fixed (roles are scored apart); then each role the floor of FLOOR_GRID that is best for
  // it. Ties keep the earlier (smaller) value.
  const f1Of = (r: Muc4Report, role?: Muc4Role): number =>
    role === undefined ? r.micro.f1 : r.roles[role].f1;
  let roleBias: number[] = noFloors;
  let best = -1;
  for (const bias of BIAS_GRID) {
    const r = score(
      tagTune(
        weights,
        ROLES.map(() => bias),
      ),
      noFloors,
    );
    console.log(`bias ${bias} for every role: tuning ${describe(r)}`);
    if (f1Of(r) > best + 1e-9) {
      best = f1Of(r);
      roleBias = ROLES.map(() => bias);
    }
  }
  MUC4_ROLES.forEach((role, k) => {
    let bestRole = f1Of(score(tagTune(weights, roleBias), noFloors), role);
    for (const bias of BIAS_GRID) {
      const trial = roleBias.map((b, i) => (i === k ? bias : b));
      const f = f1Of(score(tagTune(weights, trial), noFloors), role);
      if (f > bestRole + 1e-9) {
        bestRole = f;
        roleBias = trial;
      }
    }
  });
  const biased = tagTune(weights, roleBias);
  const byFloor = FLOOR_GRID.map((f) =>
    score(
      biased,
      ROLES.map(() => f),
    ),
  );
  const floors = MUC4_ROLES.map((role) => {
    let k = 0;
    byFloor.forEach((r, i) => {
      if (f1Of(r, role) > f1Of(byFloor[k] as Muc4Report, role) + 1e-9) k = i;
    });
    return FLOOR_GRID[k] as number;
  });
  const final = score(biased, floors);
  console.log(`chosen: biases ${roleBias.join('/')}, floors ${floors.join('/')}: tuning ${describe(final)}`);
  tuning.push({ roleBias, floors, micro: final.micro.f1 });
  // the mapping's other sources beside the learned arguments, for README-muc4.md (chosen by hand there)
  const tagged = biased;
  for (const entityDedup of [false, true]) {
    for (const sameFiller of ['final', 'contained'] as const) {
      for (const parenthesisAliases of [false, true]) {
        const m = { ...DEFAULT_MAPPING, entityDedup, sameFiller, parenthesisAliases };
        const r = score(tagged, floors, m);
        console.log(
          `mapping entityDedup=${entityDedup} sameFiller=${sameFiller} parenthesisAliases=${parenthesisAliases}: tuning ${describe(r)}`,
        );
      }
    }
  }
  for (const entityArguments of [false, true]) {
    for (const weaponTerms of [false, true]) {
      const r = score(tagged, floors, { ...DEFAULT_MAPPING, entityArguments, weaponTerms });
      console.log(
        `mapping entityArguments=${entityArguments} weaponTerms=${weaponTerms}: tuning ${describe(r)}`,
      );
    }
  }
  if (values['tune-only'] === true) return;
  // The shipped weights: the same training on every train document, tuning slice included, with the
  // biases and floors chosen above (a fifth more data; the choices carry over).
  const all = windowsOutside(0, 0);
  const shipped = trainRoleTagger(all, { epochs, seed, hashBits, runs });
  console.log(`retrained on all ${docs.length} documents (${all.length} windows)`);
  const nerSha = createHash('sha256').update(readFileSync(DEFAULT_MODEL_PATH)).digest('hex');
  const bytes = encodeRoleModel(shipped, hashBits, roleBias, floors, nerSha, {
    seed,
    epochs,
    runs,
    relevantOnly,
    data: `ree_grit/train.json sha256 ${createHash('sha256').update(raw).digest('hex')}, all ${docs.length} documents; ${parts.length > 1 ? `tuned on all of them held out in ${parts.length} contiguous folds` : `tuned with the first ${cut} trained and the rest held out`}`,
    tuning,
  });
  writeFileSync(out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  console.log(
    `wrote ${out}: ${(bytes.length / 1024 / 1024).toFixed(2)} MB, sha256 ${sha}; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`,
  );
}

main();
