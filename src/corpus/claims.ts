/**
 * Statements that bear on who is responsible for a happening (claims, accusations, denials), taken from
 * one document's quotes and tied to the document's main news report; and the rule that says two of
 * them, possibly from different documents, cannot both be true.
 */
import type { Analysis, Entity, Stance } from '../model/schema.js';
import { entityKey, resolveSurnames } from './entity-keys.js';
import { documentRef } from './reports.js';
import type { ClaimConflict, ClusterClaim, EventReport } from './types.js';

/** Stances that say who did it (or did not). */
export const RESPONSIBILITY_STANCES: ReadonlySet<Stance> = new Set<Stance>(['claim', 'accuse', 'deny']);

/** Priority of report types when picking the happening a document is about. */
const MAIN_TYPE_ORDER = ['ASSAULT', 'COERCE', 'MOBILIZE', 'PROTEST', 'SANCTION'];

/** The report a document is chiefly about: news first, violent types first, most figures, earliest. */
export function mainReport(reports: readonly EventReport[]): EventReport | undefined {
  const rank = (r: EventReport): number => {
    const i = MAIN_TYPE_ORDER.indexOf(r.type);
    return i < 0 ? MAIN_TYPE_ORDER.length : i;
  };
  let best: EventReport | undefined;
  for (const r of reports) {
    if (!r.news) continue;
    if (!best || rank(r) < rank(best) || (rank(r) === rank(best) && r.counts.length > best.counts.length)) {
      best = r;
    }
  }
  return best;
}

export interface DocumentClaim extends ClusterClaim {
  /** Cross-document keys of the entities the statement is about. */
  readonly aboutKeys: readonly string[];
  /** Claim ids of the same document the per-document conflict stage paired with this one. */
  readonly conflictsWith?: readonly string[];
}

/** How a claim whose speaker the text does not name is shown. */
export const UNNAMED_SOURCE = 'an unnamed source';

/** The responsibility statements of a document, with speakers and subjects as cross-document keys. */
export function documentClaims(analysis: Analysis): DocumentClaim[] {
  const document = documentRef(analysis);
  const id = document.documentId;
  const entities = new Map<string, Entity>(analysis.entities.map((e) => [e.id, e]));
  const out: DocumentClaim[] = [];
  for (const q of analysis.quotes) {
    if (!RESPONSIBILITY_STANCES.has(q.stance)) continue;
    let speaker: string;
    let speakerAliases: string[] = [];
    let speakerKey: string | undefined;
    if (q.speaker.kind === 'entity') {
      const e = entities.get(q.speaker.entity);
      if (!e) continue;
      speaker = e.name;
      speakerAliases = e.aliases.filter((a) => a !== e.name);
      speakerKey = entityKey(e, id);
    } else if (q.speaker.kind === 'outlet') {
      speaker = document.outlet ?? 'the outlet';
    } else {
      // A statement the quote stage found no source for still names a side of a conflict.
      speaker = q.speaker.text.trim() || UNNAMED_SOURCE;
    }
    const about = q.about.map((a) => entities.get(a)).filter((e): e is Entity => e !== undefined);
    out.push({
      id: `${id}#${q.id}`,
      document,
      quoteId: q.id,
      speaker,
      speakerAliases,
      ...(speakerKey !== undefined ? { speakerKey } : {}),
      stance: q.stance,
      content: q.content.text,
      span: q.evidence,
      about: about.map((e) => e.name),
      aboutKeys: about.map((e) => entityKey(e, id)),
    });
  }
  return out;
}

/**
 * Conflicting pairs among a cluster's statements: an accusation or claim and a denial by (or about) the
 * party it names; and two claims of responsibility by different speakers. Also the pairs the
 * per-document conflict stage already found (`conflictsWith`). Pairs come out in id order, each once.
 */
export function claimConflicts(claims: readonly DocumentClaim[]): ClaimConflict[] {
  const inDocument = new Set(claims.flatMap((c) => (c.conflictsWith ?? []).map((o) => `${c.id}|${o}`)));
  const canon = resolveSurnames(
    claims.flatMap((c) => [...c.aboutKeys, ...(c.speakerKey ? [c.speakerKey] : [])]),
  );
  const key = (k: string): string => canon.get(k) ?? k;
  const sorted = [...claims].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const out: ClaimConflict[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i] as DocumentClaim;
      const b = sorted[j] as DocumentClaim;
      const found =
        conflictBetween(a, b, key) ??
        (inDocument.has(`${a.id}|${b.id}`) ? 'flagged in the document' : undefined);
      if (found !== undefined) out.push({ a: a.id, b: b.id, about: aboutText(a, b), reason: found });
    }
  }
  return out;
}

function aboutText(a: DocumentClaim, b: DocumentClaim): string {
  const names = [...new Set([...a.about, ...b.about])];
  return names.length > 0 ? `responsibility: ${names.join(', ')}` : 'responsibility';
}

function conflictBetween(a: DocumentClaim, b: DocumentClaim, key: (k: string) => string): string | undefined {
  const [deny, other] = a.stance === 'deny' ? [a, b] : b.stance === 'deny' ? [b, a] : [undefined, undefined];
  if (deny && other && other.stance !== 'deny') {
    const named = new Set(other.aboutKeys.map(key));
    const denier = deny.speakerKey !== undefined ? key(deny.speakerKey) : undefined;
    if (denier !== undefined && named.has(denier))
      return `${deny.speaker} denies what ${other.speaker} ${other.stance === 'claim' ? 'claims' : 'alleges'} about it`;
    const common = deny.aboutKeys.map(key).filter((k) => named.has(k) && !k.startsWith('local:'));
    if (common.length > 0) return `${deny.speaker} denies what ${other.speaker} says about the same parties`;
    return undefined;
  }
  if (
    a.stance === 'claim' &&
    b.stance === 'claim' &&
    a.speakerKey !== undefined &&
    b.speakerKey !== undefined
  ) {
    if (key(a.speakerKey) !== key(b.speakerKey))
      return `${a.speaker} and ${b.speaker} both claim responsibility`;
  }
  return undefined;
}
