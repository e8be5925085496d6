import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH } from '../../ner/index.js';
import { ROLE_FEATURE_SET } from './features.js';
import { NUM_LABELS } from './labels.js';
import { DEFAULT_ROLE_MODEL_PATH } from './index.js';
import { RoleModelError, decodeRoleModel, encodeRoleModel, readRoleModel } from './model.js';

describe('role model file', () => {
  it('round-trips weights through int16 within one quantum, and the same weights give the same bytes', () => {
    const bits = 6;
    const w = new Float32Array((1 << bits) * NUM_LABELS);
    w[3] = 2.5;
    w[NUM_LABELS * 7 + 2] = -1.25;
    w[NUM_LABELS * 63 + 10] = 0.001;
    const bytes = encodeRoleModel(w, bits, [4, 4, 8, 4, 0], [0, 0, 0.5, 0, 0], 'sha', { seed: 1 });
    expect(
      encodeRoleModel(w, bits, [4, 4, 8, 4, 0], [0, 0, 0.5, 0, 0], 'sha', { seed: 1 }).equals(bytes),
    ).toBe(true);
    const m = decodeRoleModel(bytes);
    expect(m.header.featureSet).toBe(ROLE_FEATURE_SET);
    expect(m.header.roleBias).toEqual([4, 4, 8, 4, 0]);
    expect(m.header.minConfidence).toEqual([0, 0, 0.5, 0, 0]);
    expect(m.header.rows).toBe(3);
    const quantum = 2.5 / 32767;
    for (let i = 0; i < w.length; i++)
      expect(Math.abs((m.weights[i] ?? 0) - (w[i] ?? 0))).toBeLessThan(quantum);
  });

  it('refuses other files (miss: a truncated body)', () => {
    expect(() => decodeRoleModel(Buffer.from('not a model at all'))).toThrow(RoleModelError);
    const w = new Float32Array(4 * NUM_LABELS).fill(1);
    const bytes = encodeRoleModel(w, 2, [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], 'sha', {});
    expect(() => decodeRoleModel(bytes.subarray(0, bytes.length - 2))).toThrow(/wrong size/);
  });
});

describe('the shipped role model', () => {
  it('was trained beside the shipped entity model (miss: a retrained ner-en.bin needs npm run train:roles)', () => {
    const model = readRoleModel(DEFAULT_ROLE_MODEL_PATH);
    const ner = createHash('sha256').update(readFileSync(DEFAULT_MODEL_PATH)).digest('hex');
    expect(model.header.nerModel).toBe(ner);
    expect(model.header.featureSet).toBe(ROLE_FEATURE_SET);
  });
});
