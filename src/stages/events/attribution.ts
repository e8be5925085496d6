/**
 * Who says so: the speaker of a sentence's reporting verb ("X said", "said X", "according to X").
 * A local stand-in until the quotes layer is available to this stage; it only needs the entity.
 */
import { subjectOf, type SentenceContext } from './mentions.js';
import type { MentionAt } from './view.js';

export interface Attribution {
  readonly speaker: string;
  /** Token of the reporting verb (or "according"). */
  readonly cue: number;
}

const PREFERRED = new Set(['PERSON', 'ORG', 'GPE']);

function pick(ms: readonly MentionAt[]): MentionAt | undefined {
  // The head of the subject is the mention nearest the verb ("Iranian Parliamentary Speaker X has said").
  return [...ms].reverse().find((m) => PREFERRED.has(m.mention.type)) ?? ms[ms.length - 1];
}

export function attributions(ctx: SentenceContext, from: number, to: number): Attribution[] {
  const { view } = ctx;
  const out: Attribution[] = [];
  for (let i = from; i < to; i++) {
    if (view.inQuote[i]) continue;
    const w = view.lower[i]!;
    if (w === 'according' && view.lower[i + 1] === 'to') {
      const after: MentionAt[] = [];
      for (let k = i + 2; k < Math.min(to, i + 9); k++) {
        const m = ctx.at[k];
        if (m) {
          after.push(m);
          k = m.end - 1;
        } else if (view.tokens[k]!.kind === 'punct') break;
      }
      const m = after.find((x) => x.mention.type === 'PERSON') ?? after[0];
      if (m) out.push({ speaker: m.entity, cue: i });
      continue;
    }
    if (!ctx.speechVerbs.has(w)) continue;
    const subject = pick(subjectOf(ctx, i));
    const next = ctx.at[i + 1];
    const m = subject ?? (next && next.mention.type === 'PERSON' ? next : undefined);
    if (m) out.push({ speaker: m.entity, cue: i });
  }
  return out;
}
