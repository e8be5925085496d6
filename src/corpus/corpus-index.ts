/**
 * The incremental cross-document index: on every stored document its reports are linked to the
 * candidates that share a blocking key, and clusters are the connected components of the links, named
 * by their smallest report id. Each step reads only the new document's neighbourhood, so the cost of
 * adding a document does not grow with the store, and the clusters do not depend on arrival order.
 */
import type { Analysis } from '../model/schema.js';
import type { TriggerLexicon } from '../stages/events/lexicon.js';
import { documentClaims, mainReport } from './claims.js';
import { blockKeys, decideLink, probeKeys } from './link.js';
import { bandKeys, fingerprint } from './near-duplicates.js';
import { eventReports } from './reports.js';
import type { ReportStorage } from './storage.js';
import type { ReportLink } from './types.js';

export interface AddResult {
  readonly reports: number;
  readonly links: readonly ReportLink[];
  /** Clusters the document's reports ended up in. */
  readonly clusters: readonly string[];
}

export class CorpusIndex {
  constructor(
    private readonly storage: ReportStorage,
    private readonly lexiconFor: (language: string) => TriggerLexicon,
  ) {}

  /** Indexes (or re-indexes) one analysis. */
  addDocument(analysis: Analysis): AddResult {
    const documentId = analysis.document.id;
    if (this.storage.documentReportIds(documentId).length > 0) this.removeDocument(documentId);
    const reports = eventReports(analysis, this.lexiconFor(analysis.document.language));
    const main = mainReport(reports);
    const inDocument = new Map<string, string[]>();
    for (const c of analysis.conflicts) {
      for (const [x, y] of [
        [c.a, c.b],
        [c.b, c.a],
      ] as const) {
        inDocument.set(x, [...(inDocument.get(x) ?? []), `${documentId}#${y}`]);
      }
    }
    const claims = main
      ? documentClaims(analysis).map((claim) => ({
          claim: { ...claim, conflictsWith: inDocument.get(claim.quoteId) ?? [] },
          reportId: main.id,
        }))
      : [];
    this.storage.putDocument(
      documentId,
      reports.map((report) => ({ report, keys: blockKeys(report) })),
      claims,
    );
    const fp = fingerprint(analysis.document.text);
    this.storage.putFingerprint(documentId, fp, bandKeys(fp), analysis.document.published);
    const links = new Map<string, ReportLink>();
    for (const report of reports) {
      for (const other of this.storage.reportsByKeys(probeKeys(report))) {
        const link = decideLink(report, other);
        if (link) links.set(`${link.a}|${link.b}`, link);
      }
    }
    this.storage.putLinks([...links.values()]);
    const ids = reports.map((r) => r.id);
    this.merge(ids, [...links.values()]);
    const clusters = new Set<string>();
    for (const id of ids) {
      const c = this.storage.clusterOf(id);
      if (c !== undefined) clusters.add(c);
    }
    return { reports: reports.length, links: [...links.values()], clusters: [...clusters] };
  }

  /** Drops a document from the index; the clusters it held together split again where they must. */
  removeDocument(documentId: string): void {
    const neighbours = this.storage.deleteDocument(documentId);
    this.recluster(neighbours);
  }

  /**
   * Adding links only ever merges components, so no traversal is needed: each group of new reports
   * joined by the new links takes the smallest id among its reports and the clusters it touches, and
   * only the clusters with a larger id are relabelled.
   */
  private merge(ids: readonly string[], links: readonly ReportLink[]): void {
    const own = new Set(ids);
    const parent = new Map<string, string>(ids.map((id) => [id, id]));
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r) as string;
      parent.set(x, r);
      return r;
    };
    const touched = new Map<string, Set<string>>();
    for (const l of links) {
      const [mine, other] = own.has(l.a) ? [l.a, l.b] : [l.b, l.a];
      if (own.has(other)) {
        const a = find(mine);
        const b = find(other);
        if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
        continue;
      }
      const cluster = this.storage.clusterOf(other) ?? other;
      const set = touched.get(mine) ?? new Set<string>();
      set.add(cluster);
      touched.set(mine, set);
    }
    const groups = new Map<string, { reports: string[]; clusters: Set<string> }>();
    for (const id of ids) {
      const root = find(id);
      const g = groups.get(root) ?? { reports: [], clusters: new Set<string>() };
      g.reports.push(id);
      for (const c of touched.get(id) ?? []) g.clusters.add(c);
      groups.set(root, g);
    }
    // Two groups of this document may reach the same cluster: they are one component then.
    const byCluster = new Map<string, string>();
    for (const [root, g] of groups) {
      for (const c of g.clusters) {
        const seen = byCluster.get(c);
        if (seen !== undefined && seen !== root) {
          const other = groups.get(seen);
          if (other) {
            g.reports.push(...other.reports);
            for (const x of other.clusters) g.clusters.add(x);
            groups.delete(seen);
            for (const [k, v] of byCluster) if (v === seen) byCluster.set(k, root);
          }
        }
        byCluster.set(c, root);
      }
    }
    for (const g of groups.values()) {
      const id = [...g.reports, ...g.clusters].reduce((min, x) => (x < min ? x : min));
      this.storage.setCluster(g.reports, id);
      for (const c of g.clusters) {
        if (c !== id) this.storage.setCluster(this.storage.clusterReportIds(c), id);
      }
    }
  }

  /** Recomputes the components that contain the seeds and names each by its smallest report id. */
  private recluster(seeds: readonly string[]): void {
    const done = new Set<string>();
    for (const seed of seeds) {
      if (done.has(seed)) continue;
      const component = [seed];
      done.add(seed);
      for (let i = 0; i < component.length; i++) {
        for (const l of this.storage.linksOf([component[i] as string])) {
          for (const next of [l.a, l.b]) {
            if (!done.has(next)) {
              done.add(next);
              component.push(next);
            }
          }
        }
      }
      const id = component.reduce((min, x) => (x < min ? x : min));
      this.storage.setCluster(component, id);
    }
  }
}
