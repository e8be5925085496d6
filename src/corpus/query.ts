/** Cluster filters, shared by every store adapter so they agree on what a query means. */
import type { Cluster, ClusterQuery } from './types.js';

/** True when the cluster passes every filter of the query (ids and limits are the caller's). */
export function clusterMatches(cluster: Cluster, query: ClusterQuery): boolean {
  if (query.type !== undefined && cluster.type !== query.type) return false;
  if (query.minMembers !== undefined && cluster.members.length < query.minMembers) return false;
  if (query.place !== undefined) {
    const want = query.place.trim().toLowerCase();
    const p = cluster.place;
    const hay = p ? [p.text, p.country, p.region ?? ''].map((x) => x.toLowerCase()) : [];
    if (!hay.includes(want)) return false;
  }
  if (query.from !== undefined || query.to !== undefined) {
    const iso = cluster.date?.iso;
    if (iso === undefined) return false;
    const start = iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
    const end = iso.length === 4 ? `${iso}-12-31` : iso.length === 7 ? `${iso}-31` : iso;
    if (query.from !== undefined && end < query.from) return false;
    if (query.to !== undefined && start > query.to) return false;
  }
  return true;
}
