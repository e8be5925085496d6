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
  /** GeoNames first-level region code within the country ("VA" for Virginia), where the gazetteer gives one. */
  readonly admin1?: string;
}

/** A first-level administrative region (state, province, governorate) with a representative point. */
export interface RegionInfo {
  /** "region:<CC>.<admin1 code>" (GeoNames admin1 code). */
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** Population of the gazetteer's places in the region (a ranking signal). */
  readonly population: number;
  /** For a second-level region (county): the first-level region code it lies in ("IL"). */
  readonly admin1?: string;
}

export interface OrgInfo {
  readonly key: string;
  readonly name: string;
  readonly type: EntityType;
  readonly aliases: readonly string[];
  readonly country?: string;
  /** Key of the organization this one is an affiliate or branch of (kept distinct). */
  readonly parent?: string;
  /**
   * What sort of body it is (see data/README.md): "militant" (non-state armed group; most are designated
   * by some states as terrorist organizations, which marker reference resolution relies on), "criminal",
   * "military", "intelligence", "government", "intergovernmental", "ngo", "news", "political", "company".
   */
  readonly kind?: string;
}

/** Lexicons a stage reads; words are lower-case unless a lexicon says otherwise. */
export interface Lexicons {
  readonly [name: string]: readonly string[];
}

export interface Knowledge {
  readonly language: string;
  /**
   * Country by name, alternate name or code-like abbreviation ("US", "U.S.", "Iran"). Exact case first;
   * then case/accent-insensitive, but only for a query with an upper-case letter and never for acronyms
   * of up to three letters ("us", "turkey" → undefined). The same rule holds for demonyms, capitals and
   * organization aliases.
   */
  countryByName(name: string): CountryInfo | undefined;
  countryByCode(code: string): CountryInfo | undefined;
  /** Country by demonym ("Iranian", "Afghan", "American"). */
  countryByDemonym(word: string): CountryInfo | undefined;
  /** Country whose capital this is ("Washington" → US); used for metonymy. */
  countryByCapital(name: string): CountryInfo | undefined;
  /** City candidates by name, most populous first; case- and accent-insensitive ("Sao Paulo" = "São Paulo"). */
  cities(name: string): readonly CityInfo[];
  /** First-level region candidates by name or alternate name, most populous first (optional for test doubles). */
  regions?(name: string): readonly RegionInfo[];
  regionById?(id: string): RegionInfo | undefined;
  /**
   * Second-level regions named with a head word ("Madison County", "Orleans Parish"), by their full name,
   * most member places first; ids are "county:<CC>.<admin1>.<admin2>" (optional for test doubles).
   */
  counties?(name: string): readonly RegionInfo[];
  countyById?(id: string): RegionInfo | undefined;
  orgByAlias(alias: string): OrgInfo | undefined;
  orgByKey(key: string): OrgInfo | undefined;
  /** All organization names and alias strings in their exact case, longest first, for longest-match scanning. */
  readonly orgAliases: readonly string[];
  /**
   * Folded first words (see foldKey) of every country, demonym, capital, organization and city name:
   * a span whose first word is not here cannot match any of them.
   */
  readonly nameStarts?: ReadonlySet<string>;
  /**
   * True for the folded key (foldKey) of every name countryByName, countryByDemonym, countryByCapital,
   * orgByAlias or cities can resolve: a span whose folded key fails matches none of them.
   */
  isNameKey?(folded: string): boolean;
  // The three lists below are optional only so hand-made test doubles need not supply them; loadKnowledge always does.
  /** Every country, ordered by code. */
  readonly countries?: readonly CountryInfo[];
  /** Every name countryByName resolves in its exact case, longest first (for longest-match scanning). */
  readonly countryNames?: readonly string[];
  /** Every demonym countryByDemonym resolves in its exact case (English plurals included), longest first. */
  readonly demonyms?: readonly string[];
  readonly lexicons: Lexicons;
  lexicon(name: string): ReadonlySet<string>;
}
