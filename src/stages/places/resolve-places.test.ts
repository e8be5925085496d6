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
});
