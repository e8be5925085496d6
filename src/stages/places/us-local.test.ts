/** Local US news: counties, state abbreviations after towns, towns in the document's states, "Georgia". */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../test/helpers/run-stages.js';
import { stateAbbreviationAfter } from './us-states.js';

const place = (text: string, name: string) => analyzeText(text).places.find((p) => p.text === name);

describe('stateAbbreviationAfter', () => {
  it.each([
    [', Va., police said', 'VA'],
    [', Ore. —', 'OR'],
    [', Ill.', 'IL'],
    [', N.Y., on Monday', 'NY'],
    [', W.Va.', 'WV'],
    [', OR 97301', 'OR'],
    // misses: no comma, an ordinary word, an unknown code
    [' Va.', undefined],
    [', Vail', undefined],
    [', ZZ', undefined],
  ])('%j → %s', (following, code) => {
    expect(stateAbbreviationAfter(following)).toBe(code);
  });
});

describe('US local places', () => {
  it.each([
    // [sentence, toponym, country, admin1 of the town]
    ['A bakery opened in Richmond, Va., last week.', 'Richmond', 'VA'],
    ['A bakery opened in Richmond, Ky., last week.', 'Richmond', 'KY'],
    ['The mayor of Springfield, Ill., spoke on Monday.', 'Springfield', 'IL'],
    ['The mayor of Springfield, Mo., spoke on Monday.', 'Springfield', 'MO'],
    ['Rain fell on Portland, Ore., all day.', 'Portland', 'OR'],
    ['Rain fell on Portland, Maine, all day.', 'Portland', 'ME'],
  ])('%j: %s lies in %s', (text, name, state) => {
    const p = place(text, name);
    expect(p).toMatchObject({ country: 'US', kind: 'city' });
    const knowledgeState = p?.gazetteerId;
    expect(knowledgeState).toMatch(/^geonames:/);
    expect(stateOfPoint(p!.lat, p!.lon)).toBe(state);
  });

  it('prefers the same-named town in a state the document names', () => {
    const p = place('Lawmakers met in Kentucky. Later a Richmond man was charged with theft.', 'Richmond');
    expect(stateOfPoint(p!.lat, p!.lon)).toBe('KY');
  });

  it.each([
    ['Deputies in Madison County, Illinois, made an arrest.', 'IL'],
    ['Deputies in Illinois said Madison County schools were closed.', 'IL'],
    ['Officials in Kentucky said Madison County schools were closed.', 'KY'],
  ])('%j: "X County" is the county, in the state named', (text, state) => {
    const p = analyzeText(text).places.find((x) => x.text.startsWith('Madison'));
    expect(p).toMatchObject({ kind: 'region', country: 'US' });
    expect(p?.gazetteerId).toMatch(new RegExp(`^county:US\\.${state}\\.`));
  });

  it('does not take a bare name for a county (miss case)', () => {
    const p = place('Officials in Madison met on Monday.', 'Madison');
    expect(p?.gazetteerId ?? '').not.toMatch(/^county:/);
  });

  it('reads "Georgia" among US places as the state', () => {
    const p = place(
      'Teachers in Boston, Chicago and Denver may lose jobs. Most school systems in Georgia are reviewing budgets.',
      'Georgia',
    );
    expect(p).toMatchObject({ kind: 'region', country: 'US' });
  });

  it('keeps "Georgia" the country in a report about the Caucasus (miss case)', () => {
    expect(place('Troops left Georgia after talks in Tbilisi.', 'Georgia')).toMatchObject({
      kind: 'country',
      country: 'GE',
    });
  });
});

/** Rough state boxes for the assertions above (only the states these tests use). */
function stateOfPoint(lat: number, lon: number): string | undefined {
  const boxes: Record<string, [number, number, number, number]> = {
    VA: [36.5, 39.5, -83.7, -75.2],
    KY: [36.5, 39.2, -89.6, -81.9],
    IL: [36.9, 42.6, -91.6, -87.0],
    MO: [35.9, 40.7, -95.8, -89.1],
    OR: [41.9, 46.3, -124.6, -116.4],
    ME: [42.9, 47.5, -71.1, -66.9],
  };
  for (const [code, [s, n, w, e]] of Object.entries(boxes))
    if (lat >= s && lat <= n && lon >= w && lon <= e) return code;
  return undefined;
}
