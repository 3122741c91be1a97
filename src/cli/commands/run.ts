import type { Argv } from 'yargs';
import { requireApproval } from '../../plan/approval.js';
import { kindRunFlags, readAnyPlan, runOptions } from '../kind-lookup.js';
import { withInterrupt } from '../../terminal/interrupt.js';
import { print, printJson, printRunSummary, runProgress } from '../../terminal/output.js';
import { engineSettingsFrom, wholeNumberFlag, withEngineOptions, type CommonArgs } from '../../config/cli-options.js';

export const runCommand = {
  command: 'run <plan>',
  describe: 'execute a plan server-side, chunk by chunk, publishing each finished day or partition atomically',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('day', { type: 'string', describe: 'first day, YYYY-MM-DD (plans that run by day)' })
      .option('partition', { type: 'string', describe: 'first partition, YYYYMM (plans that run by partition)' })
      .option('to', { type: 'string', describe: 'last day or partition (inclusive)' })
      .option('chunk', {
        type: 'string',
        describe:
          "chunk size (default: the plan's): day, hour or minutes like 15m (by day); day, hour, Nh or projects/N (by partition)",
      })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'skip units published and chunks already staged by this plan',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'take over the target from another runner (only if it is dead)',
      })
      .option('require-approval', {
        type: 'boolean',
        default: false,
        describe: 'refuse a plan that is unapproved or changed since approval',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'list chunks, parameters and row estimates; change nothing',
      })
      .option('parallel', { type: 'number', describe: 'cluster plans: shards run at once (default: all of them)' })
      .option('parallel-days', {
        type: 'number',
        default: 1,
        describe: 'days (or partitions) of the target loaded at once, each in its own staging partition',
      })
      .options(runOptions()),
  handler: async (
    args: CommonArgs & {
      plan: string;
      day?: string;
      partition?: string;
      to?: string;
      chunk?: string;
      dryRun: boolean;
      resume: boolean;
      force: boolean;
      requireApproval: boolean;
      parallel?: number;
      parallelDays: number;
      [flag: string]: unknown;
    },
  ) => {
    wholeNumberFlag('parallel', args.parallel, 64);
    wholeNumberFlag('parallel-days', args.parallelDays, 64);
    const settings = engineSettingsFrom(args);
    const { kind, plan } = readAnyPlan(args.plan);
    const flags = kindRunFlags(kind, args);
    if (args.requireApproval) requireApproval(plan);
    const progress = runProgress(args.json);
    const results = await withInterrupt((signal) =>
      kind.run(
        settings,
        plan,
        { day: args.day, partition: args.partition, to: args.to, chunk: args.chunk },
        {
          dryRun: args.dryRun,
          resume: args.resume,
          force: args.force,
          signal,
          onEvent: progress.onEvent,
          parallelShards: args.parallel,
          parallelUnits: args.parallelDays,
          flags,
        },
      ),
    ).finally(progress.stop);
    if (args.json) return printJson(results);
    if (results.every((r) => r.units.length === 0))
      return print(
        `No unit was named, so no unit was run (set-up steps, if the plan has any, ran). Name them: chplan run ${args.plan} --day YYYY-MM-DD [--to …].`,
      );
    printRunSummary(results);
  },
};
