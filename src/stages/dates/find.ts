/**
 * Finds date expressions in a stretch of text and normalizes them against the publication date.
 *
 * Rules (news reports look back, so ambiguous dates resolve to the past):
 * - a weekday ("Monday", "on Wednesday", "Wednesday's") is the latest such day on or before
 *   publication; "last Monday" is strictly before it;
 * - a month and day without a year ("January 3") takes the publication year, or the year before when
 *   that would fall after publication; a month alone ("in March") follows the same rule at month precision;
 * - "last week" has no week precision in the schema: it becomes the month holding the whole previous
 *   Monday-to-Sunday week, or that week's year when the week straddles two months;
 * - "N days ago/earlier" and "yesterday" count back from publication (day); "N years ago/since" gives
 *   the year (year); "last month"/"last year" give the previous month/year;
 * - "since/after/before/until" in front of a date set the relation, and the date keeps its own precision.
 * chrono-node catches what these patterns miss; its result is kept only when it fixes a month.
 */
import * as chrono from 'chrono-node';
import type { Precision, Span } from '../../model/schema.js';
import { wordValue } from '../events/numbers.js';
import { addDays, daysBetween, isoDay, isoMonth, pad2, parseIso } from './calendar.js';

export type Relation = 'on' | 'since' | 'before' | 'after';

export interface DateMention {
  readonly span: Span;
  readonly text: string;
  readonly iso: string;
  readonly precision: Precision;
  readonly relation: Relation;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_RE =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const REL_RE = '(?:(since|after|before|until|by|from|in|on|during|as of|as early as)\\s+)?';
const NUM_WORD =
  '(\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)';

function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase());
}

function relationOf(prep: string | undefined): Relation {
  switch (prep?.toLowerCase()) {
    case 'since':
    case 'from':
    case 'as of':
      return 'since';
    case 'after':
      return 'after';
    case 'before':
    case 'until':
    case 'by':
    case 'as early as':
      return 'before';
    default:
      return 'on';
  }
}

function countWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w === 'a' || w === 'an') return 1;
  return wordValue(w);
}

interface Pattern {
  readonly re: RegExp;
  readonly resolve: (
    m: RegExpExecArray,
    pub: Date | undefined,
  ) => { iso: string; precision: Precision } | undefined;
}

/** Month-day without year: the publication year, or the year before when that lands after publication. */
function pastMonthDay(month: number, day: number, pub: Date | undefined): string | undefined {
  if (!pub) return undefined;
  let year = pub.getUTCFullYear();
  const candidate = Date.UTC(year, month, day);
  if (candidate > pub.getTime() + 86_400_000) year -= 1;
  return `${year}-${pad2(month + 1)}-${pad2(day)}`;
}

