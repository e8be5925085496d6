/**
 * What the cross-document index needs from a backend. Synchronous so the embedded store can run it
 * inside the transaction that stores the document (nothing half-linked after a crash); a client/server
 * backend implements the same calls over its own tables.
 */
import type { DocumentClaim } from './claims.js';
import type { EventReport, ReportLink } from './types.js';

export interface StoredFingerprint {
  readonly documentId: string;
  readonly fingerprint: string;
  readonly published?: string;
}

export interface ReportStorage {
  /** Stores a document's reports, each with its blocking keys, and its claims (tied to report ids). */
  putDocument(
    documentId: string,
    reports: readonly { readonly report: EventReport; readonly keys: readonly string[] }[],
    claims: readonly { readonly claim: DocumentClaim; readonly reportId: string }[],
  ): void;
  /** Reports stored under any of the keys. */
  reportsByKeys(keys: readonly string[]): EventReport[];
  getReports(ids: readonly string[]): EventReport[];
  documentReportIds(documentId: string): string[];
  putLinks(links: readonly ReportLink[]): void;
  /** Links touching any of the reports. */
  linksOf(ids: readonly string[]): ReportLink[];
  /** Removes a document's reports, claims, fingerprint and every link touching them; returns the reports they linked to. */
  deleteDocument(documentId: string): string[];
  clusterOf(id: string): string | undefined;
  setCluster(ids: readonly string[], clusterId: string): void;
  clusterReportIds(clusterId: string): string[];
  /** Claims tied to any of the reports. */
  claimsOf(reportIds: readonly string[]): DocumentClaim[];
  /** Stores a document's near-duplicate fingerprint under its band keys (see near-duplicates.ts). */
  putFingerprint(
    documentId: string,
    fingerprint: string,
    bands: readonly string[],
    published: string | undefined,
  ): void;
  /** Documents sharing a band key with these, with their fingerprints and publication dates. */
  fingerprintsByBands(bands: readonly string[]): StoredFingerprint[];
  getFingerprint(documentId: string): StoredFingerprint | undefined;
  /** Cluster ids in order, from `after` (exclusive), at most `limit`. */
  clusterIds(after: string | undefined, limit: number): string[];
}
