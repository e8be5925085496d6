/** The RFC 4180 writer and reader: the reader follows the RFC's grammar, the writer round-trips through it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors.js';
import { csvField, csvRecord, parseCsv } from './csv-export-rfc4180.js';

describe('parseCsv (RFC 4180 §2)', () => {
  it('reads CRLF records, quoted fields, doubled quotes and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['', '', ''],
    ]);
  });

  it('accepts a last record without a line break, and LF record ends', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it.each([
    ['a quote inside an unquoted field', 'ab"c,d\r\n'],
    ['text after a closing quote', '"ab"c,d\r\n'],
    ['an unterminated quoted field', '"abc,d\r\n'],
  ])('rejects %s', (_why, text) => {
    expect(() => parseCsv(text)).toThrow(ParallaxError);
  });
});

describe('csvField / csvRecord', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(undefined)).toBe('');
  });

  it('round-trips any fields through the reader', () => {
    const field = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é', 'x') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((r) => csvRecord(r)).join('');
          expect(parseCsv(text)).toEqual(rows);
        },
      ),
    );
  });
});
