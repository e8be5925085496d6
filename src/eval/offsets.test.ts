// Raw-to-normalized offsets across deletions and NFC compositions.
import { describe, expect, it } from 'vitest';
import { createDocument } from '../model/document.js';
import { alignOffsets } from './offsets.js';
import { offsetMap } from './geo.js';

describe('alignOffsets', () => {
  it('keeps its place after a composition, where a left-to-right walk lost it', () => {
    const raw = 'Sa\u0303o Paulo and Lima\r\n';
    const text = createDocument(raw).text;
    expect(text).not.toBe(raw);
    const map = alignOffsets(raw, text);
    const lima = raw.indexOf('Lima');
    expect(text.slice(map(lima), map(lima + 4))).toBe('Lima');
    expect(text.slice(map(0), map(10))).toBe('S\u00e3o Paulo');
  });
  it('is the map the geo and PTC readers use', () => {
    expect(offsetMap).toBe(alignOffsets);
  });
});
