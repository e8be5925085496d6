/**
 * MUC-4 answers produced by Parallax: the project's own pipeline (the same event stage that serves
 * articles, no MUC-only model) mapped onto the five MUC-4 roles, and a simple documented baseline that
 * uses the entity layer only. Both are scored by `muc4.ts`; see `README-muc4.md` for the write-up.
 *
 * Mapping of PLOVER events onto MUC-4 roles (`pipelineTemplate`):
 * - The answer is read from the `arguments` the `events.roles` stage (a tagger trained on MUC-4 train,
 *   part of the default article pipeline) attaches to ASSAULT and COERCE events, negated ones included
 *   (MUC-4 keys fill templates for reported and denied incidents alike): perpetrator-individual →
 *   PerpInd, perpetrator-organization → PerpOrg, target → Target, victim → Victim, instrument → Weapon
 *   (`ARGUMENT_TO_MUC4`).
 * - Per role, each distinct normalised string is one candidate, ranked by its summed confidence; a
 *   candidate that is a word-final part of one already answered, or the reverse, is the same filler.
 *   Each answer is one mention, so it need only be one of the gold entity's coreferent mentions.
 * - Options of `PipelineMapping`, off by default (they cost F1 on the tuning slice): the earlier rule
 *   mapping of entity actors and targets (PERSON actors → PerpInd, ORG/NORP actors → PerpOrg, PERSON
 *   targets → Victim, ORG/LOC targets → Target, for ASSAULT and COERCE seize) and the instrument nouns of
 *   `WEAPON_TERMS` in the sentence of an ASSAULT trigger.
 *
 * Baseline (`baselineTemplate`), documented and deliberately simple: every sentence holding a word of
 * `ATTACK_WORDS` is an attack sentence; in it every PERSON mention is a Victim, every ORG mention a
 * PerpOrg and every `WEAPON_TERMS` noun a Weapon; PerpInd and Target stay empty. Each entity of the
 * entity layer is answered once, with its first mention in an attack sentence.
 */
import type { Analysis, ArgumentRole, Entity, Event, Mention, Sentence } from '../model/schema.js';
import { emptyTemplate, normalizeMuc4, type Muc4Entity, type Muc4Role, type Muc4Template } from './muc4.js';

/** Generic instrument nouns (singular and plural), longest first so "car bomb" wins over "bomb". */
export const WEAPON_TERMS: readonly string[] = [
  'car bombs',
  'car bomb',
  'explosive devices',
  'explosive device',
  'incendiary bombs',
  'incendiary bomb',
  'molotov cocktails',
  'molotov cocktail',
  'machineguns',
  'machinegun',
  'machine guns',
  'machine gun',
  'submachineguns',
  'submachinegun',
  'submachine guns',
  'submachine gun',
  'hand grenades',
  'hand grenade',
  'grenades',
  'grenade',
  'dynamite',
  'explosives',
  'bombs',
  'bomb',
  'rifles',
  'rifle',
  'firearms',
  'firearm',
  'pistols',
  'pistol',
  'revolvers',
  'revolver',
  'mortars',
  'mortar',
  'rockets',
  'rocket',
  'missiles',
  'missile',
  'landmines',
  'landmine',
  'mines',
  'knives',
  'knife',
  'machetes',
  'machete',
  'guns',
  'gun',
].sort((a, b) => b.length - a.length);

/** Baseline attack words (lower case, whole words). */
export const ATTACK_WORDS: readonly string[] = [
  'attack',
  'attacks',
  'attacked',
  'bomb',
  'bombs',
  'bombing',
  'bombed',
  'exploded',
  'explosion',
  'killed',
  'murdered',
  'murder',
  'assassinated',
  'assassination',
  'shot',
  'kidnapped',
  'kidnapping',
  'ambush',
  'ambushed',
  'massacre',
  'burned',
  'dynamited',
];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WEAPON_RE = new RegExp(`\\b(?:${WEAPON_TERMS.map(escapeRe).join('|')})\\b`, 'gi');
const ATTACK_RE = new RegExp(`\\b(?:${ATTACK_WORDS.map(escapeRe).join('|')})\\b`, 'i');

