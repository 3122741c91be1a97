import type { Argv } from 'yargs';
import { runPlan } from '../../execute/run-plan.js';
import { daysBetween } from '../../execute/windows.js';
import { readPlan } from '../../plan/plan-dir.js';
import { print, printJson, runProgress, table } from '../output.js';
import { settingsFrom, withCommonOptions, type CommonArgs } from '../options.js';
import { withEngine } from '../with-engine.js';

export const runCommand = {
  command: 'run <plan>',
  describe: 'execute a plan server-side, chunk by chunk, publishing each finished day atomically',
  builder: (yargs: Argv) =>
    withCommonOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('day', { type: 'string', demandOption: true, describe: 'first day, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last day (inclusive)' })
      .option('chunk', { type: 'string', choices: ['day', 'hour'], describe: 'chunk size (default: the plan\'s)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'list chunks, parameters and row estimates; change nothing' }),
  handler: async (args: CommonArgs & { plan: string; day: string; to?: string; chunk?: string; dryRun: boolean }) => {
    const settings = settingsFrom({ ...args, chunk: undefined });
    const plan = readPlan(args.plan);
    const days = daysBetween(args.day, args.to);
    const progress = runProgress(args.json);
    const summaries = await withEngine(settings, (engine) =>
      runPlan(engine, plan, { days, chunk: (args.chunk as 'day' | 'hour' | undefined) ?? plan.manifest.chunk, dryRun: args.dryRun, onEvent: progress.onEvent }),
    ).finally(progress.stop);
    if (args.json) return printJson(summaries);
    print(table(['day', 'status', 'source rows', 'target rows', 'seconds'], summaries.map((s) => [s.day, s.status, s.rowsRead, s.rowsWritten, s.seconds.toFixed(1)])));
  },
};
