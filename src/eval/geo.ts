/**
 * Geoparsing evaluation (`parallax eval geo`): reads the public corpora in shared/data/geoparsing
 * (GeoWebNews, LGL, TR-News, GeoVirus; formats in that folder's README) and scores predicted toponyms:
 * recognition P/R/F1 (exact and overlapping spans) and, over gold toponyms with coordinates that were
 * recognized, accuracy@161 km, mean/median error km and the AUC of the error curve. Country- and
 * first-level-region gold toponyms are scored twice: strictly by distance, and leniently by code.
 */

export type GeoCorpusFormat = 'geowebnews' | 'lgl' | 'geovirus';

/** What level of place a gold toponym names, for the lenient (by code) score. */
export type GoldLevel = 'country' | 'region' | 'other';

export interface GoldToponym {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lat?: number;
  readonly lon?: number;
  readonly level: GoldLevel;
  /** Country name as the corpus gives it (LGL, TR-News), for the lenient score. */
  readonly countryName?: string;
  /** First-level region name as the corpus gives it (LGL, TR-News). */
  readonly admin1Name?: string;
  /** GeoWebNews pragmatic type (Literal, Metonymic, ...). */
  readonly type?: string;
}

export interface GeoDocument {
  readonly id: string;
  readonly text: string;
  readonly published?: string;
  readonly toponyms: readonly GoldToponym[];
}

/** One system toponym: span, point and, where known, country code and region name. */
export interface PredictedToponym {
  readonly start: number;
  readonly end: number;
  readonly lat: number;
  readonly lon: number;
  readonly kind: string;
  readonly country?: string;
  readonly region?: string;
  readonly metonymy?: boolean;
}

/** GeoWebNews types that are toponyms for recognition (literal and associative types, as its README reads the paper). */
export const GWN_TOPONYM_TYPES: ReadonlySet<string> = new Set([
  'Literal',
  'Literal_Modifier',
  'Mixed',
  'Embedded_Literal',
  'Coercion',
  'Metonymic',
  'Non_Literal_Modifier',
  'Embedded_Non_Lit',
  'Demonym',
  'Language',
  'Homonym',
]);

const EARTH_RADIUS_KM = 6371.0088;
/** Half the Earth's circumference in km: the AUC's normalizer. */
export const MAX_ERROR_KM = 20039;

/** Great-circle distance in km (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface ErrorStats {
  readonly n: number;
  readonly accuracy161: number;
  readonly meanKm: number;
  readonly medianKm: number;
  /** Trapezoid area under ln(1 + error) over the sorted errors ÷ (ln 20039 × (n − 1)); 0 is perfect. */
  readonly auc: number;
}

/** Accuracy@161 km, mean and median error and AUC of the error curve for a list of errors in km. */
export function errorStats(errorsKm: readonly number[]): ErrorStats {
  const n = errorsKm.length;
  if (n === 0) return { n: 0, accuracy161: 0, meanKm: 0, medianKm: 0, auc: 0 };
  const sorted = [...errorsKm].sort((a, b) => a - b);
  const within = sorted.filter((e) => e < 161).length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const logs = sorted.map((e) => Math.log(1 + Math.min(e, MAX_ERROR_KM)));
  let auc: number;
  if (n === 1) auc = (logs[0] as number) / Math.log(MAX_ERROR_KM);
  else {
    let area = 0;
    for (let i = 1; i < n; i++) area += ((logs[i - 1] as number) + (logs[i] as number)) / 2;
    auc = area / (Math.log(MAX_ERROR_KM) * (n - 1));
  }
  return { n, accuracy161: within / n, meanKm: mean, medianKm: median, auc };
}

