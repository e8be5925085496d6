/**
 * MUC-4 role-filler entity extraction (REE) in the `ree_grit` format, scored with CEAF-REE as the
 * GRIT authors' scorer does (see `../shared/data/muc4/README.md`, "Scoring rules, in words", 1):
 *
 * - strings are normalised (lower case, ASCII punctuation deleted, whole words "a", "an", "the"
 *   replaced by a space, whitespace runs collapsed and trimmed) and only normalised strings compared;
 * - per document and role, empty gold entities are dropped, then predicted entities are aligned
 *   one-to-one with gold entities by a maximum-weight bipartite matching;
 * - a predicted entity scores 1 against a gold entity when every one of its mentions is among that gold
 *   entity's mentions, else 0 (so naming any one coreferent mention is enough);
 * - precision = matched ÷ predicted entities, recall = matched ÷ gold entities, numerators and
 *   denominators summed over documents per role, and over the five roles for the micro average;
 *   F1 = 2PR / (P + R).
 *
 * The weights are 0 or 1, so the maximum-weight matching equals a maximum-cardinality matching of the
 * "compatible" graph; it is found with augmenting paths (Kuhn), which gives the same total as the
 * Hungarian algorithm. A predicted entity with no (non-empty) mention is dropped before scoring.
 */

/** The five MUC-4 string slots, in the order the README lists them. */
export const MUC4_ROLES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon'] as const;
export type Muc4Role = (typeof MUC4_ROLES)[number];

/** An entity: its coreferent mention strings. */
export type Muc4Entity = readonly string[];

/** One document's template: for each role, its entities. */
export type Muc4Template = Readonly<Record<Muc4Role, readonly Muc4Entity[]>>;

/** One `ree_grit` record. */
export interface Muc4Document {
  readonly docid: string;
  readonly doctext: string;
  readonly extracts: Muc4Template;
}

/** Summed counts of one role (or of all roles). */
export interface Muc4Counts {
  /** Matched score (the numerator of both P and R). */
  readonly matched: number;
  readonly predicted: number;
  readonly gold: number;
}

export interface Muc4Scores extends Muc4Counts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Muc4Report {
  readonly documents: number;
  readonly roles: Readonly<Record<Muc4Role, Muc4Scores>>;
  readonly micro: Muc4Scores;
}

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /\b(a|an|the)\b/g;

/**
 * The scorer's string normalisation (SQuAD-style).
 * @example normalizeMuc4('The "FMLN" guerrillas.') === 'fmln guerrillas'
 */
export function normalizeMuc4(text: string): string {
  return text
    .toLowerCase()
    .replace(PUNCTUATION, '')
    .replace(ARTICLES, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
}

export function emptyTemplate(): Record<Muc4Role, Muc4Entity[]> {
  return { PerpInd: [], PerpOrg: [], Target: [], Victim: [], Weapon: [] };
}

/** A mention as the files give it: `[text, offset]` or a bare string. */
function mentionText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** Reads a role's entity list leniently: `[[["m", 0], ...], ...]`, `[["m", ...], ...]` or `["m", ...]`. */
function readEntities(value: unknown): Muc4Entity[] {
  if (!Array.isArray(value)) return [];
  const out: Muc4Entity[] = [];
  for (const entity of value) {
    if (typeof entity === 'string') {
      out.push([entity]);
      continue;
    }
    if (!Array.isArray(entity)) continue;
    // a single [text, offset] pair standing for an entity
    if (entity.length === 2 && typeof entity[0] === 'string' && typeof entity[1] === 'number') {
      out.push([entity[0]]);
      continue;
    }
    out.push(entity.map(mentionText).filter((m): m is string => m !== null));
  }
  return out;
}

function readTemplate(value: unknown): Muc4Template {
  const t = emptyTemplate();
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    for (const role of MUC4_ROLES) t[role] = readEntities(rec[role]);
  }
  return t;
}

/**
 * Parses a `ree_grit` file (JSON Lines) or a system answer in the same shape. Also accepted: a JSON
 * array of such records, a JSON object keyed by docid, and `pred_extracts` in place of `extracts`.
 * @example parseMuc4('{"docid":"d","doctext":"x","extracts":{}}')[0]?.docid === 'd'
 */
