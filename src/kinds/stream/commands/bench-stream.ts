import type { Argv } from 'yargs';
import { writeFileAtomic } from '../../../core/write-atomic.js';
import { print, printJson, table } from '../../../terminal/output.js';
import { benchStream } from '../bench/bench-stream.js';

export const benchStreamCommand = {
  command: 'bench-stream',
  describe:
    'measure Debezium messages/s through the landing table and the whole chain against a plain insert and a client-side consumer; prints ratios',
  builder: (yargs: Argv) =>
    yargs
      .option('events', {
        type: 'number',
        default: 400_000,
        describe:
          'events of the generated dump (with updates, deletes, assignments, tombstones and redeliveries: about 512,000 messages)',
      })
      .option('repeat', { type: 'number', default: 3, describe: 'runs of each measurement (median reported)' })
      .option('work-dir', {
        type: 'string',
        default: '.chdata-bench-stream',
        describe: 'scratch directory (dump, engine data); replaced',
      })
      .option('out', { type: 'string', describe: 'JSON report (default bench-results/stream-<time>.json)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' }),
  handler: async (args: { events: number; repeat: number; workDir: string; out?: string; json: boolean }) => {
    const report = await benchStream({
      events: args.events,
      repeat: Math.max(1, args.repeat),
      workDir: args.workDir,
      onProgress: (m) => !args.json && print(m),
    });
    const out = args.out ?? `bench-results/stream-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) return printJson(report);
    print(
      `${report.messages} Debezium messages (${report.updates} updates, ${report.deletes} deletes, ${report.redelivered} redelivered); medians of ${report.repeat} interleaved runs, each in its own process`,
    );
    print(
      table(
        ['method', 'messages', 'seconds (median)', 'messages/s', 'peak memory (MiB)', 'runs'],
        report.results.map((r) => [
          r.method,
          r.messages,
          r.seconds.toFixed(2),
          Math.round(r.messagesPerSecond).toLocaleString('en-US'),
          r.peakMiB.toFixed(0),
          r.runs.map((s) => s.toFixed(2)).join(' '),
        ]),
      ),
    );
    const staged = report.results.find((r) => r.staging)?.staging;
    if (staged)
      print(
        `of chplan replay's time, staging the dump took ${staged.seconds.toFixed(2)} s (median; runs ${staged.runs.map((s) => s.toFixed(2)).join(' ')}): a Kafka table hands its polls to the landing table without it`,
      );
    print(
      table(
        ['ratio', 'value'],
        Object.entries(report.ratios).map(([k, v]) => [k, `${v.toFixed(2)}×`]),
      ),
    );
    print(
      `then every day of the aggregates rebuilt once: ${report.rebuild.days} days in ${report.rebuild.seconds.toFixed(1)} s; validation ${report.rebuild.validationPassed ? 'passed' : 'FAILED'}`,
    );
    print(`Wrote ${out}`);
  },
};
