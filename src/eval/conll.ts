/**
 * CoNLL-style named-entity evaluation: reads CoNLL column files (one token a line, the tag last, a blank
 * line between sentences, `-DOCSTART-` between articles), decodes IOB1 / IOB2 / IOBES tags into chunks
 * exactly as the shared task's `conlleval` script does, and scores entity-level precision, recall and F1
 * (exact span and type) per type and overall, micro-averaged.
 */

/** One sentence of a CoNLL file: its words and, position by position, the tag of its last column. */
export interface ConllSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
}

/** One article: the sentences between two `-DOCSTART-` lines (the whole file when it has none). */
export interface ConllDocument {
  readonly sentences: readonly ConllSentence[];
}

/** A chunk: tokens `[start, end)` of one sentence, with its type ("PER", "LOC"…). */
export interface Chunk {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Parses a CoNLL column file. Columns are separated by whitespace; the first is the word and the last
 * the tag. Blank lines end sentences; a `-DOCSTART-` line ends the current article (and is no sentence).
 * @example parseConll('EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n').length === 1
 */
export function parseConll(content: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let sentences: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = (): void => {
    if (words.length > 0) sentences.push({ words, tags });
    words = [];
    tags = [];
  };
  const endDocument = (): void => {
    endSentence();
    if (sentences.length > 0) docs.push({ sentences });
    sentences = [];
  };
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endDocument();
      continue;
    }
    words.push(cols[0] ?? '');
    tags.push(cols.length > 1 ? (cols[cols.length - 1] ?? 'O') : 'O');
  }
  endDocument();
  return docs;
}

/** Splits a tag the way conlleval does: "B-PER" → ["B", "PER"], "O" → ["O", ""]. */
function splitTag(tag: string): [string, string] {
  const dash = tag.indexOf('-');
  if (dash < 0) return [tag, ''];
  return [tag.slice(0, dash), tag.slice(dash + 1)];
}

/** conlleval's endOfChunk: does a chunk end between the previous token and this one? */
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && (tag === 'B' || tag === 'O')) return true;
  if (prevTag === 'I' && (tag === 'B' || tag === 'O')) return true;
  if (prevTag === 'E' && (tag === 'E' || tag === 'I' || tag === 'O')) return true;
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) return true;
  return prevTag === ']' || prevTag === '[';
}

/** conlleval's startOfChunk: does a chunk start at this token? */
function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === 'B' && (prevTag === 'B' || prevTag === 'I' || prevTag === 'O')) return true;
  if (prevTag === 'O' && (tag === 'I' || tag === 'E')) return true;
  if (prevTag === 'E' && (tag === 'E' || tag === 'I')) return true;
  if (tag !== 'O' && tag !== '.' && prevType !== type) return true;
  return tag === '[' || tag === ']';
}

/**
 * Decodes one sentence's tags into chunks with conlleval's rules. Under IOB1 a name is `I-` throughout and
 * `B-` only starts a name that directly follows another of the same type; a change of type always
 * starts a new chunk. The same rules read IOB2 and IOBES.
 * @example decodeIob(['I-PER', 'I-PER', 'B-PER', 'O']) // [{PER 0–2}, {PER 2–3}]
 */
export function decodeIob(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let prevTag = 'O';
  let prevType = '';
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const [tag, ty] = i < tags.length ? splitTag(tags[i] ?? 'O') : ['O', ''];
    if (start >= 0 && endOfChunk(prevTag, tag, prevType, ty)) {
      chunks.push({ type, start, end: i });
      start = -1;
    }
    if (startOfChunk(prevTag, tag, prevType, ty)) {
      start = i;
      type = ty;
    }
    prevTag = tag;
    prevType = ty;
  }
  return chunks;
}

/** Precision, recall and F1 (fractions in [0, 1]; 0 when undefined, as conlleval prints) with counts. */
export interface PrfScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Chunks in both gold and answer (same span and type). */
  readonly correct: number;
  /** Chunks in the answer. */
  readonly guessed: number;
  /** Chunks in the gold. */
  readonly gold: number;
}

export interface ConllReport {
  readonly overall: PrfScore;
  /** Per type, types sorted by name; a type appears when either side has a chunk of it. */
  readonly byType: Readonly<Record<string, PrfScore>>;
  readonly tokens: number;
  readonly sentences: number;
}

function prf(correct: number, guessed: number, gold: number): PrfScore {
  const precision = guessed > 0 ? correct / guessed : 0;
  const recall = gold > 0 ? correct / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, correct, guessed, gold };
}

/**
 * Accumulates sentence by sentence, then reports. A chunk counts as correct only when the answer has a
 * chunk with the same start, end and type.
 * @example const s = new ConllScorer(); s.addTags(goldTags, guessTags); s.report().overall.f1
 */
export class ConllScorer {
  private readonly counts = new Map<string, { correct: number; guessed: number; gold: number }>();
  private tokens = 0;
  private sentences = 0;

  private bump(type: string, field: 'correct' | 'guessed' | 'gold'): void {
    let c = this.counts.get(type);
    if (c === undefined) {
      c = { correct: 0, guessed: 0, gold: 0 };
      this.counts.set(type, c);
    }
    c[field]++;
  }

  /** Adds one sentence given as chunks; `length` is its token count (for the token total only). */
  addChunks(gold: readonly Chunk[], guess: readonly Chunk[], length = 0): void {
    this.sentences++;
    this.tokens += length;
    const keys = new Set(gold.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of gold) this.bump(c.type, 'gold');
    for (const c of guess) {
      this.bump(c.type, 'guessed');
      if (keys.has(`${c.start}:${c.end}:${c.type}`)) this.bump(c.type, 'correct');
    }
  }

  /** Adds one sentence given as two tag sequences of the same length. */
  addTags(gold: readonly string[], guess: readonly string[]): void {
    if (gold.length !== guess.length) {
      throw new Error(`gold has ${gold.length} tags but the answer ${guess.length}`);
    }
    this.addChunks(decodeIob(gold), decodeIob(guess), gold.length);
  }

  report(): ConllReport {
    let correct = 0;
    let guessed = 0;
    let gold = 0;
    const byType: Record<string, PrfScore> = {};
    for (const type of [...this.counts.keys()].sort()) {
      const c = this.counts.get(type);
      if (c === undefined) continue;
      correct += c.correct;
      guessed += c.guessed;
      gold += c.gold;
      byType[type] = prf(c.correct, c.guessed, c.gold);
    }
    return { overall: prf(correct, guessed, gold), byType, tokens: this.tokens, sentences: this.sentences };
  }
}

/**
 * A conlleval-like text table: percentages with two decimals, per type then overall.
 * @example process.stdout.write(formatConllReport(scorer.report()));
 */
export function formatConllReport(report: ConllReport): string {
  const pct = (x: number): string => (x * 100).toFixed(2).padStart(6);
  const row = (name: string, s: PrfScore): string =>
    `${name.padEnd(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${String(s.correct).padStart(6)} ${String(s.guessed).padStart(6)} ${String(s.gold).padStart(6)}`;
  const lines = [
    `processed ${report.tokens} tokens in ${report.sentences} sentences; ` +
      `found ${report.overall.guessed} chunks, ${report.overall.gold} in gold, ${report.overall.correct} correct`,
    `${'type'.padEnd(8)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  ${'correct'.padStart(6)} ${'found'.padStart(6)} ${'gold'.padStart(6)}`,
    ...Object.entries(report.byType).map(([type, s]) => row(type, s)),
    row('overall', report.overall),
  ];
  return `${lines.join('\n')}\n`;
}
