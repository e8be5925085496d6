/** Runs the default pipeline up to a named stage on a short text, for stage tests on real layers. */
import { defaultPipeline } from '../../src/analyze.js';
import type { Analysis } from '../../src/model/schema.js';
import { createDocument } from '../../src/model/document.js';

export function runUntil(stage: string, text: string, published = '2025-03-12'): Analysis {
  return defaultPipeline('en').runUntil(stage, createDocument(text, { published }));
}

export function analyzeText(text: string, published = '2025-03-12'): Analysis {
  return defaultPipeline('en').run(createDocument(text, { published }));
}
