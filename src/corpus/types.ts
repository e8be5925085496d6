/**
 * The cross-document layer's shapes: event reports taken from single analyses, the links between them,
 * and the clusters (one per real-world happening) with their figures and claims.
 */
import type { CountField, Count, PloverType, Precision, Span, Stance } from '../model/schema.js';

/** The document facts every cross-document row carries, so a row reads without another lookup. */
export interface DocumentRef {
  readonly documentId: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly title?: string;
}

/** A place as a report states it: enough to compare two reports and to export coordinates. */
export interface ReportPlace {
  readonly text: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly kind: 'country' | 'region' | 'city' | 'other';
  readonly region?: string;
}

/** One reported figure with the sentence that states it. */
export interface ReportedCount extends Count {
  readonly field: CountField;
  /** The event the figure belongs to in its document (a linked arrest event can carry `detained`). */
  readonly eventId: string;
  /** The sentence that states the figure. */
  readonly evidence: Span;
  readonly evidenceText: string;
}

/**
 * One event of one document, as the cross-document layer sees it. `news` is false for events the
 * document only recalls (a strike years earlier, "a day after the bombings in ..."): those link to a
 * cluster as mentions and never make the document a member.
 */
export interface EventReport {
  /** `${documentId}#${eventId}`: stable whatever the order documents arrive in. */
  readonly id: string;
  readonly document: DocumentRef;
  readonly eventId: string;
  readonly type: PloverType;
  readonly mode?: string;
  readonly trigger: string;
  readonly news: boolean;
  /** Why the report is or is not news, for people. */
  readonly newsReason: string;
  /**
   * The happening's day range as YYYY-MM-DD (the event's date, else a window before publication);
   * absent when nothing bounds it (a year-only date, no publication date): such reports never link.
   */
  readonly days?: { readonly from: string; readonly to: string };
  readonly date?: { readonly iso: string; readonly precision: Precision };
  readonly place?: ReportPlace;
  /** Cross-document entity keys (see `entityKeys`) of actors and targets, with a display name each. */
  readonly actors: readonly EntityKeyRef[];
  readonly targets: readonly EntityKeyRef[];
  /** Figures of this event and of the events in the document linked to it. */
  readonly counts: readonly ReportedCount[];
  readonly evidence: Span;
  readonly evidenceText: string;
}

export interface EntityKeyRef {
  readonly key: string;
  readonly name: string;
}

/** One piece of evidence that made (or refused) a link between two reports. */
export interface LinkEvidence {
  readonly kind: 'type' | 'date' | 'place' | 'actor' | 'target' | 'figure' | 'trigger';
  readonly detail: string;
  readonly weight: number;
}

/** A pairwise decision; symmetric, so clusters (connected components of links) do not depend on order. */
export interface ReportLink {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly evidence: readonly LinkEvidence[];
}

/** Every value reported for one count field of a cluster. */
export interface FigureValue {
  readonly document: DocumentRef;
  readonly value: number;
  readonly qualifier: Count['qualifier'];
  readonly text: string;
  readonly eventId: string;
  readonly span: Span;
  readonly evidence: Span;
  readonly evidenceText: string;
  /** True when a near-duplicate of an earlier document reported it: counted once, with that source. */
  readonly duplicateOf?: string;
}

export interface ClusterFigure {
  readonly field: CountField;
  /** One entry per (document, value), ordered by publication date then document id. */
  readonly values: readonly FigureValue[];
  readonly disputed: boolean;
  readonly min: number;
  readonly max: number;
  /** The documented reconciliations: the latest report's value, and the lowest (ACLED's choice). */
  readonly latest: number;
  readonly conservative: number;
}

/** A statement about a cluster's happening, with what it asserts. */
export interface ClusterClaim {
  readonly id: string;
  readonly document: DocumentRef;
  readonly quoteId: string;
  readonly speaker: string;
  /** Other names the speaker goes by (its aliases in the document and across the store). */
  readonly speakerAliases: readonly string[];
  readonly speakerKey?: string;
  readonly stance: Stance;
  readonly content: string;
  readonly span: Span;
  /** Names of the entities the statement is about. */
  readonly about: readonly string[];
}

export interface ClaimConflict {
  readonly a: string;
  readonly b: string;
  readonly about: string;
  readonly reason: string;
}

export interface Cluster {
  /** The smallest report id in the cluster: independent of arrival order. */
  readonly id: string;
  readonly type: PloverType;
  readonly mode?: string;
  /** The commonest day-precision date among member reports (ties: earliest), else the commonest date. */
  readonly date?: { readonly iso: string; readonly precision: Precision };
  readonly place?: ReportPlace;
  /** Documents that report the happening as news, by publication date. */
  readonly members: readonly DocumentRef[];
  /** Documents that only recall it. */
  readonly mentions: readonly DocumentRef[];
  /**
   * Members that are near-duplicates (syndicated or lightly edited copies) of an earlier member, each
   * with the copy it repeats; `sources` counts the members that are not such copies.
   */
  readonly duplicates: readonly { readonly documentId: string; readonly of: string }[];
  readonly sources: number;
  readonly reports: readonly EventReport[];
  readonly actors: readonly EntityKeyRef[];
  readonly targets: readonly EntityKeyRef[];
  readonly figures: readonly ClusterFigure[];
  readonly claims: readonly ClusterClaim[];
  readonly conflicts: readonly ClaimConflict[];
  /** The links that joined the cluster: why each report is in it. */
  readonly links: readonly ReportLink[];
}

/** Filters for clusters; every one optional, combined with AND. */
export interface ClusterQuery {
  /** PLOVER type. */
  readonly type?: PloverType;
  /** Case-insensitive: the place's text, region or ISO country code. */
  readonly place?: string;
  /** Inclusive YYYY-MM-DD bounds on the cluster date. */
  readonly from?: string;
  readonly to?: string;
  /** One cluster by id. */
  readonly cluster?: string;
  /** Only clusters with at least this many member documents. */
  readonly minMembers?: number;
  readonly limit?: number;
}