export function parseMuc4(content: string): Muc4Document[] {
  const trimmed = content.trim();
  if (trimmed === '') return [];
  let records: unknown[];
  if (trimmed.startsWith('[')) {
    records = JSON.parse(trimmed) as unknown[];
  } else {
    const lines = trimmed.split('\n').filter((l) => l.trim() !== '');
    let whole: unknown = null;
    if (lines.length === 1 || !lines[0]!.trim().endsWith('}')) {
      try {
        whole = JSON.parse(trimmed);
      } catch {
        whole = null;
      }
    }
    if (whole !== null && typeof whole === 'object' && !('docid' in whole)) {
      records = Object.entries(whole as Record<string, unknown>).map(([docid, v]) => ({
        docid,
        ...(v as object),
      }));
    } else {
      records = lines.map((l) => JSON.parse(l) as unknown);
    }
  }
  return records.map((r, i) => {
    const rec = (r ?? {}) as Record<string, unknown>;
    const docid = typeof rec.docid === 'string' ? rec.docid : String(i);
    const doctext = typeof rec.doctext === 'string' ? rec.doctext : '';
    return { docid, doctext, extracts: readTemplate(rec.extracts ?? rec.pred_extracts) };
  });
}

/** Normalised mention sets; empty entities (after normalisation) are dropped. */
function prepare(entities: readonly Muc4Entity[]): Set<string>[] {
  const out: Set<string>[] = [];
  for (const e of entities) {
    const set = new Set(e.map(normalizeMuc4).filter((m) => m !== ''));
    if (set.size > 0) out.push(set);
  }
  return out;
}

/**
 * The CEAF-REE matched score of one document and role: the size of a maximum one-to-one matching in
 * which predicted entity p may pair with gold entity g when all of p's mentions are among g's.
 * @example matchRole([['guerrillas']], [['urban guerrillas', 'guerrillas']]) === 1
 */
export function matchRole(predicted: readonly Muc4Entity[], gold: readonly Muc4Entity[]): number {
  const preds = prepare(predicted);
  const golds = prepare(gold);
  const edges = preds.map((p) => {
    const ok: number[] = [];
    golds.forEach((g, j) => {
      let all = true;
      for (const m of p) if (!g.has(m)) all = false;
      if (all) ok.push(j);
    });
    return ok;
  });
  const owner = new Array<number>(golds.length).fill(-1);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i]!) {
      if (seen[j] === true) continue;
      seen[j] = true;
      if (owner[j] === -1 || augment(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let i = 0; i < preds.length; i++) if (augment(i, [])) matched += 1;
  return matched;
}

/** Counts for one document and role: matched score, predicted and gold entity numbers. */
export function countRole(predicted: readonly Muc4Entity[], gold: readonly Muc4Entity[]): Muc4Counts {
  return {
    matched: matchRole(predicted, gold),
    predicted: prepare(predicted).length,
    gold: prepare(gold).length,
  };
}

function scores(c: Muc4Counts): Muc4Scores {
  const precision = c.predicted > 0 ? c.matched / c.predicted : 0;
  const recall = c.gold > 0 ? c.matched / c.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/**
 * Scores predictions (by docid) against gold documents. A gold document with no prediction counts as
 * predicting nothing; predictions for docids not in the gold are ignored.
 */
export function scoreMuc4(
  gold: readonly Muc4Document[],
  predictions: ReadonlyMap<string, Muc4Template>,
): Muc4Report {
  const sums = Object.fromEntries(
    MUC4_ROLES.map((r) => [r, { matched: 0, predicted: 0, gold: 0 }]),
  ) as Record<Muc4Role, { matched: number; predicted: number; gold: number }>;
  for (const doc of gold) {
    const pred = predictions.get(doc.docid);
    for (const role of MUC4_ROLES) {
      const c = countRole(pred?.[role] ?? [], doc.extracts[role]);
      sums[role].matched += c.matched;
      sums[role].predicted += c.predicted;
      sums[role].gold += c.gold;
    }
  }
  const total = { matched: 0, predicted: 0, gold: 0 };
  for (const role of MUC4_ROLES) {
    total.matched += sums[role].matched;
    total.predicted += sums[role].predicted;
    total.gold += sums[role].gold;
  }
  const roles = Object.fromEntries(MUC4_ROLES.map((r) => [r, scores(sums[r])])) as Record<
    Muc4Role,
    Muc4Scores
  >;
  return { documents: gold.length, roles, micro: scores(total) };
}

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);

/** A table of one or more named reports side by side: P / R / F1 per role and micro. */
export function formatMuc4Reports(reports: ReadonlyArray<{ name: string; report: Muc4Report }>): string {
  const lines: string[] = [];
  for (const { name, report } of reports) {
    lines.push(`${name} (${report.documents} documents)`);
    lines.push(
      `  ${'role'.padEnd(9)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  matched/pred/gold`,
    );
    const row = (label: string, s: Muc4Scores): string =>
      `  ${label.padEnd(9)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${s.matched}/${s.predicted}/${s.gold}`;
    for (const role of MUC4_ROLES) lines.push(row(role, report.roles[role]));
    lines.push(row('micro', report.micro));
  }
  return `${lines.join('\n')}\n`;
}
