/** Locates the shared evaluation folder that CI places beside the checkout; tests skip with a reason without it. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const hasShared = existsSync(SHARED_DIR);
export const SKIP_REASON = 'the shared evaluation folder is not beside the checkout';
export const sharedPath = (rel: string): string => `${SHARED_DIR}${rel}`;
