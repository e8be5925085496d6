/**
 * The role tagger's label set: BIO over the five argument roles of the analysis schema. Label 0 is O;
 * role r (index into ARGUMENT_ROLES) has B = 1 + 2r and I = 2 + 2r. BIO rather than BILOU keeps the
 * weight table small (11 columns), which matters more here than the last point of span accuracy.
 */
import { ARGUMENT_ROLES, type ArgumentRole } from '../../model/schema.js';

export const ROLES: readonly ArgumentRole[] = ARGUMENT_ROLES;
export const NUM_LABELS = 1 + 2 * ROLES.length;
export const O = 0;
export const beginOf = (role: number): number => 1 + 2 * role;
export const insideOf = (role: number): number => 2 + 2 * role;
export const roleOf = (label: number): number => (label - 1) >> 1;
export const isInside = (label: number): boolean => label > 0 && (label & 1) === 0;

export const LABELS: readonly string[] = ['O', ...ROLES.flatMap((r) => [`B-${r}`, `I-${r}`])];

/** May `label` follow `prev` (-1 at the start of a window)? An I- continues only its own role. */
export function allowed(prev: number, label: number): boolean {
  if (!isInside(label)) return true;
  return prev > 0 && roleOf(prev) === roleOf(label);
}

export interface RoleSpan {
  readonly role: number;
  /** Token positions [start, end) within the window. */
  readonly start: number;
  readonly end: number;
}

/** Spans of a BIO label sequence (a stray I- opens a span of its own). */
export function spansOf(labels: ArrayLike<number>, length: number): RoleSpan[] {
  const out: RoleSpan[] = [];
  let start = -1;
  let role = -1;
  for (let i = 0; i <= length; i++) {
    const l = i < length ? (labels[i] ?? O) : O;
    const continues = start >= 0 && isInside(l) && roleOf(l) === role;
    if (continues) continue;
    if (start >= 0) out.push({ role, start, end: i });
    start = l === O ? -1 : i;
    role = l === O ? -1 : roleOf(l);
  }
  return out;
}
