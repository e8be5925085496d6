/** Builds small, schema-valid Analysis fixtures by hand, locating every span by searching the text. */
import { emptyLayers } from '../../src/pipeline/pipeline.js';
import { createDocument, type DocumentMeta } from '../../src/model/document.js';
import {
  AnalysisSchema,
  type Analysis,
  type CountField,
  type Entity,
  type EntityType,
  type Event,
  type Marker,
  type MarkerKind,
  type Mention,
  type Place,
  type PlaceKind,
  type PloverType,
  type Precision,
  type Quote,
  type QuoteKind,
  type Source,
  type Span,
  type Stance,
} from '../../src/model/schema.js';

export const BUILDER_STAGE = 'test-builder@1';

export interface EntityInput {
  readonly aliases?: readonly string[];
  readonly country?: string;
  readonly knowledgeKey?: string;
}

export interface QuoteInput {
  /** An entity id, 'outlet', or `{ unresolved: 'a spokesperson' }`. */
  readonly speaker: string | { readonly unresolved: string };
  readonly cue: string;
  readonly content: string;
  readonly kind?: QuoteKind;
  readonly stance?: Stance;
  readonly about?: readonly string[];
}

export interface EventInput {
  readonly type: PloverType;
  readonly trigger: string;
  readonly actors?: readonly string[];
  readonly targets?: readonly string[];
  readonly date?: { readonly iso: string; readonly text: string; readonly precision?: Precision };
  readonly place?: string;
  readonly counts?: Partial<Record<CountField, number>>;
}

export interface PlaceInput {
  readonly text: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly kind?: PlaceKind;
  readonly entity?: string;
}

export interface MarkerInput {
  readonly kind: MarkerKind;
  readonly text: string;
  readonly voice?: 'outlet' | 'quote';
  readonly refersTo?: string;
}

/** Fluent builder; each method returns the builder, `build()` validates against AnalysisSchema. */
export class AnalysisBuilder {
  private readonly analysis: Analysis;

  constructor(rawText: string, meta: DocumentMeta = {}) {
    const document = createDocument(rawText, meta);
    this.analysis = {
      schema: 'parallax/analysis@1',
      document,
      stages: [BUILDER_STAGE],
      ...emptyLayers(),
      diagnostics: [],
    };
  }

  get text(): string {
    return this.analysis.document.text;
  }

  /** Adds an entity with one mention for each of its name and aliases that occurs in the text. */
  entity(id: string, type: EntityType, name: string, input: EntityInput = {}): this {
    const aliases = [...new Set([name, ...(input.aliases ?? [])])];
    const mentionIds: string[] = [];
    for (const surface of aliases) {
      const start = this.text.indexOf(surface);
      if (start < 0) continue;
      const mention: Mention = {
        id: `m${this.analysis.mentions.length + 1}`,
        span: { start, end: start + surface.length },
        text: surface,
        type,
        form: surface === name ? 'name' : 'alias',
        entity: id,
        evidence: { start, end: start + surface.length },
        stage: BUILDER_STAGE,
        confidence: 0.9,
      };
      this.analysis.mentions.push(mention);
      mentionIds.push(mention.id);
    }
    if (mentionIds.length === 0)
      throw new Error(`fixture: neither "${name}" nor its aliases occur in the text`);
    const entity: Entity = {
      id,
      type,
      name,
      aliases,
      mentions: mentionIds,
      roles: [],
      confidence: 0.9,
      ...(input.country !== undefined && { country: input.country }),
      ...(input.knowledgeKey !== undefined && { knowledgeKey: input.knowledgeKey }),
    };
    this.analysis.entities.push(entity);
    return this;
  }

  quote(id: string, input: QuoteInput): this {
    const speaker: Source =
      typeof input.speaker !== 'string'
        ? { kind: 'unresolved', text: input.speaker.unresolved, span: this.span(input.speaker.unresolved) }
        : input.speaker === 'outlet'
          ? { kind: 'outlet' }
          : { kind: 'entity', entity: input.speaker };
    const cue = this.span(input.cue);
    const content = this.span(input.content);
    const quote: Quote = {
      id,
      speaker,
      cue: { text: input.cue, span: cue },
      content: { text: input.content, span: content },
      kind: input.kind ?? 'indirect',
      stance: input.stance ?? 'assert',
      about: [...(input.about ?? [])],
      evidence: this.sentenceAround(content),
      stage: BUILDER_STAGE,
      confidence: 0.8,
    };
    this.analysis.quotes.push(quote);
    return this;
  }

  event(id: string, input: EventInput): this {
    const trigger = this.span(input.trigger);
    const counts: Event['counts'] = {};
    for (const [field, value] of Object.entries(input.counts ?? {}) as [CountField, number][]) {
      counts[field] = { value, qualifier: 'exact', text: String(value), span: trigger };
    }
    const event: Event = {
      id,
      type: input.type,
      trigger: { text: input.trigger, span: trigger },
      actors: [...(input.actors ?? [])],
      targets: [...(input.targets ?? [])],
      counts,
      attributes: [],
      reportedBy: { kind: 'outlet' },
      evidence: this.sentenceAround(trigger),
      stage: BUILDER_STAGE,
      confidence: 0.7,
      ...(input.date !== undefined && {
        date: {
          iso: input.date.iso,
          precision: input.date.precision ?? 'day',
          relation: 'on' as const,
          text: input.date.text,
          span: this.span(input.date.text),
        },
      }),
      ...(input.place !== undefined && { place: input.place }),
    };
    this.analysis.events.push(event);
    return this;
  }

  place(id: string, input: PlaceInput): this {
    const span = this.span(input.text);
    const place: Place = {
      id,
      text: input.text,
      span,
      lat: input.lat,
      lon: input.lon,
      country: input.country,
      kind: input.kind ?? 'city',
      metonymy: false,
      evidence: span,
      stage: BUILDER_STAGE,
      confidence: 0.9,
      ...(input.entity !== undefined && { entity: input.entity }),
    };
    this.analysis.places.push(place);
    return this;
  }

  marker(id: string, input: MarkerInput): this {
    const span = this.span(input.text);
    const marker: Marker = {
      id,
      kind: input.kind,
      text: input.text,
      span,
      voice: input.voice ?? 'outlet',
      evidence: span,
      stage: BUILDER_STAGE,
      confidence: 0.6,
      ...(input.refersTo !== undefined && { refersTo: input.refersTo }),
    };
    this.analysis.markers.push(marker);
    return this;
  }

  /** A deep copy, validated: a fixture that does not match the schema is a bug in the test. */
  build(): Analysis {
    return AnalysisSchema.parse(structuredClone(this.analysis));
  }

  /** Like build(), without validation: for tests that need an analysis the schema would reject. */
  buildUnchecked(): Analysis {
    return structuredClone(this.analysis);
  }

  private span(needle: string): Span {
    const start = this.text.indexOf(needle);
    if (start < 0) throw new Error(`fixture: "${needle}" does not occur in the text`);
    return { start, end: start + needle.length };
  }

  /** The sentence holding a span, found by terminal punctuation: good enough for hand-written text. */
  private sentenceAround(span: Span): Span {
    const before = this.text.slice(0, span.start);
    const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1;
    const stop = this.text.indexOf('.', span.end);
    const end = stop < 0 ? this.text.length : stop + 1;
    return {
      start: start + (this.text.slice(start).length - this.text.slice(start).trimStart().length),
      end,
    };
  }
}

export function analysisOf(text: string, meta: DocumentMeta = {}): AnalysisBuilder {
  return new AnalysisBuilder(text, meta);
}
