/** Decodes received bytes to text, honouring a declared charset: BOM, then the header, then a meta tag. */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'default' | 'fallback';

export interface Decoded {
  readonly text: string;
  readonly charset: string;
  readonly charsetSource: CharsetSource;
}

/** The charset parameter of a Content-Type value, lower-cased, or undefined. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 4 KB. */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    'latin1',
  );
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase();
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Per the HTML standard, a page labelled ISO-8859-1 or ASCII is decoded as windows-1252. */
function canonical(charset: string): string {
  const c = charset.toLowerCase();
  if (c === 'iso-8859-1' || c === 'latin1' || c === 'us-ascii' || c === 'ascii') return 'windows-1252';
  if (c === 'utf8') return 'utf-8';
  return c;
}

/**
 * Decodes bytes by the first charset declared (BOM, Content-Type header, meta tag). Undeclared text
 * is UTF-8 when it is valid UTF-8, else windows-1252, the usual encoding of old undeclared pages.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string, sniffMeta = true): Decoded {
  const declared: [string | undefined, CharsetSource][] = [
    [bomCharset(bytes), 'bom'],
    [charsetOfContentType(contentType), 'header'],
    [sniffMeta ? charsetOfMeta(bytes) : undefined, 'meta'],
  ];
  for (const [charset, source] of declared) {
    if (charset === undefined) continue;
    const name = canonical(charset);
    if (!iconv.encodingExists(name)) continue;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let text = iconv.decode(buf, name);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, charset: name, charsetSource: source };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      charset: 'utf-8',
      charsetSource: 'default',
    };
  } catch {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { text: iconv.decode(buf, 'windows-1252'), charset: 'windows-1252', charsetSource: 'fallback' };
  }
}
