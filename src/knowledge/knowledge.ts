/** What stages know about the world: countries, cities, organizations and per-language lexicons. */
import type { EntityType } from '../model/schema.js';

export interface CountryInfo {
  readonly code: string;
  readonly name: string;
  /** Other names the country goes by (official name, alternate spellings). */
  readonly names: readonly string[];
  readonly demonyms: readonly string[];
  readonly capital: string | undefined;
  readonly lat: number;
  readonly lon: number;
}

export interface CityInfo {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  readonly isCapital: boolean;
}

export interface OrgInfo {
  readonly key: string;
  readonly name: string;
  readonly type: EntityType;
  readonly aliases: readonly string[];
  readonly country?: string;
  /** Key of the organization this one is an affiliate or branch of (kept distinct). */
  readonly parent?: string;
  /** Designated by some states as a terrorist organization (used for marker reference resolution). */
  readonly kind?: string;
}

/** Lexicons a stage reads; words are lower-case unless a lexicon says otherwise. */
export interface Lexicons {
  readonly [name: string]: readonly string[];
}

export interface Knowledge {
  readonly language: string;
  /** Country by name, alternate name or code-like abbreviation ("US", "U.S.", "Iran"), case-sensitive first. */
  countryByName(name: string): CountryInfo | undefined;
  countryByCode(code: string): CountryInfo | undefined;
  /** Country by demonym ("Iranian", "Afghan", "American"). */
  countryByDemonym(word: string): CountryInfo | undefined;
  /** Country whose capital this is ("Washington" → US); used for metonymy. */
  countryByCapital(name: string): CountryInfo | undefined;
  /** City candidates by name, most populous first. */
  cities(name: string): readonly CityInfo[];
  orgByAlias(alias: string): OrgInfo | undefined;
  orgByKey(key: string): OrgInfo | undefined;
  /** All organization alias strings, for longest-match scanning. */
  readonly orgAliases: readonly string[];
  readonly lexicons: Lexicons;
  lexicon(name: string): ReadonlySet<string>;
}
