/**
 * Training sentences made from the ontology itself: every category line of the CAMEO→PLOVER table
 * (`../shared/data/plover_gsr/CAMEO2PLOVER-2021.txt`, "0333: AGREE, , humanitarian # Express intent
 * to provide humanitarian aid") becomes two plain news-style sentences with a country as their
 * subject ("France will provide humanitarian aid.", "France promised to provide humanitarian aid.";
 * "Japan demanded release of persons.", "Japan has demanded release of persons.") labelled with the
 * line's PLOVER type. They teach
 * the type model what the definitions say — "express intent to" is AGREE, "decline to" is REJECT —
 * for categories the gold records show only a few times. They are no gold records: they are added to
 * every training fold and never scored.
 */
import type { PloverType } from '../model/schema.js';
import { mapPloverLabel, type PloverRecord } from './plover.js';

/** Subjects rotate so that no one name stands for a category. */
const SUBJECTS = [
  'France',
  'Japan',
  'Brazil',
  'Egypt',
  'India',
  'Kenya',
  'Mexico',
  'Turkey',
  'Canada',
  'Chile',
];

const IRREGULAR: Readonly<Record<string, string>> = {
  make: 'made',
  meet: 'met',
  bring: 'brought',
  find: 'found',
  give: 'gave',
  fight: 'fought',
  forgive: 'forgave',
  hold: 'held',
  ban: 'banned',
  apolgize: 'apologized',
  ostruct: 'obstructed',
  request: 'requested',
};

/** Past participles that differ from the simple past. */
const PARTICIPLE: Readonly<Record<string, string>> = { give: 'given', forgive: 'forgiven' };

/**
 * The simple past of a verb (the table's definitions open with a bare verb).
 * @example pastTense('carry') === 'carried'
 */
export function pastTense(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR[v] !== undefined) return IRREGULAR[v];
  if (v.endsWith('e')) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  return `${v}ed`;
}

/**
 * The sentences of one definition ("Express intent to X" gives a promise and a future; adverbs such as
 * "Physically assault" keep their place).
 * @example definitionSentences('Demand release of persons', 'Chile') → ['Chile demanded release of persons.']
 */
export function definitionSentences(definition: string, subject: string): string[] {
  const words = definition
    .replace(/\s+\d{2}\.\d{2}\.\d{2}:.*$/, '')
    .replace(/[(),]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const lower = words.map((w) => w.toLowerCase());
  if (lower[0] === 'express' && lower[1] === 'intent' && lower[2] === 'to') {
    const rest = lower.slice(3).join(' ');
    return [`${subject} will ${rest}.`, `${subject} promised to ${rest}.`];
  }
  // A threat is an announced coercion and a refusal an announced non-cooperation: "Threaten to impose
  // curfew" is also "will impose curfew", "Decline to release persons" also "will not release persons".
  if ((lower[0] === 'threaten' || lower[0] === 'decline') && lower[1] === 'to' && lower.length > 2) {
    const rest = lower.slice(2).join(' ');
    const past = `${subject} ${pastTense(lower[0])} to ${rest}.`;
    return [past, `${subject} ${lower[0] === 'threaten' ? 'will' : 'will not'} ${rest}.`];
  }
  const lead = /ly$/.test(lower[0]!) && lower.length > 1 ? 1 : 0;
  const verb = pastTense(lower[lead]!);
  // The simple past and the present perfect, as news leads tell an act ("demanded", "has demanded").
  const tail = lower.slice(lead + 1);
  const past = [...lower.slice(0, lead), verb, ...tail].join(' ');
  const perfect = [...lower.slice(0, lead), PARTICIPLE[lower[lead]!] ?? verb, ...tail].join(' ');
  return [`${subject} ${past}.`, `${subject} has ${perfect}.`];
}

/**
 * Records from the table's category lines ("CODE: TYPE, mode, context # definition"); header lines,
 * group headings without a definition and unknown types are skipped.
 * @example definitionRecords('030: AGREE, , diplomatic # Express intent to cooperate').length === 2
 */
export function definitionRecords(table: string): PloverRecord[] {
  const out: PloverRecord[] = [];
  let n = 0;
  for (const line of table.split('\n')) {
    const m = /^(\d+):\s*([A-Z]+)\s*,[^#]*#\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const label: PloverType | null = mapPloverLabel(m[2]!);
    if (label === null) continue;
    for (const text of definitionSentences(m[3]!, SUBJECTS[n % SUBJECTS.length]!))
      out.push({ id: `CAMEO-${m[1]!}-${out.length}`, text, label, original: m[2]! });
    n++;
  }
  return out;
}
