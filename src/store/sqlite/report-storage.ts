/** The cross-document index's tables in the embedded store; every call runs inside the caller's transaction. */
import type Database from 'better-sqlite3';
import type { DocumentClaim } from '../../corpus/claims.js';
import type { ReportStorage, StoredFingerprint } from '../../corpus/storage.js';
import type { EventReport, ReportLink } from '../../corpus/types.js';

type SqlValue = string | number | bigint | null;
type Prepare = (sql: string) => Database.Statement<SqlValue[]>;

/** Variable-length id lists travel as one JSON parameter, so every statement is prepared once. */
const IN_LIST = 'SELECT value FROM json_each(?)';

interface FingerprintRow {
  document_id: string;
  fingerprint: string;
  published: string | null;
}

function fingerprintOf(row: FingerprintRow): StoredFingerprint {
  return {
    documentId: row.document_id,
    fingerprint: row.fingerprint,
    ...(row.published !== null ? { published: row.published } : {}),
  };
}

export class SqliteReportStorage implements ReportStorage {
  constructor(private readonly sql: Prepare) {}

  putDocument(
    documentId: string,
    reports: readonly { readonly report: EventReport; readonly keys: readonly string[] }[],
    claims: readonly { readonly claim: DocumentClaim; readonly reportId: string }[],
  ): void {
    const insertReport = this.sql(
      'INSERT INTO corpus_reports (id, document_id, cluster_id, json) VALUES (?, ?, NULL, ?)',
    );
    const insertKey = this.sql('INSERT OR IGNORE INTO corpus_blocks (key, report_id) VALUES (?, ?)');
    for (const { report, keys } of reports) {
      insertReport.run(report.id, documentId, JSON.stringify(report));
      for (const k of keys) insertKey.run(k, report.id);
    }
    const insertClaim = this.sql(
      'INSERT OR REPLACE INTO corpus_claims (id, document_id, report_id, json) VALUES (?, ?, ?, ?)',
    );
    for (const { claim, reportId } of claims)
      insertClaim.run(claim.id, documentId, reportId, JSON.stringify(claim));
  }

  reportsByKeys(keys: readonly string[]): EventReport[] {
    if (keys.length === 0) return [];
    const rows = this.sql(
      `SELECT json FROM corpus_reports WHERE id IN (SELECT DISTINCT report_id FROM corpus_blocks WHERE key IN (${IN_LIST}))`,
    ).all(JSON.stringify(keys)) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as EventReport);
  }

  getReports(ids: readonly string[]): EventReport[] {
    if (ids.length === 0) return [];
    const rows = this.sql(`SELECT json FROM corpus_reports WHERE id IN (${IN_LIST}) ORDER BY id`).all(
      JSON.stringify(ids),
    ) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as EventReport);
  }

  documentReportIds(documentId: string): string[] {
    const rows = this.sql('SELECT id FROM corpus_reports WHERE document_id = ? ORDER BY id').all(
      documentId,
    ) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  putLinks(links: readonly ReportLink[]): void {
    const insert = this.sql('INSERT OR REPLACE INTO corpus_links (a, b, json) VALUES (?, ?, ?)');
    for (const l of links) insert.run(l.a, l.b, JSON.stringify(l));
  }

  linksOf(ids: readonly string[]): ReportLink[] {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    const rows = this.sql(
      `SELECT json FROM corpus_links WHERE a IN (${IN_LIST}) UNION SELECT json FROM corpus_links WHERE b IN (${IN_LIST})`,
    ).all(list, list) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as ReportLink);
  }

  putFingerprint(
    documentId: string,
    fingerprint: string,
    bands: readonly string[],
    published: string | undefined,
  ): void {
    this.sql(
      'INSERT OR REPLACE INTO corpus_fingerprints (document_id, fingerprint, published) VALUES (?, ?, ?)',
    ).run(documentId, fingerprint, published ?? null);
    const insert = this.sql(
      'INSERT OR IGNORE INTO corpus_fingerprint_bands (key, document_id) VALUES (?, ?)',
    );
    for (const b of bands) insert.run(b, documentId);
  }

  fingerprintsByBands(bands: readonly string[]): StoredFingerprint[] {
    if (bands.length === 0) return [];
    const rows = this.sql(
      `SELECT document_id, fingerprint, published FROM corpus_fingerprints
        WHERE document_id IN (SELECT DISTINCT document_id FROM corpus_fingerprint_bands WHERE key IN (${IN_LIST}))
        ORDER BY document_id`,
    ).all(JSON.stringify(bands)) as FingerprintRow[];
    return rows.map(fingerprintOf);
  }

  getFingerprint(documentId: string): StoredFingerprint | undefined {
    const row = this.sql(
      'SELECT document_id, fingerprint, published FROM corpus_fingerprints WHERE document_id = ?',
    ).get(documentId) as FingerprintRow | undefined;
    return row ? fingerprintOf(row) : undefined;
  }

  deleteDocument(documentId: string): string[] {
    this.sql('DELETE FROM corpus_fingerprint_bands WHERE document_id = ?').run(documentId);
    this.sql('DELETE FROM corpus_fingerprints WHERE document_id = ?').run(documentId);
    const ids = this.documentReportIds(documentId);
    if (ids.length === 0) {
      this.sql('DELETE FROM corpus_claims WHERE document_id = ?').run(documentId);
      return [];
    }
    const list = JSON.stringify(ids);
    const neighbours = this.sql(
      `SELECT b AS id FROM corpus_links WHERE a IN (${IN_LIST}) UNION SELECT a AS id FROM corpus_links WHERE b IN (${IN_LIST})`,
    ).all(list, list) as { id: string }[];
    this.sql(`DELETE FROM corpus_links WHERE a IN (${IN_LIST})`).run(list);
    this.sql(`DELETE FROM corpus_links WHERE b IN (${IN_LIST})`).run(list);
    this.sql(`DELETE FROM corpus_blocks WHERE report_id IN (${IN_LIST})`).run(list);
    this.sql('DELETE FROM corpus_reports WHERE document_id = ?').run(documentId);
    this.sql('DELETE FROM corpus_claims WHERE document_id = ?').run(documentId);
    const own = new Set(ids);
    return neighbours.map((n) => n.id).filter((id) => !own.has(id));
  }

  clusterOf(id: string): string | undefined {
    const row = this.sql('SELECT cluster_id FROM corpus_reports WHERE id = ?').get(id) as
      { cluster_id: string | null } | undefined;
    return row?.cluster_id ?? undefined;
  }

  setCluster(ids: readonly string[], clusterId: string): void {
    this.sql(`UPDATE corpus_reports SET cluster_id = ? WHERE id IN (${IN_LIST})`).run(
      clusterId,
      JSON.stringify(ids),
    );
  }

  clusterReportIds(clusterId: string): string[] {
    const rows = this.sql('SELECT id FROM corpus_reports WHERE cluster_id = ? ORDER BY id').all(
      clusterId,
    ) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  claimsOf(reportIds: readonly string[]): DocumentClaim[] {
    if (reportIds.length === 0) return [];
    const rows = this.sql(`SELECT json FROM corpus_claims WHERE report_id IN (${IN_LIST}) ORDER BY id`).all(
      JSON.stringify(reportIds),
    ) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as DocumentClaim);
  }

  clusterIds(after: string | undefined, limit: number): string[] {
    const rows = this.sql(
      'SELECT DISTINCT cluster_id AS id FROM corpus_reports WHERE cluster_id IS NOT NULL AND cluster_id > ? ORDER BY cluster_id LIMIT ?',
    ).all(after ?? '', limit) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
