/**
 * The attribution model file: an 8-byte magic, a little-endian uint32 header length, a JSON header,
 * then 4-byte aligned sections: the cue vocabulary (uint32 word hashes, sorted), and for each tagger the
 * indices of its non-zero weight rows (uint32) and those rows quantized to int16 (one scale per tagger in
 * the header: a perceptron's averaged weights lose nothing that matters at 1/32767 of the largest). It
 * holds no corpus text. A model made with another feature set is refused at load time.
 */
import { readFileSync } from 'node:fs';
import { FEATURE_SET } from './features.js';
import { CUE_LABELS, ROLE_LABELS, type Weights } from './tagger.js';
import { frameModel, unframeModel } from '../model/framed-file.js';

export const MODEL_FORMAT = 'parallax-attribution-model@1';
const MAGIC = Buffer.from('PXATR\u0000\u0001\n', 'latin1');

export interface AttributionHeader {
  readonly format: string;
  readonly featureSet: string;
  readonly cueBits: number;
  readonly roleBits: number;
  /** Weight = int16 value × scale, per tagger. */
  readonly cueScale: number;
  readonly roleScale: number;
  /** Decoding bias for opening a cue (Weights.cueBias); absent in older files, read as 0. */
  readonly cueBias?: number;
  /** How the model was trained (seed, epochs, data, tuning figures); informative only. */
  readonly training: Readonly<Record<string, unknown>>;
  readonly sections: readonly { readonly name: string; readonly offset: number; readonly bytes: number }[];
}

export class AttributionModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributionModelError';
  }
}

const align4 = (n: number): number => (n + 3) & ~3;
const bytesOf = (a: Uint32Array | Int16Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * The rows kept, their indices and int16 values, and the scale. A row whose largest weight is under
 * `prune` (absolute) is dropped: such rows belong to features seen once or twice and barely move a score,
 * and dropping them is what keeps the file small.
 */
function sparse(weights: Float32Array, L: number, prune: number): [Uint32Array, Int16Array, number] {
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round((weights[i] as number) / scale);
  const rows: number[] = [];
  const min = Math.max(1, Math.round(prune / scale));
  for (let r = 0; r * L < q.length; r++) {
    for (let l = 0; l < L; l++) {
      if (Math.abs(q[r * L + l] as number) >= min) {
        rows.push(r);
        break;
      }
    }
  }
  const values = new Int16Array(rows.length * L);
  rows.forEach((r, i) => values.set(q.subarray(r * L, r * L + L), i * L));
  return [new Uint32Array(rows), values, scale];
}

/** Serializes a model; the same weights give the same bytes. */
export function encodeAttributionModel(
  w: Weights,
  training: Readonly<Record<string, unknown>>,
  prune = 0,
): Buffer {
  const [cueRows, cueValues, cueScale] = sparse(w.cue, CUE_LABELS, prune);
  const [roleRows, roleValues, roleScale] = sparse(w.role, ROLE_LABELS, prune);
  const parts: [string, Buffer][] = [
    ['cueWords', bytesOf(new Uint32Array([...w.cueWords].sort((a, b) => a - b)))],
    ['cueRows', bytesOf(cueRows)],
    ['cueWeights', bytesOf(cueValues)],
    ['roleRows', bytesOf(roleRows)],
    ['roleWeights', bytesOf(roleValues)],
  ];
  let offset = 0;
  const sections = parts.map(([name, buf]) => {
    const s = { name, offset, bytes: buf.length };
    offset = align4(offset + buf.length);
    return s;
  });
  const header: AttributionHeader = {
    format: MODEL_FORMAT,
    featureSet: FEATURE_SET,
    cueBits: w.cueBits,
    roleBits: w.roleBits,
    cueScale,
    roleScale,
    ...(w.cueBias !== undefined && w.cueBias !== 0 && { cueBias: w.cueBias }),
    training,
    sections,
  };
  const body = Buffer.alloc(offset);
  parts.forEach(([, buf], i) => buf.copy(body, sections[i]?.offset ?? 0));
  return frameModel(MAGIC, header, [body]);
}

export interface AttributionModel {
  readonly header: AttributionHeader;
  readonly weights: Weights;
}

/** Parses a model file's bytes, checking the format and the feature-set version. */
export function decodeAttributionModel(bytes: Buffer, source = 'model'): AttributionModel {
  const framed = unframeModel(bytes, MAGIC);
  if (framed === undefined) throw new AttributionModelError(`${source}: not a Parallax attribution model`);
  const { bodyStart } = framed;
  const header = framed.header as AttributionHeader;
  if (header.format !== MODEL_FORMAT)
    throw new AttributionModelError(`${source}: format ${String(header.format)}, expected ${MODEL_FORMAT}`);
  if (header.featureSet !== FEATURE_SET)
    throw new AttributionModelError(
      `${source}: trained with features ${String(header.featureSet)} but this code extracts ${FEATURE_SET}; retrain with npm run train:attribution`,
    );
  const section = (name: string): ArrayBuffer => {
    const s = header.sections.find((x) => x.name === name);
    if (s === undefined) throw new AttributionModelError(`${source}: section ${name} missing`);
    // Copied so the typed arrays are aligned whatever the Buffer's pool offset.
    const out = new ArrayBuffer(s.bytes);
    new Uint8Array(out).set(bytes.subarray(bodyStart + s.offset, bodyStart + s.offset + s.bytes));
    return out;
  };
  const dense = (
    rowsName: string,
    valuesName: string,
    bits: number,
    L: number,
    scale: number,
  ): Float32Array => {
    const rows = new Uint32Array(section(rowsName));
    const values = new Int16Array(section(valuesName));
    if (values.length !== rows.length * L)
      throw new AttributionModelError(`${source}: ${valuesName} has the wrong size`);
    const out = new Float32Array((1 << bits) * L);
    for (let i = 0; i < rows.length; i++) {
      const base = (rows[i] as number) * L;
      for (let l = 0; l < L; l++) out[base + l] = (values[i * L + l] as number) * scale;
    }
    return out;
  };
  return {
    header,
    weights: {
      cue: dense('cueRows', 'cueWeights', header.cueBits, CUE_LABELS, header.cueScale),
      cueBits: header.cueBits,
      role: dense('roleRows', 'roleWeights', header.roleBits, ROLE_LABELS, header.roleScale),
      roleBits: header.roleBits,
      cueWords: new Set(new Uint32Array(section('cueWords'))),
      cueBias: header.cueBias ?? 0,
    },
  };
}

export function readAttributionModel(path: string): AttributionModel {
  return decodeAttributionModel(readFileSync(path), path);
}
