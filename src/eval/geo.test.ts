import { describe, expect, it } from 'vitest';
import {
  errorStats,
  haversineKm,
  lenientErrorKm,
  matchPrediction,
  offsetMap,
  parseGeoCorpus,
  recognitionCounts,
  scoreGeo,
} from './geo.js';

describe('geo metrics', () => {
  it('haversine: one degree of latitude is about 111 km', () => {
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo(111.2, 0);
    expect(haversineKm(10, 20, 10, 20)).toBe(0);
  });

  it('errorStats: accuracy@161, mean, median and the trapezoid AUC', () => {
    const s = errorStats([0, 100, 200, 20039]);
    expect(s.accuracy161).toBe(0.5);
    expect(s.meanKm).toBeCloseTo(5084.75, 2);
    expect(s.medianKm).toBe(150);
    const l = [0, 100, 200, 20039].map((e) => Math.log(1 + e));
    const area = (l[0]! + l[1]!) / 2 + (l[1]! + l[2]!) / 2 + (l[2]! + l[3]!) / 2;
    expect(s.auc).toBeCloseTo(area / (Math.log(20039) * 3), 10);
    expect(errorStats([0, 0, 0]).auc).toBe(0);
    expect(errorStats([]).n).toBe(0);
  });

  it('recognition counts exact and overlapping spans once each', () => {
    const gold = [
      { start: 0, end: 5 },
      { start: 10, end: 20 },
      { start: 30, end: 35 },
    ];
    const pred = [
      { start: 0, end: 5 },
      { start: 12, end: 20 },
      { start: 40, end: 45 },
    ];
    const c = recognitionCounts(gold, pred);
    expect(c.exact).toEqual([1, 2, 2]);
    expect(c.overlap).toEqual([2, 1, 1]);
    expect(matchPrediction({ start: 10, end: 20 }, pred)).toBe(pred[1]);
    expect(matchPrediction({ start: 50, end: 55 }, pred)).toBeUndefined();
  });

  it('lenient error: a country or region gold toponym is right when the code matches', () => {
    const gold = {
      start: 0,
      end: 4,
      text: 'Ohio',
      level: 'region' as const,
      admin1Name: 'Ohio',
      countryName: 'X',
    };
    const p = { start: 0, end: 4, lat: 0, lon: 0, kind: 'region', country: 'US', region: 'State of Ohio' };
    expect(lenientErrorKm(gold, 'US', p, 300)).toBe(0);
    expect(lenientErrorKm(gold, 'US', { ...p, region: 'Iowa' }, 300)).toBe(300);
    const c = { ...gold, level: 'country' as const };
    expect(lenientErrorKm(c, 'US', { ...p, kind: 'country' }, 250)).toBe(0);
    expect(lenientErrorKm(c, 'CA', { ...p, kind: 'country' }, 250)).toBe(250);
  });

  it('offsetMap follows deleted characters', () => {
    const map = offsetMap('\n\nab  \ncd', 'ab\ncd');
    expect(map(2)).toBe(0);
    expect(map(7)).toBe(3);
  });
});

describe('geo corpora', () => {
  it('parses LGL-style articles, locating drifted offsets, and scores them', () => {
    const xml = `<articles><article docid="1"><dltime>2009-03-20 12:00</dltime><text><![CDATA[Rain in Ohio and Paris.]]></text><toponyms>
      <toponym><start>9</start><end>13</end><phrase>Ohio</phrase><gaztag geonameid="5165418"><name>Ohio</name><fclass>A</fclass><fcode>ADM1</fcode><lat>40.25</lat><lon>-83.0</lon><country geonameid="1">United States</country><admin1 geonameid="2">Ohio</admin1></gaztag></toponym>
      <toponym><start>17</start><end>22</end><phrase>Paris</phrase></toponym>
    </toponyms></article></articles>`;
    const [doc] = parseGeoCorpus(xml);
    expect(doc?.published).toBe('2009-03-20');
    expect(doc?.toponyms.map((t) => [t.start, t.text, t.level])).toEqual([
      [8, 'Ohio', 'region'],
      [17, 'Paris', 'other'],
    ]);
    const report = scoreGeo(
      [
        {
          gold: doc!.toponyms,
          predicted: [
            { start: 8, end: 12, lat: 40.4, lon: -82.7, kind: 'region', country: 'US', region: 'Ohio' },
          ],
        },
      ],
      (n) => (n === 'United States' ? 'US' : undefined),
    );
    expect(report.recognition.exact.precision).toBe(1);
    expect(report.recognition.exact.recall).toBe(0.5);
    expect(report.resolution.recognized).toBe(1);
    expect(report.resolution.lenient.accuracy161).toBe(1);
    expect(report.resolution.strict.meanKm).toBeGreaterThan(0);
  });

  it('parses GeoWebNews types and GeoVirus 1-based offsets; reports metonymic toponyms', () => {
    const gwn = `<articles><article file="0"><text>Moscow said no.</text><toponyms>
      <toponym><extractedName>Moscow</extractedName><type>Metonymic</type><start>0</start><end>6</end><latitude>55.75</latitude><longitude>37.6</longitude></toponym>
      <toponym><extractedName>Moscow said</extractedName><type>Non_Lit_Expression</type><start>0</start><end>11</end></toponym>
    </toponyms></article></articles>`;
    const docs = parseGeoCorpus(gwn);
    expect(docs[0]?.toponyms).toHaveLength(1);
    const r = scoreGeo(
      [
        {
          gold: docs[0]!.toponyms,
          predicted: [{ start: 0, end: 6, lat: 55.75, lon: 37.6, kind: 'city', metonymy: true }],
        },
      ],
      () => undefined,
    );
    expect(r.metonymic).toEqual({ gold: 1, asPlace: 0, flaggedMetonymic: 1, notFound: 0 });
    const gv = `<articles><article><source>u</source><text>In Pandi today.</text><locations><location><name>Pandi</name><start>4</start><end>9</end><lat>14.87</lat><lon>120.95</lon></location></locations></article></articles>`;
    const [v] = parseGeoCorpus(gv);
    expect(v?.toponyms[0]).toMatchObject({ start: 3, end: 8, text: 'Pandi' });
  });
});
