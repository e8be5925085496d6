/** `parallax export`: writes the store's cross-document clusters in formats analysts already load. */
import type { Command } from 'commander';
import { ParallaxError } from '../../errors.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the clusters of the store as ACLED CSV, GeoJSON, JSON-LD or CSV')
    .action(() => {
      throw new ParallaxError('BAD_OPTION', 'export is not available yet');
    });
}
