import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { benchTransform } from '../bench/bench-transform.js';
import { chunkPeakMemory } from '../bench/chunk-memory.js';
import { median } from '../../../bench/measure.js';
import type { Strategy } from '../../../config/settings.js';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { print, printJson, table } from '../../../terminal/output.js';
import { settingsFrom, type CommonArgs } from '../../../config/cli-options.js';
import { withFlattenOptions } from './flatten-options.js';
import { withEngine } from '../../../engine/with-engine.js';

const MiB = 1024 * 1024;

/**
 * Where the spilling day chunk's GROUP BY and join go to disk: what a user whose day does not fit in memory sets
 * (--insert-setting max_bytes_before_external_group_by=… and max_bytes_before_external_join=…) instead of hour chunks.
 * The join's built side holds every group's lists, about 0.6 GB on the benchmark's day: past 1 GB it never spilled.
 */
const SPILL_BYTES = 5e8;

/**
 * The day as one chunk and as hour chunks over the time-keyed copy, each in its own process, in `repeat` pairs (a day,
 * then its hours): one pair's ratio moved by 0.1 from run to run on this machine, close to the 1.3 it is judged by.
 */
function timeKeyedChunks(dataDir: string, copy: { planDir: string; sortingKey: string }, day: string, repeat: number) {
  const pairs = Array.from({ length: repeat }, () => {
    const whole = chunkPeakMemory(dataDir, copy.planDir, day, 'day');
    const hours = chunkPeakMemory(dataDir, copy.planDir, day, 'hour');
    return {
      daySeconds: whole.seconds,
      hourSeconds: hours.seconds,
      dayPeakMiB: whole.maxRssBytes / MiB,
      hourPeakMiB: hours.maxRssBytes / MiB,
    };
  });
  return {
    sortingKey: copy.sortingKey,
    dayChunkPeakMiB: median(pairs.map((p) => p.dayPeakMiB)),
    hourChunksPeakMiB: median(pairs.map((p) => p.hourPeakMiB)),
    dayChunkSeconds: median(pairs.map((p) => p.daySeconds)),
    hourChunksSeconds: median(pairs.map((p) => p.hourSeconds)),
    pairs,
    hourToDaySeconds: median(pairs.map((p) => p.hourSeconds / p.daySeconds)),
  };
}

type TimeKeyedChunks = ReturnType<typeof timeKeyedChunks>;

/** The memory table's rows for the time-keyed copy: the day, hour chunks, and their ratios. */
function timeKeyedRows(t: TimeKeyedChunks | undefined): string[][] {
  if (!t) return [];
  const runs = (seconds: (p: TimeKeyedChunks['pairs'][number]) => number) =>
    ` (median of ${t.pairs.map((p) => seconds(p).toFixed(2)).join(' ')})`;
  return [
    [
      `source sorted by (${t.sortingKey}): day`,
      t.dayChunkPeakMiB.toFixed(0),
      t.dayChunkSeconds.toFixed(2) + runs((p) => p.daySeconds),
    ],
    ['  hour', t.hourChunksPeakMiB.toFixed(0), t.hourChunksSeconds.toFixed(2) + runs((p) => p.hourSeconds)],
    [
      '  hour / day, pair by pair',
      (t.hourChunksPeakMiB / t.dayChunkPeakMiB).toFixed(2),
      t.hourToDaySeconds.toFixed(2) + runs((p) => p.hourSeconds / p.daySeconds),
    ],
  ];
}

