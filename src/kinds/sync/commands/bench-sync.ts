import type { Argv } from 'yargs';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { print, printJson, table } from '../../../terminal/output.js';
import { benchSync } from '../bench/bench-sync.js';
import { sync } from './workflow.js';

export const benchSyncCommand = {
  command: 'bench-sync',
  describe:
    "measure ClickHouse pulling from PostgreSQL against a client-side copy and PostgreSQL's own COPY; prints ratios",
  builder: (yargs: Argv) =>
    yargs
      .option('impressions', { type: 'number', default: 2_000_000, describe: 'impressions of the initial load' })
      .option('batch', { type: 'number', default: 200_000, describe: 'impressions of the incremental batch' })
      .option('repeat', { type: 'number', default: 3, describe: 'runs of each measurement (median reported)' })
      .option('work-dir', {
        type: 'string',
        default: '.chdata-bench-sync',
        describe: 'scratch directory (PostgreSQL cluster, engine data, plan); replaced',
      })
      .option('out', { type: 'string', describe: 'JSON report (default bench-results/sync-<time>.json)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' }),
  handler: async (args: {
    impressions: number;
    batch: number;
    repeat: number;
    workDir: string;
    out?: string;
    json: boolean;
  }) => {
    const report = await benchSync({
      impressions: args.impressions,
      batch: args.batch,
      repeat: Math.max(1, args.repeat),
      workDir: args.workDir,
      sync,
      onProgress: (m) => !args.json && print(m),
    });
    const out = args.out ?? `bench-results/sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) return printJson(report);
    print(
      `${report.impressions} impressions, then ${report.batch} more; medians of ${report.repeat} interleaved runs, each in its own process (${report.engine})`,
    );
    print(
      `one whole chplan sync of the demo spec (4 tables, 5 KPI views) took ${report.wholeSyncSeconds.toFixed(2)} s`,
    );
    const inc = report.incrementalSync;
    print(
      `one whole incremental chplan sync of ${inc.rows} new impressions (compile, load, KPI views, ${inc.validation} validation ${inc.passed ? 'passed' : 'FAILED'}) took ${inc.seconds.toFixed(2)} s; PostgreSQL's COPY of them ${inc.copySeconds.toFixed(2)} s`,
    );
    print(
      table(
        ['phase', 'method', 'rows', 'seconds (median)', 'rows/s', 'peak memory (MiB)', 'runs'],
        report.results.map((r) => [
          r.phase,
          r.method,
          r.rows,
          r.seconds.toFixed(2),
          Math.round(r.rowsPerSecond).toLocaleString('en-US'),
          r.peakMiB.toFixed(0),
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
    print(`Wrote ${out}`);
  },
};
