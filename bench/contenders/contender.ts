/** The one small interface every benchmark contender implements, so the runner treats them alike. */

export interface Contender {
  readonly name: string;
  /** Loads models, knowledge and builds pipelines; never timed. */
  setup(): Promise<void> | void;
  /** Analyzes every document; this is what is timed. */
  run(docs: readonly string[]): void;
  /** What the last `run` call found (entities, sentences…); the runner sums these over calls as a sanity check. */
  counts?(): Readonly<Record<string, number>>;
}

/** A contender that can also split its time into named parts (Parallax's stages). */
export interface ProfiledContender extends Contender {
  /** Milliseconds spent in each part during the last run, in pipeline order. */
  lastPartTimes(): ReadonlyMap<string, number>;
}
