/** Source entry point for running the CLI through tsx, without a build (tests, development). */
import { main } from './main.js';
process.exitCode = await main(process.argv);
