/**
 * Streams a generated JSON Lines file of at least 1 GB through `parallax ingest` (a child process, as
 * a user runs it) and samples the child's resident memory (VmRSS) throughout. Not part of CI.
 *
 *   npx tsx bench/ingest-jsonl.ts [--gb 1] [--distinct 2000] [--html-every 20] [--dir /tmp] [--keep]
 *
 * Records draw their text from a pool of `--distinct` articles, each under its own URL, so the
 * pipeline analyses the pool once and every other record exercises reading, parsing, routing (HTML
 * extraction for every `--html-every`th record), hashing, storing the raw input and settling it.
 * The generated file and store are deleted afterwards unless --keep.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    distinct: { type: 'string', default: '2000' },
    'html-every': { type: 'string', default: '20' },
    dir: { type: 'string', default: '/tmp' },
    keep: { type: 'boolean', default: false },
  },
});
const targetBytes = Math.ceil(Number(values.gb) * 1024 ** 3);
const distinct = Number(values.distinct);
const htmlEvery = Number(values['html-every']);
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(values.dir, 'parallax-bench-'));
const input = join(work, 'big.jsonl');
const db = join(work, 'bench.db');

const CITIES = [
  'Tbilisi',
  'Nairobi',
  'Lima',
  'Hanoi',
  'Geneva',
  'Kharkiv',
  'Dhaka',
  'Accra',
  'Quito',
  'Tunis',
];
const FILLER = [
  'Officials said more details would be released later in the week, after a review of the measures taken so far.',
  'Residents described long queues at aid distribution points and said information from the authorities had been scarce.',
  'Analysts said the events would test the government, and opposition parties called for an independent inquiry.',
  'Several aid organisations announced that they would send additional staff and supplies over the coming days.',
];

function article(n: number): string {
  const city = CITIES[n % CITIES.length]!;
  const lead = `Article ${n}: police in ${city} detained ${(n % 90) + 10} people on Monday after protests against a new media law, the interior ministry said.`;
  const body = Array.from({ length: 18 }, (_, i) => FILLER[(n + i) % FILLER.length]!).join(' ');
  return `${lead} "We will not be silenced," said an organiser of the march. ${body}`;
}

async function generate(): Promise<{ records: number; bytes: number }> {
  const out = createWriteStream(input, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let records = 0;
  while (bytes < targetBytes) {
    const n = records % distinct;
    const text = article(n);
    const record =
      records % htmlEvery === 0
        ? {
            url: `https://bench.test/${records}`,
            html: `<html><head><title>Report ${n}</title><meta property="article:published_time" content="2024-04-10T08:00:00Z"></head><body><nav>Home World</nav><article><h1>Report ${n}</h1><p>${text}</p></article><footer>All rights reserved</footer></body></html>`,
          }
        : { url: `https://bench.test/${records}`, text, published: '2024-04-10', outlet: 'Bench Wire' };
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    records++;
    if (!out.write(line)) await new Promise<void>((ok) => out.once('drain', () => ok()));
  }
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return { records, bytes };
}

function rssKb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const genStart = Date.now();
  const { records, bytes } = await generate();
  console.log(
    `generated ${(bytes / 1024 ** 3).toFixed(2)} GB, ${records} records (${distinct} distinct texts) in ${((Date.now() - genStart) / 1000).toFixed(1)} s`,
  );
  const started = Date.now();
  // node runs the CLI itself (tsx as a loader), so the sampled pid is the process doing the work.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'cli', 'run.ts'), 'ingest', input, '--db', db, '--no-progress'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARALLAX_DB: '' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const samples: number[] = [];
  const timer = setInterval(() => {
    const kb = rssKb(child.pid!);
    if (kb !== undefined) samples.push(kb);
  }, 250);
  const status = await new Promise<number | null>((ok) => child.on('close', ok));
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  const peak = Math.max(...samples) / 1024;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length / 1024;
  const quartile = (q: number): number => samples[Math.floor((samples.length - 1) * q)]! / 1024;
  console.log(`exit ${status}; ${stdout.trim()}`);
  if (stderr.trim()) console.log(`stderr (tail): ${stderr.trim().slice(-500)}`);
  console.log(
    `ingest: ${seconds.toFixed(1)} s, ${(bytes / 1024 ** 2 / seconds).toFixed(1)} MB/s, ${Math.round(records / seconds)} records/s`,
  );
  console.log(
    `RSS (${samples.length} samples every 250 ms): peak ${peak.toFixed(0)} MB, mean ${mean.toFixed(0)} MB, at 25/50/75% of the run ${quartile(0.25).toFixed(0)}/${quartile(0.5).toFixed(0)}/${quartile(0.75).toFixed(0)} MB — ${peak < 500 ? 'under' : 'OVER'} 500 MB`,
  );
  console.log(`store: ${(statSync(db).size / 1024 ** 3).toFixed(2)} GB`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  if (status !== 0 || peak >= 500) process.exitCode = 1;
}

await main();
