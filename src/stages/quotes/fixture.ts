/** Hand-built stage inputs for unit tests: tokens and sentences from the real splitters, mentions by search. */
import { createDocument } from '../../model/document.js';
import type { Entity, EntityType, Mention, MentionForm } from '../../model/schema.js';
import { emptyLayers } from '../../pipeline/pipeline.js';
import type { StageInput } from '../../pipeline/stage.js';
import { segment } from '../../text/segment.js';
import { tokenize } from '../../text/tokenize.js';

/** A mention to place: the n-th occurrence (default first) of `text`, linked to entity `entity`. */
export interface MentionSpec {
  readonly text: string;
  readonly entity: string;
  readonly type: EntityType;
  readonly form?: MentionForm;
  readonly occurrence?: number;
  readonly link?: string;
}

export function buildInput(raw: string, specs: readonly MentionSpec[] = []): StageInput {
  const document = createDocument(raw);
  const text = document.text;
  const tokens = tokenize(text);
  const sentences = segment(text, tokens);
  const mentions: Mention[] = [];
  const entities = new Map<string, Entity>();
  specs.forEach((s, n) => {
    let at = -1;
    for (let k = 0; k <= (s.occurrence ?? 0); k++) at = text.indexOf(s.text, at + 1);
    if (at < 0) throw new Error(`fixture: '${s.text}' not in text`);
    const span = { start: at, end: at + s.text.length };
    const m: Mention = {
      id: `m${n + 1}`,
      span,
      text: s.text,
      type: s.type,
      form: s.form ?? 'name',
      entity: s.entity,
      evidence: span,
      stage: 'fixture@1',
      confidence: 1,
    };
    if (s.link !== undefined) m.link = s.link;
    mentions.push(m);
    const e = entities.get(s.entity) ?? {
      id: s.entity,
      type: s.type,
      name: s.text,
      aliases: [],
      mentions: [],
      roles: [],
      confidence: 1,
    };
    e.aliases.push(s.text);
    e.mentions.push(m.id);
    if (s.link?.startsWith('country:')) e.knowledgeKey = s.link;
    entities.set(s.entity, e);
  });
  mentions.sort((a, b) => a.span.start - b.span.start);
  return { ...emptyLayers(), document, tokens, sentences, mentions, entities: [...entities.values()] };
}
