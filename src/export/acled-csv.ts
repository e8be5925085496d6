/**
 * ACLED-style CSV: one row per cluster, with ACLED's 31 columns in ACLED's order (the dataset layout
 * since the March 2023 column changes), so the file loads wherever ACLED exports load. RFC 4180 quoting
 * and CRLF record ends.
 *
 * How each column is filled (empty where Parallax has no honest value):
 * - `event_id_cnty`: the country's alpha-3 code, a dash, and the Parallax cluster id. ACLED's numbers
 *   are its own; the cluster id is stable whatever order documents arrived in, and leads back to it.
 * - `event_date` (YYYY-MM-DD), `year`, `time_precision` per the codebook: 1 when a day is known; 2 when
 *   only a range of up to a week is (an undated report's window before publication), coded to the
 *   middle day; 3 for a month (coded to the 15th) or a longer range (its middle day). A date known
 *   only to the year, which ACLED would not code, gets 3 and 1 July, and says so in `notes`.
 * - `disorder_type`, `event_type`, `sub_event_type`: from `acledCategory` (see acled.ts). Clusters of
 *   types ACLED does not code (the verbal PLOVER types: ACCUSE, REQUEST, THREATEN, CONSULT…) are
 *   skipped, and counted as skipped in the summary.
 * - `actor1` / `assoc_actor_1`: the cluster's first actor and the others ("; "-separated, as ACLED
 *   separates associated actors); `actor2` / `assoc_actor_2`: the same for its targets. ACLED's
 *   actor names ("Military Forces of Iran (1989-)") come from its actor list, which Parallax lacks.
 * - `civilian_targeting`: "Civilian targeting" for Violence against civilians, the one category that
 *   implies it; otherwise empty, since the target's civilian status is not known.
 * - `iso`, `country`: from the place's country code (see acled-csv-country.ts).
 * - `admin1`: the place's region, or the place itself when it is a region.
 * - `location`, `latitude`, `longitude` (4 decimals, as ACLED writes them), `geo_precision`: 1 for a
 *   town or city; 2 for a smaller or unclassified place; 3 for a region or country (ACLED codes those
 *   to the provincial capital, Parallax to the place's own representative point).
 * - `source`: the member documents' outlets, "; "-separated.
 * - `notes`: the primary report's evidence sentence, then every figure: for fatalities the dispute
 *   (range, the value coded, the latest value) and every reported value with its outlet, date and
 *   document id; other figures (injured, detained…) likewise, since ACLED has no column for them.
 * - `fatalities`: the conservative (lowest) reported death toll, as ACLED chooses; 0 when none is
 *   reported, as in ACLED.
 * - `timestamp`: Unix seconds of the latest member's publication, i.e. when the record last changed.
 * - Left empty: `inter1`, `inter2`, `interaction` (actor type codes), `region` (ACLED's own regions),
 *   `admin2`, `admin3`, `source_scale`, `tags`.
 */
import type { Cluster, ClusterFigure, FigureValue, ReportPlace } from '../corpus/types.js';
import type { AcledCategory } from './acled.js';
import { acledCountry } from './acled-csv-country.js';
import { csvRecord } from './csv-export-rfc4180.js';
import { ChunkWriter, forEachCluster, type ExportSink, type ExportSummary } from './stream.js';
import { clusterAcledCategory, day, primaryReport, sourceName, sourceNames } from './stream-cluster.js';

/** ACLED's columns, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Readonly<Record<AcledColumn, string>>;

export interface AcledDate {
  readonly date: string;
  readonly precision: 1 | 2 | 3;
  /** Set when the date is an estimate the notes should mention. */
  readonly caveat?: string;
}

const DAY_MS = 86_400_000;

function middleDay(from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / DAY_MS / 2) * DAY_MS).toISOString().slice(0, 10);
}

/** The date ACLED would code, with its time_precision; undefined when nothing dates the cluster. */
export function acledDate(cluster: Cluster): AcledDate | undefined {
  const date = cluster.date;
  if (date !== undefined) {
    if (date.precision === 'day') return { date: date.iso.slice(0, 10), precision: 1 };
    if (date.precision === 'month') return { date: `${date.iso.slice(0, 7)}-15`, precision: 3 };
    return { date: `${date.iso.slice(0, 4)}-07-01`, precision: 3, caveat: 'date known only to the year' };
  }
  // No date on the cluster: the reports' day windows (before publication) bound the happening.
  let from: string | undefined;
  let to: string | undefined;
  for (const r of cluster.reports) {
    if (r.days === undefined) continue;
    if (from === undefined || r.days.from < from) from = r.days.from;
    if (to === undefined || r.days.to > to) to = r.days.to;
  }
  if (from === undefined || to === undefined) return undefined;
  if (from === to) return { date: from, precision: 1 };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  const caveat = `undated in the reports; between ${from} and ${to}`;
  return { date: middleDay(from, to), precision: days <= 7 ? 2 : 3, caveat };
}

/** ACLED's disorder type for an event and sub-event type (codebook, disorder_type). */
export function disorderType(category: AcledCategory): string {
  switch (category.eventType) {
    case 'Protests':
      return category.subEventType === 'Excessive force against protesters'
        ? 'Political violence; Demonstrations'
        : 'Demonstrations';
    case 'Riots':
      return category.subEventType === 'Mob violence' ? 'Political violence' : 'Demonstrations';
    case 'Strategic developments':
      return 'Strategic developments';
    default:
      return 'Political violence';
  }
}

