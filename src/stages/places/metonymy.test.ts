/** Metonymy: a capital standing for its government is an actor, not a point on the map; a place named as a location is. */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../test/helpers/run-stages.js';

const placeOf = (text: string, name: string) => analyzeText(text).places.find((p) => p.text === name);

describe('metonymy of capitals', () => {
  it.each([
    ['Washington denied any role in the strike.', 'Washington'],
    ['Tel Aviv had nothing to do with the attack, an official said.', 'Tel Aviv'],
    ['Tehran said the talks would resume next week.', 'Tehran'],
    ['Moscow and Kyiv agreed to a prisoner exchange.', 'Moscow'],
    ['Moscow and Kyiv agreed to a prisoner exchange.', 'Kyiv'],
  ])('%s → %s is the government', (text, name) => {
    const p = placeOf(text, name);
    expect(p).toMatchObject({ metonymy: true });
  });

  it.each([
    ['Thousands joined a rally in Washington on Saturday.', 'Washington', 'US'],
    ['Several airlines suspended flights to Tel Aviv.', 'Tel Aviv', 'IL'],
  ])('%s → %s is a place on the map', (text, name, country) => {
    expect(placeOf(text, name)).toMatchObject({ metonymy: false, country });
  });
});