export interface Prf {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Exact and overlap recognition counts for one document (each gold and predicted span used once). */
export function recognitionCounts(
  gold: readonly Span[],
  predicted: readonly Span[],
): { exact: [number, number, number]; overlap: [number, number, number] } {
  const exactKeys = new Set(gold.map((g) => `${g.start}:${g.end}`));
  const exactTp = predicted.filter((p) => exactKeys.has(`${p.start}:${p.end}`)).length;
  const usedPred = new Set<number>();
  let overlapTp = 0;
  for (const g of gold) {
    const i = predicted.findIndex((p, j) => !usedPred.has(j) && overlaps(p, g));
    if (i >= 0) {
      usedPred.add(i);
      overlapTp++;
    }
  }
  return {
    exact: [exactTp, predicted.length - exactTp, gold.length - exactTp],
    overlap: [overlapTp, predicted.length - overlapTp, gold.length - overlapTp],
  };
}

/** The predicted toponym for a gold span: the exact one, else the overlapping one with the most shared characters. */
export function matchPrediction<P extends Span>(gold: Span, predicted: readonly P[]): P | undefined {
  let best: P | undefined;
  let bestShared = 0;
  for (const p of predicted) {
    if (p.start === gold.start && p.end === gold.end) return p;
    const shared = Math.min(p.end, gold.end) - Math.max(p.start, gold.start);
    if (shared > bestShared) {
      bestShared = shared;
      best = p;
    }
  }
  return best;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(province|region|state|oblast|governorate|prefecture|county|district|of)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Lenient error for a country- or region-level gold toponym: 0 when the prediction names the same
 * country (country gold) or the same first-level region (region gold), else the distance.
 * `goldCountry` is the gold country's ISO code, resolved by the caller.
 */
export function lenientErrorKm(
  gold: GoldToponym,
  goldCountry: string | undefined,
  p: PredictedToponym,
  km: number,
): number {
  if (
    gold.level === 'country' &&
    goldCountry !== undefined &&
    p.kind === 'country' &&
    p.country === goldCountry
  )
    return 0;
  if (
    gold.level === 'region' &&
    p.kind === 'region' &&
    (goldCountry === undefined || p.country === goldCountry) &&
    p.region !== undefined &&
    gold.admin1Name !== undefined &&
    fold(p.region) === fold(gold.admin1Name)
  )
    return 0;
  return km;
}

// ---------------------------------------------------------------------------------------------------
// Parsing (the corpora are flat, regular XML: a few regular expressions read them exactly)

function decodeXml(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1] as string;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? decodeXml(m[1] as string) : undefined;
}

function blocks(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  for (const m of xml.matchAll(re)) out.push(m[0]);
  return out;
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

export function detectFormat(xml: string): GeoCorpusFormat {
  if (xml.includes('<extractedName>')) return 'geowebnews';
  if (xml.includes('<locations>')) return 'geovirus';
  return 'lgl';
}

/** Finds `phrase` nearest to `start` (within ±20 characters); TR-News offsets drift with its whitespace. */
function locate(text: string, phrase: string, start: number): number | undefined {
  if (text.slice(start, start + phrase.length) === phrase) return start;
  for (let d = 1; d <= 20; d++) {
    if (text.slice(start - d, start - d + phrase.length) === phrase) return start - d;
    if (text.slice(start + d, start + d + phrase.length) === phrase) return start + d;
  }
  return undefined;
}

function levelOf(fcode: string | undefined): GoldLevel {
  if (fcode === undefined) return 'other';
  if (/^PCL/.test(fcode)) return 'country';
  if (fcode === 'ADM1') return 'region';
  return 'other';
}

/** Parses one corpus file into documents with gold toponyms (offsets into each document's text). */
export function parseGeoCorpus(xml: string, format: GeoCorpusFormat = detectFormat(xml)): GeoDocument[] {
  const docs: GeoDocument[] = [];
  blocks(xml, 'article').forEach((art, index) => {
    const text = tag(art, 'text') ?? '';
    const toponyms: GoldToponym[] = [];
    if (format === 'geowebnews') {
      for (const t of blocks(art, 'toponym')) {
        const type = tag(t, 'type') ?? '';
        if (!GWN_TOPONYM_TYPES.has(type)) continue;
        const start = num(tag(t, 'start'));
        const end = num(tag(t, 'end'));
        if (start === undefined || end === undefined) continue;
        const lat = num(tag(t, 'latitude'));
        const lon = num(tag(t, 'longitude'));
        toponyms.push({
          start,
          end,
          text: tag(t, 'extractedName') ?? text.slice(start, end),
          ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
          level: 'other',
          type,
        });
      }
      const id = /<article\s+file="([^"]*)"/.exec(art)?.[1] ?? String(index);
      docs.push({ id, text, toponyms });
    } else if (format === 'geovirus') {
      for (const t of blocks(art, 'location')) {
        // A <location> misnested inside another: take each innermost block's own fields.
        const inner = t.slice(1).lastIndexOf('<location>');
        const own = inner >= 0 ? t.slice(inner + 1) : t;
        const name = tag(own, 'name');
        const start = num(tag(own, 'start'));
        const end = num(tag(own, 'end'));
        if (name === undefined || start === undefined || end === undefined) continue;
        const lat = num(tag(own, 'lat'));
        const lon = num(tag(own, 'lon'));
        toponyms.push({
          start: start - 1,
          end: end - 1,
          text: name,
          ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
          level: 'other',
        });
      }
      docs.push({ id: `${tag(art, 'source') ?? ''}#${index}`, text, toponyms });
    } else {
      for (const t of blocks(art, 'toponym')) {
        const phrase = tag(t, 'phrase') ?? '';
        const s0 = num(tag(t, 'start'));
        if (s0 === undefined || phrase === '') continue;
        const start = locate(text, phrase, s0);
        if (start === undefined) continue;
        const gaz = /<gaztag[\s\S]*<\/gaztag>/.exec(t)?.[0];
        const lat = gaz ? num(tag(gaz, 'lat')) : undefined;
        const lon = gaz ? num(tag(gaz, 'lon')) : undefined;
        const countryName = gaz ? tag(gaz, 'country') : undefined;
        const admin1Name = gaz ? tag(gaz, 'admin1') : undefined;
        toponyms.push({
          start,
          end: start + phrase.length,
          text: phrase,
          ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
          level: levelOf(gaz ? tag(gaz, 'fcode') : undefined),
          ...(countryName !== undefined ? { countryName } : {}),
          ...(admin1Name !== undefined ? { admin1Name } : {}),
        });
      }
      const id = /<article\s+docid="([^"]*)"/.exec(art)?.[1] ?? String(index);
      const dl = tag(art, 'dltime');
      const published = dl !== undefined && /^\d{4}-\d{2}-\d{2}/.test(dl) ? dl.slice(0, 10) : undefined;
      docs.push({ id, text, ...(published !== undefined ? { published } : {}), toponyms });
    }
  });
  return docs;
}

