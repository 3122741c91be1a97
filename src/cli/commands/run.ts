import type { Argv } from 'yargs';
import { runPlan } from '../../execute/run-plan.js';
import { daysBetween, parseChunk } from '../../core/windows.js';
import { requireApproval } from '../../plan/approval.js';
import { withInterrupt } from '../interrupt.js';
import { readPlan } from '../../plan/plan-dir.js';
import { print, printJson, runProgress, table } from '../output.js';
import { settingsFrom, withCommonOptions, type CommonArgs } from '../options.js';
import { withEngine, withShards } from '../with-engine.js';
import { runOnShards } from '../../execute/shards.js';

export const runCommand = {
  command: 'run <plan>',
  describe: 'execute a plan server-side, chunk by chunk, publishing each finished day atomically',
  builder: (yargs: Argv) =>
    withCommonOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('day', { type: 'string', demandOption: true, describe: 'first day, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last day (inclusive)' })
      .option('chunk', { type: 'string', describe: 'chunk size: day, hour or minutes like 15m (default: the plan\'s)' })
      .option('resume', { type: 'boolean', default: false, describe: 'skip days published and chunks already staged by this plan' })
      .option('force', { type: 'boolean', default: false, describe: 'take over the target from another runner (only if it is dead)' })
      .option('require-approval', { type: 'boolean', default: false, describe: 'refuse a plan that is unapproved or changed since approval' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'list chunks, parameters and row estimates; change nothing' }),
  handler: async (args: CommonArgs & { plan: string; day: string; to?: string; chunk?: string; dryRun: boolean; resume: boolean; force: boolean; requireApproval: boolean }) => {
    const settings = settingsFrom({ ...args, chunk: undefined });
    const plan = readPlan(args.plan);
    if (args.requireApproval) requireApproval(plan);
    const chunk = args.chunk ? parseChunk(args.chunk) : plan.manifest.chunk;
    const days = daysBetween(args.day, args.to);
    const progress = runProgress(args.json);
    const results = await withInterrupt((signal) => {
      const options = { days, chunk, dryRun: args.dryRun, resume: args.resume, force: args.force, signal, onEvent: progress.onEvent };
      return plan.manifest.cluster
        ? withShards(settings, plan, (shards, splitGroups) => runOnShards(shards, splitGroups, options))
        : withEngine(settings, async (engine) => [{ shard: 'local', days: await runPlan(engine, plan, options) }]);
    }).finally(progress.stop);
    if (args.json) return printJson(results);
    print(table(['shard', 'day', 'status', 'source rows', 'target rows', 'seconds'], results.flatMap((r) => r.days.map((s) => [r.shard, s.day, s.status, s.rowsRead, s.rowsWritten, s.seconds.toFixed(1)]))));
  },
};
