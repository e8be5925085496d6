/**
 * In-document alias and coreference resolution: groups mentions into entities through knowledge
 * links (Daesh = ISIS), country names, demonyms and capital metonymy (Washington = the US
 * government), surnames of full names, roles ("the parliamentary speaker" after "Parliamentary
 * Speaker X"), appositive descriptions ("his counterpart, X,") and parenthetical aliases ("X (Y)").
 */
import type { Knowledge } from '../../knowledge/knowledge.js';
import { datelineAround } from '../../text/dateline.js';
import type { Entity, EntityType, Mention, Role, Token } from '../../model/schema.js';

export const STAGE = 'coref.rules';
export const VERSION = 1;
const REF = `${STAGE}@${VERSION}`;

const DETERMINERS = new Set(['the', 'his', 'her', 'their', 'its', 'a', 'an', 'our']);

interface Cluster {
  id: string;
  type: EntityType;
  key: string;
  names: string[];
  mentions: Mention[];
  roles: Role[];
  country?: string;
  knowledgeKey?: string;
  confidence: number;
}

export interface ResolveInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly mentions: readonly Mention[];
}

export function resolve(
  input: ResolveInput,
  knowledge: Knowledge,
): { mentions: Mention[]; entities: Entity[] } {
  const { text, tokens } = input;
  // "of" is not locative here on purpose: "the support of Washington" is the government, not the city.
  const locative = knowledge.lexicon('locative-prepositions');
  const clusters = new Map<string, Cluster>();
  const order: Cluster[] = [];
  const tokenIndexAt = new Map<number, number>();
  tokens.forEach((t, i) => tokenIndexAt.set(t.start, i));
  const wordBefore = (offset: number): string => {
    const m = /(\S+)\s*$/.exec(text.slice(Math.max(0, offset - 40), offset));
    return m ? m[1]!.toLowerCase() : '';
  };

  const cluster = (key: string, type: EntityType, init: Partial<Cluster> = {}): Cluster => {
    let c = clusters.get(key);
    if (!c) {
      c = {
        id: `e${order.length + 1}`,
        type,
        key,
        names: [],
        mentions: [],
        roles: [],
        confidence: 0,
        ...init,
      };
      clusters.set(key, c);
      order.push(c);
    }
    return c;
  };
  const attach = (c: Cluster, m: Mention): Mention => {
    const linked: Mention = { ...m, entity: c.id };
    c.mentions.push(linked);
    c.confidence = Math.max(c.confidence, m.confidence);
    if (m.role !== undefined) c.roles.push({ title: m.role, span: roleSpan(m) });
    return linked;
  };
  const roleSpan = (m: Mention): Role['span'] => {
    const idx = text.lastIndexOf(m.role!, m.span.start);
    return idx >= 0 ? { start: idx, end: idx + m.role!.length } : m.span;
  };

  const out: Mention[] = [];
  const persons: Cluster[] = [];
  // One name keeps one type in a document: the type of its most confident mention ("rights group X"
  // early on makes a later "X said" an organization too).
  const bestType = new Map<string, { type: EntityType; confidence: number }>();
  for (const m of input.mentions) {
    if (m.link !== undefined || m.form !== 'name') continue;
    const k = m.text.toLowerCase();
    const b = bestType.get(k);
    if (!b || m.confidence > b.confidence) bestType.set(k, { type: m.type, confidence: m.confidence });
  }
  const sorted = [...input.mentions]
    .map((m) => {
      const b = m.link === undefined && m.form === 'name' ? bestType.get(m.text.toLowerCase()) : undefined;
      return b && b.type !== m.type ? { ...m, type: b.type } : m;
    })
    .sort((a, b) => a.span.start - b.span.start);

  // Multi-word person names first, so lone surnames anywhere in the text can find them. The first
  // full name (in text order) that contains a word owns it.
  const personByWord = new Map<string, Cluster>();
  for (const m of sorted) {
    if (m.type === 'PERSON' && m.text.includes(' ') && !m.link) {
      const key = `person:${m.text.toLowerCase()}`;
      if (!clusters.has(key)) {
        const c = cluster(key, 'PERSON', { names: [m.text] });
        persons.push(c);
        for (const w of m.text.toLowerCase().split(/\s+/)) if (!personByWord.has(w)) personByWord.set(w, c);
      }
    }
  }
  // The index of the next personal name after each mention (for "the foreign minister, Ana Roe,").
  const nextPersonName = new Int32Array(sorted.length).fill(-1);
  for (let k = sorted.length - 1, next = -1; k >= 0; k--) {
    nextPersonName[k] = next;
    const x = sorted[k]!;
    if (x.type === 'PERSON' && x.form === 'name') next = k;
  }

  for (const [index, m] of sorted.entries()) {
    const link = m.link;
    if (link?.startsWith('org:')) {
      const org = knowledge.orgByKey(link.slice(4));
      const init: Partial<Cluster> = { names: [org?.name ?? m.text], knowledgeKey: link.slice(4) };
      if (org?.country) init.country = org.country;
      out.push(attach(cluster(link, org?.type ?? m.type, init), m));
      continue;
    }
    if (link?.startsWith('country:')) {
      const code = link.slice(8);
      const country = knowledge.countryByCode(code);
      const c = cluster(`country:${code}`, 'GPE', {
        names: [country?.name ?? m.text],
        country: code,
        knowledgeKey: `country:${code}`,
      });
      out.push(attach(c, m));
      continue;
    }
    if (link?.startsWith('capital:')) {
      const code = link.slice(8);
      // A seat of government after a locative preposition is the city; elsewhere it stands for the state.
      if (locative.has(wordBefore(m.span.start)) || datelineAround(text, m.span.start) !== undefined) {
        out.push(
          attach(cluster(`city:${m.text.toLowerCase()}`, 'GPE', { names: [m.text], country: code }), {
            ...m,
            link: `city-of:${code}`,
          }),
        );
      } else {
        const country = knowledge.countryByCode(code);
        const c = cluster(`country:${code}`, 'GPE', {
          names: [country?.name ?? m.text],
          country: code,
          knowledgeKey: `country:${code}`,
        });
        out.push(attach(c, { ...m, form: 'alias' }));
      }
      continue;
    }
    if (link?.startsWith('city:')) {
      const city = knowledge.cities(m.text)[0];
      const init: Partial<Cluster> = { names: [m.text] };
      if (city) init.country = city.country;
      out.push(attach(cluster(`city:${m.text.toLowerCase()}`, 'GPE', init), m));
      continue;
    }
    if (link?.startsWith('office:')) {
      // "the country's foreign minister, Ana Roe," names the office holder right after the comma.
      let at = nextPersonName[index]!;
      while (at >= 0 && sorted[at]!.span.start <= m.span.end) at = nextPersonName[at]!;
      const next = at >= 0 ? sorted[at] : undefined;
      const holder =
        next && /^,\s*$/.test(text.slice(m.span.end, next.span.start))
          ? clusters.get(`person:${next.text.toLowerCase()}`)
          : undefined;
      if (holder) {
        out.push(attach(holder, { ...m, form: 'description' }));
        continue;
      }
    }
    if (link?.startsWith('media:') || link?.startsWith('office:')) {
      const c = cluster(link, m.type, { names: [m.text] });
      if (m.text.length > c.names[0]!.length) c.names[0] = m.text;
      out.push(attach(c, m));
      continue;
    }
    // A lone word that is part of a full personal name in the document is that person, whatever
    // type it was guessed ("the X memorial" in a headline).
    if (!m.text.includes(' ') && m.link === undefined && m.form === 'name' && m.type !== 'PERSON') {
      const w = m.text.toLowerCase();
      const full = personByWord.get(w);
      if (full) {
        out.push(attach(full, { ...m, type: 'PERSON' }));
        continue;
      }
    }
    if (m.type === 'PERSON') {
      const words = m.text.split(/\s+/);
      if (words.length === 1) {
        // A lone name is the surname (or given name) of a full name in the document.
        const w = m.text.toLowerCase();
        const full = personByWord.get(w);
        if (full) {
          out.push(attach(full, m));
          continue;
        }
        if (m.confidence < 0.5) continue; // unexplained lone capitalized word: not an entity
      }
      const c = cluster(`person:${m.text.toLowerCase()}`, 'PERSON', { names: [m.text] });
      out.push(attach(c, m));
      continue;
    }
    const init: Partial<Cluster> = { names: [m.text] };
    // "Ukrainian General Staff", "Peru's Interior Ministry": the organization belongs to that country.
    if (m.type === 'ORG') {
      const first = m.text.split(/\s+/)[0]!.replace(/['’]s$/, '');
      const code = knowledge.countryByDemonym(first)?.code ?? knowledge.countryByName(first)?.code;
      if (code !== undefined) init.country = code;
    }
    const c = cluster(`${m.type}:${m.text.toLowerCase()}`, m.type, init);
    out.push(attach(c, m));
  }

  // Person titles with the name: "General Doe", "Grand Vizier Jan Doe" are mentions too.
  const titleWords = knowledge.lexicon('titles');
  const roleModifiers = knowledge.lexicon('role-modifiers');
  for (const p of order.filter((c) => c.type === 'PERSON')) {
    for (const m of [...p.mentions]) {
      if (m.form !== 'name') continue;
      const idx = tokenIndexAt.get(m.span.start);
      if (idx === undefined || idx === 0) continue;
      let k = idx;
      let sawTitle = false;
      while (k > 0) {
        const w = text.slice(tokens[k - 1]!.start, tokens[k - 1]!.end);
        if (!/^\p{Lu}/u.test(w)) break;
        const lw = w.toLowerCase();
        if (titleWords.has(lw)) sawTitle = true;
        else if (!(sawTitle && roleModifiers.has(lw))) break;
        k--;
      }
      if (sawTitle) {
        const span = { start: tokens[k]!.start, end: m.span.end };
        p.mentions.push(descriptionMention(`${m.id}t`, span, text, p, 'title', 0.7));
      }
    }
  }

  // "the parliamentary speaker": a definite description that repeats the role of a named person.
  const titles = knowledge.lexicon('titles');
  // Lower-casing keeps offsets only when no character changes length; otherwise skip this pass.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length;
  for (const p of order.filter((c) => sameLength && c.type === 'PERSON' && c.roles.length > 0)) {
    for (const role of p.roles) {
      const roleWords = role.title.split(/\s+/).filter((w) => !/^\p{Lu}{2,}$/u.test(w));
      // The tail of the role, from its first lower-case-able word: "Iranian Parliamentary Speaker" → "parliamentary speaker".
      for (let k = 0; k < roleWords.length; k++) {
        const tail = roleWords.slice(k).join(' ');
        if (!titles.has(roleWords[roleWords.length - 1]!.toLowerCase())) break;
        const re = new RegExp(`\\bthe ${escapeRe(tail.toLowerCase())}\\b`, 'gu');
        let hit = false;
        for (const mm of lowerText.matchAll(re)) {
          if (mm.index < role.span.end) continue;
          // "the speaker John Doe" titles someone else.
          if (/^\s+\p{Lu}/u.test(text.slice(mm.index + mm[0].length, mm.index + mm[0].length + 3))) continue;
          const span = { start: mm.index, end: mm.index + mm[0].length };
          if (!overlapsAny(span, out)) {
            p.mentions.push(descriptionMention(`d${mm.index}`, span, text, p, 'title', 0.6));
            hit = true;
          }
        }
        if (hit || k >= 1) break;
      }
    }
  }

  // Appositive descriptions: "his Chilean counterpart, Ana Roe," → the description is a mention.
  for (const p of order.filter((c) => c.type === 'PERSON')) {
    const m = p.mentions[0];
    if (!m) continue;
    const before = text.slice(Math.max(0, m.span.start - 60), m.span.start);
    const ap = /(?:^|[\s(])((?:the|his|her|their|its|a|an)\s+(?:[\p{L}-]+\s+){0,3}?([\p{L}-]+)),\s*$/iu.exec(
      before,
    );
    if (ap && titles.has(ap[2]!.toLowerCase()) && DETERMINERS.has(ap[1]!.split(/\s+/)[0]!.toLowerCase())) {
      const start = m.span.start - before.length + ap.index + (ap[0].length - ap[0].trimStart().length);
      const desc = ap[1]!;
      const span = { start, end: start + desc.length };
      if (text.slice(span.start, span.end) === desc && !overlapsAny(span, out)) {
        p.mentions.push(descriptionMention(`a${start}`, span, text, p, 'description', 0.5));
      }
    }
  }

  // Parenthetical aliases: "Islamic Revolutionary Guard Corps (IRGC)" names one organization.
  mergeParenthetical(order, text, clusters);

  const entities: Entity[] = [];
  const mentions: Mention[] = [];
  for (const c of order) {
    if (c.mentions.length === 0) continue;
    const aliases = [...new Set(c.mentions.map((m) => m.text))];
    const name =
      c.type === 'PERSON'
        ? (longest(c.mentions.filter((m) => m.form === 'name').map((m) => m.text)) ?? c.names[0]!)
        : c.names[0]!;
    const e: Entity = {
      id: c.id,
      type: c.type,
      name,
      aliases,
      mentions: c.mentions.map((m) => m.id),
      roles: dedupeRoles(c.roles),
      confidence: c.confidence,
    };
    if (c.country !== undefined) e.country = c.country;
    if (c.knowledgeKey !== undefined) e.knowledgeKey = c.knowledgeKey;
    entities.push(e);
    for (const m of c.mentions) mentions.push(m);
  }
  mentions.sort((a, b) => a.span.start - b.span.start);
  return { mentions, entities };
}

function descriptionMention(
  id: string,
  span: { start: number; end: number },
  text: string,
  c: Cluster,
  form: Mention['form'],
  confidence: number,
): Mention {
  return {
    id,
    span,
    text: text.slice(span.start, span.end),
    type: c.type,
    form,
    entity: c.id,
    evidence: span,
    stage: REF,
    confidence,
  };
}

function mergeParenthetical(order: Cluster[], text: string, clusters: Map<string, Cluster>): void {
  const byMention = new Map<number, Cluster>();
  for (const c of order) for (const m of c.mentions) byMention.set(m.span.start, c);
  for (const c of [...order]) {
    for (const m of c.mentions) {
      const after = /^\s*\(\s*/.exec(text.slice(m.span.end, m.span.end + 4));
      if (!after) continue;
      const other = byMention.get(m.span.end + after[0].length);
      if (!other || other === c || other.type !== c.type || other.mentions.length === 0) continue;
      if (other.knowledgeKey !== undefined && c.knowledgeKey !== undefined) continue;
      for (const om of other.mentions) c.mentions.push({ ...om, entity: c.id });
      c.roles.push(...other.roles);
      other.mentions = [];
      clusters.delete(other.key);
    }
  }
}

/**
 * Demonyms may sit inside a description ("his Chilean counterpart"); other mentions may not.
 * `mentions` is in text order, so a binary search finds the only candidates.
 */
function overlapsAny(span: { start: number; end: number }, mentions: readonly Mention[]): boolean {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.span.start < span.end) lo = mid + 1;
    else hi = mid;
  }
  // Mentions starting before span.end; mentions are short, so look back a few for one that reaches in.
  for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) {
    const m = mentions[k]!;
    if (m.form !== 'demonym' && span.start < m.span.end) return true;
  }
  return false;
}

function longest(xs: readonly string[]): string | undefined {
  return xs.reduce<string | undefined>(
    (best, x) => (best === undefined || x.length > best.length ? x : best),
    undefined,
  );
}

function dedupeRoles(roles: readonly Role[]): Role[] {
  const seen = new Set<string>();
  return roles.filter((r) => (seen.has(r.title) ? false : (seen.add(r.title), true)));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
