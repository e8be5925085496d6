/** The cross-document index kept in memory: for evaluation runs, tests and as the reference backend. */
import type { DocumentClaim } from './claims.js';
import type { ReportStorage, StoredFingerprint } from './storage.js';
import type { EventReport, ReportLink } from './types.js';

export class MemoryReportStorage implements ReportStorage {
  private readonly reports = new Map<string, EventReport>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, readonly string[]>();
  private readonly byDocument = new Map<string, string[]>();
  private readonly links = new Map<string, Map<string, ReportLink>>();
  private readonly cluster = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly claims = new Map<string, DocumentClaim[]>();
  private readonly claimDocs = new Map<string, string[]>();
  private readonly fingerprints = new Map<string, StoredFingerprint & { bands: readonly string[] }>();
  private readonly bands = new Map<string, Set<string>>();

  putFingerprint(
    documentId: string,
    fingerprint: string,
    bands: readonly string[],
    published: string | undefined,
  ): void {
    this.fingerprints.set(documentId, {
      documentId,
      fingerprint,
      bands,
      ...(published !== undefined ? { published } : {}),
    });
    for (const b of bands) {
      const set = this.bands.get(b) ?? new Set<string>();
      set.add(documentId);
      this.bands.set(b, set);
    }
  }

  fingerprintsByBands(bands: readonly string[]): StoredFingerprint[] {
    const ids = new Set<string>();
    for (const b of bands) for (const id of this.bands.get(b) ?? []) ids.add(id);
    return [...ids].sort().flatMap((id) => {
      const f = this.fingerprints.get(id);
      if (!f) return [];
      const { bands: _b, ...stored } = f;
      return [stored];
    });
  }

  getFingerprint(documentId: string): StoredFingerprint | undefined {
    const f = this.fingerprints.get(documentId);
    if (!f) return undefined;
    const { bands: _b, ...stored } = f;
    return stored;
  }

  putDocument(
    documentId: string,
    reports: readonly { readonly report: EventReport; readonly keys: readonly string[] }[],
    claims: readonly { readonly claim: DocumentClaim; readonly reportId: string }[],
  ): void {
    const ids: string[] = [];
    for (const { report, keys } of reports) {
      this.reports.set(report.id, report);
      this.keysOf.set(report.id, keys);
      for (const k of keys) {
        const set = this.byKey.get(k) ?? new Set<string>();
        set.add(report.id);
        this.byKey.set(k, set);
      }
      ids.push(report.id);
    }
    this.byDocument.set(documentId, ids);
    const touched: string[] = [];
    for (const { claim, reportId } of claims) {
      const list = this.claims.get(reportId) ?? [];
      list.push(claim);
      this.claims.set(reportId, list);
      touched.push(reportId);
    }
    this.claimDocs.set(documentId, touched);
  }

  reportsByKeys(keys: readonly string[]): EventReport[] {
    const ids = new Set<string>();
    for (const k of keys) for (const id of this.byKey.get(k) ?? []) ids.add(id);
    return this.getReports([...ids]);
  }

  getReports(ids: readonly string[]): EventReport[] {
    return ids.map((id) => this.reports.get(id)).filter((r): r is EventReport => r !== undefined);
  }

  documentReportIds(documentId: string): string[] {
    return [...(this.byDocument.get(documentId) ?? [])];
  }

  putLinks(links: readonly ReportLink[]): void {
    for (const l of links) {
      for (const [x, y] of [
        [l.a, l.b],
        [l.b, l.a],
      ] as const) {
        const m = this.links.get(x) ?? new Map<string, ReportLink>();
        m.set(y, l);
        this.links.set(x, m);
      }
    }
  }

  linksOf(ids: readonly string[]): ReportLink[] {
    const out = new Map<string, ReportLink>();
    for (const id of ids) for (const l of this.links.get(id)?.values() ?? []) out.set(`${l.a}|${l.b}`, l);
    return [...out.values()];
  }

  deleteDocument(documentId: string): string[] {
    const ids = this.byDocument.get(documentId) ?? [];
    const neighbours = new Set<string>();
    for (const id of ids) {
      for (const other of this.links.get(id)?.keys() ?? []) {
        this.links.get(other)?.delete(id);
        neighbours.add(other);
      }
      this.links.delete(id);
      for (const k of this.keysOf.get(id) ?? []) this.byKey.get(k)?.delete(id);
      this.keysOf.delete(id);
      this.reports.delete(id);
      const c = this.cluster.get(id);
      if (c !== undefined) this.members.get(c)?.delete(id);
      if (c !== undefined && this.members.get(c)?.size === 0) this.members.delete(c);
      this.cluster.delete(id);
    }
    for (const r of this.claimDocs.get(documentId) ?? []) {
      this.claims.set(
        r,
        (this.claims.get(r) ?? []).filter((c) => c.document.documentId !== documentId),
      );
    }
    this.claimDocs.delete(documentId);
    for (const b of this.fingerprints.get(documentId)?.bands ?? []) this.bands.get(b)?.delete(documentId);
    this.fingerprints.delete(documentId);
    this.byDocument.delete(documentId);
    for (const id of ids) neighbours.delete(id);
    return [...neighbours];
  }

  clusterOf(id: string): string | undefined {
    return this.cluster.get(id);
  }

  setCluster(ids: readonly string[], clusterId: string): void {
    for (const id of ids) {
      const old = this.cluster.get(id);
      if (old !== undefined) {
        this.members.get(old)?.delete(id);
        if (this.members.get(old)?.size === 0) this.members.delete(old);
      }
      this.cluster.set(id, clusterId);
      const set = this.members.get(clusterId) ?? new Set<string>();
      set.add(id);
      this.members.set(clusterId, set);
    }
  }

  clusterReportIds(clusterId: string): string[] {
    return [...(this.members.get(clusterId) ?? [])];
  }

  claimsOf(reportIds: readonly string[]): DocumentClaim[] {
    return reportIds.flatMap((id) => this.claims.get(id) ?? []);
  }

  clusterIds(after: string | undefined, limit: number): string[] {
    return [...this.members.keys()]
      .filter((id) => after === undefined || id > after)
      .sort()
      .slice(0, limit);
  }
}
