/**
 * Trains the shipped event-type models (`npm run train:plover [FILE] [--out PATH] [--sentences-out
 * PATH]`): the rules run on every record of the PLOVER dev half with the model switched off, and a
 * logistic regression (src/eval/plover-train.ts, deterministic: the same file gives the same model) is
 * fitted on all of them and on sentences made from the CAMEO→PLOVER definitions beside the file —
 * models/plover-types.json — with the sentence model (the same without rule features,
 * models/plover-sentences.json) beside it. The cross-validated figure of this recipe is
 * `parallax eval plover FILE --folds 10`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/load.js';
import { parsePloverRecords } from '../src/eval/plover.js';
import { definitionExamples, recordFeatures, ruleViews, trainModels } from '../src/eval/plover-folds.js';
import { typeCuesFor } from '../src/stages/events/lexicon.js';
import {
  DEFAULT_SENTENCE_MODEL_PATH,
  DEFAULT_TYPE_MODEL_PATH,
  serializeTypeModel,
} from '../src/stages/events/typemodel.js';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, 'sentences-out': { type: 'string' } },
  allowPositionals: true,
});
const file =
  positionals[0] ??
  fileURLToPath(new URL('../../shared/data/plover_gsr/PLOVER_GSR_CAMEO.dev.json', import.meta.url));
const records = parsePloverRecords(readFileSync(file, 'utf8'));
const knowledge = loadKnowledge({ language: 'en' });
const cues = typeCuesFor(knowledge);
const views = ruleViews(records, knowledge);
// The CAMEO→PLOVER table beside the records adds one or two sentences per category definition.
const table = join(dirname(file), 'CAMEO2PLOVER-2021.txt');
const extra = existsSync(table) ? definitionExamples(readFileSync(table, 'utf8'), knowledge) : [];
const { types, sentences } = trainModels([
  ...views.map((v, i) => ({ features: recordFeatures(v, cues), label: records[i]!.label })),
  ...extra,
]);
const out = values.out ?? DEFAULT_TYPE_MODEL_PATH;
const sentencesOut = values['sentences-out'] ?? DEFAULT_SENTENCE_MODEL_PATH;
writeFileSync(out, `${JSON.stringify(serializeTypeModel(types))}\n`);
writeFileSync(sentencesOut, `${JSON.stringify(serializeTypeModel(sentences))}\n`);
process.stdout.write(
  `${records.length} records, ${extra.length} definition sentences: ${types.weights.size} features -> ${out}; ${sentences.weights.size} features -> ${sentencesOut}\n`,
);
