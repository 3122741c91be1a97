import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { print, printJson, table } from '../../../terminal/output.js';
import { settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { benchBackfill, insertPeakMemory } from '../bench/bench-backfill.js';

const MiB = 1024 * 1024;

export const benchBackfillCommand = {
  command: 'bench-backfill',
  describe:
    "measure the events backfill against Langfuse's own backfill SQL, its read and physical floors and the seed's client-side approach; prints ratios",
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('observations', {
        type: 'number',
        default: 2_000_000,
        describe: 'observations of the seeded month (each with 1–3 versions)',
      })
      .option('traces', { type: 'number', default: 200_000, describe: 'traces of the seeded month' })
      .option('repeat', { type: 'number', default: 3, describe: 'runs of each measurement (median reported)' })
      .option('baseline-observations', {
        type: 'number',
        default: 200_000,
        describe: 'observation rows streamed through the client-side baseline',
      })
      .option('out', { type: 'string', describe: 'JSON report (default bench-results/backfill-<time>.json)' }),
  handler: async (
    args: CommonArgs & {
      observations: number;
      traces: number;
      repeat: number;
      baselineObservations: number;
      out?: string;
    },
  ) => {
    const settings = settingsFrom({ ...args, dataDir: args.dataDir ?? '.chdata-bench-backfill' });
    const planDir = `${resolve(settings.dataDir)}-plan`;
    const report = await withEngine(settings, (engine) =>
      benchBackfill(engine, {
        observations: args.observations,
        traces: args.traces,
        repeat: Math.max(1, args.repeat),
        baselineObservations: args.baselineObservations,
        planDir,
        onProgress: (m) => !args.json && print(m),
      }),
    );
    if (!settings.url) {
      if (!args.json)
        print(
          "measuring peak memory of the month's inserts per chunk size and of Langfuse's SQL, each in its own process…",
        );
      const peak = (chunk: string) => insertPeakMemory(resolve(settings.dataDir), planDir, chunk);
      const idle = peak('idle').maxRssBytes;
      const sizes = ['langfuse', 'write-floor', 'month', 'auto', 'day'].map((chunk) => ({ chunk, ...peak(chunk) }));
      const langfuse = sizes[0]!.maxRssBytes - idle;
      report.memory = {
        idleMiB: idle / MiB,
        chunks: sizes.map((s) => ({
          chunk: s.chunk === 'langfuse' ? "Langfuse's own SQL" : s.chunk,
          peakMiB: s.maxRssBytes / MiB,
          aboveIdleMiB: (s.maxRssBytes - idle) / MiB,
          toLangfuse: (s.maxRssBytes - idle) / langfuse,
          seconds: s.seconds,
        })),
        note: "peak resident memory of a process running the embedded engine and the month's inserts (chplan: its chunks' inserts; Langfuse: its three statements), and the same above an idle engine that opened the tables; seconds are one run each",
      };
    }
    const out = args.out ?? `bench-results/backfill-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) return printJson(report);
    print(
      `${report.observations} observations (${report.observationRows} rows with every version) and ${report.traces} traces → ${report.events} events; medians of ${report.repeat} interleaved runs on ${report.engine}`,
    );
    print(
      table(
        ['measurement', 'observation rows', 'seconds (median)', 'rows/s', 'runs'],
        report.results.map((r) => [
          r.name,
          r.rows,
          r.seconds.toFixed(2),
          Math.round(r.rowsPerSecond).toLocaleString('en-US'),
          r.runs.map((s) => s.toFixed(2)).join(' '),
        ]),
      ),
    );
    print(
      table(
        ['ratio', 'value'],
        Object.entries(report.ratios).map(([k, v]) => [k, `${v.toFixed(2)}×`]),
      ),
    );
    if (report.memory) {
      print(`idle engine: ${report.memory.idleMiB.toFixed(0)} MiB`);
      print(
        table(
          [
            'inserts',
            'peak memory (MiB)',
            'above idle (MiB)',
            "above idle / Langfuse's",
            'seconds for the month (one run)',
          ],
          report.memory.chunks.map((c) => [
            c.chunk,
            c.peakMiB.toFixed(0),
            c.aboveIdleMiB.toFixed(0),
            c.toLangfuse.toFixed(2),
            c.seconds.toFixed(2),
          ]),
        ),
      );
    }
    print(`Wrote ${out}`);
  },
};
