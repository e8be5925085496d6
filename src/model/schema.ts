/**
 * The analysis data model, defined once as zod schemas: TypeScript types are inferred from them and
 * the published JSON Schema (`schema/analysis.schema.json`) is generated from them.
 *
 * Rules: the document text never changes; every offset is a half-open [start, end) range in UTF-16
 * code units of `document.text`; a fact points back to the text only through spans.
 */
import { z } from 'zod';

export const SpanSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .describe('Half-open [start, end) range of UTF-16 code units in document.text');
export type Span = z.infer<typeof SpanSchema>;

export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const PLOVER_TYPES = [
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
export const PloverTypeSchema = z.enum(PLOVER_TYPES);
export type PloverType = z.infer<typeof PloverTypeSchema>;

export const STANCES = ['assert', 'accuse', 'deny', 'request', 'claim', 'threaten'] as const;
export const StanceSchema = z.enum(STANCES);
export type Stance = z.infer<typeof StanceSchema>;

export const QuoteKindSchema = z.enum(['direct', 'indirect', 'mixed']);
export type QuoteKind = z.infer<typeof QuoteKindSchema>;

export const COUNT_FIELDS = [
  'killed',
  'injured',
  'detained',
  'devices',
  'attackers',
  'missing',
  'displaced',
] as const;
export const CountFieldSchema = z.enum(COUNT_FIELDS);
export type CountField = z.infer<typeof CountFieldSchema>;

/** Provenance every extracted fact carries: the supporting text, the stage that produced it, a confidence. */
const provenance = {
  evidence: SpanSchema.describe('The text that supports the fact'),
  stage: z.string().describe('name@version of the stage that produced the fact'),
  confidence: z.number().min(0).max(1),
};

export const DocumentSchema = z.object({
  id: z.string(),
  text: z.string(),
  contentHash: z.string().describe('sha256 of the normalized text, hex'),
  published: z.string().optional().describe('ISO date or date-time of publication'),
  outlet: z.string().optional(),
  url: z.string().optional(),
  title: z.string().optional(),
  language: z.string(),
});
export type Document = z.infer<typeof DocumentSchema>;

export const TokenKindSchema = z.enum(['word', 'number', 'punct', 'symbol']);
export type TokenKind = z.infer<typeof TokenKindSchema>;

export const TokenSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  kind: TokenKindSchema,
});
export type Token = z.infer<typeof TokenSchema>;

export const SentenceSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  tokenStart: z.number().int(),
  tokenEnd: z.number().int(),
});
export type Sentence = z.infer<typeof SentenceSchema>;

export const MentionFormSchema = z.enum(['name', 'alias', 'title', 'description', 'pronoun', 'demonym']);
export type MentionForm = z.infer<typeof MentionFormSchema>;

export const MentionSchema = z.object({
  id: z.string(),
  span: SpanSchema,
  text: z.string(),
  type: EntityTypeSchema,
  form: MentionFormSchema,
  entity: z.string().optional(),
  link: z.string().optional().describe('Knowledge link found by the recognizer: org:KEY or country:CC'),
  role: z.string().optional().describe('Title or office phrased before or after the name'),
  ...provenance,
});
export type Mention = z.infer<typeof MentionSchema>;

export const RoleSchema = z.object({ title: z.string(), span: SpanSchema });
export type Role = z.infer<typeof RoleSchema>;

export const EntitySchema = z.object({
  id: z.string(),
  type: EntityTypeSchema,
  name: z.string(),
  aliases: z.array(z.string()).describe('Every distinct surface string attached to the entity'),
  mentions: z.array(z.string()).describe('Mention ids'),
  roles: z.array(RoleSchema),
  country: z.string().optional().describe('ISO 3166-1 alpha-2'),
  knowledgeKey: z.string().optional().describe('Key in the curated knowledge file, when linked'),
  confidence: z.number().min(0).max(1),
});
export type Entity = z.infer<typeof EntitySchema>;

export const SourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entity'), entity: z.string() }),
  z.object({ kind: z.literal('outlet') }),
  z.object({ kind: z.literal('unresolved'), text: z.string(), span: SpanSchema }),
]);
export type Source = z.infer<typeof SourceSchema>;

export const QuoteSchema = z.object({
  id: z.string(),
  speaker: SourceSchema,
  speakerSpan: SpanSchema.optional().describe('The mention that names the speaker at the cue'),
  cue: z.object({ text: z.string(), span: SpanSchema }),
  content: z.object({ text: z.string(), span: SpanSchema }),
  kind: QuoteKindSchema,
  stance: StanceSchema,
  about: z.array(z.string()).describe('Entity ids the statement is about'),
  attribution: z
    .object({
      source: SpanSchema.optional(),
      cue: SpanSchema,
      content: z.array(SpanSchema),
    })
    .optional()
    .describe(
      'The attribution in the PolNeAR annotation convention: source phrase as written, cue, content with its quotation marks and "that", in fragments where the cue splits it',
    ),
  ...provenance,
});
export type Quote = z.infer<typeof QuoteSchema>;

const TextSpanSchema = z.object({ text: z.string(), span: SpanSchema });

export const AttributionKindSchema = z
  .enum(['statement', 'other'])
  .describe(
    'statement: one of the quotes (see quote); other: an attribution the product does not count as a statement (a belief, intention, agreement or act: "agreed to", "wants to", "declared")',
  );
export type AttributionKind = z.infer<typeof AttributionKindSchema>;

