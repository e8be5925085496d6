/**
 * Entity recognizer: knowledge matches (organizations, countries, demonyms, capitals, cities) first,
 * then capitalized-name chunks classified by their head word or a preceding title, and otherwise by
 * the trained tagger's reading (`src/ner/`), which also contributes names only it sees. The output
 * contract (mentions with spans, types, knowledge links and roles) is the same with or without it.
 */
import { foldKey } from '../../knowledge/fold.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { EntityType, Mention, MentionForm, Sentence, Token } from '../../model/schema.js';

export const STAGE = 'entities.tagged';
export const VERSION = 2;
const REF = `${STAGE}@${VERSION}`;

interface Found {
  start: number; // token index
  end: number; // token index, exclusive
  type: EntityType;
  form: MentionForm;
  link?: string;
  role?: string;
  confidence: number;
  /** Character range when the mention is only part of a token ("US" in "US-backed"). */
  chars?: { start: number; end: number };
}

const NAME_PARTICLES = new Set([
  'al',
  'bin',
  'ibn',
  'bint',
  'abu',
  'de',
  'da',
  'del',
  'della',
  'van',
  'von',
  'der',
  'le',
  'la',
  'el',
  'du',
  'dos',
  'das',
]);
const MAX_KNOWLEDGE_TOKENS = 8;
const POLITICAL_HEADS = new Set([
  'province',
  'region',
  'district',
  'county',
  'state',
  'city',
  'town',
  'village',
  'governorate',
  'oblast',
  'prefecture',
  'municipality',
]);
const LOWER_LOC_HEADS = new Set([
  ...POLITICAL_HEADS,
  'camp',
  'sector',
  'valley',
  'river',
  'mountains',
  'desert',
  'border',
]);
const LOWER_ORG_HEADS = new Set([
  'service',
  'agency',
  'company',
  'group',
  'network',
  'movement',
  'party',
  'committee',
  'council',
  'foundation',
  'militia',
  'brigade',
  'brigades',
]);

const indexes = new WeakMap<
  Knowledge,
  { epithets: Map<string, string>; starts: ReadonlySet<string> | undefined }
>();

/** Per knowledge base, once: the epithet table and the first words any knowledge name can start with. */
function knowledgeIndex(knowledge: Knowledge): {
  epithets: Map<string, string>;
  starts: ReadonlySet<string> | undefined;
} {
  let index = indexes.get(knowledge);
  if (!index) {
    // "zionist regime=il": loaded or informal names that stand for a country.
    const epithets = new Map<string, string>();
    for (const line of knowledge.lexicon('country-epithets')) {
      const [name, code] = line.split('=');
      if (name && code) epithets.set(name.trim(), code.trim().toUpperCase());
    }
    let starts: Set<string> | undefined;
    if (knowledge.nameStarts !== undefined) {
      starts = new Set(knowledge.nameStarts);
      for (const name of epithets.keys()) starts.add(foldKey(name).split(' ')[0]!);
    }
    index = { epithets, starts };
    indexes.set(knowledge, index);
  }
  return index;
}

// Words repeat across documents: fold each distinct one once (bounded, so memory stays flat).
const foldedFirst = new Map<string, string>();
function firstFolded(word: string): string {
  let f = foldedFirst.get(word);
  if (f === undefined) {
    if (foldedFirst.size > 100_000) foldedFirst.clear();
    f = foldKey(word).split(' ')[0]!;
    foldedFirst.set(word, f);
  }
  return f;
}

function politicalHead(word: string): boolean {
  return POLITICAL_HEADS.has(word);
}
// Measured on CoNLL-2003 dev: taking unexplained multi-word names as people scores far better
// (PER/ORG/LOC F1 0.69) than taking them as organizations (0.59); most such names are people.
const UNKNOWN_MULTIWORD: EntityType = 'PERSON';

