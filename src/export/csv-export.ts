/**
 * Flat CSV for spreadsheets: one row per (cluster, report), so every report of a happening sits under
 * its cluster id with its own document, trigger, figures and evidence. RFC 4180 quoting, CRLF.
 * `role` says whether the document reports the happening as news (member) or only recalls it (mention);
 * `counts` lists the report's figures as `field=value` pairs ("killed=40; injured=12"), qualifiers as
 * words before the value ("killed=at least 40").
 */
import type { Cluster, EventReport, ReportedCount } from '../corpus/types.js';
import { csvRecord } from './csv-export-rfc4180.js';
import { ChunkWriter, forEachCluster, type ExportSink, type ExportSummary } from './stream.js';

export const CSV_COLUMNS = [
  'cluster_id',
  'type',
  'mode',
  'date',
  'place',
  'country',
  'lat',
  'lon',
  'report_id',
  'role',
  'document_id',
  'outlet',
  'published',
  'url',
  'trigger',
  'report_date',
  'counts',
  'evidence_start',
  'evidence_end',
  'evidence',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const QUALIFIER: Readonly<Record<ReportedCount['qualifier'], string>> = {
  exact: '',
  'at-least': 'at least ',
  'at-most': 'at most ',
  about: 'about ',
  'more-than': 'more than ',
  'fewer-than': 'fewer than ',
};

function counts(report: EventReport): string {
  return report.counts.map((c) => `${c.field}=${QUALIFIER[c.qualifier]}${c.value}`).join('; ');
}

/** The report's own date, else its day window ("from/to", ISO 8601 interval), else empty. */
function reportDate(report: EventReport): string | undefined {
  if (report.date !== undefined) return report.date.iso;
  const days = report.days;
  if (days === undefined) return undefined;
  return days.from === days.to ? days.from : `${days.from}/${days.to}`;
}

/** The row of one report of a cluster, in CSV_COLUMNS order. */
export function csvRow(cluster: Cluster, report: EventReport): (string | number | undefined)[] {
  const place = cluster.place;
  const d = report.document;
  return [
    cluster.id,
    cluster.type,
    cluster.mode,
    cluster.date?.iso,
    place?.text,
    place?.country,
    place?.lat,
    place?.lon,
    report.id,
    report.news ? 'member' : 'mention',
    d.documentId,
    d.outlet,
    d.published,
    d.url,
    report.trigger,
    reportDate(report),
    counts(report),
    report.evidence.start,
    report.evidence.end,
    report.evidenceText,
  ];
}

/** Streams one row per (cluster, report) into `out`, header first; does not end `out`. */
export async function writeCsv(
  clusters: AsyncIterable<Cluster> | Iterable<Cluster>,
  out: ExportSink,
): Promise<ExportSummary> {
  const writer = new ChunkWriter(out);
  await writer.write(csvRecord(CSV_COLUMNS));
  const summary = await forEachCluster(clusters, async (cluster) => {
    for (const report of cluster.reports) await writer.write(csvRecord(csvRow(cluster, report)));
    return cluster.reports.length;
  });
  await writer.flush();
  return summary;
}
