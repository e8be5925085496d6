/**
 * The role model file: an 8-byte magic, a little-endian uint32 header length, a JSON header (format,
 * feature set, labels, hash size, the entity model it was trained beside, training facts), then the
 * indices of the non-zero weight rows (uint32) and those rows as int16 with one float scale in the header.
 * Int16 keeps the file a quarter of float32's size with no measurable change in the tags.
 */
import { readFileSync } from 'node:fs';
import { ROLE_FEATURE_SET } from './features.js';
import { LABELS, NUM_LABELS } from './labels.js';
import { frameModel, unframeModel } from '../../model/framed-file.js';

export const ROLE_MODEL_FORMAT = 'parallax-roles-model@1';
const MAGIC = Buffer.from('PXROLE\u0000\u0001', 'latin1');

export interface RoleModelHeader {
  readonly format: string;
  readonly featureSet: string;
  readonly labels: readonly string[];
  readonly hashBits: number;
  /** Weight = int16 value × scale. */
  readonly scale: number;
  readonly rows: number;
  /** The decoder's bias per role, tuned on held-out documents (see RoleTagger.roleBias). */
  readonly roleBias: readonly number[];
  /** Lowest span confidence kept, per role (ROLES order), tuned with the bias. */
  readonly minConfidence: readonly number[];
  /** sha256 of the entity model whose word features (clusters, gazetteer) this model was trained with. */
  readonly nerModel: string;
  /** How the model was trained (seed, epochs, data, tuning figures); informative only. */
  readonly training: Readonly<Record<string, unknown>>;
}

export interface RoleModel {
  readonly header: RoleModelHeader;
  /** Dense weights: NUM_LABELS floats per hash bucket. */
  readonly weights: Float32Array;
}

export class RoleModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleModelError';
  }
}

/** Serializes weights; the same inputs give the same bytes. */
export function encodeRoleModel(
  weights: Float32Array,
  hashBits: number,
  roleBias: readonly number[],
  minConfidence: readonly number[],
  nerModel: string,
  training: Readonly<Record<string, unknown>>,
): Buffer {
  const L = NUM_LABELS;
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i] as number));
  const scale = max === 0 ? 1 : max / 32767;
  const quant = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quant[i] = Math.round((weights[i] as number) / scale);
  const rows: number[] = [];
  for (let r = 0; r < 1 << hashBits; r++) {
    for (let l = 0; l < L; l++) {
      if (quant[r * L + l] !== 0) {
        rows.push(r);
        break;
      }
    }
  }
  const rowIndex = new Uint32Array(rows);
  const rowWeights = new Int16Array(rows.length * L);
  rows.forEach((r, i) => rowWeights.set(quant.subarray(r * L, r * L + L), i * L));
  const header: RoleModelHeader = {
    format: ROLE_MODEL_FORMAT,
    featureSet: ROLE_FEATURE_SET,
    labels: LABELS,
    hashBits,
    scale,
    rows: rows.length,
    roleBias,
    minConfidence,
    nerModel,
    training,
  };
  return frameModel(MAGIC, header, [
    Buffer.from(rowIndex.buffer, rowIndex.byteOffset, rowIndex.byteLength),
    Buffer.from(rowWeights.buffer, rowWeights.byteOffset, rowWeights.byteLength),
  ]);
}

/** Parses a model file's bytes, checking format, feature set and labels. */
export function decodeRoleModel(bytes: Buffer, source = 'model'): RoleModel {
  const framed = unframeModel(bytes, MAGIC);
  if (framed === undefined) throw new RoleModelError(`${source}: not a Parallax role model`);
  const { bodyStart } = framed;
  const header = framed.header as RoleModelHeader;
  if (header.format !== ROLE_MODEL_FORMAT) {
    throw new RoleModelError(`${source}: format ${String(header.format)}, expected ${ROLE_MODEL_FORMAT}`);
  }
  if (header.featureSet !== ROLE_FEATURE_SET) {
    throw new RoleModelError(
      `${source}: trained with features ${String(header.featureSet)} but this code extracts ${ROLE_FEATURE_SET}; retrain with npm run train:roles`,
    );
  }
  if (JSON.stringify(header.labels) !== JSON.stringify(LABELS)) {
    throw new RoleModelError(`${source}: label set differs from ${JSON.stringify(LABELS)}`);
  }
  const L = NUM_LABELS;
  const rowBytes = header.rows * 4;
  if (bytes.length !== bodyStart + rowBytes + header.rows * L * 2) {
    throw new RoleModelError(`${source}: body has the wrong size`);
  }
  // copies: the body need not be aligned for typed-array views
  const rows = new Uint32Array(header.rows);
  const quant = new Int16Array(header.rows * L);
  new Uint8Array(rows.buffer).set(bytes.subarray(bodyStart, bodyStart + rowBytes));
  new Uint8Array(quant.buffer).set(bytes.subarray(bodyStart + rowBytes));
  const weights = new Float32Array((1 << header.hashBits) * L);
  for (let i = 0; i < header.rows; i++) {
    const base = (rows[i] as number) * L;
    for (let l = 0; l < L; l++) weights[base + l] = (quant[i * L + l] as number) * header.scale;
  }
  return { header, weights };
}

export function readRoleModel(path: string): RoleModel {
  return decodeRoleModel(readFileSync(path), path);
}