/** Does the event name a terrorist-style incident (see the mapping above)? */
export function isViolent(event: Event): boolean {
  if (event.type === 'ASSAULT') return true;
  return event.type === 'COERCE' && event.mode === 'seize';
}

/** Collects answers per role, one entry per distinct normalised string. */
class TemplateBuilder {
  private readonly t = emptyTemplate();
  private readonly seen = new Map<Muc4Role, Set<string>>();

  add(role: Muc4Role, text: string): void {
    const norm = normalizeMuc4(text);
    if (norm === '') return;
    // "bomb" and "bombs" name one instrument: one answer per singular form (a second would cost precision)
    const key = role === 'Weapon' ? norm.replace(/s\b/g, '') : norm;
    let set = this.seen.get(role);
    if (!set) this.seen.set(role, (set = new Set()));
    if (set.has(key)) return;
    set.add(key);
    (this.t[role] as Muc4Entity[]).push([text]);
  }

  build(): Muc4Template {
    return this.t;
  }
}

function sentenceOf(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((s) => s.start <= offset && offset < s.end);
}

function addWeapons(b: TemplateBuilder, text: string): void {
  for (const m of text.matchAll(WEAPON_RE)) b.add('Weapon', m[0].toLowerCase());
}

/** The text an entity is answered with: its first mention in the document, else its name. */
function entityText(entity: Entity, mentions: ReadonlyMap<string, Mention>): string {
  let best: Mention | undefined;
  for (const id of entity.mentions) {
    const m = mentions.get(id);
    if (m && m.form !== 'pronoun' && (best === undefined || m.span.start < best.span.start)) best = m;
  }
  return best?.text ?? entity.name;
}

/** MUC-4 role of each argument role of the events.roles stage. */
export const ARGUMENT_TO_MUC4: Readonly<Record<ArgumentRole, Muc4Role>> = {
  'perpetrator-individual': 'PerpInd',
  'perpetrator-organization': 'PerpOrg',
  target: 'Target',
  victim: 'Victim',
  instrument: 'Weapon',
};

/** Choices of the mapping, compared on the last 10% of the train split (see README-muc4.md). */
export interface PipelineMapping {
  /** Also answer the entity actors and targets of the event stage (the mapping before the role tagger). */
  readonly entityArguments: boolean;
  /** Also answer the instrument nouns of WEAPON_TERMS in the sentence of an ASSAULT trigger. */
  readonly weaponTerms: boolean;
  /** Answer each entity of the entity layer once per role (arguments that overlap the same entity's mentions). */
  readonly entityDedup: boolean;
  /**
   * When two candidates of a role name the same filler: `final` when one is a word-final part of the
   * other ("guerrillas" / "urban guerrillas"), `contained` when one holds the other as whole words
   * anywhere ("diego montoya" / "diego montoya escobar").
   */
  readonly sameFiller: 'final' | 'contained';
  /** Two candidates written "A (B)" in the document are one filler ("eln (army of national liberation)"). */
  readonly parenthesisAliases: boolean;
}

export const DEFAULT_MAPPING: PipelineMapping = {
  entityArguments: false,
  weaponTerms: false,
  entityDedup: false,
  sameFiller: 'final',
  parenthesisAliases: true,
};

/**
 * Learned arguments of one document, best first: per role, each distinct string once, ranked by how often
 * and how confidently it was tagged; a string that is a shorter form of one already answered ("guerrillas"
 * beside "urban guerrillas") names the same filler and is not answered again.
 */
