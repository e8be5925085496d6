/**
 * Cluster values for the exporters' tests, built by hand until the store produces real ones: a disputed
 * bombing reported by three outlets, a verbal accusation ACLED does not code, an undated protest with
 * awkward text (commas, quotes, line breaks), and a generator of many small clusters for memory tests.
 */
import type {
  Cluster,
  ClusterClaim,
  ClusterFigure,
  DocumentRef,
  EventReport,
  FigureValue,
  ReportPlace,
} from '../../src/corpus/types.js';
import type { CountField, PloverType } from '../../src/model/schema.js';

export const HARBOURTON: ReportPlace = {
  text: 'Harbourton',
  country: 'IR',
  lat: 27.1865,
  lon: 56.2808,
  kind: 'city',
  region: 'Coastal Province',
};

export function doc(id: string, published: string, outlet: string): DocumentRef {
  return { documentId: id, published, outlet, url: `https://news.example/${id}`, title: `Report ${id}` };
}

export interface ReportInput {
  readonly document: DocumentRef;
  readonly type?: PloverType;
  readonly mode?: string;
  readonly trigger?: string;
  readonly eventId?: string;
  readonly date?: string;
  /** The report's day window; defaults to the date (else the publication day); null for none. */
  readonly days?: { readonly from: string; readonly to: string } | null;
  readonly place?: ReportPlace;
  readonly counts?: ReadonlyArray<readonly [CountField, number]>;
  readonly news?: boolean;
  readonly evidenceText?: string;
}

export function report(input: ReportInput): EventReport {
  const eventId = input.eventId ?? 'ev1';
  const day = input.date ?? input.document.published?.slice(0, 10) ?? '2024-01-03';
  const evidenceText = input.evidenceText ?? `Two explosions struck ${input.place?.text ?? 'the city'}.`;
  return {
    id: `${input.document.documentId}#${eventId}`,
    document: input.document,
    eventId,
    type: input.type ?? 'ASSAULT',
    ...(input.mode !== undefined && { mode: input.mode }),
    trigger: input.trigger ?? 'explosions',
    news: input.news ?? true,
    newsReason: 'dated within the week before publication',
    ...(input.days !== null && { days: input.days ?? { from: day, to: day } }),
    ...(input.date !== undefined && { date: { iso: input.date, precision: 'day' as const } }),
    ...(input.place !== undefined && { place: input.place }),
    actors: [],
    targets: [],
    counts: (input.counts ?? []).map(([field, value], i) => ({
      field,
      value,
      qualifier: 'exact' as const,
      text: String(value),
      span: { start: 40 + i * 10, end: 43 + i * 10 },
      eventId,
      evidence: { start: 0, end: 80 },
      evidenceText: `${value} people were ${field}.`,
    })),
    evidence: { start: 0, end: evidenceText.length },
    evidenceText,
  };
}

/** Every value of one field across the reports, with the cluster's reconciliations. */
export function figure(field: CountField, reports: readonly EventReport[]): ClusterFigure | undefined {
  const values: FigureValue[] = [];
  for (const r of reports) {
    for (const c of r.counts) {
      if (c.field !== field) continue;
      values.push({
        document: r.document,
        value: c.value,
        qualifier: c.qualifier,
        text: c.text,
        eventId: c.eventId,
        span: c.span,
        evidence: c.evidence,
        evidenceText: c.evidenceText,
      });
    }
  }
  if (values.length === 0) return undefined;
  const numbers = values.map((v) => v.value);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  return {
    field,
    values,
    disputed: min !== max,
    min,
    max,
    latest: values[values.length - 1]?.value ?? min,
    conservative: min,
  };
}

export interface ClusterInput {
  readonly reports: readonly EventReport[];
  readonly claims?: readonly ClusterClaim[];
  readonly conflicts?: Cluster['conflicts'];
  readonly actors?: Cluster['actors'];
  readonly targets?: Cluster['targets'];
  readonly date?: string;
  readonly place?: ReportPlace;
}

export function cluster(input: ClusterInput): Cluster {
  const first = input.reports[0];
  if (first === undefined) throw new Error('a cluster needs a report');
  const ids = input.reports.map((r) => r.id).sort();
  const fields = [...new Set(input.reports.flatMap((r) => r.counts.map((c) => c.field)))];
  const date = input.date ?? first.date?.iso;
  const place = input.place ?? first.place;
  return {
    id: ids[0] ?? first.id,
    type: first.type,
    ...(first.mode !== undefined && { mode: first.mode }),
    ...(date !== undefined && { date: { iso: date, precision: 'day' as const } }),
    ...(place !== undefined && { place }),
    members: input.reports.filter((r) => r.news).map((r) => r.document),
    mentions: input.reports.filter((r) => !r.news).map((r) => r.document),
    duplicates: [],
    sources: input.reports.filter((r) => r.news).length,
    reports: input.reports,
    actors: input.actors ?? [],
    targets: input.targets ?? [],
    figures: fields.flatMap((f) => figure(f, input.reports) ?? []),
    claims: input.claims ?? [],
    conflicts: input.conflicts ?? [],
    links: [],
  };
}

