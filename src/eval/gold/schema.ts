/** The gold/v1 file schema (zod), with the cross-reference checks a schema alone cannot express. */
import { z } from 'zod';
import { schemaProblems, type AnnotationProblem } from '../annotation-file.js';
import { normalizeGoldText } from './normalize.js';

// The format is a contract with annotators, kept apart from the analysis model so that either can
// evolve without silently changing what the other accepts.
export const GOLD_ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'] as const;
export const GOLD_EVENT_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
export const GOLD_QUOTE_KINDS = ['direct', 'indirect', 'mixed'] as const;
export const GOLD_STANCES = ['assert', 'accuse', 'deny', 'request', 'claim', 'threaten'] as const;

const key = z.string().min(1);
const keys = z.array(key);
const optional = z.boolean().optional();
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

const DocumentSchema = z.object({
  text_file: z.string().min(1),
  published: z.string().optional(),
  language: z.string().min(1),
});

const EntitySchema = z.object({
  key,
  type: z.enum(GOLD_ENTITY_TYPES),
  name: z.string(),
  mentions: z.array(z.string()).default([]),
  roles: z.array(z.string()).optional(),
  country: z.string().optional(),
  optional,
});

const PlaceSchema = z.object({
  text: z.string().min(1),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  kind: z.string().optional(),
  optional,
});

const EventSchema = z.object({
  key: key.optional(),
  type: z.enum(GOLD_EVENT_TYPES),
  mode: z.string().optional(),
  actors: keys.default([]),
  actors_any: keys.optional(),
  targets: keys.default([]),
  date: isoDate.optional(),
  place: z.string().optional(),
  counts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  evidence: z.string().optional(),
  optional,
});

const QuoteSchema = z.object({
  key,
  speaker: key.optional(),
  speaker_any: keys.optional(),
  kind: z.enum(GOLD_QUOTE_KINDS),
  cue: z.string().optional(),
  stance: z.enum(GOLD_STANCES),
  content: z.string().optional(),
  optional,
});

const ContradictionSchema = z.object({
  a: key,
  b: key,
  about: z.string().optional(),
  optional,
});

const MarkerSchema = z.object({
  kind: z.string().min(1),
  text: z.string().min(1),
  voice: z.string().optional(),
  refers_to: key.optional(),
  optional,
});

/** Unknown keys are stripped (the format says they are ignored); missing arrays read as empty. */
export const GoldFileSchema = z.object({
  format: z.literal('gold/v1'),
  system: z.string().optional(),
  document: DocumentSchema.optional(),
  entities: z.array(EntitySchema).default([]),
  places: z.array(PlaceSchema).default([]),
  events: z.array(EventSchema).default([]),
  quotes: z.array(QuoteSchema).default([]),
  contradictions: z.array(ContradictionSchema).default([]),
  markers: z.array(MarkerSchema).default([]),
});

export type GoldFile = z.infer<typeof GoldFileSchema>;
export type GoldEntity = GoldFile['entities'][number];
export type GoldPlace = GoldFile['places'][number];
export type GoldEvent = GoldFile['events'][number];
export type GoldQuote = GoldFile['quotes'][number];
export type GoldContradiction = GoldFile['contradictions'][number];
export type GoldMarker = GoldFile['markers'][number];

/** One thing wrong with a file, at a JSON path such as `entities[3].type`. */
export type GoldProblem = AnnotationProblem;

export type GoldParseResult =
  | { readonly ok: true; readonly file: GoldFile }
  | { readonly ok: false; readonly problems: readonly GoldProblem[] };

/**
 * `gold` files are what annotators write; `answer` files are a system's output in the same format.
 * An answer may leave out what only scoring against it would need (document, a place's kind, a
 * quote's speaker when the system could not resolve one).
 */
export type GoldRole = 'gold' | 'answer';

function crossCheck(file: GoldFile, role: GoldRole): GoldProblem[] {
  const problems: GoldProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const entityKeys = new Set<string>();
  file.entities.forEach((e, i) => {
    if (entityKeys.has(e.key)) add(`entities[${i}].key`, `duplicate entity key "${e.key}"`);
    entityKeys.add(e.key);
  });
  const quoteKeys = new Set<string>();
  file.quotes.forEach((q, i) => {
    if (quoteKeys.has(q.key)) add(`quotes[${i}].key`, `duplicate quote key "${q.key}"`);
    quoteKeys.add(q.key);
  });
  const eventKeys = new Set<string>();
  const placeTexts = new Set(file.places.map((p) => normalizeGoldText(p.text)));
  const checkEntity = (path: string, k: string | undefined): void => {
    if (k !== undefined && !entityKeys.has(k)) add(path, `unknown entity key "${k}"`);
  };
  file.events.forEach((e, i) => {
    if (e.key !== undefined) {
      if (eventKeys.has(e.key)) add(`events[${i}].key`, `duplicate event key "${e.key}"`);
      eventKeys.add(e.key);
    }
    e.actors.forEach((k, j) => checkEntity(`events[${i}].actors[${j}]`, k));
    (e.actors_any ?? []).forEach((k, j) => checkEntity(`events[${i}].actors_any[${j}]`, k));
    e.targets.forEach((k, j) => checkEntity(`events[${i}].targets[${j}]`, k));
    if (role === 'gold' && e.place !== undefined && !placeTexts.has(normalizeGoldText(e.place))) {
      add(`events[${i}].place`, `"${e.place}" is not the text of any entry in places`);
    }
  });
  file.quotes.forEach((q, i) => {
    checkEntity(`quotes[${i}].speaker`, q.speaker);
    (q.speaker_any ?? []).forEach((k, j) => checkEntity(`quotes[${i}].speaker_any[${j}]`, k));
    if (role === 'gold' && q.speaker === undefined && (q.speaker_any ?? []).length === 0) {
      add(`quotes[${i}].speaker`, 'a gold quote needs speaker or speaker_any');
    }
  });
  file.contradictions.forEach((c, i) => {
    if (!quoteKeys.has(c.a)) add(`contradictions[${i}].a`, `unknown quote key "${c.a}"`);
    if (!quoteKeys.has(c.b)) add(`contradictions[${i}].b`, `unknown quote key "${c.b}"`);
  });
  file.markers.forEach((m, i) => checkEntity(`markers[${i}].refers_to`, m.refers_to));
  if (role === 'gold') {
    if (file.document === undefined) add('document', 'a gold file needs document (text_file, language)');
    file.places.forEach((p, i) => {
      if (p.kind === undefined) add(`places[${i}].kind`, 'a gold place needs a kind');
    });
  }
  return problems;
}

/**
 * Validates parsed JSON as a gold/v1 file, returning every problem found (never throwing).
 * @example
 * const result = parseGoldFile(JSON.parse(text), 'answer');
 * if (!result.ok) console.log(result.problems.map((p) => `${p.path}: ${p.message}`));
 */
export function parseGoldFile(value: unknown, role: GoldRole = 'gold'): GoldParseResult {
  const parsed = GoldFileSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: schemaProblems(parsed.error.issues),
    };
  }
  const problems = crossCheck(parsed.data, role);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: parsed.data };
}
