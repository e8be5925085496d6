/**
 * ACLED CSV against ACLED's published layout: the header is ACLED's column list in ACLED's order (as the
 * codebook and ACLED's own exports list it since the 2023 column changes), rows parse back as RFC 4180,
 * and the disputed Harbourton toll is coded the way ACLED codes it (the lowest figure), with every reported
 * value and its source kept in `notes`.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { acledDate, acledRow, disorderType, writeAcledCsv } from './acled-csv.js';
import { parseCsv } from './csv-export-rfc4180.js';
import {
  accusation,
  awkwardProtest,
  cluster,
  doc,
  disputedBombing,
  report,
} from '../../test/helpers/cluster-fixtures.js';

/** Written out here, not imported, so the test checks the module against the published list. */
const PUBLISHED_ACLED_COLUMNS =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,' +
  'assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,' +
  'admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,' +
  'tags,timestamp';

async function exportText(clusters: Parameters<typeof writeAcledCsv>[0]) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const summary = await writeAcledCsv(clusters, sink);
  sink.end();
  return { text: Buffer.concat(chunks).toString('utf8'), summary };
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new Error('no header');
  return rows.map((r) => {
    expect(r).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']));
  });
}

describe('writeAcledCsv', () => {
  it("writes ACLED's header, in ACLED's order, with CRLF record ends", async () => {
    const { text } = await exportText([]);
    expect(text).toBe(`${PUBLISHED_ACLED_COLUMNS}\r\n`);
  });

  it('codes the disputed bombing as ACLED would, keeping every reported toll in notes', async () => {
    const { text, summary } = await exportText([disputedBombing(), accusation(), awkwardProtest()]);
    expect(summary).toEqual({ clusters: 3, records: 2, skipped: 1 });
    const [harbourton, protest] = records(text);
    expect(harbourton).toMatchObject({
      event_id_cnty: 'IRN-doc-a#ev1',
      event_date: '2024-01-03',
      year: '2024',
      time_precision: '1',
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Remote explosive/landmine/IED',
      actor1: 'Islamic State',
      assoc_actor_1: '',
      actor2: 'mourners',
      assoc_actor_2: 'a militia commander',
      iso: '364',
      country: 'Iran',
      admin1: 'Coastal Province',
      location: 'Harbourton',
      latitude: '27.1865',
      longitude: '56.2808',
      geo_precision: '1',
      source: 'Tasnim; Reuters; AP',
      fatalities: '70',
      timestamp: String(Date.parse('2024-01-10T12:00:00Z') / 1000),
    });
    const notes = harbourton?.notes ?? '';
    expect(notes).toContain('Fatalities disputed, 70 to 120; coded 70, the lowest; latest 99.');
    for (const part of [
      '120 (Tasnim, 2024-01-03, doc-a)',
      '70 (Reuters, 2024-01-04, doc-b)',
      '99 (AP, 2024-01-10, doc-c)',
    ]) {
      expect(notes).toContain(part);
    }
    expect(notes).toContain('Injured: 150');
    // The verbal ACCUSE cluster is skipped; the protest's quotes, commas and line break survive the round trip.
    expect(protest).toMatchObject({
      event_type: 'Protests',
      sub_event_type: 'Peaceful protest',
      disorder_type: 'Demonstrations',
      actor1: 'Protesters, students',
      source: 'The "Daily", Tbilisi',
      country: 'Georgia',
      iso: '268',
      geo_precision: '3',
      fatalities: '0',
      event_date: '2024-02-09',
      time_precision: '2',
    });
    expect(protest?.notes).toContain('Thousands rallied, chanting "no to the law", in the rain.');
  });

  it('gives ACLED time precisions: 1 a day, 2 up to a week, 3 a month or more', () => {
    const base = { document: doc('d', '2024-05-20', 'X'), place: undefined };
    const dated = (iso: string, precision: 'day' | 'month' | 'year') => ({
      ...cluster({ reports: [report(base)] }),
      date: { iso, precision },
    });
    expect(acledDate(dated('2024-05-03', 'day'))).toEqual({ date: '2024-05-03', precision: 1 });
    expect(acledDate(dated('2024-05', 'month'))).toEqual({ date: '2024-05-15', precision: 3 });
    expect(acledDate(dated('2024', 'year'))).toMatchObject({ date: '2024-07-01', precision: 3 });
    const window = (from: string, to: string) =>
      acledDate(cluster({ reports: [report({ ...base, days: { from, to } })] }));
    expect(window('2024-05-13', '2024-05-19')).toMatchObject({ date: '2024-05-16', precision: 2 });
    expect(window('2024-05-01', '2024-05-30')).toMatchObject({ date: '2024-05-15', precision: 3 });
    expect(acledDate(cluster({ reports: [report({ ...base, days: null })] }))).toBeUndefined();
  });

  it.each([
    ['Explosions/Remote violence', 'Suicide bomb', 'Political violence'],
    ['Violence against civilians', 'Attack', 'Political violence'],
    ['Battles', 'Armed clash', 'Political violence'],
    ['Protests', 'Peaceful protest', 'Demonstrations'],
    ['Protests', 'Excessive force against protesters', 'Political violence; Demonstrations'],
    ['Riots', 'Violent demonstration', 'Demonstrations'],
    ['Riots', 'Mob violence', 'Political violence'],
    ['Strategic developments', 'Arrests', 'Strategic developments'],
  ] as const)('disorder_type of %s / %s is %s', (eventType, subEventType, expected) => {
    expect(disorderType({ eventType, subEventType })).toBe(expected);
  });

  it('leaves verbal events out: ACLED does not code them', () => {
    expect(acledRow(accusation())).toBeUndefined();
  });
});
