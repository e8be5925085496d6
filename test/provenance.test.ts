/** Every fact points back to the exact characters of its text: spans lie in the text and slice to what they claim. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Analysis, Span } from '../src/model/schema.js';
import { analyzeText } from './helpers/run-stages.js';
import { hasShared, sharedPath } from './helpers/shared.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function texts(): [string, string][] {
  const out: [string, string][] = [
    ['demo', readFileSync(join(ROOT, 'examples', 'demo-article.txt'), 'utf8')],
  ];
  const held = join(ROOT, 'test', 'fixtures', 'articles');
  for (const f of readdirSync(held).filter((n) => n.endsWith('.txt')))
    out.push([f, readFileSync(join(held, f), 'utf8')]);
  if (hasShared) {
    for (const dir of ['examples/kerman', 'examples/kerman-coverage', 'examples/kerman-multilingual']) {
      for (const f of readdirSync(sharedPath(dir)).filter((n) => n.endsWith('.txt')))
        out.push([f, readFileSync(sharedPath(`${dir}/${f}`), 'utf8')]);
    }
  }
  return out;
}

function checkSpan(a: Analysis, span: Span, claimed: string | undefined, what: string): void {
  const text = a.document.text;
  expect(span.start, what).toBeGreaterThanOrEqual(0);
  expect(span.end, what).toBeLessThanOrEqual(text.length);
  expect(span.start, what).toBeLessThanOrEqual(span.end);
  if (claimed !== undefined) expect(text.slice(span.start, span.end), what).toBe(claimed);
}

describe('provenance', () => {
  it.each(texts())('%s: every span is inside the text and slices to its claimed text', (_name, raw) => {
    const a = analyzeText(raw);
    for (const m of a.mentions) {
      checkSpan(a, m.span, m.text, `mention ${m.id}`);
      checkSpan(a, m.evidence, undefined, `mention evidence ${m.id}`);
    }
    for (const q of a.quotes) {
      checkSpan(a, q.cue.span, q.cue.text, `quote cue ${q.id}`);
      checkSpan(a, q.content.span, q.content.text, `quote content ${q.id}`);
      checkSpan(a, q.evidence, undefined, `quote evidence ${q.id}`);
    }
    for (const ev of a.events) {
      checkSpan(a, ev.trigger.span, ev.trigger.text, `event trigger ${ev.id}`);
      checkSpan(a, ev.evidence, undefined, `event evidence ${ev.id}`);
      if (ev.date) checkSpan(a, ev.date.span, ev.date.text, `event date ${ev.id}`);
      for (const c of Object.values(ev.counts)) if (c) checkSpan(a, c.span, c.text, `event count ${ev.id}`);
    }
    for (const p of a.places) checkSpan(a, p.span, p.text, `place ${p.id}`);
    for (const m of a.markers) checkSpan(a, m.span, m.text, `marker ${m.id}`);
    const entityIds = new Set(a.entities.map((e) => e.id));
    for (const m of a.mentions) if (m.entity !== undefined) expect(entityIds.has(m.entity), m.id).toBe(true);
    for (const ev of a.events)
      for (const id of [...ev.actors, ...ev.targets]) expect(entityIds.has(id), ev.id).toBe(true);
    const placeIds = new Set(a.places.map((p) => p.id));
    for (const ev of a.events)
      if (ev.place !== undefined) expect(placeIds.has(ev.place), `${ev.id} place`).toBe(true);
  });
});
