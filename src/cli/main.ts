/** The CLI's single error boundary: parses arguments, runs a command, maps errors to exit statuses. */
import { Command, CommanderError } from 'commander';
import { ParallaxError, exitStatusFor } from '../errors.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerIngest } from './commands/ingest.js';
import { registerQuery } from './commands/query.js';
import { registerReanalyze } from './commands/reanalyze.js';
import { registerWatch } from './commands/watch.js';

export function buildProgram(): Command {
  const program = new Command('parallax')
    .description('Turn news into a verifiable record of who did what to whom, where, when — and who says so.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerAnalyze(program);
  registerIngest(program);
  registerWatch(program);
  registerReanalyze(program);
  registerQuery(program);
  registerEval(program);
  registerExport(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ParallaxError) {
      process.stderr.write(`parallax: ${error.message}\n`);
      return exitStatusFor(error.code);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`parallax: internal error (this is a bug): ${message}\n`);
    return 70;
  }
}
