/**
 * `parallax reanalyze`: reruns analysis from the raw inputs stored as received — inputs a crash left
 * pending, inputs rejected (a stage bug fixed since), or with --all every stored input, whose
 * documents then get the new analysis in place.
 */
import type { Command } from 'commander';
import { analyzeDocument } from '../../analyze.js';
import { routeRawInput } from '../../ingest/route.js';
import { asParallaxError, emptySummary, reject, settle } from '../../ingest/run.js';
import { resolveStorePath } from '../../store/default-path.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store, StoredRawInput } from '../../store/store.js';
import { reportSummary } from './ingest.js';

interface ReanalyzeOptions {
  readonly db?: string;
  readonly all?: boolean;
}

const PAGE = 200;

/** Reruns the inputs; returns how many stored documents got a new analysis in place. */
export async function reanalyze(
  store: Store,
  all: boolean,
  summary = emptySummary(),
): Promise<{ replaced: number; summary: typeof summary }> {
  let replaced = 0;
  let afterId = 0;
  for (;;) {
    const page: StoredRawInput[] = await store.rawInputs({ afterId, limit: PAGE });
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    const unsettled = page.filter((r) => r.status === 'pending' || r.status === 'rejected');
    await settle(
      store,
      unsettled.map((raw) => ({ id: raw.id, raw })),
      summary,
      {},
    );
    if (!all) continue;
    for (const raw of page) {
      if (raw.status === 'pending' || raw.status === 'rejected') continue;
      try {
        const { document } = routeRawInput(raw);
        if ((await store.documentIdForHash(document.contentHash)) === undefined) continue;
        await store.replaceAnalysis(analyzeDocument(document));
        replaced++;
      } catch (error) {
        reject(summary, { source: raw.source, position: raw.position, error: asParallaxError(error) });
      }
    }
  }
  return { replaced, summary };
}

export function registerReanalyze(program: Command): void {
  program
    .command('reanalyze')
    .description('rerun analysis from the stored raw inputs (pending and rejected ones; --all for every one)')
    .option('--db <path>', 'store file (default: $PARALLAX_DB, else ~/.local/share/parallax/parallax.db)')
    .option('--all', 'also reanalyse inputs already stored as documents, replacing their analyses')
    .action(async (options: ReanalyzeOptions) => {
      const store = openSqliteStore(resolveStorePath({ db: options.db }));
      try {
        await store.migrate();
        const { replaced, summary } = await reanalyze(store, options.all ?? false);
        if (options.all) process.stdout.write(`reanalysed ${replaced} stored documents\n`);
        reportSummary(summary);
      } finally {
        await store.close();
      }
    });
}
