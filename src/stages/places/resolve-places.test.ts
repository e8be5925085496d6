/** Toponym resolution: countries, cities ranked by the document's countries, metonymy, dateline places. */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../test/helpers/run-stages.js';

const places = (text: string) =>
  analyzeText(text).places.map((p) => ({
    text: p.text,
    country: p.country,
    kind: p.kind,
    metonymy: p.metonymy,
  }));

describe('places', () => {
  it('resolves countries to the country table', () => {
    expect(places('Talks in Chile ended.')).toContainEqual({
      text: 'Chile',
      country: 'CL',
      kind: 'country',
      metonymy: false,
    });
  });

  it('prefers the same-named city in a country the document names', () => {
    expect(places('Fighting in Libya spread to Tripoli on Monday.')).toContainEqual(
      expect.objectContaining({ text: 'Tripoli', country: 'LY' }),
    );
    expect(places('In Lebanon, protesters marched in Tripoli.')).toContainEqual(
      expect.objectContaining({ text: 'Tripoli', country: 'LB' }),
    );
  });

  it('flags a capital that stands for its government', () => {
    const p = places('The United States denied it. Washington said it had no role.');
    expect(p).toContainEqual(expect.objectContaining({ text: 'Washington', metonymy: true }));
  });

  it('gives a lead event without a place the dateline city', () => {
    const a = analyzeText(
      'Sanctions agreed\n\nBRUSSELS (AP) — The European Union on Monday imposed sanctions on Ruritanian officers.',
    );
    const sanction = a.events.find((e) => e.type === 'SANCTION');
    const place = a.places.find((p) => p.id === sanction?.place);
    expect(place?.text).toBe('BRUSSELS');
    expect(place?.country).toBe('BE');
  });

  it('resolves first-level regions named as such to region points', () => {
    const p = analyzeText('Floods hit Zulia state and the Batken region of Kyrgyzstan.').places;
    expect(p).toContainEqual(
      expect.objectContaining({ kind: 'region', country: 'VE', gazetteerId: 'region:VE.23' }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({ kind: 'region', country: 'KG', gazetteerId: 'region:KG.09' }),
    );
    const ohio = analyzeText('Voters in Ohio went to the polls.').places.find((x) => x.text === 'Ohio');
    expect(ohio).toMatchObject({ kind: 'region', country: 'US' });
    expect(Math.abs(ohio!.lat - 40.3)).toBeLessThan(1.5);
  });

  it('ties "the province" to the province named before it', () => {
    const a = analyzeText(
      'Gunmen attacked a village in Kerman Province in Iran. Officials in the province said five died.',
    );
    const ref = a.places.find((x) => x.text === 'the province');
    expect(ref).toMatchObject({ kind: 'region', country: 'IR', gazetteerId: 'region:IR.29' });
  });

  it('keeps a city whose name is also its region a city without a region cue', () => {
    expect(places('Protesters gathered in Kerman, Iran, on Friday.')).toContainEqual(
      expect.objectContaining({ text: 'Kerman', kind: 'city', country: 'IR' }),
    );
  });
});

describe('first-level region of a place', () => {
  it('names the state or province a city lies in, and a region itself', () => {
    const a = analyzeText('Flooding hit Houston and spread across the state of Zulia.');
    const houston = a.places.find((p) => p.text === 'Houston');
    expect(houston?.region).toBe('Texas');
    expect(a.places.find((p) => p.text === 'Zulia')).toMatchObject({ kind: 'region', region: 'Zulia' });
  });
});