// ---------------------------------------------------------------------------------------------------
// Scoring

export interface GeoDocResult {
  readonly gold: readonly GoldToponym[];
  readonly predicted: readonly PredictedToponym[];
}

export interface GeoReport {
  readonly documents: number;
  readonly goldToponyms: number;
  readonly predictedToponyms: number;
  readonly recognition: { readonly exact: Prf; readonly overlap: Prf };
  /** Gold toponyms with coordinates that a prediction overlaps. */
  readonly resolution: {
    readonly withCoordinates: number;
    readonly recognized: number;
    /** Country/ADM1 gold scored by code, others by distance. */
    readonly lenient: ErrorStats;
    /** Every toponym by distance. */
    readonly strict: ErrorStats;
  };
  /** GeoWebNews `Metonymic` gold toponyms: how many the system put on the map, flagged, or missed. */
  readonly metonymic?: {
    readonly gold: number;
    readonly asPlace: number;
    readonly flaggedMetonymic: number;
    readonly notFound: number;
  };
}

/**
 * Scores a corpus. `countryCode` maps a corpus country name ("United States") to its ISO code and
 * `countryOfPoint` (optional) tells whether a gold toponym is itself a country (GeoWebNews carries no
 * feature class: its text is looked up as a country name).
 */
export function scoreGeo(
  results: readonly GeoDocResult[],
  countryCode: (name: string) => string | undefined,
): GeoReport {
  const ex = [0, 0, 0];
  const ov = [0, 0, 0];
  const lenient: number[] = [];
  const strict: number[] = [];
  let withCoordinates = 0;
  let goldCount = 0;
  let predCount = 0;
  let metGold = 0;
  let metPlace = 0;
  let metFlag = 0;
  let sawType = false;
  for (const r of results) {
    const places = r.predicted.filter((p) => p.metonymy !== true);
    goldCount += r.gold.length;
    predCount += places.length;
    const c = recognitionCounts(r.gold, places);
    for (let i = 0; i < 3; i++) {
      ex[i] = (ex[i] as number) + (c.exact[i] as number);
      ov[i] = (ov[i] as number) + (c.overlap[i] as number);
    }
    for (const g of r.gold) {
      if (g.type !== undefined) sawType = true;
      if (g.type === 'Metonymic') {
        metGold++;
        if (matchPrediction(g, places)) metPlace++;
        else if (matchPrediction(g, r.predicted)) metFlag++;
      }
      if (g.lat === undefined || g.lon === undefined) continue;
      withCoordinates++;
      const p = matchPrediction(g, places);
      if (!p) continue;
      const km = haversineKm(g.lat, g.lon, p.lat, p.lon);
      strict.push(km);
      let level = g.level;
      let code = g.countryName !== undefined ? countryCode(g.countryName) : undefined;
      if (g.type !== undefined) {
        // GeoWebNews: a toponym whose text is a country's name is country-level.
        const byText = countryCode(g.text);
        if (byText !== undefined) {
          level = 'country';
          code = byText;
        }
      }
      lenient.push(lenientErrorKm({ ...g, level }, code, p, km));
    }
  }
  return {
    documents: results.length,
    goldToponyms: goldCount,
    predictedToponyms: predCount,
    recognition: {
      exact: prf(ex[0] as number, ex[1] as number, ex[2] as number),
      overlap: prf(ov[0] as number, ov[1] as number, ov[2] as number),
    },
    resolution: {
      withCoordinates,
      recognized: strict.length,
      lenient: errorStats(lenient),
      strict: errorStats(strict),
    },
    ...(sawType
      ? {
          metonymic: {
            gold: metGold,
            asPlace: metPlace,
            flaggedMetonymic: metFlag,
            notFound: metGold - metPlace - metFlag,
          },
        }
      : {}),
  };
}

