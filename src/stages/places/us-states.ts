/**
 * US state abbreviations as news writes them after a town ("Richmond, Va.", "Portland, Ore.", "Salem,
 * OR"): AP style and postal codes, mapped to GeoNames admin1 codes (the postal codes).
 */

/** AP-style abbreviations (dots optional when matching). */
const AP: Readonly<Record<string, string>> = {
  'Ala.': 'AL',
  'Ariz.': 'AZ',
  'Ark.': 'AR',
  'Calif.': 'CA',
  'Cal.': 'CA',
  'Colo.': 'CO',
  'Conn.': 'CT',
  'Del.': 'DE',
  'D.C.': 'DC',
  'Fla.': 'FL',
  'Ga.': 'GA',
  'Ill.': 'IL',
  'Ind.': 'IN',
  'Kan.': 'KS',
  'Kans.': 'KS',
  'Ky.': 'KY',
  'La.': 'LA',
  'Md.': 'MD',
  'Mass.': 'MA',
  'Mich.': 'MI',
  'Minn.': 'MN',
  'Miss.': 'MS',
  'Mo.': 'MO',
  'Mont.': 'MT',
  'Neb.': 'NE',
  'Nebr.': 'NE',
  'Nev.': 'NV',
  'N.H.': 'NH',
  'N.J.': 'NJ',
  'N.M.': 'NM',
  'N.Y.': 'NY',
  'N.C.': 'NC',
  'N.D.': 'ND',
  'Okla.': 'OK',
  'Ore.': 'OR',
  'Oreg.': 'OR',
  'Pa.': 'PA',
  'Penn.': 'PA',
  'R.I.': 'RI',
  'S.C.': 'SC',
  'S.D.': 'SD',
  'Tenn.': 'TN',
  'Tex.': 'TX',
  'Vt.': 'VT',
  'Va.': 'VA',
  'Wash.': 'WA',
  'W.Va.': 'WV',
  'W. Va.': 'WV',
  'Wis.': 'WI',
  'Wisc.': 'WI',
  'Wyo.': 'WY',
};

const POSTAL = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);

const AP_RE = new RegExp(
  `^,\\s*(${Object.keys(AP)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/\./g, '\\.'))
    .join('|')})`,
);
const POSTAL_RE = /^,\s*([A-Z]{2})\b(?![.\w])/;

/**
 * The US state code an abbreviation right after a town names: ", Va." → "VA", ", OR" → "OR". Full state
 * names (", Virginia") are left to the caller, which has the region gazetteer.
 */
export function stateAbbreviationAfter(following: string): string | undefined {
  const ap = AP_RE.exec(following)?.[1];
  if (ap !== undefined) return AP[ap];
  const postal = POSTAL_RE.exec(following)?.[1];
  return postal !== undefined && POSTAL.has(postal) ? postal : undefined;
}
