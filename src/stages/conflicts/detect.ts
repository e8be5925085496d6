/**
 * Conflict rules: an accusation and a denial about the same matter (the accused, or someone named
 * with them, denies involvement in the same kind of happening), and rival claims of responsibility.
 */
import type { Conflict, Entity, Quote } from '../../model/schema.js';
import { deniesInvolvement, matterWords } from './matter.js';

export interface ConflictInput {
  readonly quotes: readonly Quote[];
  readonly entities: readonly Entity[];
}

// A denial answers a charge made shortly before it: about a paragraph or two of news text.
const NEAR_CHARS = 700;
const REFERS_BACK = /\b(?:accusations?|charges?|allegations?|claims?|reports?|assertions?|suggestions?)\b/iu;
const STOP = new Set([
  'that',
  'this',
  'with',
  'from',
  'have',
  'been',
  'were',
  'their',
  'they',
  'which',
  'would',
  'there',
  'about',
  'into',
  'over',
  'after',
  'before',
  'also',
  'than',
  'them',
  'will',
  'said',
]);

function wordCount(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

// Comparing word beginnings is a cheap stemmer: "target", "targets", "targeting" agree.
const STEM = 5;

// Word sets per statement text and stem length: a long document compares each statement with many.
const wordSets = new Map<string, Set<string>>();
function contentWords(t: string, stem: number): Set<string> {
  const key = `${stem}\u0000${t}`;
  let set = wordSets.get(key);
  if (set === undefined) {
    if (wordSets.size > 10_000) wordSets.clear();
    set = new Set(
      t
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 4 && !STOP.has(w))
        .map((w) => w.slice(0, stem)),
    );
    wordSets.set(key, set);
  }
  return set;
}

/** Content words (four letters or more, not function words) the two statements share, optionally by stem. */
function contentOverlap(a: string, b: string, stem = Infinity): number {
  const wb = contentWords(b, stem);
  let n = 0;
  for (const w of contentWords(a, stem)) if (wb.has(w)) n++;
  return n;
}

/**
 * A neutral statement that refutes what another said: its content is negated or calls something untrue
 * ("the accusations were invented", "Kigali had never supported the rebels", "Nobody was planning a
 * coup"). It answers a charge like a denial, but only on the stricter evidence below.
 */
