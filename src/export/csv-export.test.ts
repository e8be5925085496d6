/** Flat CSV: one RFC 4180 row per (cluster, report), members and mentions told apart. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-export-rfc4180.js';
import { CSV_COLUMNS, writeCsv } from './csv-export.js';
import {
  awkwardProtest,
  cluster,
  doc,
  disputedBombing,
  HARBOURTON,
  report,
} from '../../test/helpers/cluster-fixtures.js';

async function exportRows(clusters: Parameters<typeof writeCsv>[0]) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const summary = await writeCsv(clusters, sink);
  sink.end();
  const [header, ...rows] = parseCsv(Buffer.concat(chunks).toString('utf8'));
  return {
    header,
    rows: rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? '']))),
    summary,
  };
}

describe('writeCsv', () => {
  it('writes one row per report under its cluster, and parses back', async () => {
    const recalled = report({
      document: doc('doc-g', '2024-03-01T00:00:00Z', 'BBC'),
      news: false,
      date: '2024-01-03',
      place: HARBOURTON,
      evidenceText: 'two months after the Harbourton bombings',
    });
    const harbourton = disputedBombing();
    const withMention = cluster({ reports: [...harbourton.reports, recalled], actors: harbourton.actors });
    const { header, rows, summary } = await exportRows([withMention, awkwardProtest()]);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(summary).toEqual({ clusters: 2, records: 5, skipped: 0 });
    expect(rows.map((r) => [r.cluster_id, r.document_id, r.role])).toEqual([
      ['doc-a#ev1', 'doc-a', 'member'],
      ['doc-a#ev1', 'doc-b', 'member'],
      ['doc-a#ev1', 'doc-c', 'member'],
      ['doc-a#ev1', 'doc-g', 'mention'],
      ['doc-e#ev1', 'doc-e', 'member'],
    ]);
    expect(rows[0]).toMatchObject({
      type: 'ASSAULT',
      date: '2024-01-03',
      place: 'Harbourton',
      lat: '27.1865',
      lon: '56.2808',
      outlet: 'Tasnim',
      url: 'https://news.example/doc-a',
      trigger: 'bombing',
      counts: 'killed=120; injured=150',
    });
    expect(rows[4]).toMatchObject({
      outlet: 'The "Daily", Tbilisi',
      report_date: '2024-02-08/2024-02-10',
      evidence: 'Thousands rallied, chanting "no to the law",\nin the rain.',
    });
  });
});
