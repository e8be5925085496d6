/**
 * Datelines: "CITY —", "CITY, Country —", "CITY, Nov 7 (Agency) -" opening a paragraph name the place a
 * report was filed from. Stages use them to keep the city out of sentence grammar (it is no speaker,
 * actor or target) and as the place of lead events that name none.
 */

// Capitalized words (also "CITY/CITY"), an optional ", rest" and "(Agency)", then a dash and a space.
const DATELINE =
  /^\p{Lu}[\p{L}\p{M}.'’-]*(?:[ /]\p{Lu}[\p{L}\p{M}.'’-]*){0,3}(?:,[^\n–—-]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?:-{1,2}|–|—)\s+/u;

/** Length of the dateline at `offset` (which must open a line), or 0 when there is none. */
export function datelineLength(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] !== '\n') return 0;
  const m = DATELINE.exec(text.slice(offset, offset + 120));
  return m ? m[0].length : 0;
}

/** The dateline span that contains `offset`, if any: looks back to the start of the line. */
export function datelineAround(text: string, offset: number): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const length = datelineLength(text, lineStart);
  return length > 0 && offset < lineStart + length
    ? { start: lineStart, end: lineStart + length }
    : undefined;
}