export function claim(
  id: string,
  document: DocumentRef,
  speaker: string,
  stance: ClusterClaim['stance'],
  content: string,
  about: readonly string[],
): ClusterClaim {
  return {
    id,
    document,
    quoteId: `q-${id}`,
    speaker,
    speakerAliases: [],
    stance,
    content,
    span: { start: 100, end: 100 + content.length },
    about,
  };
}

const A = doc('doc-a', '2024-01-03T18:00:00Z', 'Tasnim');
const B = doc('doc-b', '2024-01-04T09:00:00Z', 'Reuters');
const C = doc('doc-c', '2024-01-10T12:00:00Z', 'AP');

/** Five outlets' worth of dispute in three reports: 120 on day one, 70 after revision, 99 a week later. */
export function disputedBombing(): Cluster {
  const reports = [
    report({
      document: A,
      mode: 'explosives',
      trigger: 'bombing',
      date: '2024-01-03',
      place: HARBOURTON,
      counts: [
        ['killed', 120],
        ['injured', 150],
      ],
    }),
    report({
      document: B,
      mode: 'explosives',
      trigger: 'bombings',
      date: '2024-01-03',
      place: HARBOURTON,
      counts: [['killed', 70]],
    }),
    report({
      document: C,
      mode: 'explosives',
      trigger: 'blasts',
      date: '2024-01-03',
      place: HARBOURTON,
      counts: [['killed', 99]],
    }),
  ];
  return cluster({
    reports,
    actors: [{ key: 'org:islamic-state', name: 'Islamic State' }],
    targets: [
      { key: 'norp:mourners', name: 'mourners' },
      { key: 'person:commander', name: 'a militia commander' },
    ],
    claims: [
      claim('c1', B, 'Islamic State', 'claim', 'Two of its members detonated explosive belts', [
        'Islamic State',
      ]),
      claim('c2', A, 'a senior official', 'accuse', 'Israel and the United States are behind the "crime"', [
        'Israel',
      ]),
      claim('c3', C, 'State Department', 'deny', 'Washington had no part in it, in any way', [
        'United States',
      ]),
    ],
    conflicts: [{ a: 'c2', b: 'c3', about: 'United States', reason: 'an accusation and its denial' }],
  });
}

/** A verbal event: ACLED codes no accusations, so the ACLED export skips it; the others keep it. */
export function accusation(): Cluster {
  const d = doc('doc-d', '2024-01-05T08:00:00Z', 'IRNA');
  return cluster({
    reports: [report({ document: d, type: 'ACCUSE', trigger: 'blamed', date: '2024-01-04' })],
    actors: [{ key: 'gpe:iran', name: 'Iran' }],
    targets: [{ key: 'gpe:israel', name: 'Israel' }],
  });
}

/** An undated protest in a country-level place, with text that needs CSV quoting. */
export function awkwardProtest(): Cluster {
  const d: DocumentRef = {
    documentId: 'doc-e',
    published: '2024-02-10T10:00:00Z',
    outlet: 'The "Daily", Tbilisi',
    url: 'https://news.example/e?a=1,b=2',
  };
  return cluster({
    reports: [
      report({
        document: d,
        type: 'PROTEST',
        mode: 'demonstrate',
        trigger: 'rallied',
        place: { text: 'Georgia', country: 'GE', lat: 42.0, lon: 43.5, kind: 'country' },
        days: { from: '2024-02-08', to: '2024-02-10' },
        evidenceText: 'Thousands rallied, chanting "no to the law",\nin the rain.',
      }),
    ],
    actors: [{ key: 'norp:protesters', name: 'Protesters, students' }],
  });
}

/** `n` small clusters, generated lazily so the generator itself holds no memory. */
export async function* manyClusters(n: number): AsyncGenerator<Cluster> {
  const place: ReportPlace = { text: 'Maiduguri', country: 'NG', lat: 11.8333, lon: 13.15, kind: 'city' };
  for (let i = 0; i < n; i += 1) {
    const d = doc(`gen-${i}`, '2025-03-12T08:00:00Z', i % 2 === 0 ? 'Premium Times' : 'Daily Trust');
    yield cluster({
      reports: [
        report({
          document: d,
          mode: 'kill',
          trigger: 'killed',
          date: '2025-03-10',
          place,
          counts: [['killed', i % 50]],
        }),
      ],
      actors: [{ key: 'org:boko-haram', name: 'Boko Haram' }],
    });
  }
}
