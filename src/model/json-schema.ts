/** The published JSON Schema of the analysis output, generated from the zod model. */
import { z } from 'zod';
import { AnalysisSchema } from './schema.js';

export function analysisJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AnalysisSchema, { target: 'draft-2020-12', io: 'output' });
  return {
    $id: 'https://parallax.invalid/schema/analysis.schema.json',
    title: 'Parallax analysis',
    ...schema,
  };
}