const REFUTES =
  /(?:(?<![\p{L}\p{N}])(?:never|nobody|no\s+one|not|invented|false|untrue|lies|lie|fabricat\w*|baseless|unfounded|groundless|slander\w*)|n['’]t)(?![\p{L}\p{N}])/iu;

function refutes(q: Quote): boolean {
  return q.stance === 'assert' && REFUTES.test(q.content.text);
}

const speakerEntity = (q: Quote): string | undefined =>
  q.speaker.kind === 'entity' ? q.speaker.entity : undefined;

export function detectConflicts(input: ConflictInput, lexicon: ReadonlyMap<string, string>): Conflict[] {
  const names = new Map(input.entities.map((e) => [e.id, e.name]));
  const name = (id: string): string => names.get(id) ?? id;
  const speakerName = (q: Quote): string =>
    q.speaker.kind === 'entity'
      ? name(q.speaker.entity)
      : q.speaker.kind === 'unresolved'
        ? q.speaker.text
        : 'the outlet';
  const matters = new Map<string, Map<string, string>>();
  const matterOf = (text: string): Map<string, string> => {
    let m = matters.get(text);
    if (m === undefined) {
      m = matterWords(text, lexicon);
      matters.set(text, m);
    }
    return m;
  };
  const out: Conflict[] = [];
  const seen = new Set<string>();
  const add = (a: Quote, b: Quote, about: string, reason: string, confidence: number): void => {
    const key = [a.id, b.id].sort().join('~');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ id: '', a: a.id, b: b.id, about, reason, confidence });
  };

  // An accusation (or a claim) and a later denial that answers it. The denial answers it when the
  // denier or what the denial names is among the accused (or of the same country), or when it points
  // back at the charge ("denied the accusations", a bare "denied") soon after it; a denial that names
  // a different kind of happening never answers it.
  const countryOf = new Map(input.entities.map((e) => [e.id, e.country]));
  const countries = (ids: Iterable<string>): Set<string> =>
    new Set([...ids].flatMap((id) => (countryOf.get(id) !== undefined ? [countryOf.get(id)!] : [])));
  const charges = input.quotes.filter((q) => q.stance === 'accuse' || q.stance === 'claim');
  const denials = input.quotes.filter((q) => q.stance === 'deny' || refutes(q));
  for (const acc of charges) {
    const accuser = speakerEntity(acc);
    const accused = new Set(acc.about.filter((e) => e !== accuser));
    const accMatter = matterOf(acc.content.text);
    const accClasses = new Set(accMatter.values());
    for (const den of denials) {
      const denier = speakerEntity(den);
      if (denier !== undefined && denier === accuser) continue;
      if (accuser === undefined && denier === undefined) continue;
      const after = den.evidence.start >= acc.evidence.start;
      const near = after && den.evidence.start - acc.evidence.end < NEAR_CHARS;
      const side = new Set([...(denier !== undefined ? [denier] : []), ...den.about]);
      let overlap = [...accused].filter((e) => side.has(e));
      if (overlap.length === 0) {
        const sideCountries = countries(side);
        overlap = [...accused].filter(
          (e) => countryOf.get(e) !== undefined && sideCountries.has(countryOf.get(e)!),
        );
      }
      const denMatter = matterOf(den.content.text);
      const sharedMatter = [...denMatter.entries()].find(([, c]) => accClasses.has(c))?.[0];
      if (denMatter.size > 0 && accMatter.size > 0 && sharedMatter === undefined) continue;
      const refersBack = REFERS_BACK.test(den.content.text) || wordCount(den.content.text) <= 3;
      const sharedWords = contentOverlap(acc.content.text, den.content.text);
      let linked: boolean;
      if (den.stance !== 'deny') {
        // A refutation answers a charge made shortly before it by someone else: it points back at
        // the charge, or it comes from the accused side and shares what the charge was about.
        const sameThing = contentOverlap(acc.content.text, den.content.text, STEM) > 0;
        linked = near && (refersBack || (overlap.length > 0 && sameThing) || sharedWords >= 2);
      } else if (acc.stance === 'claim') linked = near && (sharedWords >= 2 || refersBack);
      else {
        // In either order when both speak of the same happening, or the denial denies involvement in it.
        const sameMatter =
          sharedMatter !== undefined ||
          (denMatter.size === 0 && accMatter.size > 0 && deniesInvolvement(den));
        // A denial by the accused just before the charge is reported answers it when both speak of the
        // same thing ("target" / "targeting").
        const close = Math.abs(den.evidence.start - acc.evidence.start) < NEAR_CHARS;
        const sameThing = contentOverlap(acc.content.text, den.content.text, STEM) > 0;
        linked =
          (after && overlap.length > 0) ||
          (near && (refersBack || sharedWords >= 3)) ||
          (overlap.length > 0 && (sameMatter || (close && sameThing)));
      }
      if (!linked) continue;
      const who = overlap.length > 0 ? overlap.map(name).join(' and ') : speakerName(den);
      const matter = sharedMatter ?? [...accMatter.keys()][0];
      const about =
        acc.stance === 'claim'
          ? `whether ${acc.content.text}`
          : `whether ${who} ${overlap.length > 1 ? 'were' : 'was'} ${matter !== undefined ? `involved in the ${matter}` : 'to blame'}`;
      add(
        acc,
        den,
        about,
        `${speakerName(acc)} ${acc.stance === 'claim' ? 'claims' : 'accuses'}; ${speakerName(den)} ${den.stance === 'deny' ? 'denies it' : 'says it is not so'}`,
        den.stance !== 'deny' ? 0.5 : overlap.length > 0 ? 0.7 : 0.55,
      );
    }
  }

  // Rival claims: two different speakers each claim the same kind of happening.
  const claims = input.quotes.filter((q) => q.stance === 'claim' && speakerEntity(q) !== undefined);
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i]!;
      const b = claims[j]!;
      if (speakerEntity(a) === speakerEntity(b)) continue;
      const ca = new Set(matterOf(a.content.text).values());
      const mb = [...matterOf(b.content.text).entries()].find(([, c]) => ca.has(c));
      if (!mb) continue;
      add(
        a,
        b,
        `who carried out the ${mb[0]}`,
        `${speakerName(a)} and ${speakerName(b)} both claim responsibility`,
        0.6,
      );
    }
  }
  out.forEach((c, n) => (c.id = `c${n + 1}`));
  return out;
}
