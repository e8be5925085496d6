/**
 * Streaming: the exporters wait for 'drain' (a slow destination never has more than a chunk or two
 * queued), report a failing destination as a typed error, and export 200,000 clusters in flat memory.
 */
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/corpus/types.js';
import { ParallaxError } from '../errors.js';
import { writeAcledCsv } from './acled-csv.js';
import { writeCsv } from './csv-export.js';
import { writeGeoJson } from './geojson.js';
import { writeJsonLd } from './jsonld.js';
import { manyClusters } from '../../test/helpers/cluster-fixtures.js';
import type { ExportSink, ExportSummary } from './stream.js';

type Exporter = (clusters: AsyncIterable<Cluster>, out: ExportSink) => Promise<ExportSummary>;

const EXPORTERS: ReadonlyArray<readonly [string, Exporter]> = [
  ['acled', writeAcledCsv],
  ['geojson', writeGeoJson],
  ['jsonld', (c, o) => writeJsonLd(c, o)],
  ['csv', writeCsv],
];

/** A destination that takes its time over every chunk and records the most it ever had queued. */
class SlowSink extends Writable {
  bytes = 0;
  maxQueued = 0;
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.maxQueued = Math.max(this.maxQueued, this.writableLength);
    this.bytes += chunk.length;
    setImmediate(callback);
  }
}

/** A destination that fails on its first write, like a full disk. */
class FailingSink extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    callback(new Error('no space left on device'));
  }
}

/** V8's collector, exposed at run time so the memory check measures live objects, not garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('streaming exporters', () => {
  it.each(EXPORTERS)(
    '%s waits for drain: a slow destination never queues more than a chunk or two',
    async (_name, write) => {
      const sink = new SlowSink();
      const summary = await write(manyClusters(3_000), sink);
      expect(summary.clusters).toBe(3_000);
      expect(sink.bytes).toBeGreaterThan(500_000);
      // Writes are batched to ~64 KiB, so the queue stays near one batch while megabytes go through.
      expect(sink.maxQueued).toBeLessThan(300 * 1024);
    },
  );

  it.each(EXPORTERS)('%s reports a failing destination as a typed error', async (_name, write) => {
    await expect(write(manyClusters(2_000), new FailingSink())).rejects.toThrow(ParallaxError);
  });

  it('exports 200,000 clusters in flat memory', async () => {
    const gc = collector();
    let bytes = 0;
    const samples: number[] = [];
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    let seen = 0;
    async function* sampled() {
      for await (const c of manyClusters(200_000)) {
        seen += 1;
        if (seen % 50_000 === 0) {
          gc();
          samples.push(process.memoryUsage().heapUsed - before);
        }
        yield c;
      }
    }
    // The flat CSV: the cheapest format per cluster keeps the test fast; every format shares the
    // same ChunkWriter loop, which the drain tests above run for each of them.
    const summary = await writeCsv(sampled(), sink);
    expect(summary.clusters).toBe(200_000);
    expect(bytes).toBeGreaterThan(200_000 * 200);
    // Tens of megabytes went through; live heap stays within a few megabytes of the start.
    expect(Math.max(...samples), `heap growth per 50k clusters: ${samples.join(', ')}`).toBeLessThan(
      16 * 1024 * 1024,
    );
  }, 20_000);
});
