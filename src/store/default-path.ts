/** Decides where the store lives: --db, else $PARALLAX_DB, else a per-user data directory. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ParallaxError } from '../errors.js';

export interface StorePathOptions {
  /** The --db option, when given. */
  readonly db?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Off for read-only callers that must not leave directories behind. */
  readonly createDirectory?: boolean;
}

/** Paths SQLite treats as in-memory databases rather than files. */
function isMemory(path: string): boolean {
  return path === ':memory:' || path.startsWith('file::memory:');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'parallax', 'parallax.db');
}

/** The store path to use, with its directory created so opening the database cannot fail on it. */
export function resolveStorePath(options: StorePathOptions = {}): string {
  const env = options.env ?? process.env;
  const chosen = nonEmpty(options.db) ?? nonEmpty(env.PARALLAX_DB);
  if (chosen !== undefined && isMemory(chosen)) return chosen;
  const path = chosen !== undefined ? resolve(chosen) : defaultStorePath(env, options.home);
  if (options.createDirectory ?? true) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
      throw new ParallaxError('STORE_ERROR', `store: cannot create the directory for ${path}${code}`, {
        cause: error,
      });
    }
  }
  return path;
}
