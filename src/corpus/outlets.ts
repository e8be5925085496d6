/**
 * Outlet fingerprints: per outlet, the legal-designation footnotes it attaches and to whom, the loaded
 * language it uses in its own voice, and the sources it quotes most.
 *
 * An accumulator, so a store of any size streams through it: memory grows with the number of outlets
 * and of distinct names and phrases (bounded by the lexicons and the world's speakers), never with the
 * number of documents. The result does not depend on the order analyses arrive in: every count is a
 * sum, and every choice (display spelling, ranking) breaks ties by plain string order.
 */
import type { Analysis } from '../model/schema.js';
import type { Store, StoreQuery } from '../store/store.js';

/** A name or phrase with how often it occurred. */
export interface Counted {
  readonly name: string;
  readonly count: number;
}

export interface QuotedSource extends Counted {
  /** 'entity': a resolved speaker, by entity name; 'unresolved': a description ("a police spokesman"). */
  readonly kind: 'entity' | 'unresolved';
}

export interface OutletFingerprint {
  /** The outlet as documents name it; else the URL's host; else "(unknown)". */
  readonly outlet: string;
  readonly documents: number;
  /** Word tokens (numbers and punctuation excluded) over all its documents. */
  readonly words: number;
  readonly footnotes: {
    readonly total: number;
    /** Entities the footnotes attach to; "(no entity)" for a footnote whose anchor names none. */
    readonly entities: readonly Counted[];
    /** The footnote texts themselves, without their asterisks. */
    readonly texts: readonly Counted[];
  };
  /** Loaded language in the outlet's own voice (words inside quotations are the speaker's, not counted). */
  readonly loaded: {
    readonly total: number;
    /** Per thousand words, rounded to two decimals; 0 when the outlet has no words. */
    readonly perThousandWords: number;
    readonly phrases: readonly Counted[];
  };
  readonly quotes: {
    readonly total: number;
    /** Quotes whose speaker is the outlet itself ("the newspaper reported"). */
    readonly ownVoice: number;
    readonly sources: readonly QuotedSource[];
  };
}

export interface OutletResultOptions {
  /** How many entries each ranked list keeps (default 10). */
  readonly top?: number;
}

export interface OutletAccumulator {
  add(analysis: Analysis): void;
  /** Outlets by documents (most first), then by name. */
  result(options?: OutletResultOptions): OutletFingerprint[];
}

export const UNKNOWN_OUTLET = '(unknown)';
export const NO_ENTITY = '(no entity)';
const DEFAULT_TOP = 10;

/** Whitespace-collapsed, trimmed: the same name typeset differently is one name. */
function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Counts names case-insensitively ("Interior Ministry" and "interior ministry" are one source) and
 * shows each under its commonest spelling, ties to the smallest, so the display does not depend on
 * which document came first.
 */
class Tally {
  private readonly entries = new Map<string, { count: number; spellings: Map<string, number> }>();

  add(raw: string, by = 1): void {
    const name = clean(raw);
    if (name === '') return;
    const key = name.toLocaleLowerCase('en');
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { count: 0, spellings: new Map() };
      this.entries.set(key, entry);
    }
    entry.count += by;
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + by);
  }

  top(limit: number): Counted[] {
    const rows: Counted[] = [];
    for (const entry of this.entries.values()) {
      let best = '';
      let bestCount = -1;
      for (const [spelling, n] of entry.spellings) {
        if (n > bestCount || (n === bestCount && spelling < best)) {
          best = spelling;
          bestCount = n;
        }
      }
      rows.push({ name: best, count: entry.count });
    }
    return rows.sort(byCount).slice(0, limit);
  }
}

