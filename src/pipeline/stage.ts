/** The stage contract: each stage declares the layers it reads and the layers it provides. */
import type { Analysis, Diagnostic, Document, Layer } from '../model/schema.js';
import type { Knowledge } from '../knowledge/knowledge.js';

export interface StageContext {
  readonly knowledge: Knowledge;
  /** Publication date as YYYY-MM-DD, the anchor for relative dates. */
  readonly published: string | undefined;
  readonly diagnostics: Diagnostic[];
}

export type StageInput = Pick<Analysis, Layer> & { readonly document: Document };

export interface Stage {
  readonly name: string;
  readonly version: number;
  readonly requires: readonly Layer[];
  readonly provides: readonly Layer[];
  /** Pure: returns the layers it provides (replacing them), never mutates its input. */
  run(input: StageInput, ctx: StageContext): Partial<Pick<Analysis, Layer>>;
}

export function stageRef(stage: Stage): string {
  return `${stage.name}@${stage.version}`;
}
