/**
 * Keys that name one real-world entity whatever document or alias named it: the knowledge link when
 * the recognizer found one (an organization key, a country code), else the type and folded name.
 * A person named by surname alone is tied to the one full name in the store that ends with it.
 */
import { foldKey } from '../knowledge/fold.js';
import type { Entity } from '../model/schema.js';

/** Names that describe rather than name ("state media", "officials") stay local to their document. */
function isDescription(name: string): boolean {
  return !/^\p{Lu}/u.test(name.trim());
}

/**
 * The cross-document key of an entity; `documentId` scopes descriptions, which name nothing beyond
 * their article. Knowledge keys are shared across languages, which is why they come first.
 * @example entityKey({ type: 'GPE', name: 'Iran', knowledgeKey: 'country:IR', ... }, 'doc_1') // 'country:IR'
 */
export function entityKey(
  entity: Pick<Entity, 'id' | 'type' | 'name' | 'knowledgeKey' | 'country'>,
  documentId: string,
): string {
  if (entity.knowledgeKey !== undefined) {
    return entity.knowledgeKey.includes(':') ? entity.knowledgeKey : `org:${entity.knowledgeKey}`;
  }
  if (isDescription(entity.name)) return `local:${documentId}:${entity.id}`;
  const name = foldKey(entity.name);
  if (entity.type === 'GPE' || entity.type === 'LOC')
    return `${entity.type.toLowerCase()}:${entity.country ?? ''}:${name}`;
  return `${entity.type.toLowerCase()}:${name}`;
}

/** The last word of a person's key ("person:esmail qaani" → "qaani"), or undefined for other keys. */
export function surnameOf(key: string): string | undefined {
  if (!key.startsWith('person:')) return undefined;
  const words = key.slice('person:'.length).split(' ');
  return words.length > 0 ? words[words.length - 1] : undefined;
}

/** True for a person key of one word: a surname (or single name) that a full name elsewhere may own. */
export function isBareSurname(key: string): boolean {
  return key.startsWith('person:') && !key.slice('person:'.length).includes(' ');
}

/**
 * Ties each one-word person key to the only multi-word person key with that surname, when there is
 * exactly one; otherwise the key stands alone (two people named Smith are never merged by a guess).
 * Pure in the set of keys, so the result does not depend on the order documents arrived in.
 */
export function resolveSurnames(keys: Iterable<string>): Map<string, string> {
  const full = new Map<string, Set<string>>();
  const bare: string[] = [];
  for (const key of new Set(keys)) {
    if (isBareSurname(key)) bare.push(key);
    else {
      const s = surnameOf(key);
      if (s !== undefined) {
        const set = full.get(s) ?? new Set<string>();
        set.add(key);
        full.set(s, set);
      }
    }
  }
  const out = new Map<string, string>();
  for (const key of bare) {
    const owners = full.get(key.slice('person:'.length));
    if (owners?.size === 1) out.set(key, [...owners][0] as string);
  }
  return out;
}
