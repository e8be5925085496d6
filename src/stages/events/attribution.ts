/**
 * Who says so: the speaker of a sentence's reporting verb ("X said", "said X", "according to X") and the
 * stretch of the sentence the speaker reports. A local stand-in until the quotes layer is available to
 * this stage; it only needs the entity.
 *
 * Content rule: "X said ..." reports what follows the verb; "..., X said." (nothing but a time or a
 * venue after the verb) and "..., said X" report what comes before the attribution; "according to X"
 * reports the rest of its sentence. The attribution itself ("police spokesman X said") is no argument
 * of the events it reports: its tokens are `held` so that argument search skips them.
 * A reporting verb that is itself an event trigger ("denied", "urged") is an act, not an attribution.
 */
import { subjectOf, type SentenceContext } from './mentions.js';
import type { MentionAt } from './view.js';

export interface Attribution {
  readonly speaker: string;
  /** Token of the reporting verb (or "according"). */
  readonly cue: number;
  /** Token range [from, to) of what the speaker reports. */
  readonly content: readonly [number, number];
  /** Token range [from, to) of the attribution phrase when it follows its content, else undefined. */
  readonly held: readonly [number, number] | undefined;
}

const PREFERRED = new Set(['PERSON', 'ORG', 'GPE']);
/** Words that may follow a closing "X said" without making it the opener of new content. */
const TRAILERS = new Set([
  'on',
  'in',
  'at',
  'a',
  'an',
  'the',
  'statement',
  'late',
  'earlier',
  'today',
  'yesterday',
  'tonight',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'morning',
  'evening',
  'night',
  'afternoon',
  'told',
  'reporters',
  'journalists',
  'media',
  'news',
  'conference',
  'briefing',
  'interview',
  'post',
  'on',
  'social',
  'separately',
  'later',
  'also',
  'has',
  'have',
  'had',
]);

function pick(ms: readonly MentionAt[]): MentionAt | undefined {
  // The head of the subject is the mention nearest the verb ("Iranian Parliamentary Speaker X has said").
  return [...ms].reverse().find((m) => PREFERRED.has(m.mention.type)) ?? ms[ms.length - 1];
}

export function attributions(
  ctx: SentenceContext,
  from: number,
  to: number,
  isTrigger: (i: number) => boolean = () => false,
): Attribution[] {
  const { view } = ctx;
  const out: Attribution[] = [];
  for (let i = from; i < to; i++) {
    if (view.inQuote[i]) continue;
    const w = view.lower[i]!;
    if (w === 'according' && view.lower[i + 1] === 'to') {
      const after: MentionAt[] = [];
      let end = i + 2;
      for (let k = i + 2; k < Math.min(to, i + 9); k++) {
        const m = ctx.at[k];
        if (m) {
          after.push(m);
          k = m.end - 1;
          end = m.end;
        } else if (view.tokens[k]!.kind === 'punct') break;
      }
      const m = after.find((x) => x.mention.type === 'PERSON') ?? after[0];
      if (m)
        out.push({ speaker: m.entity, cue: i, content: i > from ? [from, i] : [end, to], held: [i, end] });
      continue;
    }
    // "States" in "the United States" is a name, not a reporting verb.
    if (!ctx.speechVerbs.has(w) || isTrigger(i) || ctx.at[i]) continue;
    let rest = 0;
    for (let k = i + 1; k < to; k++)
      if (view.tokens[k]!.kind === 'word' && !TRAILERS.has(view.lower[k]!) && !ctx.at[k]) rest++;
    let comma = -1;
    for (let k = i - 1; k > from; k--) {
      if (view.lower[k] === ',') {
        comma = k;
        break;
      }
      if (ctx.speechVerbs.has(view.lower[k]!) || isTrigger(k) || view.inQuote[k]) break;
    }
    if (rest === 0 && comma > from) {
      // "..., rights group X said." closes the sentence: it reports what stands before its comma.
      const speaker = pick(mentionsBetween(ctx, comma + 1, i));
      if (speaker)
        out.push({ speaker: speaker.entity, cue: i, content: [from, comma], held: [comma + 1, to] });
      continue;
    }
    const next = ctx.at[i + 1];
    // "X, the army's wing, said Freedonian forces had ...": a name that runs on into a clause is what is said.
    const closes = next !== undefined && (next.end >= to || [',', '.', ';'].includes(view.lower[next.end]!));
    if (next && closes && PREFERRED.has(next.mention.type) && comma > from && comma === i - 1) {
      // "..., said X, a district head."
      out.push({ speaker: next.entity, cue: i, content: [from, comma], held: [comma + 1, to] });
      continue;
    }
    const subject = pick(subjectOf(ctx, i));
    if (subject) out.push({ speaker: subject.entity, cue: i, content: [i + 1, to], held: undefined });
  }
  return out;
}

function mentionsBetween(ctx: SentenceContext, a: number, b: number): MentionAt[] {
  const out: MentionAt[] = [];
  for (let k = a; k < b; k++) {
    const m = ctx.at[k];
    if (!m) continue;
    if (m.start >= a && m.end <= b) out.push(m);
    k = m.end - 1;
  }
  return out;
}
