/** The tag set (IOB2 over four CoNLL types), conversion from IOB1, and decoding of tag sequences into spans. */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof ENTITY_TYPES)[number];

/** Label ids: 0 = O, then B-T and I-T for each type T in ENTITY_TYPES order. */
export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const NUM_LABELS = LABELS.length;
export const O = 0;

/** The B- label id of a type index (0-based in ENTITY_TYPES). */
export const beginOf = (typeIndex: number): number => 1 + 2 * typeIndex;
/** The I- label id of a type index. */
export const insideOf = (typeIndex: number): number => 2 + 2 * typeIndex;
/** The type index of a non-O label id. */
export const typeOf = (label: number): number => (label - 1) >> 1;
export const isInside = (label: number): boolean => label > 0 && (label & 1) === 0;

/** May `label` follow `prev` under IOB2? (I-T only after B-T or I-T.) `prev` is -1 at the sentence start. */
export function allowed(prev: number, label: number): boolean {
  if (!isInside(label)) return true;
  return prev > 0 && typeOf(prev) === typeOf(label);
}

/**
 * IOB1 / IOB2 tag strings ("I-PER", "B-LOC", "O") to IOB2 label ids: a name starts at B- or wherever the
 * type changes or follows O, exactly as conlleval reads them.
 */
export function toLabelIds(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  let prevType = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] ?? 'O';
    const dash = tag.indexOf('-');
    const type = dash < 0 ? -1 : (ENTITY_TYPES as readonly string[]).indexOf(tag.slice(dash + 1));
    if (type < 0) {
      out[i] = O;
      prevType = -1;
      continue;
    }
    const begins = tag.startsWith('B-') || type !== prevType;
    out[i] = begins ? beginOf(type) : insideOf(type);
    prevType = type;
  }
  return out;
}

export interface LabelSpan {
  readonly typeIndex: number;
  readonly start: number;
  readonly end: number;
}

/** Spans of an IOB2 label sequence; a stray I- (never produced by the constrained decoder) starts a span. */
export function spansOf(labels: ArrayLike<number>, length: number = labels.length): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = 0; i <= length; i++) {
    const l = i < length ? (labels[i] ?? 0) : O;
    const continues = l !== O && isInside(l) && typeOf(l) === type;
    if (start >= 0 && !continues) {
      spans.push({ typeIndex: type, start, end: i });
      start = -1;
      type = -1;
    }
    if (l !== O && !continues) {
      start = i;
      type = typeOf(l);
    }
  }
  return spans;
}
