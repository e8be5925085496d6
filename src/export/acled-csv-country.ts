/**
 * The country columns ACLED fills from its own tables, looked up from world-countries by the ISO 3166-1
 * alpha-2 code the places stage gives: `country` (the common English name), `iso` (the numeric code,
 * without leading zeros, as ACLED writes 4 for Afghanistan) and the alpha-3 prefix of `event_id_cnty`.
 * ACLED's names differ from world-countries' for a few states ("Democratic Republic of Congo" against
 * "DR Congo"); the common name is kept rather than a hand-made table that would drift.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

export interface AcledCountry {
  readonly name: string;
  /** Numeric ISO 3166-1 code as ACLED writes it (no leading zeros); empty where there is none (Kosovo). */
  readonly iso: string;
  readonly alpha3: string;
}

let byAlpha2: ReadonlyMap<string, AcledCountry> | undefined;

function table(): ReadonlyMap<string, AcledCountry> {
  if (byAlpha2 === undefined) {
    // Read the JSON directly, as src/knowledge does: the package's ESM entry needs an import attribute
    // that Node 20 rejects. Loaded once, on the first ACLED row, so other exports never pay for it.
    const require = createRequire(import.meta.url);
    const raw = JSON.parse(
      readFileSync(require.resolve('world-countries/countries.json'), 'utf8'),
    ) as Country[];
    byAlpha2 = new Map(
      raw.map((c) => [
        c.cca2.toUpperCase(),
        { name: c.name.common, iso: c.ccn3 === '' ? '' : String(Number(c.ccn3)), alpha3: c.cca3 },
      ]),
    );
  }
  return byAlpha2;
}

/** The country for an alpha-2 code, or undefined for a code world-countries does not know. */
export function acledCountry(alpha2: string): AcledCountry | undefined {
  return table().get(alpha2.trim().toUpperCase());
}
