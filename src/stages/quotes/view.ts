/** A read-only view of tokens, sentences and mentions with the index lookups every rule needs. */
import type { Entity, Mention, Sentence, Span, Token } from '../../model/schema.js';

const ABBREVIATED_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'gov',
  'sen',
  'rep',
  'reps',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'cpl',
  'maj',
  'adm',
  'cmdr',
  'prof',
  'rev',
  'hon',
  'pres',
  'supt',
  'insp',
  'det',
  'st',
  'jr',
  'sr',
  'amb',
  'atty',
  'brig',
  'messrs',
  'mme',
  'mlle',
]);

export class TextView {
  readonly words: string[];
  readonly lower: string[];
  /** For each token, the longest mention that ends exactly at it. */
  readonly mentionEnding: (Mention | undefined)[];
  /** For each token, the longest mention that starts exactly at it. */
  readonly mentionStarting: (Mention | undefined)[];
  readonly sentenceOf: number[];
  readonly entityById: ReadonlyMap<string, Entity>;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly sentences: readonly Sentence[],
    readonly mentions: readonly Mention[],
    readonly entities: readonly Entity[],
  ) {
    this.words = tokens.map((t) => text.slice(t.start, t.end));
    this.lower = this.words.map((w) => {
      const l = w.toLowerCase();
      return l.includes('’') ? l.replace(/’/g, "'") : l;
    });
    this.mentionEnding = new Array<Mention | undefined>(tokens.length).fill(undefined);
    this.mentionStarting = new Array<Mention | undefined>(tokens.length).fill(undefined);
    for (const m of mentions) {
      // The tokens that start and end exactly where the mention does, if any (binary search).
      const k = this.tokenAtOrAfter(m.span.start);
      const s = tokens[k]?.start === m.span.start ? k : undefined;
      const k2 = this.tokenAtOrAfter(m.span.end) - 1;
      const e = k2 >= 0 && tokens[k2]!.end === m.span.end ? k2 : undefined;
      const len = m.span.end - m.span.start;
      if (e !== undefined) {
        const cur = this.mentionEnding[e];
        if (!cur || cur.span.end - cur.span.start < len) this.mentionEnding[e] = m;
      }
      if (s !== undefined) {
        const cur = this.mentionStarting[s];
        if (!cur || cur.span.end - cur.span.start < len) this.mentionStarting[s] = m;
      }
    }
    this.sentenceOf = new Array<number>(tokens.length).fill(-1);
    sentences.forEach((s, k) => {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) this.sentenceOf[i] = k;
    });
    this.entityById = new Map(entities.map((e) => [e.id, e]));
  }

  /** Index of the first token starting at or after `offset`. */
  tokenAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Span from token a to token b inclusive. */
  span(a: number, b: number): Span {
    return { start: this.tokens[a]!.start, end: this.tokens[b]!.end };
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /** Punctuation that ends a phrase: not the dot of a title or an initial ("Mr.", "Gov.", "J."). */
  isPunct(i: number): boolean {
    const t = this.tokens[i];
    return t !== undefined && (t.kind === 'punct' || t.kind === 'symbol') && !this.isAbbrevDot(i);
  }

  /** A dot glued to an abbreviated title or an initial: "Sen.", "Mr.", "G.K.". */
  isAbbrevDot(i: number): boolean {
    if (this.words[i] !== '.' || i === 0) return false;
    const prev = this.tokens[i - 1]!;
    if (prev.end !== this.tokens[i]!.start) return false;
    const w = this.words[i - 1]!;
    return /^\p{Lu}$/u.test(w) || ABBREVIATED_TITLES.has(w.toLowerCase());
  }

  isCapitalized(i: number): boolean {
    return /^\p{Lu}/u.test(this.words[i] ?? '');
  }

  /** Mentions inside `span`, by binary search over the mentions in text order (documents can be long). */
  mentionsIn(span: Span): Mention[] {
    const list = this.byStart();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.span.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    const out: Mention[] = [];
    for (let k = lo; k < list.length && list[k]!.span.start < span.end; k++) {
      if (list[k]!.span.end <= span.end) out.push(list[k]!);
    }
    return out;
  }

  private insideMention: Uint8Array | undefined;
  /** Whether token i lies inside some mention (computed once per document). */
  inMention(i: number): boolean {
    if (this.insideMention === undefined) {
      const inside = new Uint8Array(this.tokens.length);
      for (const m of this.mentions) {
        for (
          let k = this.tokenAtOrAfter(m.span.start);
          k < this.tokens.length && this.tokens[k]!.end <= m.span.end;
          k++
        )
          inside[k] = 1;
      }
      this.insideMention = inside;
    }
    return this.insideMention[i] === 1;
  }

  private sortedMentions: readonly Mention[] | undefined;
  private byStart(): readonly Mention[] {
    this.sortedMentions ??= [...this.mentions].sort((a, b) => a.span.start - b.span.start);
    return this.sortedMentions;
  }

  /** The entity that stands for country `code`, when the document names it. */
  countryEntity(code: string): Entity | undefined {
    return this.entities.find((e) => e.knowledgeKey === `country:${code}`);
  }
}

/** Trims white space and the given trailing characters from a span. */
export function trimSpan(text: string, span: Span, trailing = /[\s,.;:]/u, leading = /\s/u): Span {
  let { start, end } = span;
  while (start < end && leading.test(text[start]!)) start++;
  while (end > start && trailing.test(text[end - 1]!)) end--;
  return { start, end };
}
