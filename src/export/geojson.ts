/**
 * GeoJSON (RFC 7946): one FeatureCollection, one Feature per cluster, single-report events included
 * (a single report is a cluster of one). A cluster with a place is a Point at [longitude, latitude]
 * (RFC 7946 §3.1.1: longitude first), WGS 1984, rounded to 6 decimals (§11.2: about 10 cm, more than any
 * gazetteer point warrants); one without a place, or with coordinates out of range, has
 * `geometry: null` (§3.2), so it still reaches the map layer's attribute table. No `crs` member (§4).
 *
 * Streamed: the collection's opening is written first, each feature as it arrives, comma-separated,
 * then the closing, so the collection never exists in memory as a whole.
 */
import type { Cluster, ClusterFigure, DocumentRef } from '../corpus/types.js';
import { ChunkWriter, forEachCluster, type ExportSink, type ExportSummary } from './stream.js';
import { clusterAcledCategory } from './stream-cluster.js';

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: readonly [number, number];
}

export interface ClusterFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: PointGeometry | null;
  readonly properties: Readonly<Record<string, unknown>>;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The Point of a cluster's place, or null when it has none or its coordinates are not WGS 1984 values. */
export function clusterGeometry(cluster: Cluster): PointGeometry | null {
  const place = cluster.place;
  if (place === undefined) return null;
  const { lat, lon } = place;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return null;
  return { type: 'Point', coordinates: [round6(lon), round6(lat)] };
}

function documentProps(d: DocumentRef): Record<string, string> {
  return {
    documentId: d.documentId,
    ...(d.outlet !== undefined && { outlet: d.outlet }),
    ...(d.published !== undefined && { published: d.published }),
    ...(d.url !== undefined && { url: d.url }),
    ...(d.title !== undefined && { title: d.title }),
  };
}

function figureProps(f: ClusterFigure): Record<string, unknown> {
  return {
    field: f.field,
    disputed: f.disputed,
    range: [f.min, f.max],
    latest: f.latest,
    conservative: f.conservative,
    values: f.values.map((v) => ({
      value: v.value,
      qualifier: v.qualifier,
      text: v.text,
      ...documentProps(v.document),
      eventId: v.eventId,
      span: v.span,
      evidence: v.evidence,
      evidenceText: v.evidenceText,
      ...(v.duplicateOf !== undefined && { duplicateOf: v.duplicateOf }),
    })),
  };
}

/** The Feature of one cluster: its geometry and everything an analyst filters or styles by. */
export function clusterFeature(cluster: Cluster): ClusterFeature {
  const acled = clusterAcledCategory(cluster);
  return {
    type: 'Feature',
    id: cluster.id,
    geometry: clusterGeometry(cluster),
    properties: {
      id: cluster.id,
      type: cluster.type,
      mode: cluster.mode ?? null,
      date: cluster.date?.iso ?? null,
      datePrecision: cluster.date?.precision ?? null,
      place: cluster.place ?? null,
      acled: acled === null ? null : { event_type: acled.eventType, sub_event_type: acled.subEventType },
      memberCount: cluster.members.length,
      members: cluster.members.map(documentProps),
      mentions: cluster.mentions.map(documentProps),
      actors: cluster.actors.map((a) => a.name),
      targets: cluster.targets.map((a) => a.name),
      figures: cluster.figures.map(figureProps),
      reports: cluster.reports.map((r) => ({
        id: r.id,
        documentId: r.document.documentId,
        news: r.news,
        trigger: r.trigger,
        evidence: r.evidence,
        evidenceText: r.evidenceText,
      })),
      claims: cluster.claims.map((c) => ({
        id: c.id,
        speaker: c.speaker,
        stance: c.stance,
        content: c.content,
        about: c.about,
        documentId: c.document.documentId,
        span: c.span,
      })),
      conflicts: cluster.conflicts,
    },
  };
}

/** Streams the clusters as one RFC 7946 FeatureCollection into `out`; does not end `out`. */
export async function writeGeoJson(
  clusters: AsyncIterable<Cluster> | Iterable<Cluster>,
  out: ExportSink,
): Promise<ExportSummary> {
  const writer = new ChunkWriter(out);
  await writer.write('{"type":"FeatureCollection","features":[');
  const summary = await forEachCluster(clusters, async (cluster, index) => {
    await writer.write(`${index === 0 ? '\n' : ',\n'}${JSON.stringify(clusterFeature(cluster))}`);
    return 1;
  });
  await writer.write(summary.clusters === 0 ? ']}\n' : '\n]}\n');
  await writer.flush();
  return summary;
}
