/** Regenerates schema/analysis.schema.json from the zod model (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { analysisJsonSchema } from '../src/model/json-schema.js';

const path = new URL('../schema/analysis.schema.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(analysisJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.pathname}\n`);
