/**
 * Text normalization applied once when a document is created. The normalized text is the document's
 * text: every offset of every fact refers to it, so nothing downstream ever rewrites the text.
 */

/** NFC, no BOM, LF line ends, no trailing spaces on lines, no leading or trailing blank lines. */
export function normalizeText(raw: string): string {
  let text = raw.normalize('NFC');
  // Byte-order marks are never content: concatenated files can carry several, anywhere at the start.
  text = text.replace(/^[\ufeff\s]+/, (lead) => lead.replace(/\ufeff/g, ''));
  text = text.replace(/\r\n?/g, '\n');
  text = text.replace(/[ \t\f\v\u00a0]+$/gm, '');
  return text.replace(/^\n+/, '').replace(/\s+$/, '');
}
