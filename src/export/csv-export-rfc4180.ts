/**
 * RFC 4180 CSV: the quoting both CSV exporters use, and a strict reader that tests (and anyone checking
 * an export) parse the output back with. No dependency: the rules are short and a round trip through
 * our own reader is only meaningful because the reader follows the RFC, not our writer.
 */
import { ParallaxError } from '../errors.js';

/** RFC 4180 §2: records end with CRLF. */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: quoted when it holds a comma, a double quote or a line break; quotes doubled inside. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF terminator. */
export function csvRecord(fields: readonly (string | number | undefined)[]): string {
  return fields.map(csvField).join(',') + CRLF;
}

/**
 * Parses RFC 4180 text into records of fields. Accepts LF as well as CRLF between records (the RFC's
 * own note allows it in practice); rejects a quote inside an unquoted field, text after a closing quote,
 * and an unterminated quoted field, so a writer bug cannot pass a round-trip test by accident.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const fail = (why: string): never => {
    throw new ParallaxError('INPUT_INVALID', `CSV at offset ${i}: ${why}`);
  };
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (field !== '') fail('a quote inside an unquoted field');
      i += 1;
      for (;;) {
        if (i >= text.length) fail('an unterminated quoted field');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += q;
        i += 1;
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
        fail('text after a closing quote');
      }
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (c === '\n') {
      endRecord();
      i += 1;
    } else if (c === '\r') {
      fail('a bare carriage return outside quotes');
    } else {
      field += c;
      i += 1;
    }
  }
  // A last record without its line break still counts; an empty text has no records.
  if (field !== '' || record.length > 0) endRecord();
  return records;
}
