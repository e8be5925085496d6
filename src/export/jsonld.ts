/**
 * schema.org JSON-LD: one document with "@context" and a flat "@graph" whose nodes link by "@id".
 *
 * - Each cluster is an `Event` (name, description, startDate at the cluster's precision, location as a
 *   `Place` with `GeoCoordinates` and `PostalAddress.addressCountry`, `about` its actors and targets,
 *   `subjectOf` the member articles).
 * - Each member or mentioning document is a `NewsArticle` (identifier, url, headline, datePublished,
 *   publisher `Organization`); members point at the event with `about`, documents that only recall it
 *   with `mentions`. A document in several clusters appears once per cluster with the same "@id";
 *   JSON-LD merges such nodes, and streaming cannot deduplicate without remembering every document.
 * - Each statement about the happening is a `Claim`: `text` what was said, `author` the speaker (an
 *   untyped node with `name` and `alternateName`: Parallax does not know whether a speaker is a
 *   Person or an Organization), `appearance` the article, `about` the event and the entities concerned.
 * - Each reported figure is a `Claim` too (`text` the sentence stating it, `appearance` the article),
 *   with the structured value in `px:` terms; the event carries a `QuantitativeValue` per count field
 *   with `minValue`/`maxValue` and the dispute.
 * - No `ClaimReview`: schema.org defines it as a review of a claim by a reviewer with a rating of its
 *   truth, and Parallax reviews nothing: it lays reported values and claims side by side.
 *
 * Provenance uses a namespaced vocabulary, prefix `px` (default IRI `urn:parallax:vocab#`, a private
 * namespace with no document behind it; pass `vocabulary` to use another):
 * - `px:evidence` → a `px:TextSpan` node: `isPartOf` the NewsArticle, `text` the quoted text, and
 *   `px:startOffset` / `px:endOffset`, a half-open range of UTF-16 code units in the stored document's
 *   normalized text (the offsets of every Parallax analysis; W3C Web Annotation's TextPositionSelector
 *   counts code points instead, hence a term of our own).
 * - `px:stance` (assert, accuse, deny, request, claim, threaten), `px:countField`, `px:count`,
 *   `px:qualifier` (exact, at-least, about…), `px:disputed`, `px:latestValue`, `px:conservativeValue`,
 *   `px:ploverType`, `px:mode`, `px:acledEventType`, `px:acledSubEventType`, `px:datePrecision`,
 *   `px:actor`, `px:target`, `px:conflict` (a `px:ClaimConflict`: `px:claim` both claims,
 *   `description` why they conflict), `px:duplicateOf` (a near-duplicate document's original).
 */
import type { Cluster, ClusterClaim, ClusterFigure, DocumentRef } from '../corpus/types.js';
import { ParallaxError } from '../errors.js';
import type { Span } from '../model/schema.js';
import { ChunkWriter, forEachCluster, type ExportSink, type ExportSummary } from './stream.js';
import { clusterAcledCategory, primaryReport } from './stream-cluster.js';

export const DEFAULT_VOCABULARY = 'urn:parallax:vocab#';
export const SCHEMA_CONTEXT = 'https://schema.org';

export interface JsonLdOptions {
  /** IRI the `px:` prefix expands to; must end with '#' or '/'. */
  readonly vocabulary?: string;
}

type Node = Record<string, unknown>;

const ref = (id: string): Node => ({ '@id': id });
const eventId = (cluster: Cluster): string => `urn:parallax:cluster:${encodeURIComponent(cluster.id)}`;
const articleId = (d: DocumentRef): string => `urn:parallax:document:${encodeURIComponent(d.documentId)}`;
const claimId = (cluster: Cluster, id: string): string =>
  `urn:parallax:claim:${encodeURIComponent(cluster.id)}:${encodeURIComponent(id)}`;

function textSpan(document: DocumentRef, span: Span, text: string): Node {
  return {
    '@type': 'px:TextSpan',
    isPartOf: ref(articleId(document)),
    text,
    'px:startOffset': span.start,
    'px:endOffset': span.end,
  };
}

function article(d: DocumentRef, event: string, relation: 'about' | 'mentions'): Node {
  return {
    '@id': articleId(d),
    '@type': 'NewsArticle',
    identifier: d.documentId,
    ...(d.url !== undefined && { url: d.url }),
    ...(d.title !== undefined && { headline: d.title }),
    ...(d.published !== undefined && { datePublished: d.published }),
    ...(d.outlet !== undefined && { publisher: { '@type': 'Organization', name: d.outlet } }),
    [relation]: ref(event),
  };
}

function eventName(cluster: Cluster): string {
  const mode = cluster.mode !== undefined ? ` (${cluster.mode})` : '';
  const place = cluster.place !== undefined ? ` in ${cluster.place.text}` : '';
  const date = cluster.date !== undefined ? `, ${cluster.date.iso}` : '';
  return `${cluster.type}${mode}${place}${date}`;
}

function figureClaims(cluster: Cluster, figure: ClusterFigure): Node[] {
  return figure.values.map((v, i) => ({
    '@id': claimId(cluster, `${figure.field}-${i}`),
    '@type': 'Claim',
    text: v.evidenceText,
    appearance: ref(articleId(v.document)),
    ...(v.document.published !== undefined && { datePublished: v.document.published }),
    about: ref(eventId(cluster)),
    'px:countField': figure.field,
    'px:count': v.value,
    'px:qualifier': v.qualifier,
    'px:evidence': textSpan(v.document, v.span, v.text),
    ...(v.duplicateOf !== undefined && {
      'px:duplicateOf': ref(`urn:parallax:document:${encodeURIComponent(v.duplicateOf)}`),
    }),
  }));
}

