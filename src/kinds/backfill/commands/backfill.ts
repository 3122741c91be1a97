import type { Argv } from 'yargs';
import { assertWritableFile } from '../../../core/write-atomic.js';
import { engineSettingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { withInterrupt } from '../../../terminal/interrupt.js';
import { finishWorkflow, print, runProgress, stagePrinter } from '../../../terminal/output.js';
import { partitionsBetween } from '../run/run.js';
import { loadSpec } from '../plan/spec.js';
import { backfill } from './workflow.js';

export const backfillCommand = {
  command: 'backfill',
  describe:
    'events from observations + traces, one monthly partition at a time: compile → run → validate (seeds a demo month on an empty embedded engine)',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('partition', { type: 'string', demandOption: true, describe: 'first partition, YYYYMM' })
      .option('source', { type: 'string', describe: 'observations table db.table (default default.observations)' })
      .option('target', { type: 'string', describe: 'events table db.table (default default.events)' })
      .option('to', { type: 'string', describe: 'last partition (inclusive)' })
      .option('lookup', { type: 'string', describe: 'traces table db.table (default default.traces)' })
      .option('spec', { type: 'string', describe: 'backfill spec (schemas/backfill.schema.json); flags override it' })
      .option('publish', {
        type: 'string',
        choices: ['replace', 'missing-only'],
        describe: 'replace the partition, or insert only events the target lacks',
      })
      .option('chunk', {
        type: 'string',
        describe:
          'chunk of a partition: auto (default: buckets of projects, as many as its rows need), projects/N (N buckets of projects over the whole month), day, hour or Nh (N hours dividing a day)',
      })
      .option('out', { type: 'string', describe: 'plan directory (default generated-sql/<spec name>)' })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'skip partitions published and chunks already staged by this plan',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'take over the target from another runner (only if it is dead)',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'compile and list chunks with row estimates; change nothing',
      })
      .option('validate', {
        type: 'boolean',
        default: true,
        describe: 'validate the partitions at the end (--no-validate skips it; chplan validate runs it later)',
      })
      .option('report', { type: 'string', describe: 'write the validation report as JSON to this file' }),
  handler: async (
    args: CommonArgs & {
      partition: string;
      to?: string;
      lookup?: string;
      spec?: string;
      publish?: string;
      out?: string;
      resume: boolean;
      force: boolean;
      dryRun: boolean;
      validate: boolean;
      report?: string;
    },
  ) => {
    if (args.report) assertWritableFile(args.report);
    const partitions = partitionsBetween(args.partition, args.to);
    const spec = loadSpec(args.spec, {
      source: args.source,
      lookup: args.lookup,
      target: args.target,
      publish: args.publish,
      chunk: args.chunk,
    });
    const settings = engineSettingsFrom(args);
    const progress = runProgress(args.json);
    const stages = stagePrinter(args.json);
    const result = await withInterrupt((signal) =>
      withEngine(settings, (engine) =>
        backfill(engine, spec, {
          partitions,
          out: args.out,
          dryRun: args.dryRun,
          validate: args.validate,
          resume: args.resume,
          force: args.force,
          signal,
          onEvent: (event) => {
            if (event.type === 'seeded') {
              if (!args.json)
                print(
                  `  no observations table on the embedded engine: a demo month ${event.month}, ${event.rows} observation rows (every version)`,
                );
            } else if (event.type === 'stage') stages.start(event.name);
            else progress.onEvent(event);
          },
        }),
      ),
    ).finally(() => {
      progress.stop();
      stages.end();
    });
    finishWorkflow(args, result, result.partitions);
  },
};
