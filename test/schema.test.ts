/** The published JSON Schema matches the code, and real analyses validate against it. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../src/analyze.js';
import { createDocument } from '../src/model/document.js';
import { analysisJsonSchema } from '../src/model/json-schema.js';
import { hasShared, sharedPath } from './helpers/shared.js';

const published = JSON.parse(
  readFileSync(new URL('../schema/analysis.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('schema/analysis.schema.json', () => {
  it('is what the code generates (run `npm run schema` after changing the model)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(analysisJsonSchema())));
  });

  it('validates the analysis of the shipped demo article', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);
    const text = readFileSync(new URL('../examples/demo-article.txt', import.meta.url), 'utf8');
    const analysis = JSON.parse(
      JSON.stringify(analyzeDocument(createDocument(text, { published: '2025-03-12' }))),
    );
    expect(validate(analysis), JSON.stringify(validate.errors)).toBe(true);
  });

  it.skipIf(!hasShared)('validates the analysis of the reference article', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);
    const text = readFileSync(sharedPath('examples/kerman/article.txt'), 'utf8');
    const analysis = JSON.parse(
      JSON.stringify(analyzeDocument(createDocument(text, { published: '2024-01-09' }))),
    );
    expect(validate(analysis), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects an analysis with a missing layer', () => {
    const validate = new Ajv2020({ strict: false }).compile(published);
    expect(validate({ schema: 'parallax/analysis@1' })).toBe(false);
  });
});