export function geoPrecision(place: ReportPlace): '1' | '2' | '3' {
  switch (place.kind) {
    case 'city':
      return '1';
    case 'other':
      return '2';
    default:
      return '3';
  }
}

const coordinate = (value: number): string => String(Number(value.toFixed(4)));

const QUALIFIER_WORDS: Readonly<Record<FigureValue['qualifier'], string>> = {
  exact: '',
  'at-least': 'at least ',
  'at-most': 'at most ',
  about: 'about ',
  'more-than': 'more than ',
  'fewer-than': 'fewer than ',
};

function reported(value: FigureValue): string {
  const when = day(value.document.published);
  const where = [sourceName(value.document), when, value.document.documentId].filter(Boolean).join(', ');
  const copy = value.duplicateOf !== undefined ? `, a copy of ${value.duplicateOf}` : '';
  return `${QUALIFIER_WORDS[value.qualifier]}${value.value} (${where}${copy})`;
}

function figureNote(figure: ClusterFigure): string {
  const label =
    figure.field === 'killed' ? 'Fatalities' : figure.field.charAt(0).toUpperCase() + figure.field.slice(1);
  const values = figure.values.map(reported).join('; ');
  if (!figure.disputed) return `${label}: ${figure.conservative}, reported as ${values}.`;
  const coded =
    figure.field === 'killed' ? `coded ${figure.conservative}, the lowest` : `lowest ${figure.conservative}`;
  return `${label} disputed, ${figure.min} to ${figure.max}; ${coded}; latest ${figure.latest}. Reported: ${values}.`;
}

function notes(cluster: Cluster, date: AcledDate | undefined): string {
  const primary = primaryReport(cluster);
  const parts: string[] = [];
  if (primary !== undefined) parts.push(primary.evidenceText.replace(/\s+/g, ' ').trim());
  const outlets = sourceNames(cluster).length;
  parts.push(
    `[Parallax cluster ${cluster.id}: ${cluster.members.length} member report(s) from ${outlets} source(s).]`,
  );
  if (date?.caveat !== undefined) parts.push(`Date ${date.caveat}.`);
  const killed = cluster.figures.filter((f) => f.field === 'killed');
  const others = cluster.figures.filter((f) => f.field !== 'killed');
  for (const f of [...killed, ...others]) parts.push(figureNote(f));
  return parts.join(' ');
}

function timestamp(cluster: Cluster): string {
  let latest = Number.NaN;
  for (const m of cluster.members) {
    const t = m.published === undefined ? Number.NaN : Date.parse(m.published);
    if (!Number.isNaN(t) && !(t <= latest)) latest = t;
  }
  return Number.isNaN(latest) ? '' : String(Math.floor(latest / 1000));
}

/** The ACLED row of a cluster, or undefined when ACLED codes no such event. */
export function acledRow(cluster: Cluster): AcledRow | undefined {
  const category = clusterAcledCategory(cluster);
  if (category === null) return undefined;
  const date = acledDate(cluster);
  const place = cluster.place;
  const country = place === undefined ? undefined : acledCountry(place.country);
  const [actor1, ...assoc1] = cluster.actors.map((a) => a.name);
  const [actor2, ...assoc2] = cluster.targets.map((a) => a.name);
  const admin1 = place?.region ?? (place?.kind === 'region' ? place.text : '');
  const killed = cluster.figures.find((f) => f.field === 'killed');
  return {
    event_id_cnty: country === undefined ? cluster.id : `${country.alpha3}-${cluster.id}`,
    event_date: date?.date ?? '',
    year: date?.date.slice(0, 4) ?? '',
    time_precision: date === undefined ? '' : String(date.precision),
    disorder_type: disorderType(category),
    event_type: category.eventType,
    sub_event_type: category.subEventType,
    actor1: actor1 ?? '',
    assoc_actor_1: assoc1.join('; '),
    inter1: '',
    actor2: actor2 ?? '',
    assoc_actor_2: assoc2.join('; '),
    inter2: '',
    interaction: '',
    civilian_targeting: category.eventType === 'Violence against civilians' ? 'Civilian targeting' : '',
    iso: country?.iso ?? '',
    region: '',
    country: country?.name ?? place?.country ?? '',
    admin1,
    admin2: '',
    admin3: '',
    location: place?.text ?? '',
    latitude: place === undefined ? '' : coordinate(place.lat),
    longitude: place === undefined ? '' : coordinate(place.lon),
    geo_precision: place === undefined ? '' : geoPrecision(place),
    source: sourceNames(cluster).join('; '),
    source_scale: '',
    notes: notes(cluster, date),
    fatalities: String(killed?.conservative ?? 0),
    tags: '',
    timestamp: timestamp(cluster),
  };
}

/**
 * Streams the clusters as ACLED CSV into `out` (header first), skipping types ACLED does not code.
 * Waits for 'drain' when `out` is full; does not end `out`.
 */
export async function writeAcledCsv(
  clusters: AsyncIterable<Cluster> | Iterable<Cluster>,
  out: ExportSink,
): Promise<ExportSummary> {
  const writer = new ChunkWriter(out);
  await writer.write(csvRecord(ACLED_COLUMNS));
  const summary = await forEachCluster(clusters, async (cluster) => {
    const row = acledRow(cluster);
    if (row === undefined) return 0;
    await writer.write(csvRecord(ACLED_COLUMNS.map((c) => row[c])));
    return 1;
  });
  await writer.flush();
  return summary;
}