export const benchTransformCommand = {
  command: 'bench-transform',
  describe: 'measure the transform against the floor (reading the maps) and a client-side flatten; prints ratios',
  builder: (yargs: Argv) =>
    withFlattenOptions(yargs)
      .option('rows', { type: 'number', default: 2_000_000, describe: 'rows of seeded data' })
      .option('repeat', { type: 'number', default: 3, describe: 'runs of each measurement (median reported)' })
      .option('baseline-rows', {
        type: 'number',
        default: 200_000,
        describe: 'rows streamed through the client-side baseline',
      })
      .option('strategies', {
        type: 'string',
        default: 'indexed,readable',
        describe: 'aggregation strategies to compare',
      })
      .option('out', { type: 'string', describe: 'JSON report (default bench-results/transform-<time>.json)' }),
  handler: async (
    args: CommonArgs & { rows: number; repeat: number; baselineRows: number; strategies: string; out?: string },
  ) => {
    const settings = settingsFrom({ ...args, dataDir: args.dataDir ?? '.chdata-bench' });
    const report = await withEngine(settings, (engine) =>
      benchTransform(engine, settings, {
        rows: args.rows,
        repeat: Math.max(1, args.repeat),
        baselineRows: args.baselineRows,
        strategies: args.strategies.split(',').map((s) => s.trim()) as Strategy[],
        onProgress: (m) => !args.json && print(m),
      }),
    );
    if (!settings.url) {
      if (!args.json)
        print('measuring peak memory for a day chunk, hour chunks and a spilling day chunk, each in its own process…');
      const day = chunkPeakMemory(resolve(settings.dataDir), report.planDir, report.day, 'day');
      const hour = chunkPeakMemory(resolve(settings.dataDir), report.planDir, report.day, 'hour');
      const spilling = chunkPeakMemory(resolve(settings.dataDir), report.planDir, report.day, 'day', SPILL_BYTES);
      report.memory = {
        dayChunkPeakMiB: day.maxRssBytes / MiB,
        hourChunksPeakMiB: hour.maxRssBytes / MiB,
        hourToDay: hour.maxRssBytes / day.maxRssBytes,
        dayChunkSeconds: day.seconds,
        hourChunksSeconds: hour.seconds,
        spillingDayPeakMiB: spilling.maxRssBytes / MiB,
        spillingDaySeconds: spilling.seconds,
        timeKeyed:
          report.timeKeyed && timeKeyedChunks(resolve(settings.dataDir), report.timeKeyed, report.day, report.repeat),
        note: "peak resident memory of a process running the embedded engine and the day's inserts; seconds are one run each, on the time-keyed copy medians of repeat pairs",
      };
    }
    const out = args.out ?? `bench-results/transform-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) return printJson(report);
    print(
      `${report.rows} rows → ${report.groups} groups, ${report.keys.int} int + ${report.keys.float} float keys, medians of ${report.repeat} interleaved runs on ${report.engine}`,
    );
    print(
      table(
        ['measurement', 'rows', 'seconds (median)', 'rows/s', 'runs'],
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
      const m = report.memory;
      const { dayChunkPeakMiB, hourChunksPeakMiB, hourToDay, dayChunkSeconds, hourChunksSeconds } = m;
      print(
        table(
          ['chunk', 'peak memory (MiB)', 'seconds for the day (one run; on the time-keyed copy, pairs)'],
          [
            ['day', dayChunkPeakMiB.toFixed(0), dayChunkSeconds.toFixed(2)],
            ['hour', hourChunksPeakMiB.toFixed(0), hourChunksSeconds.toFixed(2)],
            ['hour / day', hourToDay.toFixed(2), (hourChunksSeconds / dayChunkSeconds).toFixed(2)],
            [
              `day, GROUP BY and join spilling past ${SPILL_BYTES / 1e9} GB`,
              m.spillingDayPeakMiB.toFixed(0),
              m.spillingDaySeconds.toFixed(2),
            ],
            [
              'spilling day / day',
              (m.spillingDayPeakMiB / dayChunkPeakMiB).toFixed(2),
              (m.spillingDaySeconds / dayChunkSeconds).toFixed(2),
            ],
            ...timeKeyedRows(m.timeKeyed),
          ],
        ),
      );
    }
    const reads = report.hourReads;
    print(
      `24 hour chunks select ${reads.source.toFixed(1)}× the granules of one day chunk on the source` +
        (reads.timeKeyed === undefined ? '' : `, ${reads.timeKeyed.toFixed(1)}× on the hour-keyed copy`) +
        ' (EXPLAIN indexes = 1)',
    );
    print(`Wrote ${out}`);
  },
};