function figureSummary(cluster: Cluster, figure: ClusterFigure): Node {
  return {
    '@type': 'QuantitativeValue',
    name: figure.field,
    minValue: figure.min,
    maxValue: figure.max,
    'px:countField': figure.field,
    'px:disputed': figure.disputed,
    'px:latestValue': figure.latest,
    'px:conservativeValue': figure.conservative,
    'px:reportedIn': figure.values.map((_, i) => ref(claimId(cluster, `${figure.field}-${i}`))),
  };
}

function statement(cluster: Cluster, c: ClusterClaim): Node {
  return {
    '@id': claimId(cluster, c.id),
    '@type': 'Claim',
    text: c.content,
    author: { name: c.speaker, ...(c.speakerAliases.length > 0 && { alternateName: c.speakerAliases }) },
    appearance: ref(articleId(c.document)),
    ...(c.document.published !== undefined && { datePublished: c.document.published }),
    about: [ref(eventId(cluster)), ...c.about.map((name) => ({ name }))],
    'px:stance': c.stance,
    'px:evidence': textSpan(c.document, c.span, c.content),
  };
}

function eventNode(cluster: Cluster): Node {
  const id = eventId(cluster);
  const acled = clusterAcledCategory(cluster);
  const place = cluster.place;
  const primary = primaryReport(cluster);
  return {
    '@id': id,
    '@type': 'Event',
    name: eventName(cluster),
    ...(primary !== undefined && { description: primary.evidenceText }),
    identifier: cluster.id,
    ...(cluster.date !== undefined && {
      startDate: cluster.date.iso,
      'px:datePrecision': cluster.date.precision,
    }),
    ...(place !== undefined && {
      location: {
        '@type': 'Place',
        name: place.text,
        address: {
          '@type': 'PostalAddress',
          addressCountry: place.country,
          ...(place.region !== undefined && { addressRegion: place.region }),
        },
        geo: { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lon },
      },
    }),
    about: [...cluster.actors, ...cluster.targets].map((a) => ({ name: a.name })),
    'px:actor': cluster.actors.map((a) => a.name),
    'px:target': cluster.targets.map((a) => a.name),
    'px:ploverType': cluster.type,
    ...(cluster.mode !== undefined && { 'px:mode': cluster.mode }),
    ...(acled !== null && {
      'px:acledEventType': acled.eventType,
      'px:acledSubEventType': acled.subEventType,
    }),
    subjectOf: cluster.members.map((d) => ref(articleId(d))),
    'px:figure': cluster.figures.map((f) => figureSummary(cluster, f)),
    'px:evidence':
      primary === undefined ? [] : [textSpan(primary.document, primary.evidence, primary.evidenceText)],
    'px:conflict': cluster.conflicts.map((c) => ({
      '@type': 'px:ClaimConflict',
      'px:claim': [ref(claimId(cluster, c.a)), ref(claimId(cluster, c.b))],
      about: { name: c.about },
      description: c.reason,
    })),
  };
}

/** Every graph node of one cluster: its Event, its articles, its statements and reported figures. */
export function clusterNodes(cluster: Cluster): Node[] {
  const event = eventId(cluster);
  return [
    eventNode(cluster),
    ...cluster.members.map((d) => article(d, event, 'about')),
    ...cluster.mentions.map((d) => article(d, event, 'mentions')),
    ...cluster.claims.map((c) => statement(cluster, c)),
    ...cluster.figures.flatMap((f) => figureClaims(cluster, f)),
  ];
}

/** The "@context": schema.org, plus the `px` prefix (JSON-LD 1.1 needs it to end in '#' or '/'). */
export function jsonLdContext(vocabulary: string = DEFAULT_VOCABULARY): unknown[] {
  if (!/^[a-z][a-z0-9+.-]*:\S*[#/]$/i.test(vocabulary)) {
    throw new ParallaxError(
      'BAD_OPTION',
      `the JSON-LD vocabulary must be an IRI ending in '#' or '/', not '${vocabulary}'`,
    );
  }
  return [SCHEMA_CONTEXT, { px: vocabulary }];
}

/** Streams the clusters as one JSON-LD document ("@context", "@graph") into `out`; does not end `out`. */
export async function writeJsonLd(
  clusters: AsyncIterable<Cluster> | Iterable<Cluster>,
  out: ExportSink,
  options: JsonLdOptions = {},
): Promise<ExportSummary> {
  const writer = new ChunkWriter(out);
  await writer.write(`{"@context":${JSON.stringify(jsonLdContext(options.vocabulary))},"@graph":[`);
  let first = true;
  const summary = await forEachCluster(clusters, async (cluster) => {
    const nodes = clusterNodes(cluster);
    for (const node of nodes) {
      await writer.write(`${first ? '\n' : ',\n'}${JSON.stringify(node)}`);
      first = false;
    }
    return nodes.length;
  });
  await writer.write(first ? ']}\n' : '\n]}\n');
  await writer.flush();
  return summary;
}