function addArguments(
  b: TemplateBuilder,
  events: readonly Event[],
  text: string,
  mapping: PipelineMapping = DEFAULT_MAPPING,
): void {
  const score = new Map<string, { role: Muc4Role; text: string; score: number; entity?: string }>();
  for (const event of events) {
    for (const arg of event.arguments ?? []) {
      const role = ARGUMENT_TO_MUC4[arg.role];
      const key = `${role}\u0000${normalizeMuc4(arg.text)}`;
      const hit = score.get(key);
      if (hit === undefined)
        score.set(key, {
          role,
          text: arg.text,
          score: arg.confidence,
          ...(arg.entity !== undefined ? { entity: arg.entity } : {}),
        });
      else hit.score += arg.confidence;
    }
  }
  const ranked = [...score.values()].sort((x, y) => y.score - x.score || x.text.localeCompare(y.text));
  const answered = new Map<Muc4Role, string[]>();
  const answeredRaw = new Map<Muc4Role, string[]>();
  const entities = new Set<string>();
  const lowerText = mapping.parenthesisAliases ? text.toLowerCase() : '';
  const same =
    mapping.sameFiller === 'contained'
      ? (x: string, y: string): boolean => ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `)
      : (x: string, y: string): boolean => x.endsWith(` ${y}`) || y.endsWith(` ${x}`);
  for (const a of ranked) {
    const norm = normalizeMuc4(a.text);
    const list = answered.get(a.role) ?? [];
    if (list.some((other) => same(other, norm))) continue;
    const raw = a.text.toLowerCase();
    const rawList = answeredRaw.get(a.role) ?? [];
    if (
      mapping.parenthesisAliases &&
      rawList.some((o) => lowerText.includes(`${o} (${raw})`) || lowerText.includes(`${raw} (${o})`))
    )
      continue;
    rawList.push(raw);
    answeredRaw.set(a.role, rawList);
    if (mapping.entityDedup && a.entity !== undefined) {
      const key = `${a.role}\u0000${a.entity}`;
      if (entities.has(key)) continue;
      entities.add(key);
    }
    list.push(norm);
    answered.set(a.role, list);
    b.add(a.role, a.text);
  }
}

/**
 * The pipeline's MUC-4 answer for one analysed document (mapping in the file comment).
 * @example pipelineTemplate(analyzeDocument(createDocument(text))).Victim
 */
export function pipelineTemplate(
  analysis: Analysis,
  mapping: PipelineMapping = DEFAULT_MAPPING,
): Muc4Template {
  const b = new TemplateBuilder();
  addArguments(b, analysis.events, analysis.document.text, mapping);
  if (!mapping.entityArguments && !mapping.weaponTerms) return b.build();
  const entities = new Map(analysis.entities.map((e) => [e.id, e]));
  const mentions = new Map(analysis.mentions.map((m) => [m.id, m]));
  const text = analysis.document.text;
  for (const event of analysis.events) {
    if (!isViolent(event)) continue;
    if (event.type === 'ASSAULT' && mapping.weaponTerms) {
      const s = sentenceOf(analysis.sentences, event.trigger.span.start);
      if (s) addWeapons(b, text.slice(s.start, s.end));
    }
    if (!mapping.entityArguments) continue;
    for (const id of event.actors) {
      const e = entities.get(id);
      if (!e) continue;
      if (e.type === 'PERSON') b.add('PerpInd', entityText(e, mentions));
      else if (e.type === 'ORG' || e.type === 'NORP') b.add('PerpOrg', entityText(e, mentions));
    }
    for (const id of event.targets) {
      const e = entities.get(id);
      if (!e) continue;
      if (e.type === 'PERSON') b.add('Victim', entityText(e, mentions));
      else if (e.type === 'ORG' || e.type === 'LOC') b.add('Target', entityText(e, mentions));
    }
  }
  return b.build();
}

/**
 * The baseline's MUC-4 answer (described in the file comment): entity mentions in attack sentences.
 * @example baselineTemplate(analyzeDocument(createDocument(text))).PerpOrg
 */
export function baselineTemplate(analysis: Analysis): Muc4Template {
  const b = new TemplateBuilder();
  const text = analysis.document.text;
  const answered = new Set<string>();
  for (const s of analysis.sentences) {
    const sentence = text.slice(s.start, s.end);
    if (!ATTACK_RE.test(sentence)) continue;
    for (const m of analysis.mentions) {
      if (m.span.start < s.start || m.span.end > s.end || m.form === 'pronoun') continue;
      // one answer per entity: its first mention in the sentence
      if (m.entity !== undefined) {
        if (answered.has(m.entity)) continue;
        answered.add(m.entity);
      }
      if (m.type === 'PERSON') b.add('Victim', m.text);
      else if (m.type === 'ORG') b.add('PerpOrg', m.text);
    }
    addWeapons(b, sentence);
  }
  return b.build();
}
