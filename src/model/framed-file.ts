/**
 * The container of every trained model file: magic bytes, the header's length as a little-endian
 * uint32, the JSON header padded with spaces so the sections after it start on a 4-byte boundary (typed
 * arrays can view them in place), then the sections.
 */

const align4 = (n: number): number => (n + 3) & ~3;

/** The file's bytes: `magic`, the header, then `sections` back to back. */
export function frameModel(magic: Buffer, header: unknown, sections: readonly Buffer[]): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = magic.length + 4;
  const padded = Buffer.concat([
    json,
    Buffer.alloc(align4(start + json.length) - (start + json.length), 0x20),
  ]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(padded.length, 0);
  return Buffer.concat([magic, len, padded, ...sections]);
}

export interface FramedModel {
  /** The parsed JSON header, to be checked by the caller. */
  readonly header: unknown;
  /** Offset of the first section. */
  readonly bodyStart: number;
}

/** The header and where the sections start, or undefined when the bytes do not open with `magic`. */
export function unframeModel(bytes: Buffer, magic: Buffer): FramedModel | undefined {
  if (bytes.length < magic.length + 4 || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
  const headerLength = bytes.readUInt32LE(magic.length);
  const bodyStart = magic.length + 4 + headerLength;
  const header: unknown = JSON.parse(bytes.subarray(magic.length + 4, bodyStart).toString('utf8'));
  return { header, bodyStart };
}
