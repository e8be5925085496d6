/** Parsing of CLI option values shared by commands, with errors that say what was expected. */
import { ParallaxError } from '../errors.js';

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ParallaxError('BAD_OPTION', `${name} must be a positive integer, not '${value}'`);
  return n;
}

/** Accepts YYYY-MM-DD (or a full ISO date-time) and returns it unchanged when it names a real date. */
export function parseDateOption(value: string, name: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new ParallaxError('BAD_OPTION', `${name} must be a date like 2024-01-09, not '${value}'`);
  }
  return value;
}
