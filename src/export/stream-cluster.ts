/** Views of a cluster every exporter needs, computed the same way so the formats agree with each other. */
import type { Cluster, DocumentRef, EventReport } from '../corpus/types.js';
import { acledCategory, type AcledCategory } from './acled.js';

/** The report whose id is the cluster id (the smallest), else the first: its text describes the cluster. */
export function primaryReport(cluster: Cluster): EventReport | undefined {
  return cluster.reports.find((r) => r.id === cluster.id) ?? cluster.reports[0];
}

/** The reports that make documents members (news), or every report when none is news. */
export function newsReports(cluster: Cluster): readonly EventReport[] {
  const news = cluster.reports.filter((r) => r.news);
  return news.length > 0 ? news : cluster.reports;
}

/** The name a document is credited under: its outlet, else its URL's host, else its id. */
export function sourceName(document: DocumentRef): string {
  if (document.outlet !== undefined && document.outlet.trim() !== '') return document.outlet.trim();
  if (document.url !== undefined) {
    try {
      return new URL(document.url).host;
    } catch {
      // not a URL: fall through to the id
    }
  }
  return document.documentId;
}

/** Distinct source names of the member documents, in member order (publication date). */
export function sourceNames(cluster: Cluster): string[] {
  const documents = cluster.members.length > 0 ? cluster.members : cluster.reports.map((r) => r.document);
  return [...new Set(documents.map(sourceName))];
}

/**
 * The ACLED category of the cluster, or null for the types ACLED does not code. The triggers of all
 * news reports go to the mapping together: one outlet writing "suicide bombing" where others write
 * "explosions" is enough to refine the sub-event type.
 */
export function clusterAcledCategory(cluster: Cluster): AcledCategory | null {
  const triggers = [...new Set(newsReports(cluster).map((r) => r.trigger))].join(' | ');
  return acledCategory({ type: cluster.type, mode: cluster.mode, trigger: triggers || undefined });
}

/** YYYY-MM-DD of a stored published value (date or ISO date-time), or undefined. */
export function day(published: string | undefined): string | undefined {
  const match = published === undefined ? null : /^\d{4}-\d{2}-\d{2}/.exec(published);
  return match?.[0];
}
