/** The corpus/v1 file schema (zod), with the cross-reference checks a schema alone cannot express. */
import { z } from 'zod';
import { schemaProblems, type AnnotationProblem } from '../annotation-file.js';
import { GOLD_EVENT_TYPES, GOLD_STANCES } from '../gold/schema.js';

// Kept apart from the store's cluster shapes (src/corpus/types.ts): this is a contract with
// annotators and other evaluators, and must not change when the engine's internals do.
const key = z.string().min(1);
const optional = z.boolean().optional();
// Documents carry a publication day; a store may hand back a full timestamp, which is accepted too.
const published = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$/, 'expected an ISO date (YYYY-MM-DD)');
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const count = z.number().int('expected a whole number').nonnegative('expected a count of 0 or more');
const stance = z.enum(GOLD_STANCES);
// A system may know a speaker under several names; FORMAT.md matches the gold speaker against any.
const aliases = z.array(z.string()).optional();

const DocumentSchema = z.object({
  id: key,
  text_file: z.string().min(1).optional(),
  published: published.optional(),
  outlet: z.string().optional(),
  url: z.string().optional(),
});

const PlaceSchema = z.object({
  text: z.string().min(1),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

const FigureValueSchema = z.object({ doc: key, value: count, optional });

const ResponsibilitySchema = z.object({
  doc: key,
  speaker: z.string().min(1),
  aliases,
  stance: stance.optional(),
  about: z.string().optional(),
  optional,
});

const ClusterSchema = z.object({
  key,
  type: z.enum(GOLD_EVENT_TYPES).optional(),
  date: isoDate.optional(),
  place: PlaceSchema.optional(),
  members: z.array(key).default([]),
  figures: z.record(z.string().min(1), z.array(FigureValueSchema)).default({}),
  responsibility: z.array(ResponsibilitySchema).default([]),
  optional,
});

const ClaimSideSchema = z.object({
  doc: key,
  speaker: z.string().min(1),
  aliases,
  stance: stance.optional(),
});

const FigureConflictSchema = z.object({
  cluster: key,
  kind: z.literal('figure'),
  field: z.string().min(1),
  values: z.array(count).min(1, 'a figure conflict lists the values reported'),
  optional,
});

const ClaimConflictSchema = z.object({
  cluster: key,
  kind: z.literal('claim'),
  a: ClaimSideSchema,
  b: ClaimSideSchema,
  about: z.string().optional(),
  optional,
});

const ConflictSchema = z.discriminatedUnion('kind', [FigureConflictSchema, ClaimConflictSchema], {
  error: 'expected kind "figure" (field, values) or "claim" (a, b)',
});

/** Unknown keys are stripped (as in gold/v1, they are ignored); missing arrays read as empty. */
export const CorpusFileSchema = z.object({
  format: z.literal('corpus/v1', 'expected format "corpus/v1"'),
  system: z.string().optional(),
  about: z.string().optional(),
  documents: z.array(DocumentSchema).default([]),
  clusters: z.array(ClusterSchema).default([]),
  conflicts: z.array(ConflictSchema).default([]),
});

/** A corpus/v1 file as parsed: gold annotations, or a system's answer (`system` set). */
export type CorpusFile = z.infer<typeof CorpusFileSchema>;
/** What a system writes for a set of documents; the same shape as the gold file. */
export type CorpusAnswer = CorpusFile;
export type CorpusDocument = CorpusFile['documents'][number];
export type CorpusCluster = CorpusFile['clusters'][number];
export type CorpusFigureValue = CorpusCluster['figures'][string][number];
export type CorpusResponsibility = CorpusCluster['responsibility'][number];
export type CorpusConflict = CorpusFile['conflicts'][number];
export type CorpusFigureConflict = Extract<CorpusConflict, { kind: 'figure' }>;
export type CorpusClaimConflict = Extract<CorpusConflict, { kind: 'claim' }>;
export type CorpusClaimSide = CorpusClaimConflict['a'];

/** One thing wrong with a file, at a JSON path such as `clusters[0].members[2]`. */
export type CorpusProblem = AnnotationProblem;

export type CorpusParseResult =
  | { readonly ok: true; readonly file: CorpusFile }
  | { readonly ok: false; readonly problems: readonly CorpusProblem[] };

/**
 * `gold` files are what annotators write (every document names its text file, so that a system can
 * ingest it); `answer` files are a system's output and may leave `documents` out.
 */
export type CorpusRole = 'gold' | 'answer';

function crossCheck(file: CorpusFile, role: CorpusRole): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const docIds = new Set<string>();
  file.documents.forEach((d, i) => {
    if (docIds.has(d.id)) add(`documents[${i}].id`, `duplicate document id "${d.id}"`);
    docIds.add(d.id);
    if (role === 'gold' && d.text_file === undefined) {
      add(`documents[${i}].text_file`, 'a gold document needs text_file');
    }
  });
  // An answer without `documents` cannot be checked for references; one that lists them can.
  const checkDocs = role === 'gold' || file.documents.length > 0;
  const checkDoc = (path: string, id: string): void => {
    if (checkDocs && !docIds.has(id)) add(path, `unknown document id "${id}"`);
  };
  const clusterKeys = new Set<string>();
  file.clusters.forEach((c, i) => {
    const at = `clusters[${i}]`;
    if (clusterKeys.has(c.key)) add(`${at}.key`, `duplicate cluster key "${c.key}"`);
    clusterKeys.add(c.key);
    c.members.forEach((id, j) => checkDoc(`${at}.members[${j}]`, id));
    for (const [field, values] of Object.entries(c.figures)) {
      values.forEach((v, j) => checkDoc(`${at}.figures.${field}[${j}].doc`, v.doc));
    }
    c.responsibility.forEach((r, j) => checkDoc(`${at}.responsibility[${j}].doc`, r.doc));
  });
  file.conflicts.forEach((c, i) => {
    const at = `conflicts[${i}]`;
    if (!clusterKeys.has(c.cluster)) add(`${at}.cluster`, `unknown cluster key "${c.cluster}"`);
    if (c.kind === 'claim') {
      checkDoc(`${at}.a.doc`, c.a.doc);
      checkDoc(`${at}.b.doc`, c.b.doc);
    }
  });
  if (role === 'gold' && file.documents.length === 0) add('documents', 'a gold corpus lists its documents');
  return problems;
}

/**
 * Validates parsed JSON as a corpus/v1 file, returning every problem found (never throwing).
 * @example
 * const result = parseCorpusFile(JSON.parse(text), 'answer');
 * if (!result.ok) console.log(result.problems.map((p) => `${p.path}: ${p.message}`));
 */
export function parseCorpusFile(value: unknown, role: CorpusRole = 'gold'): CorpusParseResult {
  const parsed = CorpusFileSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: schemaProblems(parsed.error.issues),
    };
  }
  const problems = crossCheck(parsed.data, role);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: parsed.data };
}
