/**
 * The model file: an 8-byte magic, a little-endian uint32 header length, a JSON header, then 4-byte
 * aligned sections: the gazetteer and the clusters as UTF-8 text, the indices of the non-zero weight rows
 * (uint32) and those rows (float32, NUM_LABELS each). The header records the feature-set version; a model
 * trained with other features is refused at load time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseClusters, serializeClusters } from './clusters.js';
import { FEATURE_SET_VERSION, type FeatureResources } from './features.js';
import { parseGazetteer, serializeGazetteer, type Gazetteer } from './gazetteer.js';
import { LABELS, NUM_LABELS } from './labels.js';
import { frameModel, unframeModel } from '../model/framed-file.js';

export const MODEL_FORMAT = 'parallax-ner-model@1';
const MAGIC = Buffer.from('PXNER\u0000\u0001\n', 'latin1');

export interface ModelHeader {
  readonly format: string;
  readonly featureSet: string;
  readonly labels: readonly string[];
  readonly hashBits: number;
  /** How the model was trained (seed, epochs, data, figures on the tuning slice…); informative only. */
  readonly training: Readonly<Record<string, unknown>>;
  readonly sections: readonly { readonly name: string; readonly offset: number; readonly bytes: number }[];
}

export interface NerModel {
  readonly header: ModelHeader;
  readonly resources: FeatureResources;
  /** Dense weights: NUM_LABELS floats per hash bucket. */
  readonly weights: Float32Array;
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Serializes a model; the same inputs give the same bytes. */
export function encodeModel(
  weights: Float32Array,
  hashBits: number,
  gazetteer: Gazetteer,
  clusters: ReadonlyMap<string, number>,
  training: Readonly<Record<string, unknown>>,
): Buffer {
  const L = NUM_LABELS;
  const rows: number[] = [];
  const buckets = 1 << hashBits;
  for (let r = 0; r < buckets; r++) {
    for (let l = 0; l < L; l++) {
      if (weights[r * L + l] !== 0) {
        rows.push(r);
        break;
      }
    }
  }
  const rowIndex = new Uint32Array(rows);
  const rowWeights = new Float32Array(rows.length * L);
  rows.forEach((r, i) => rowWeights.set(weights.subarray(r * L, r * L + L), i * L));
  const parts: [string, Buffer][] = [
    ['gazetteer', Buffer.from(serializeGazetteer(gazetteer), 'utf8')],
    ['clusters', Buffer.from(serializeClusters(clusters), 'utf8')],
    ['rows', Buffer.from(rowIndex.buffer, rowIndex.byteOffset, rowIndex.byteLength)],
    ['weights', Buffer.from(rowWeights.buffer, rowWeights.byteOffset, rowWeights.byteLength)],
  ];
  let offset = 0;
  const sections = parts.map(([name, buf]) => {
    const s = { name, offset, bytes: buf.length };
    offset = align4(offset + buf.length);
    return s;
  });
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    featureSet: FEATURE_SET_VERSION,
    labels: LABELS,
    hashBits,
    training,
    sections,
  };
  const body = Buffer.alloc(offset);
  for (const [i, [, buf]] of parts.entries()) buf.copy(body, sections[i]?.offset ?? 0);
  return frameModel(MAGIC, header, [body]);
}

/** Parses a model file's bytes, checking the format, the feature-set version and the label set. */
export function decodeModel(bytes: Buffer, source = 'model'): NerModel {
  const framed = unframeModel(bytes, MAGIC);
  if (framed === undefined) throw new ModelError(`${source}: not a Parallax NER model`);
  const { bodyStart } = framed;
  const header = framed.header as ModelHeader;
  if (header.format !== MODEL_FORMAT) {
    throw new ModelError(`${source}: format ${String(header.format)}, expected ${MODEL_FORMAT}`);
  }
  if (header.featureSet !== FEATURE_SET_VERSION) {
    throw new ModelError(
      `${source}: trained with features ${String(header.featureSet)} but this code extracts ${FEATURE_SET_VERSION}; retrain with npm run train:ner`,
    );
  }
  if (JSON.stringify(header.labels) !== JSON.stringify(LABELS)) {
    throw new ModelError(
      `${source}: label set ${JSON.stringify(header.labels)} differs from ${JSON.stringify(LABELS)}`,
    );
  }
  const section = (name: string): Buffer => {
    const s = header.sections.find((x) => x.name === name);
    if (s === undefined) throw new ModelError(`${source}: section ${name} missing`);
    return bytes.subarray(bodyStart + s.offset, bodyStart + s.offset + s.bytes);
  };
  const copy = (buf: Buffer): ArrayBuffer => {
    const ab = new ArrayBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    return ab;
  };
  const rows = new Uint32Array(copy(section('rows')));
  const rowWeights = new Float32Array(copy(section('weights')));
  const L = NUM_LABELS;
  if (rowWeights.length !== rows.length * L)
    throw new ModelError(`${source}: weight section has the wrong size`);
  const weights = new Float32Array((1 << header.hashBits) * L);
  for (let i = 0; i < rows.length; i++) {
    weights.set(rowWeights.subarray(i * L, i * L + L), (rows[i] as number) * L);
  }
  return {
    header,
    resources: {
      gazetteer: parseGazetteer(section('gazetteer').toString('utf8')),
      clusters: parseClusters(section('clusters').toString('utf8')),
      hashBits: header.hashBits,
    },
    weights,
  };
}

export function readModel(path: string): NerModel {
  return decodeModel(readFileSync(path), path);
}

export function writeModel(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes);
}