/** Case-insensitive first so people find names where they expect them, then by code units to stay total. */
function byName(a: string, b: string): number {
  const x = a.toLocaleLowerCase('en');
  const y = b.toLocaleLowerCase('en');
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCount(a: Counted, b: Counted): number {
  return b.count - a.count || byName(a.name, b.name);
}

interface OutletState {
  readonly names: Tally;
  documents: number;
  words: number;
  footnotes: number;
  readonly footnoteEntities: Tally;
  readonly footnoteTexts: Tally;
  loaded: number;
  readonly phrases: Tally;
  quotes: number;
  ownVoice: number;
  readonly entitySources: Tally;
  readonly unresolvedSources: Tally;
}

/** The host of a URL without a leading "www."; undefined when the value is not an absolute URL. */
export function urlHost(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === '' ? undefined : host.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Which outlet a document belongs to: its named outlet, else its URL's host, else "(unknown)". */
export function outletOf(document: Analysis['document']): string {
  const named = clean(document.outlet ?? '');
  if (named !== '') return named;
  return urlHost(document.url) ?? UNKNOWN_OUTLET;
}

/** A footnote's text without its mark: "** A banned group." → "A banned group.". */
function footnoteText(text: string): string {
  return text.replace(/^\s*(\(\*+\)|\*+)\s*/u, '');
}

export function createOutletAccumulator(): OutletAccumulator {
  const outlets = new Map<string, OutletState>();

  const stateOf = (outlet: string): OutletState => {
    const key = outlet.toLocaleLowerCase('en');
    let state = outlets.get(key);
    if (!state) {
      state = {
        names: new Tally(),
        documents: 0,
        words: 0,
        footnotes: 0,
        footnoteEntities: new Tally(),
        footnoteTexts: new Tally(),
        loaded: 0,
        phrases: new Tally(),
        quotes: 0,
        ownVoice: 0,
        entitySources: new Tally(),
        unresolvedSources: new Tally(),
      };
      outlets.set(key, state);
    }
    return state;
  };

  return {
    add(analysis: Analysis): void {
      const outlet = outletOf(analysis.document);
      const state = stateOf(outlet);
      state.names.add(outlet);
      state.documents++;
      for (const token of analysis.tokens) if (token.kind === 'word') state.words++;
      const entityName = new Map(analysis.entities.map((e) => [e.id, e.name]));
      for (const marker of analysis.markers) {
        if (marker.kind === 'legal-designation-footnote') {
          state.footnotes++;
          const target = marker.refersTo === undefined ? undefined : entityName.get(marker.refersTo);
          state.footnoteEntities.add(target ?? NO_ENTITY);
          state.footnoteTexts.add(footnoteText(marker.text));
        } else if (marker.voice === 'outlet') {
          state.loaded++;
          // Phrases count case-insensitively: a sentence-initial capital is not another phrase.
          state.phrases.add(marker.text.toLocaleLowerCase('en'));
        }
      }
      for (const quote of analysis.quotes) {
        state.quotes++;
        const speaker = quote.speaker;
        if (speaker.kind === 'outlet') state.ownVoice++;
        else if (speaker.kind === 'entity') {
          state.entitySources.add(entityName.get(speaker.entity) ?? speaker.entity);
        } else state.unresolvedSources.add(speaker.text);
      }
    },

    result(options: OutletResultOptions = {}): OutletFingerprint[] {
      const top = options.top ?? DEFAULT_TOP;
      const rows: OutletFingerprint[] = [];
      for (const state of outlets.values()) {
        const sources: QuotedSource[] = [
          ...state.entitySources.top(top).map((c) => ({ ...c, kind: 'entity' as const })),
          ...state.unresolvedSources.top(top).map((c) => ({ ...c, kind: 'unresolved' as const })),
        ];
        rows.push({
          outlet: state.names.top(1)[0]?.name ?? UNKNOWN_OUTLET,
          documents: state.documents,
          words: state.words,
          footnotes: {
            total: state.footnotes,
            entities: state.footnoteEntities.top(top),
            texts: state.footnoteTexts.top(top),
          },
          loaded: {
            total: state.loaded,
            perThousandWords:
              state.words === 0 ? 0 : Math.round((state.loaded * 100_000) / state.words) / 100,
            phrases: state.phrases.top(top),
          },
          quotes: {
            total: state.quotes,
            ownVoice: state.ownVoice,
            sources: sources
              .sort((a, b) => byCount(a, b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
              .slice(0, top),
          },
        });
      }
      return rows.sort((a, b) => b.documents - a.documents || byName(a.outlet, b.outlet));
    },
  };
}

/** Documents read per page: enough to keep round trips few, small enough to keep memory flat. */
const PAGE = 200;

/**
 * Streams the documents a query selects (its limit and offset are ignored: they page the outlets, not
 * the documents) through an accumulator, one page of documents at a time.
 */
export async function fingerprintOutlets(
  store: Pick<Store, 'findDocuments' | 'getAnalysis'>,
  query: StoreQuery = {},
  options: OutletResultOptions = {},
): Promise<OutletFingerprint[]> {
  const { limit: _limit, offset: _offset, ...filters } = query;
  const accumulator = createOutletAccumulator();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.findDocuments({ ...filters, limit: PAGE, offset });
    for (const row of page) {
      const analysis = await store.getAnalysis(row.documentId);
      if (analysis) accumulator.add(analysis);
    }
    if (page.length < PAGE) break;
  }
  return accumulator.result(options);
}