const PATTERNS: readonly Pattern[] = [
  {
    re: new RegExp(`\\b${REL_RE}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'gi'),
    resolve: (m) => ({ iso: `${m[2]}-${m[3]}-${m[4]}`, precision: 'day' }),
  },
  {
    // "January 3, 2024", "Jan. 3", "January 3rd"
    re: new RegExp(`\\b${REL_RE}${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    resolve: (m, pub) => {
      const month = monthIndex(m[2]!);
      const day = Number(m[3]);
      if (day < 1 || day > 31) return undefined;
      if (m[4]) return { iso: `${m[4]}-${pad2(month + 1)}-${pad2(day)}`, precision: 'day' };
      const iso = pastMonthDay(month, day, pub);
      return iso ? { iso, precision: 'day' } : undefined;
    },
  },
  {
    // "3 January 2024", "3rd of January"
    re: new RegExp(
      `\\b${REL_RE}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4})\\b)?`,
      'gi',
    ),
    resolve: (m, pub) => {
      const month = monthIndex(m[3]!);
      const day = Number(m[2]);
      if (day < 1 || day > 31) return undefined;
      if (m[4]) return { iso: `${m[4]}-${pad2(month + 1)}-${pad2(day)}`, precision: 'day' };
      const iso = pastMonthDay(month, day, pub);
      return iso ? { iso, precision: 'day' } : undefined;
    },
  },
  {
    // "January 2020", "in January 2020"
    re: new RegExp(`\\b${REL_RE}(?:early |late |mid-)?${MONTH_RE}\\s+(?:of\\s+)?(\\d{4})\\b`, 'gi'),
    resolve: (m) => ({ iso: `${m[3]}-${pad2(monthIndex(m[2]!) + 1)}`, precision: 'month' }),
  },
  {
    // "in March": a month name needs a preposition, or "may" and "march" would be read as dates.
    re: new RegExp(
      `\\b(since|after|before|until|in|during|by|early|late|last)\\s+(?:early |late |mid-)?${MONTH_RE}\\b(?!\\s+\\d)`,
      'g',
    ),
    resolve: (m, pub) => {
      if (!pub || !/^\p{Lu}/u.test(m[2]!)) return undefined;
      const month = monthIndex(m[2]!);
      let year = pub.getUTCFullYear();
      if (month > pub.getUTCMonth() || (m[1]!.toLowerCase() === 'last' && month === pub.getUTCMonth()))
        year -= 1;
      return { iso: `${year}-${pad2(month + 1)}`, precision: 'month' };
    },
  },
  {
    re: new RegExp(
      `\\b(since|after|before|until|in|during|by|from|as of|as early as|early|late|mid-)\\s*((?:18|19|20)\\d{2})\\b(?![-/]\\d)`,
      'gi',
    ),
    resolve: (m) => ({ iso: m[2]!, precision: 'year' }),
  },
  {
    re: /\b(last|this past|on|this)?\s*(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g,
    resolve: (m, pub) => {
      if (!pub) return undefined;
      const target = WEEKDAYS.indexOf(m[2]!.toLowerCase());
      let back = (pub.getUTCDay() - target + 7) % 7;
      if (back === 0 && m[1]?.toLowerCase().startsWith('last')) back = 7;
      return { iso: isoDay(addDays(pub, -back)), precision: 'day' };
    },
  },
  {
    re: /\b(yesterday|today|tonight|last night|this morning|earlier today)\b/gi,
    resolve: (m, pub) => {
      if (!pub) return undefined;
      const back = /yesterday|last night/i.test(m[1]!) ? 1 : 0;
      return { iso: isoDay(addDays(pub, -back)), precision: 'day' };
    },
  },
  {
    re: /\b(last|this|earlier this|past)\s+(week|month|year)\b/gi,
    resolve: (m, pub) => {
      if (!pub) return undefined;
      const unit = m[2]!.toLowerCase();
      const previous = m[1]!.toLowerCase() === 'last' || m[1]!.toLowerCase() === 'past';
      if (unit === 'year')
        return { iso: String(pub.getUTCFullYear() - (previous ? 1 : 0)), precision: 'year' };
      if (unit === 'month') {
        const d = previous ? new Date(Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth() - 1, 1)) : pub;
        return { iso: isoMonth(d), precision: 'month' };
      }
      // Weeks run Monday to Sunday; "this week" is the publication's own week up to publication.
      const sinceMonday = (pub.getUTCDay() + 6) % 7;
      const start = previous ? addDays(pub, -sinceMonday - 7) : addDays(pub, -sinceMonday);
      const end = previous ? addDays(start, 6) : pub;
      if (isoMonth(start) === isoMonth(end)) return { iso: isoMonth(start), precision: 'month' };
      return { iso: String(end.getUTCFullYear()), precision: 'year' };
    },
  },
  {
    re: new RegExp(`\\b${NUM_WORD}\\s+(day|week|month|year)s?\\s+(ago|earlier|before|since|later)\\b`, 'gi'),
    resolve: (m, pub) => {
      const n = countWord(m[1]!);
      if (!pub || n === undefined || m[3]!.toLowerCase() === 'later') return undefined;
      const unit = m[2]!.toLowerCase();
      if (unit === 'day') return { iso: isoDay(addDays(pub, -n)), precision: 'day' };
      if (unit === 'week') return { iso: isoMonth(addDays(pub, -7 * n)), precision: 'month' };
      if (unit === 'month')
        return {
          iso: isoMonth(new Date(Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth() - n, 1))),
          precision: 'month',
        };
      return { iso: String(pub.getUTCFullYear() - n), precision: 'year' };
    },
  },
];

/** Date expressions inside text[from, to), earliest first, never overlapping. */
export function findDates(
  text: string,
  from: number,
  to: number,
  published: string | undefined,
): DateMention[] {
  const pub = published ? parseIso(published) : undefined;
  const slice = text.slice(from, to);
  const found: DateMention[] = [];
  const overlaps = (s: number, e: number): boolean => found.some((d) => d.span.start < e && s < d.span.end);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(slice); m !== null; m = p.re.exec(slice)) {
      const r = p.resolve(m, pub);
      if (!r) continue;
      const lead = m[0].length - m[0].trimStart().length;
      const start = from + m.index + lead;
      const end = from + m.index + m[0].length;
      if (overlaps(start, end)) continue;
      const prep = /^(since|after|before|until|by|from|as of|as early as)\b/i.exec(m[0].trimStart());
      found.push({
        span: { start, end },
        text: text.slice(start, end),
        iso: r.iso,
        precision: r.precision,
        relation: relationOf(prep?.[1]),
      });
    }
  }
  if (pub) {
    for (const r of chrono.parse(slice, pub, { forwardDate: false })) {
      const start = from + r.index;
      const end = start + r.text.length;
      // Only calendar expressions: "now" or "tonight" carry no date the patterns above have not read.
      if (
        overlaps(start, end) ||
        !r.start.isCertain('month') ||
        !/\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(r.text)
      )
        continue;
      const d = r.start.date();
      const year = r.start.isCertain('year') ? d.getFullYear() : pub.getUTCFullYear();
      const month = r.start.get('month') ?? d.getMonth() + 1;
      const day = r.start.isCertain('day') ? r.start.get('day') : undefined;
      const iso =
        day !== undefined && day !== null ? `${year}-${pad2(month)}-${pad2(day)}` : `${year}-${pad2(month)}`;
      if (
        parseIso(`${iso}-01`.slice(0, 10)) &&
        daysBetween(pub, parseIso(iso.length === 7 ? `${iso}-01` : iso)!) > 366
      )
        continue;
      found.push({
        span: { start, end },
        text: r.text,
        iso,
        precision: iso.length === 7 ? 'month' : 'day',
        relation: 'on',
      });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}
