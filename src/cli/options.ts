/** Parsing of CLI option values shared by commands, with errors that say what was expected. */
import { ParallaxError } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read-text.js';

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Accepts YYYY-MM-DD or an ISO date-time with a real calendar day (Date alone rolls 02-30 over). */
export function parsePublished(value: string): string {
  const day = ISO_DATE_TIME.exec(value.trim())?.[1];
  const valid = day !== undefined && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (!valid) {
    throw new ParallaxError(
      'BAD_OPTION',
      `--published must be a date as YYYY-MM-DD or an ISO date-time, not '${value}'`,
    );
  }
  return value.trim();
}

export function parseMaxBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new ParallaxError(
      'BAD_OPTION',
      `--max-bytes must be a positive whole number of bytes, not '${value}'`,
    );
  }
  return n;
}
