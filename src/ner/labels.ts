/** The tag set (IOB2 over four CoNLL types), conversion from IOB1, and decoding of tag sequences into spans. */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof ENTITY_TYPES)[number];

/** Label ids (BILOU): 0 = O, then B-T, I-T, L-T, U-T for each type T in ENTITY_TYPES order. */
export const LABELS: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`, `L-${t}`, `U-${t}`]),
];
export const NUM_LABELS = LABELS.length;
export const O = 0;
const B = 0;
const I = 1;
const L = 2;
const U = 3;

const label = (typeIndex: number, part: number): number => 1 + 4 * typeIndex + part;
/** The B- label id of a type index (0-based in ENTITY_TYPES). */
export const beginOf = (typeIndex: number): number => label(typeIndex, B);
export const insideOf = (typeIndex: number): number => label(typeIndex, I);
export const lastOf = (typeIndex: number): number => label(typeIndex, L);
export const unitOf = (typeIndex: number): number => label(typeIndex, U);
/** The type index of a non-O label id. */
export const typeOf = (l: number): number => (l - 1) >> 2;
const partOf = (l: number): number => (l - 1) & 3;
/** Does this label continue a name begun earlier (I- or L-)? */
export const isInside = (l: number): boolean => l > 0 && (partOf(l) === I || partOf(l) === L);
/** Does this label leave a name open (B- or I-)? */
export const isOpen = (l: number): boolean => l > 0 && (partOf(l) === B || partOf(l) === I);

/** May `l` follow `prev` under BILOU? `prev` is -1 at the sentence start. */
export function allowed(prev: number, l: number): boolean {
  if (prev >= 0 && isOpen(prev)) return isInside(l) && typeOf(l) === typeOf(prev);
  return !isInside(l);
}

/**
 * IOB1 / IOB2 tag strings ("I-PER", "B-LOC", "O") to BILOU label ids: a name starts at B- or wherever the
 * type changes or follows O, exactly as conlleval reads them.
 */
export function toLabelIds(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  const types = new Int8Array(tags.length).fill(-1);
  const begins = new Uint8Array(tags.length);
  let prevType = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] ?? 'O';
    const dash = tag.indexOf('-');
    const type = dash < 0 ? -1 : (ENTITY_TYPES as readonly string[]).indexOf(tag.slice(dash + 1));
    types[i] = type;
    if (type >= 0) begins[i] = tag.startsWith('B-') || type !== prevType ? 1 : 0;
    prevType = type;
  }
  for (let i = 0; i < tags.length; i++) {
    const type = types[i] as number;
    if (type < 0) continue;
    const ends = i + 1 >= tags.length || types[i + 1] !== type || begins[i + 1] === 1;
    const part = begins[i] === 1 ? (ends ? U : B) : ends ? L : I;
    out[i] = label(type, part);
  }
  return out;
}

export interface LabelSpan {
  readonly typeIndex: number;
  readonly start: number;
  readonly end: number;
}

/** Spans of a BILOU label sequence; ill-formed runs (a B- at the end, a stray I-) still give spans. */
export function spansOf(labels: ArrayLike<number>, length: number = labels.length): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = 0; i <= length; i++) {
    const l = i < length ? (labels[i] ?? 0) : O;
    const continues = start >= 0 && l !== O && isInside(l) && typeOf(l) === type;
    if (start >= 0 && !continues) {
      spans.push({ typeIndex: type, start, end: i });
      start = -1;
      type = -1;
    }
    if (l !== O && !continues) {
      start = i;
      type = typeOf(l);
    }
    if (start >= 0 && l !== O && !isOpen(l)) {
      spans.push({ typeIndex: type, start, end: i + 1 });
      start = -1;
      type = -1;
    }
  }
  return spans;
}