export const AttributionSchema = z.object({
  id: z.string(),
  kind: AttributionKindSchema,
  quote: z
    .string()
    .optional()
    .describe('For a statement: the id of the first quote that shows it (quotes sharing a cue share it)'),
  source: TextSpanSchema.optional().describe('The source phrase as written, where one is'),
  cue: TextSpanSchema,
  content: z
    .array(TextSpanSchema)
    .describe('The content with its quotation marks and "that", in fragments where the cue splits it'),
  speaker: SourceSchema.optional().describe('The source as the quote stage resolves it, where it can'),
  ...provenance,
});
/** An attribution relation in the PolNeAR annotation convention: every one the quote stage found. */
export type Attribution = z.infer<typeof AttributionSchema>;

export const PrecisionSchema = z.enum(['day', 'month', 'year']);
export type Precision = z.infer<typeof PrecisionSchema>;

export const DateValueSchema = z.object({
  iso: z.string().describe('YYYY-MM-DD, YYYY-MM or YYYY according to precision'),
  precision: PrecisionSchema,
  relation: z.enum(['on', 'since', 'before', 'after']).default('on'),
  text: z.string(),
  span: SpanSchema,
});
export type DateValue = z.infer<typeof DateValueSchema>;

export const CountSchema = z.object({
  value: z.number(),
  qualifier: z.enum(['exact', 'at-least', 'at-most', 'about', 'more-than', 'fewer-than']),
  text: z.string(),
  span: SpanSchema,
});
export type Count = z.infer<typeof CountSchema>;

/**
 * Roles of an event's argument spans (the participants of an attack as MUC-4 names them): who did it
 * (a person or a group), what was hit, who was hit, and with what. Found by the `events.roles` stage.
 */
export const ARGUMENT_ROLES = [
  'perpetrator-individual',
  'perpetrator-organization',
  'target',
  'victim',
  'instrument',
] as const;
export const ArgumentRoleSchema = z.enum(ARGUMENT_ROLES);
export type ArgumentRole = z.infer<typeof ArgumentRoleSchema>;

export const EventArgumentSchema = z.object({
  role: ArgumentRoleSchema,
  text: z.string(),
  span: SpanSchema,
  entity: z.string().optional().describe('Entity id, when the span is (part of) an entity mention'),
  ...provenance,
});
export type EventArgument = z.infer<typeof EventArgumentSchema>;

export const EventSchema = z.object({
  id: z.string(),
  type: PloverTypeSchema,
  mode: z.string().optional(),
  trigger: z.object({ text: z.string(), span: SpanSchema }),
  actors: z.array(z.string()).describe('Entity ids'),
  targets: z.array(z.string()).describe('Entity ids'),
  date: DateValueSchema.optional(),
  place: z.string().optional().describe('Place id'),
  counts: z.partialRecord(CountFieldSchema, CountSchema),
  attributes: z.array(z.enum(['planned', 'prevented', 'negated', 'alleged', 'historical', 'ongoing'])),
  reportedBy: SourceSchema,
  arguments: z
    .array(EventArgumentSchema)
    .optional()
    .describe('Argument spans by role (descriptions too, not only entities), from the events.roles stage'),
  ...provenance,
});
export type Event = z.infer<typeof EventSchema>;

export const PlaceKindSchema = z.enum(['country', 'region', 'city', 'other']);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;

export const PlaceSchema = z.object({
  id: z.string(),
  text: z.string(),
  span: SpanSchema,
  entity: z.string().optional(),
  lat: z.number(),
  lon: z.number(),
  country: z.string(),
  region: z.string().optional().describe('First-level region (state, province) the place lies in, by name'),
  kind: PlaceKindSchema,
  gazetteerId: z.string().optional(),
  metonymy: z.boolean().describe('The toponym stands for a government or institution, not the place'),
  ...provenance,
});
export type Place = z.infer<typeof PlaceSchema>;

export const MarkerKindSchema = z.enum(['legal-designation-footnote', 'loaded-language']);
export type MarkerKind = z.infer<typeof MarkerKindSchema>;

export const MarkerSchema = z.object({
  id: z.string(),
  kind: MarkerKindSchema,
  text: z.string(),
  span: SpanSchema,
  voice: z.enum(['outlet', 'quote']),
  refersTo: z.string().optional().describe('Entity id'),
  anchor: SpanSchema.optional().describe('The footnote mark in the body, for footnotes'),
  ...provenance,
});
export type Marker = z.infer<typeof MarkerSchema>;

export const ConflictSchema = z.object({
  id: z.string(),
  a: z.string().describe('Quote id'),
  b: z.string().describe('Quote id'),
  about: z.string(),
  reason: z.string(),
  confidence: z.number().min(0).max(1),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const DiagnosticSchema = z.object({
  stage: z.string(),
  level: z.enum(['info', 'warning']),
  message: z.string(),
  span: SpanSchema.optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const AnalysisSchema = z.object({
  schema: z.literal('parallax/analysis@1'),
  document: DocumentSchema,
  stages: z.array(z.string()).describe('name@version of every stage that ran, in order'),
  tokens: z.array(TokenSchema),
  sentences: z.array(SentenceSchema),
  mentions: z.array(MentionSchema),
  entities: z.array(EntitySchema),
  quotes: z.array(QuoteSchema),
  attributions: z
    .array(AttributionSchema)
    .describe('Every attribution the quote stage found, statements (quotes) and others'),
  events: z.array(EventSchema),
  places: z.array(PlaceSchema),
  markers: z.array(MarkerSchema),
  conflicts: z.array(ConflictSchema),
  diagnostics: z.array(DiagnosticSchema),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

/** The layers a stage may read or provide. */
export type Layer = Exclude<keyof Analysis, 'schema' | 'document' | 'stages' | 'diagnostics'>;