function isCapitalized(s: string): boolean {
  return /^\p{Lu}/u.test(s) || /^(?:al|el|ad|as|ash|az)-\p{Lu}/u.test(s);
}

function isAllCapsAcronym(s: string): boolean {
  return /^\p{Lu}[\p{Lu}\d&-]{1,7}$/u.test(s) && !/^\p{Lu}-/u.test(s);
}

export interface RecognizeInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
}

/** What the trained tagger says about a token range: a type, or 'O' when it sees no name there. */
export type NameVerdict = 'PER' | 'ORG' | 'LOC' | 'MISC' | 'O';

/** Names found by a statistical tagger, as token ranges of the whole document. */
export interface TaggedName {
  readonly type: Exclude<NameVerdict, 'O'>;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

export function recognize(
  input: RecognizeInput,
  knowledge: Knowledge,
  tagged?: readonly TaggedName[],
): Mention[] {
  const { text, tokens, sentences } = input;
  const tok = (i: number): string => {
    const t = tokens[i];
    return t ? text.slice(t.start, t.end) : '';
  };
  const spanText = (a: number, b: number): string => text.slice(tokens[a]!.start, tokens[b - 1]!.end);
  const titles = knowledge.lexicon('titles');
  const roleMods = knowledge.lexicon('role-modifiers');
  const orgHeads = knowledge.lexicon('org-heads');
  const locHeads = knowledge.lexicon('loc-heads');
  const common = knowledge.lexicon('common-capitalized');
  const speechVerbs = knowledge.lexicon('speech-verbs');
  // Town names are also taken after "of" ("the fall of X"); coreference is stricter about metonymy.
  const locative = knowledge.lexicon('locative-prepositions');
  const isLocative = (word: string): boolean => word === 'of' || locative.has(word);
  const functionWords = knowledge.lexicon('function-words');
  const givenNames = knowledge.lexicon('given-names');
  const notEntities = knowledge.lexicon('not-entities');
  const orgDescriptors = knowledge.lexicon('org-descriptors');
  const { epithets, starts } = knowledgeIndex(knowledge);

  // Words seen in lower case anywhere in the document: a sentence-initial "Security" is then no name.
  const lowerSeen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const s = tok(i);
    if (/^\p{Ll}/u.test(s)) lowerSeen.add(s);
  }

  // The tagger's names by token: it decides the type of names the rules have no firm sign for.
  const taggedAt: (TaggedName | undefined)[] = tagged ? new Array<TaggedName | undefined>(tokens.length) : [];
  for (const t of tagged ?? []) for (let k = t.start; k < t.end; k++) taggedAt[k] = t;
  const verdict = (a: number, b: number): NameVerdict | undefined => {
    if (!tagged) return undefined;
    const votes = new Map<NameVerdict, number>();
    for (let k = a; k < b; k++) {
      const v: NameVerdict = taggedAt[k]?.type ?? 'O';
      votes.set(v, (votes.get(v) ?? 0) + 1);
    }
    let best: NameVerdict = 'O';
    let most = 0;
    for (const [v, n] of votes) if (n > most || (n === most && v !== 'O')) [best, most] = [v, n];
    return best;
  };

