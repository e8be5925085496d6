/**
 * The `events.roles` stage: a trained tagger (`tagger.ts`, model `models/roles-en.bin`, trained by
 * `npm run train:roles` on MUC-4's train split) marks perpetrators, targets, victims and instruments in
 * the clauses of violent events (ASSAULT, COERCE) and attaches them to the event whose trigger is
 * nearest, as `arguments`. Descriptions count, not only names ("urban guerrillas", "a bus"): that is
 * what the entity layer cannot give. Other events, and documents with none, pass through unchanged.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTagger } from '../../ner/index.js';
import type { Event, EventArgument, Mention, Token } from '../../model/schema.js';
import type { Stage } from '../../pipeline/stage.js';
import { ROLES } from './labels.js';
import { readRoleModel } from './model.js';
import { RoleTagger, tagInputOf, type TagInput, type TaggedArgument } from './tagger.js';

export const STAGE = 'events.roles';
export const VERSION = 1;
const REF = `${STAGE}@${VERSION}`;

/** `src/stages/roles/` and `dist/stages/roles/` both sit three levels below the package root. */
export const DEFAULT_ROLE_MODEL_PATH = fileURLToPath(
  new URL('../../../models/roles-en.bin', import.meta.url),
);

const loaded = new Map<string, RoleTagger>();

/** Loads the role tagger (memoized per path), beside the entity recognizer whose word features it reads. */
export function loadRoleTagger(path: string = DEFAULT_ROLE_MODEL_PATH): RoleTagger {
  const hit = loaded.get(path);
  if (hit !== undefined) return hit;
  const model = readRoleModel(path);
  const tagger = new RoleTagger(model.weights, loadTagger().extractor, model.header.hashBits);
  tagger.roleBias = model.header.roleBias;
  tagger.minConfidence = model.header.minConfidence;
  loaded.set(path, tagger);
  return tagger;
}

/** The entity mention that overlaps the span most (names and descriptions, not pronouns). */
function mentionOver(mentions: readonly Mention[], start: number, end: number): Mention | undefined {
  let best: Mention | undefined;
  let bestOverlap = 0;
  for (const m of mentions) {
    if (m.span.end <= start || m.span.start >= end || m.entity === undefined) continue;
    const overlap = Math.min(end, m.span.end) - Math.max(start, m.span.start);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = m;
    }
  }
  return best;
}

/** Events with the tagged arguments attached (new objects; the input is not changed). */
export function attachArguments(input: TagInput, tagged: readonly TaggedArgument[]): Event[] {
  if (tagged.length === 0) return [...input.events];
  const byEvent = new Map<number, EventArgument[]>();
  // mentions sorted by start, so that only those near a span are looked at
  const mentions = [...input.mentions].sort((a, b) => a.span.start - b.span.start);
  const starts = mentions.map((m) => m.span.start);
  for (const t of tagged) {
    const first = input.tokens[t.start] as Token;
    const last = input.tokens[t.end - 1] as Token;
    const from = Math.max(0, lowerBound(starts, first.start - 200));
    let to = from;
    while (to < mentions.length && (mentions[to] as Mention).span.start < last.end) to++;
    const m = mentionOver(mentions.slice(from, to), first.start, last.end);
    const arg: EventArgument = {
      role: ROLES[t.role] as EventArgument['role'],
      text: input.text.slice(first.start, last.end),
      span: { start: first.start, end: last.end },
      ...(m?.entity !== undefined ? { entity: m.entity } : {}),
      evidence: { start: first.start, end: last.end },
      stage: REF,
      confidence: Math.round(t.confidence * 1000) / 1000,
    };
    let list = byEvent.get(t.event);
    if (list === undefined) byEvent.set(t.event, (list = []));
    list.push(arg);
  }
  return input.events.map((e, i) => {
    const args = byEvent.get(i);
    return args === undefined ? e : { ...e, arguments: args };
  });
}

function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const rolesStage: Stage = {
  name: STAGE,
  version: VERSION,
  requires: ['tokens', 'sentences', 'mentions', 'events'],
  provides: ['events'],
  run: (input, ctx) => {
    if (!input.events.some((e) => e.type === 'ASSAULT' || e.type === 'COERCE'))
      return { events: input.events };
    if (!loaded.has(DEFAULT_ROLE_MODEL_PATH) && !existsSync(DEFAULT_ROLE_MODEL_PATH)) {
      ctx.diagnostics.push({
        stage: REF,
        level: 'warning',
        message: 'no role model; run npm run train:roles',
      });
      return { events: input.events };
    }
    const tagInput = tagInputOf(input);
    return { events: attachArguments(tagInput, loadRoleTagger().tag(tagInput)) };
  },
};
