/**
 * The loaded-language model file: an 8-byte magic, a little-endian uint32 header length, a JSON
 * header (format, feature-set version, hash size, decision threshold, training record), then the
 * non-zero weights as uint32 bucket indices followed by their float32 values. Loading refuses a file
 * made with another feature set.
 */
import { readFileSync } from 'node:fs';
import { LOADED_FEATURE_SET } from './features.js';
import { frameModel, unframeModel } from '../model/framed-file.js';

export const LOADED_MODEL_FORMAT = 'parallax-loaded-model@1';
const MAGIC = Buffer.from('PXLOAD\u0000\u0001', 'latin1');

export interface LoadedModelHeader {
  readonly format: string;
  readonly featureSet: string;
  readonly hashBits: number;
  /** Tokens scoring above this are loaded language. */
  readonly threshold: number;
  /** The stricter threshold the markers stage uses on news (best F0.5 in cross-validation). */
  readonly newsThreshold: number;
  /** A span widens over neighbours scoring above threshold − extend. */
  readonly extend: number;
  /** How the model was trained (seed, epochs, data, cross-validation figures); informative only. */
  readonly training: Readonly<Record<string, unknown>>;
  readonly count: number;
}

export interface LoadedModel {
  readonly header: LoadedModelHeader;
  /** Dense weights, one per hash bucket. */
  readonly weights: Float32Array;
}

export class LoadedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadedModelError';
  }
}

/** Serializes weights and settings; the same inputs give the same bytes. */
export function encodeLoadedModel(
  weights: Float32Array,
  hashBits: number,
  threshold: number,
  newsThreshold: number,
  extend: number,
  training: Readonly<Record<string, unknown>>,
): Buffer {
  const rows: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) rows.push(i);
  const index = new Uint32Array(rows);
  const values = new Float32Array(rows.map((r) => weights[r] as number));
  const header: LoadedModelHeader = {
    format: LOADED_MODEL_FORMAT,
    featureSet: LOADED_FEATURE_SET,
    hashBits,
    threshold,
    newsThreshold,
    extend,
    training,
    count: rows.length,
  };
  return frameModel(MAGIC, header, [
    Buffer.from(index.buffer, index.byteOffset, index.byteLength),
    Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  ]);
}

/** Parses a model file's bytes, checking the format and the feature-set version. */
export function decodeLoadedModel(bytes: Buffer, source = 'model'): LoadedModel {
  const framed = unframeModel(bytes, MAGIC);
  if (framed === undefined) throw new LoadedModelError(`${source}: not a Parallax loaded-language model`);
  const body = framed.bodyStart;
  const header = framed.header as LoadedModelHeader;
  if (header.format !== LOADED_MODEL_FORMAT)
    throw new LoadedModelError(`${source}: format ${String(header.format)}, expected ${LOADED_MODEL_FORMAT}`);
  if (header.featureSet !== LOADED_FEATURE_SET)
    throw new LoadedModelError(
      `${source}: trained with features ${String(header.featureSet)} but this code extracts ${LOADED_FEATURE_SET}; retrain with npm run train:loaded`,
    );
  const n = header.count;
  if (bytes.length !== body + n * 8)
    throw new LoadedModelError(`${source}: weight sections have the wrong size`);
  const copy = new Uint8Array(n * 8);
  copy.set(bytes.subarray(body, body + n * 8));
  const index = new Uint32Array(copy.buffer, 0, n);
  const values = new Float32Array(copy.buffer, n * 4, n);
  const weights = new Float32Array(1 << header.hashBits);
  for (let i = 0; i < n; i++) weights[index[i] as number] = values[i] as number;
  return { header, weights };
}

export function readLoadedModel(path: string): LoadedModel {
  return decodeLoadedModel(readFileSync(path), path);
}