  const sentenceOfToken = new Int32Array(tokens.length).fill(-1);
  sentences.forEach((x, k) => sentenceOfToken.fill(k, x.tokenStart, x.tokenEnd));
  // Per sentence: 'normal' text, or a line in one case (ALL CAPS or all lower) where capitals carry no signal.
  const sentenceMode = new Map<number, 'normal' | 'one-case'>();
  const caseMode = (token: number): 'normal' | 'one-case' => {
    const sentence = sentences[sentenceOfToken[token] ?? -1];
    if (!sentence) return 'normal';
    let mode = sentenceMode.get(sentence.tokenStart);
    if (mode === undefined) {
      let upper = 0;
      let lower = 0;
      let words = 0;
      for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
        const w = tok(k);
        if (!/\p{L}/u.test(w)) continue;
        words++;
        if (!/\p{Ll}/u.test(w)) upper++;
        if (!/\p{Lu}/u.test(w)) lower++;
      }
      mode = words >= 3 && (upper / words > 0.6 || lower === words) ? 'one-case' : 'normal';
      sentenceMode.set(sentence.tokenStart, mode);
    }
    return mode;
  };

  const found: Found[] = [];
  const taken = new Uint8Array(tokens.length);
  // Found names by the token they end before: the look-behinds below stay constant-time on long texts.
  const endingAt = new Map<number, Found[]>();
  const take = (f: Found): void => {
    found.push(f);
    for (let i = f.start; i < f.end; i++) taken[i] = 1;
    const list = endingAt.get(f.end);
    if (list) list.push(f);
    else endingAt.set(f.end, [f]);
  };
  const foundEndingAt = (end: number, test: (f: Found) => boolean = () => true): Found | undefined =>
    endingAt.get(end)?.find(test);

  // "US-backed", "Indian-administered", "Qaeda-linked": the part before the participle may be a name.
  const PARTICIPLE =
    /^(.+?)-(backed|linked|led|allied|affiliated|aligned|based|born|run|controlled|held|administered|occupied|sponsored|funded|supported|made|style|owned)$/u;
  function knowledgePrefix(i: number): void {
    const w = tok(i);
    const m = PARTICIPLE.exec(w);
    if (!m || !isCapitalized(m[1]!)) return;
    let found1: Found | undefined;
    // "al Qaeda-linked": the name may start one token earlier with a lower-case article.
    const withArticle =
      i > 0 && /^(?:al|el)$/.test(tok(i - 1)) && !taken[i - 1] ? `${tok(i - 1)} ${m[1]!}` : undefined;
    const tokStart = tokens[i]!.start;
    if (withArticle !== undefined) {
      found1 = matchKnowledge(withArticle, i - 1, i + 1, knowledge, epithets);
      if (found1) found1.chars = { start: tokens[i - 1]!.start, end: tokStart + m[1]!.length };
    }
    if (!found1) {
      found1 = matchKnowledge(m[1]!, i, i + 1, knowledge, epithets);
      if (found1) found1.chars = { start: tokStart, end: tokStart + m[1]!.length };
    }
    if (found1 && !found1.link?.startsWith('city:')) take(found1);
  }

  const deferredCities: { match: Found; country: string }[] = [];
  for (const sentence of sentences) {
    const first = sentence.tokenStart;
    const last = sentence.tokenEnd;

    // Pass 1: longest knowledge match starting at each capitalized token.
    for (let i = first; i < last; i++) {
      if (taken[i] || tokens[i]!.kind !== 'word') continue;
      const w = tok(i);
      // "al Qaeda", "el Fasher": a lower-case article may open a name written with a space.
      const articleStart = /^(?:al|el|ad|as|ash|az)$/.test(w) && isCapitalized(tok(i + 1));
      if (!isCapitalized(w) && !articleStart) continue;
      // Most capitalized words start no known name: one set lookup saves every span lookup below.
      if (starts !== undefined && !starts.has(firstFolded(w))) {
        knowledgePrefix(i);
        continue;
      }
      const sentenceInitialCommon = i === first && common.has(w.toLowerCase());
      let match: Found | undefined;
      for (let j = Math.min(last, i + MAX_KNOWLEDGE_TOKENS); j > i && !match; j--) {
        if (taken[j - 1]) continue;
        const lastTok = tokens[j - 1]!;
        if (lastTok.kind === 'punct') continue;
        const s = spanText(i, j);
        // One folded-key test rules out most spans before the five index lookups fold them again.
        if (
          knowledge.isNameKey !== undefined &&
          !knowledge.isNameKey(foldKey(s)) &&
          !epithets.has(s.toLowerCase())
        )
          continue;
        match = matchKnowledge(s, i, j, knowledge, epithets);
        if (match && j === i + 1 && sentenceInitialCommon) match = undefined;
      }
      if (!match) {
        knowledgePrefix(i);
        continue;
      }
      // A one-word organization alias inside a longer name ("Ana Roe Wagner") is part of that name.
      if (match.end === i + 1 && match.link?.startsWith('org:') && i > first && !taken[i - 1]) {
        const prev = tok(i - 1);
        if (tokens[i - 1]!.kind === 'word' && isCapitalized(prev) && !common.has(prev.toLowerCase()))
          continue;
      }
      // A city or capital that might be a person ("Washington said") needs context to count as a place.
      if (match.form === 'name' && match.type === 'GPE' && match.link?.startsWith('city:')) {
        const prev = tok(i - 1).toLowerCase();
        const city = knowledge.cities(spanText(match.start, match.end))[0];
        const big = city !== undefined && (city.population >= 200_000 || city.isCapital);
        if (match.end === i + 1 && (common.has(w.toLowerCase()) || titles.has(w.toLowerCase()))) continue;
        if (!big && !isLocative(prev)) {
          // Decided once every country of the document is known: a town in a country the text names.
          // Never the middle or end of a longer name ("Maria Machado", "Anand Rawat").
          const nextCap = tokens[match.end]?.kind === 'word' && isCapitalized(tok(match.end));
          const prevCap = i > first && tokens[i - 1]!.kind === 'word' && isCapitalized(tok(i - 1));
          if (city && !givenNames.has(w.toLowerCase()) && !nextCap && !prevCap)
            deferredCities.push({ match, country: city.country });
          i = match.end - 1;
          continue;
        }
      }
      take(match);
      i = match.end - 1;
    }
  }

  const docCountries = new Set(
    found.flatMap((f) => (f.link?.startsWith('country:') ? [f.link.slice(8)] : [])),
  );
  for (const { match, country } of deferredCities) {
    let free = true;
    for (let k = match.start; k < match.end; k++) if (taken[k]) free = false;
    if (free && docCountries.has(country)) take(match);
  }

  for (const sentence of sentences) {
    const first = sentence.tokenStart;
    const last = sentence.tokenEnd;

    // In an all-capitals line (wire headlines, slugs) capitals carry no signal: only knowledge counts.
    let words = 0;
    let caps = 0;
    for (let i = first; i < last; i++) {
      if (tokens[i]!.kind !== 'word' || !/\p{L}/u.test(tok(i))) continue;
      words++;
      if (!/\p{Ll}/u.test(tok(i))) caps++;
    }
    if (words >= 3 && caps / words > 0.6) continue;

    // Pass 2: capitalized runs not covered by knowledge.
    for (let i = first; i < last; i++) {
      if (taken[i] || tokens[i]!.kind !== 'word' || !isCapitalized(tok(i))) continue;
      let j = i;
      while (j < last && !taken[j]) {
        const w = tok(j);
        if (tokens[j]!.kind === 'word' && isCapitalized(w)) {
          j++;
          continue;
        }
        // Particles inside names ("Abu Bakr al-Doe", "Bank of England") when a capitalized word follows.
        const lw = w.toLowerCase();
        const connector =
          lw === 'of' || ((lw === 'for' || lw === 'on') && orgHeads.has(tok(j - 1).toLowerCase()));
        if (
          (NAME_PARTICLES.has(lw) || connector) &&
          j + 1 < last &&
          !taken[j + 1] &&
          isCapitalized(tok(j + 1))
        ) {
          j++;
          continue;
        }
        break;
      }
      let a = i;
      // Drop sentence-initial and headline words that are ordinary words.
      // Ordinary capitalized words are stripped only where capitals say nothing: at the sentence start
      // ("Senior officials said") — mid-sentence "National Electoral Council" keeps its first word.
      while (a < j) {
        const lw = tok(a).toLowerCase();
        const atStart = a === first || (a === first + 1 && /^["“‘(]$/.test(tok(first)));
        if (functionWords.has(lw) || (atStart && (common.has(lw) || lowerSeen.has(lw)))) a++;
        else break;
      }
      const chunk = classifyChunk(a, j);
      if (chunk) take(chunk);
      i = j - 1;
    }

    // Pass 3: all-caps acronyms not yet taken become organizations.
    for (let i = first; i < last; i++) {
      if (taken[i]) continue;
      const w = tok(i);
      if (
        tokens[i]!.kind === 'word' &&
        isAllCapsAcronym(w) &&
        w.length >= 2 &&
        !common.has(w.toLowerCase()) &&
        !notEntities.has(w.toLowerCase())
      ) {
        take({ start: i, end: i + 1, type: 'ORG', form: 'name', confidence: 0.5 });
      }
    }
  }

  // Pass 4: unnamed but identifying descriptions: "Peru's interior minister", "Peruvian state television".
  const offices = knowledge.lexicon('person-offices');
  const media = knowledge.lexicon('speaker-media');
  const demonymNouns = knowledge.lexicon('demonym-org-nouns');
  for (const sentence of sentences) {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const lw = tok(i).toLowerCase();
      // The state's own media speak for themselves, with the country as modifier.
      if (lw === 'state' && media.has(tok(i + 1).toLowerCase()) && !taken[i] && !taken[i + 1]) {
        let end = i + 2;
        if (tok(end - 1).toLowerCase() === 'news' && tok(end).toLowerCase() === 'agency') end++;
        const start = modifierStart(i);
        take({
          start,
          end,
          type: 'ORG',
          form: 'description',
          link: `media:state ${tok(end - 1).toLowerCase()}`,
          confidence: 0.6,
        });
        i = end - 1;
        continue;
      }
      // "<Country>'s <office>" or "the <Demonym> <office>" not followed by a name.
      const possessive = /^['’]s$/i.test(tok(i + 1)) ? i + 2 : -1;
      const anchor = foundEndingAt(i + 1, (f) => f.link?.startsWith('country:') === true);
      if (!anchor) continue;
      const from = possessive > 0 ? possessive : anchor.form === 'demonym' ? i + 1 : -1;
      if (from < 0) continue;
      for (let len = 3; len >= 1; len--) {
        const words = [];
        for (let k = from; k < from + len; k++) words.push(tok(k).toLowerCase());
        if (!offices.has(words.join(' ')) || taken[from] || taken[from + len - 1]) continue;
        if (isCapitalized(tok(from + len)) && tokens[from + len]?.kind === 'word') break; // a name follows: a title
        const start = anchor.start;
        const mentionStart =
          possessive > 0 ? start : start - (tok(start - 1).toLowerCase() === 'the' ? 1 : 0);
        take({
          start: mentionStart,
          end: from + len,
          type: 'PERSON',
          form: 'description',
          link: `office:${spanText(start, from + len).toLowerCase()}`,
          role: spanText(from, from + len),
          confidence: 0.55,
        });
        break;
      }
    }
  }
  // Names only the tagger saw: in all-capitals or all-lower-case lines, where capitals say nothing, or
  // capitalized names the rules passed over. In ordinary text a lower-case span is no name.
  for (const t of tagged ?? []) {
    if (t.type === 'MISC') {
      // A one-word MISC name is mostly a nationality or group adjective ("Kurdish", "Shiite"): NORP.
      const w = tok(t.start);
      if (t.end === t.start + 1 && !taken[t.start] && isCapitalized(w) && !notEntities.has(w.toLowerCase())) {
        take({ start: t.start, end: t.end, type: 'NORP', form: 'name', confidence: 0.5 });
      }
      continue;
    }
    if (!isCapitalized(tok(t.start)) && caseMode(t.start) === 'normal') continue;
    let free = true;
    for (let k = t.start; k < t.end; k++) if (taken[k]) free = false;
    if (!free) continue;
    const type: EntityType = t.type === 'PER' ? 'PERSON' : t.type === 'ORG' ? 'ORG' : 'GPE';
    take({
      start: t.start,
      end: t.end,
      type,
      form: 'name',
      confidence: Math.min(0.7, 0.3 + t.confidence * 0.4),
    });
  }

  // Demonyms that describe an organization ("the Chilean branch") are no country mentions.
  for (let n = found.length - 1; n >= 0; n--) {
    const f = found[n]!;
    if (f.form === 'demonym' && demonymNouns.has(tok(f.end).toLowerCase())) found.splice(n, 1);
  }

  function modifierStart(i: number): number {
    const prev = foundEndingAt(i, (f) => f.link?.startsWith('country:') === true);
    if (prev) return prev.start;
    return i;
  }

  /** An organization named after its country or city ("Iraqi Foreign Ministry") keeps that modifier in its name. */
  function withModifier(f: Found): Found {
    const prev = foundEndingAt(
      f.start,
      (x) =>
        x.form === 'demonym' ||
        x.link?.startsWith('country:') === true ||
        x.link?.startsWith('city:') === true,
    );
    if (!prev || tokens[f.start]!.start - tokens[prev.end - 1]!.end > 1) return f;
    return { ...f, chars: { start: tokens[prev.start]!.start, end: tokens[f.end - 1]!.end } };
  }

  function classifyChunk(a: number, b: number): Found | undefined {
    if (a >= b) return undefined;
    // Strip trailing particles.
    while (b > a && !isCapitalized(tok(b - 1))) b--;
    if (a >= b) return undefined;
    const words = [];
    for (let k = a; k < b; k++) words.push(tok(k));
    const lower = words.map((w) => w.toLowerCase());
    const head = lower[lower.length - 1]!;
    // Titles inside the run: the name starts after the last title word ("Lima Prosecutor Jan Roe"),
    // but a title-like word after a given name belongs to the name ("Hassan Sheikh Ali").
    let lastTitle = -1;
    for (let k = 0; k < lower.length; k++) {
      if (givenNames.has(lower[k]!) && !titles.has(lower[k]!)) break;
      if (titles.has(lower[k]!)) lastTitle = k;
    }
    const hasGiven = lower.some((w) => givenNames.has(w));
    // In "Line of Control", "Bank of Ghana", "Gulf of Aden" the word before "of" is the head.
    const ofAt = lower.indexOf('of');
    const ofHead = ofAt > 0 ? lower[ofAt - 1]! : undefined;
    const after = tok(b).toLowerCase();
    const afterIsLower = tokens[b]?.kind === 'word' && /^\p{Ll}/u.test(tok(b));
    if (lower.length === 1 && orgHeads.has(head)) {
      // "Indian Army", "Iraqi Parliament": a bare head word is a name only with its country.
      const f = withModifier({ start: a, end: b, type: 'ORG', form: 'name', confidence: 0.55 });
      return f.chars ? f : undefined;
    }
    if (lower.length === 1 && locHeads.has(head)) return undefined;
    if (lastTitle < 0 && !hasGiven) {
      if (ofHead !== undefined && locHeads.has(ofHead))
        return {
          start: a,
          end: b,
          type: politicalHead(ofHead) ? 'GPE' : 'LOC',
          form: 'name',
          confidence: 0.6,
        };
      if (ofHead !== undefined || lower.includes('for') || lower.includes('on'))
        return withModifier({ start: a, end: b, type: 'ORG', form: 'name', confidence: 0.6 });
      // "Duhok province", "Abu Shouk camp", "Aamin Ambulance service": a lower-case head after the name.
      if (afterIsLower && LOWER_LOC_HEADS.has(after))
        return {
          start: a,
          end: b,
          type: politicalHead(after) ? 'GPE' : 'LOC',
          form: 'name',
          confidence: 0.6,
        };
      if (afterIsLower && LOWER_ORG_HEADS.has(after))
        return { start: a, end: b, type: 'ORG', form: 'name', confidence: 0.6 };
      // "the state of Zulia", "the province of Ghor".
      if (tok(a - 1).toLowerCase() === 'of' && politicalHead(tok(a - 2).toLowerCase()))
        return { start: a, end: b, type: 'GPE', form: 'name', confidence: 0.6 };
    }
    if (orgHeads.has(head) && lastTitle < lower.length - 1) {
      return withModifier({ start: a, end: b, type: 'ORG', form: 'name', confidence: 0.7 });
    }
    if (lastTitle === lower.length - 1) return undefined; // only a title ("Supreme Leader")
    // "rights group Foro Libre", "the firm Acme Holdings": a descriptor names the kind of organization.
    if (lastTitle < 0 && orgDescriptors.has(tok(a - 1).toLowerCase())) {
      return { start: a, end: b, type: 'ORG', form: 'name', confidence: 0.65 };
    }
    if (locHeads.has(head))
      return { start: a, end: b, type: politicalHead(head) ? 'GPE' : 'LOC', form: 'name', confidence: 0.6 };
    let nameStart = a + lastTitle + 1;
    // "Secretary of State Jan Roe", "Minister of Foreign Affairs Ana Roe": the office's domain is part of the title.
    if (lastTitle >= 0 && lower[lastTitle + 1] === 'of') {
      let k = lastTitle + 2;
      while (
        k < lower.length - 1 &&
        (roleMods.has(lower[k]!) || orgHeads.has(lower[k]!) || lower[k] === 'and')
      )
        k++;
      nameStart = a + k;
    }
    let role: string | undefined;
    if (lastTitle >= 0) {
      role = roleText(a, nameStart);
    } else {
      const before = roleBefore(a);
      if (before !== undefined) role = before;
    }
    while (nameStart < b && common.has(tok(nameStart).toLowerCase())) nameStart++;
    if (nameStart >= b) return undefined;
    const nameLen = b - nameStart;
    const nameWords = lower.slice(nameStart - a);
    if (nameWords.every((w) => titles.has(w) || roleMods.has(w))) return undefined;
    if (nameLen === 1 && notEntities.has(lower[nameStart - a]!)) return undefined;
    const said = verdict(nameStart, b);
    if (nameLen === 1 && isAllCapsAcronym(tok(nameStart)) && role === undefined) {
      const type: EntityType = said === 'PER' ? 'PERSON' : said === 'LOC' ? 'GPE' : 'ORG';
      return { start: nameStart, end: b, type, form: 'name', confidence: said === 'ORG' ? 0.7 : 0.5 };
    }
    const nextWord = tok(b).toLowerCase();
    const spoke =
      speechVerbs.has(nextWord) ||
      ((nextWord === 'has' || nextWord === 'had') && speechVerbs.has(tok(b + 1).toLowerCase()));
    const firstWord = lower[nameStart - a]!;
    const given = givenNames.has(firstWord) || NAME_PARTICLES.has(firstWord.split('-')[0]!);
    // Without a title, the trained tagger's reading wins over the weak signs below.
    if (said !== undefined && role === undefined) {
      if (said === 'PER') return { start: nameStart, end: b, type: 'PERSON', form: 'name', confidence: 0.75 };
      if (said === 'ORG') return { start: nameStart, end: b, type: 'ORG', form: 'name', confidence: 0.7 };
      // Not in the gazetteer: a town is a political unit, but "the Sahel", "the Tigris" are regions and features.
      if (said === 'LOC') {
        const type: EntityType = tok(nameStart - 1).toLowerCase() === 'the' ? 'LOC' : 'GPE';
        return { start: nameStart, end: b, type, form: 'name', confidence: 0.65 };
      }
      // MISC (events, products, nationalities) and no name at all are not entities, unless a known
      // given name opens a multi-word name.
      if (!(nameLen >= 2 && given)) return undefined;
    }
    if (role !== undefined || spoke || (nameLen >= 2 && given)) {
      const f: Found = {
        start: nameStart,
        end: b,
        type: 'PERSON',
        form: 'name',
        confidence: role ? 0.85 : given ? 0.7 : 0.6,
      };
      if (role !== undefined) f.role = role;
      return f;
    }
    // Several capitalized words with no other sign: most often a person whose given name we do not know.
    if (nameLen >= 2)
      return { start: nameStart, end: b, type: UNKNOWN_MULTIWORD, form: 'name', confidence: 0.45 };
    // A lone capitalized word: kept as a candidate; coreference decides (surname of a named person).
    return { start: nameStart, end: b, type: 'PERSON', form: 'name', confidence: 0.3 };
  }

  function roleText(a: number, b: number): string | undefined {
    if (a >= b) return undefined;
    // Extend left over adjacent capitalized words and knowledge mentions ("IRGC Quds Force Commander").
    let s = a;
    while (
      s - 1 >= 0 &&
      tokens[s - 1]!.kind === 'word' &&
      isCapitalized(tok(s - 1)) &&
      tokens[s - 1]!.end + 1 >= tokens[s]!.start
    ) {
      const prevFound = foundEndingAt(s);
      if (prevFound && prevFound.form === 'demonym') break;
      if (prevFound && prevFound.type === 'PERSON') break;
      s--;
    }
    return spanText(s, b);
  }

  // Lower-case titles before a name: "rebel leader Abu Bakr al-Doe", "spokesman John Doe".
  function roleBefore(a: number): string | undefined {
    let s = a;
    while (s - 1 >= 0) {
      const w = tok(s - 1).toLowerCase();
      if (tokens[s - 1]!.kind !== 'word') break;
      if (titles.has(w) || (s < a && roleMods.has(w))) s--;
      else break;
    }
    if (s === a) return undefined;
    return spanText(s, a);
  }

  return found
    .sort((x, y) => x.start - y.start)
    .map((f, n) => {
      const span = f.chars ?? { start: tokens[f.start]!.start, end: tokens[f.end - 1]!.end };
      const m: Mention = {
        id: `m${n + 1}`,
        span,
        text: text.slice(span.start, span.end),
        type: f.type,
        form: f.form,
        evidence: span,
        stage: REF,
        confidence: f.confidence,
      };
      if (f.link !== undefined) m.link = f.link;
      if (f.role !== undefined) m.role = f.role;
      return m;
    });
}

function matchKnowledge(
  s: string,
  start: number,
  end: number,
  knowledge: Knowledge,
  epithets: ReadonlyMap<string, string>,
): Found | undefined {
  const org = knowledge.orgByAlias(s);
  if (org) return { start, end, type: org.type, form: 'name', link: `org:${org.key}`, confidence: 0.9 };
  const country = knowledge.countryByName(s);
  if (country)
    return { start, end, type: 'GPE', form: 'name', link: `country:${country.code}`, confidence: 0.95 };
  const demonym = knowledge.countryByDemonym(s);
  if (demonym)
    return { start, end, type: 'GPE', form: 'demonym', link: `country:${demonym.code}`, confidence: 0.8 };
  const epithetCode = epithets.get(s.toLowerCase());
  if (epithetCode)
    return { start, end, type: 'GPE', form: 'alias', link: `country:${epithetCode}`, confidence: 0.7 };
  const seat = knowledge.countryByCapital(s);
  if (seat) return { start, end, type: 'GPE', form: 'name', link: `capital:${seat.code}`, confidence: 0.85 };
  const cities = knowledge.cities(s);
  if (cities.length > 0 && /^\p{Lu}/u.test(s)) {
    return { start, end, type: 'GPE', form: 'name', link: `city:${cities[0]!.id}`, confidence: 0.6 };
  }
  return undefined;
}
