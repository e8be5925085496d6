/** Scores the shared example gold files against themselves (each must score 1 everywhere) and a few edits of them. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGoldFile } from './load.js';
import type { SectionScore } from './metrics.js';
import type { GoldFile } from './schema.js';
import { GOLD_SECTIONS, scoreGold, type GoldReport } from './score.js';

const SHARED = new URL('../../../../shared/', import.meta.url);
const KERMAN = fileURLToPath(new URL('examples/kerman/gold.json', SHARED));
const COVERAGE = fileURLToPath(new URL('examples/kerman-coverage/gold/', SHARED));
const present = existsSync(KERMAN);
const reason = present ? '' : ' (skipped: the shared examples folder is not beside the checkout)';

function expectPerfect(report: GoldReport): void {
  const sections: SectionScore[] = [
    report.entities,
    report.places,
    report.events,
    report.events.typed,
    report.quotes,
    report.contradictions,
    report.markers,
  ];
  for (const s of sections) {
    expect(s.fp).toBe(0);
    expect(s.fn).toBe(0);
    for (const figure of [s.precision, s.recall, s.f1]) if (figure !== null) expect(figure).toBe(1);
  }
  for (const figure of [report.entities.aliasRecall, report.quotes.kindShare, report.quotes.stanceShare]) {
    if (figure !== null) expect(figure).toBe(1);
  }
  expect(report.overall).toBe(1);
}

describe.skipIf(!present)(`shared example gold files scored as their own answers${reason}`, () => {
  it('kerman: 1.0 on every section, and every section is scored', () => {
    const gold = loadGoldFile(KERMAN);
    const report = scoreGold(gold.file, gold.file, gold.articleText ?? '');
    expect(report.scoredSections).toEqual([...GOLD_SECTIONS]);
    for (const section of GOLD_SECTIONS) expect(report[section].f1).toBe(1);
    expectPerfect(report);
  });

  it.each(existsSync(COVERAGE) ? readdirSync(COVERAGE).filter((f) => f.endsWith('.json')) : [])(
    'kerman-coverage/%s: 1.0 wherever defined',
    (name) => {
      const gold = loadGoldFile(join(COVERAGE, name));
      expectPerfect(scoreGold(gold.file, gold.file, gold.articleText ?? ''));
    },
  );

  it('an answer merging two gold organizations is credited with one of them only', () => {
    const gold = loadGoldFile(KERMAN);
    const answer: GoldFile = structuredClone(gold.file);
    const parent = answer.entities.find((e) => e.key === 'daesh');
    const offshoot = answer.entities.find((e) => e.key === 'isis-k');
    if (parent === undefined || offshoot === undefined) throw new Error('example changed: no daesh / isis-k');
    parent.mentions.push(offshoot.name, ...offshoot.mentions);
    answer.entities = answer.entities.filter((e) => e !== offshoot);
    for (const ev of answer.events) {
      ev.actors_any = ev.actors_any?.filter((k) => k !== 'isis-k');
      ev.targets = ev.targets.map((k) => (k === 'isis-k' ? 'daesh' : k));
    }
    const report = scoreGold(gold.file, answer, gold.articleText ?? '');
    expect(report.entities).toMatchObject({ fp: 0, fn: 1 });
    expect(report.matches.entities.missed).toEqual(['isis-k']);
    // Events whose targets name the offshoot now point at the entity matched to the parent.
    expect(report.matches.events.missed).toEqual(['ghalibaf-blames', 'us-blames', 'taliban-vs-isisk']);
  });

  it('an answer without events or markers loses those sections only', () => {
    const gold = loadGoldFile(KERMAN);
    const answer: GoldFile = { ...gold.file, events: [], markers: [] };
    const report = scoreGold(gold.file, answer, gold.articleText ?? '');
    expect(report.events).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(report.markers.f1).toBe(0);
    expect(report.overall).toBeCloseTo(4 / 6, 10);
  });
});
