/**
 * Builds the cluster an analyst reads from its stored reports: members and mentions, the consensus
 * date and place, every reported figure with its source and the dispute, the claims and their conflicts.
 *
 * Figure reconciliation (documented for exports): `latest` is the value of the most recently published
 * member report (ties: the larger value, as later reports revise tolls upwards more often than not);
 * `conservative` is the lowest value, which is what ACLED codes as fatalities when sources disagree.
 */
import type { CountField, Precision } from '../model/schema.js';
import { claimConflicts } from './claims.js';
import { bandKeys, isNearDuplicate } from './near-duplicates.js';
import type { ReportStorage, StoredFingerprint } from './storage.js';
import type {
  Cluster,
  ClusterFigure,
  DocumentRef,
  EntityKeyRef,
  EventReport,
  FigureValue,
  ReportLink,
  ReportPlace,
} from './types.js';

const PLACE_RANK: Readonly<Record<ReportPlace['kind'], number>> = {
  city: 0,
  other: 1,
  region: 2,
  country: 3,
};

function byPublished(a: DocumentRef, b: DocumentRef): number {
  const pa = a.published ?? '';
  const pb = b.published ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}

/** The most frequent value by key; ties go to the smallest key, so the choice is order-free. */
function commonest<T>(items: readonly T[], key: (x: T) => string): T | undefined {
  const counts = new Map<string, { item: T; n: number }>();
  for (const x of items) {
    const k = key(x);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { item: x, n: 1 });
  }
  let best: { k: string; item: T; n: number } | undefined;
  for (const [k, c] of counts) {
    if (!best || c.n > best.n || (c.n === best.n && k < best.k)) best = { k, ...c };
  }
  return best?.item;
}

function unionRefs(lists: readonly (readonly EntityKeyRef[])[]): EntityKeyRef[] {
  const out = new Map<string, EntityKeyRef>();
  for (const list of lists) for (const r of list) if (!out.has(r.key)) out.set(r.key, r);
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function clusterFigures(
  news: readonly EventReport[],
  duplicateOf?: ReadonlyMap<string, string>,
): ClusterFigure[] {
  const byField = new Map<CountField, Map<string, FigureValue>>();
  for (const r of news) {
    for (const c of r.counts) {
      const values = byField.get(c.field) ?? new Map<string, FigureValue>();
      const k = `${r.document.documentId}|${c.value}`;
      const dup = duplicateOf?.get(r.document.documentId);
      if (!values.has(k)) {
        values.set(k, {
          document: r.document,
          value: c.value,
          qualifier: c.qualifier,
          text: c.text,
          eventId: c.eventId,
          span: c.span,
          evidence: c.evidence,
          evidenceText: c.evidenceText,
          ...(dup !== undefined ? { duplicateOf: dup } : {}),
        });
      }
      byField.set(c.field, values);
    }
  }
  const out: ClusterFigure[] = [];
  for (const [field, map] of byField) {
    const values = [...map.values()].sort((a, b) => byPublished(a.document, b.document) || a.value - b.value);
    const distinct = new Set(values.map((v) => v.value));
    const last = values[values.length - 1] as FigureValue;
    const lastDay = last.document.published ?? '';
    const latest = Math.max(
      ...values.filter((v) => (v.document.published ?? '') === lastDay).map((v) => v.value),
    );
    out.push({
      field,
      values,
      disputed: distinct.size > 1,
      min: Math.min(...distinct),
      max: Math.max(...distinct),
      latest,
      conservative: Math.min(...distinct),
    });
  }
  return out.sort((a, b) => (a.field < b.field ? -1 : 1));
}

/**
 * Each member that repeats an earlier document (near-duplicate text), mapped to the earliest copy
 * (publication date, then id) among the documents it duplicates. Reads only the members' band keys,
 * and depends only on what is stored, not on arrival order.
 */
export function duplicatesOf(storage: ReportStorage, members: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const key = (f: StoredFingerprint): string => `${f.published ?? '~'}|${f.documentId}`;
  for (const id of members) {
    const own = storage.getFingerprint(id);
    if (!own) continue;
    let first = own;
    for (const other of storage.fingerprintsByBands(bandKeys(own.fingerprint))) {
      if (other.documentId === id || !isNearDuplicate(own.fingerprint, other.fingerprint)) continue;
      if (key(other) < key(first)) first = other;
    }
    if (first.documentId !== id) out.set(id, first.documentId);
  }
  return out;
}

/** The cluster with that id as the storage holds it now, or undefined when it has no reports. */
export function assembleCluster(storage: ReportStorage, clusterId: string): Cluster | undefined {
  const ids = storage.clusterReportIds(clusterId).sort();
  const reports = storage.getReports(ids);
  if (reports.length === 0) return undefined;
  const news = reports.filter((r) => r.news);
  const memberMap = new Map<string, DocumentRef>();
  for (const r of news) memberMap.set(r.document.documentId, r.document);
  const mentionMap = new Map<string, DocumentRef>();
  for (const r of reports)
    if (!memberMap.has(r.document.documentId)) mentionMap.set(r.document.documentId, r.document);
  const duplicates = duplicatesOf(storage, [...memberMap.keys()]);
  const basis = news.length > 0 ? news : reports;
  const dated = basis.filter((r) => r.date?.precision === 'day');
  const dateReport = commonest(
    dated.length > 0 ? dated : basis.filter((r) => r.date),
    (r) => r.date?.iso ?? '',
  );
  const places = basis.filter((r) => r.place);
  const finest = Math.min(...places.map((r) => PLACE_RANK[r.place?.kind ?? 'country']));
  const placeReport = commonest(
    places.filter((r) => PLACE_RANK[r.place?.kind ?? 'country'] === finest),
    (r) => `${r.place?.country ?? ''}|${r.place?.text ?? ''}`,
  );
  const inCluster = new Set(ids);
  const links: ReportLink[] = storage.linksOf(ids).filter((l) => inCluster.has(l.a) && inCluster.has(l.b));
  const claims = storage.claimsOf(ids).filter((c) => memberMap.has(c.document.documentId));
  const date: { iso: string; precision: Precision } | undefined = dateReport?.date;
  const first = basis[0] as EventReport;
  return {
    id: clusterId,
    type: first.type,
    ...(commonest(
      basis.filter((r) => r.mode),
      (r) => r.mode ?? '',
    )?.mode !== undefined
      ? {
          mode: commonest(
            basis.filter((r) => r.mode),
            (r) => r.mode ?? '',
          )?.mode as string,
        }
      : {}),
    ...(date !== undefined ? { date } : {}),
    ...(placeReport?.place !== undefined ? { place: placeReport.place } : {}),
    members: [...memberMap.values()].sort(byPublished),
    mentions: [...mentionMap.values()].sort(byPublished),
    reports,
    actors: unionRefs(basis.map((r) => r.actors)),
    targets: unionRefs(basis.map((r) => r.targets)),
    duplicates: [...duplicates].map(([documentId, of]) => ({ documentId, of })),
    sources: memberMap.size - duplicates.size,
    figures: clusterFigures(news, duplicates),
    claims: claims.map(({ aboutKeys: _k, conflictsWith: _c, ...claim }) => claim),
    conflicts: claimConflicts(claims),
    links,
  };
}
