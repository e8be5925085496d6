/** Prints the score of every example gold file and their mean overall (`npm run eval:examples [DIR]`). */
import { relative } from 'node:path';
import { scoreExamples } from '../src/eval/examples.js';

const dir = process.argv[2] ?? new URL('../../shared/examples/', import.meta.url).pathname;
const { scores, mean } = await scoreExamples(dir);
const f = (x: number | null | undefined): string => (x === null || x === undefined ? '  n/a' : x.toFixed(3));
process.stdout.write(`${'file'.padEnd(44)} entities places events quotes contra markers overall\n`);
for (const { gold, report } of scores) {
  const s = report;
  process.stdout.write(
    `${relative(dir, gold).padEnd(44)} ${f(s.entities.f1)}    ${f(s.places.f1)}  ${f(s.events.f1)}  ${f(s.quotes.f1)}  ${f(s.contradictions.f1)}  ${f(s.markers.f1)}   ${f(report.overall)}\n`,
  );
}
process.stdout.write(`mean overall over ${scores.length} gold files: ${f(mean)}\n`);