const f3 = (x: number): string => x.toFixed(3);

export function formatGeoReport(name: string, r: GeoReport): string {
  const e = r.recognition.exact;
  const o = r.recognition.overlap;
  const l = r.resolution.lenient;
  const s = r.resolution.strict;
  const lines = [
    `${name}: ${r.documents} documents, ${r.goldToponyms} gold toponyms, ${r.predictedToponyms} predicted places`,
    `  recognition exact    P ${f3(e.precision)}  R ${f3(e.recall)}  F1 ${f3(e.f1)}  (tp ${e.tp}, fp ${e.fp}, fn ${e.fn})`,
    `  recognition overlap  P ${f3(o.precision)}  R ${f3(o.recall)}  F1 ${f3(o.f1)}`,
    `  resolution over ${r.resolution.recognized} recognized of ${r.resolution.withCoordinates} gold toponyms with coordinates:`,
    `    acc@161 (country/ADM1 by code) ${f3(l.accuracy161)}  AUC ${f3(l.auc)}  mean ${l.meanKm.toFixed(0)} km  median ${l.medianKm.toFixed(0)} km`,
    `    acc@161 strict (all by distance) ${f3(s.accuracy161)}  AUC ${f3(s.auc)}  mean ${s.meanKm.toFixed(0)} km  median ${s.medianKm.toFixed(0)} km`,
  ];
  if (r.metonymic)
    lines.push(
      `  Metonymic gold toponyms: ${r.metonymic.gold}; taken as places ${r.metonymic.asPlace}, flagged metonymic ${r.metonymic.flaggedMetonymic}, not found ${r.metonymic.notFound}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Raw-text offsets onto the normalized text (`alignOffsets`). The earlier left-to-right walk lost its
 * place for the rest of a text at the first NFC composition; every reader now shares the aligned map.
 */
export { alignOffsets as offsetMap } from './offsets.js';
