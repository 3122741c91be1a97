import type { Argv } from 'yargs';
import { daysBetween } from '../../core/windows.js';
import { readPlan } from '../../plan/plan-dir.js';
import { writeFileAtomic } from '../../core/write-atomic.js';
import { validatePlan } from '../../validate/validate-plan.js';
import { printJson, printShardedValidation, printValidation } from '../output.js';
import { settingsFrom, withCommonOptions, type CommonArgs } from '../options.js';
import { withEngine, withShards } from '../with-engine.js';
import { validateOnShards } from '../../execute/shards.js';

export const validateCommand = {
  command: 'validate <plan>',
  describe: 'compare the target with the source: row counts, every key\'s sum, spot checks',
  builder: (yargs: Argv) =>
    withCommonOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('day', { type: 'string', demandOption: true, describe: 'first day, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last day (inclusive)' })
      .option('report', { type: 'string', describe: 'write the report as JSON to this file' })
      .option('seed', { type: 'number', default: 1, describe: 'seed choosing the spot-checked groups' }),
  handler: async (args: CommonArgs & { plan: string; day: string; to?: string; report?: string; seed: number }) => {
    const settings = settingsFrom(args);
    const plan = readPlan(args.plan);
    const days = daysBetween(args.day, args.to);
    if (plan.manifest.cluster) {
      const sharded = await withShards(settings, plan, (shards) => validateOnShards(shards, days));
      if (args.report) writeFileAtomic(args.report, `${JSON.stringify(sharded, null, 2)}\n`);
      if (args.json) printJson(sharded);
      else printShardedValidation(sharded);
      if (!sharded.passed) process.exitCode = 1;
      return;
    }
    const report = await withEngine(settings, (engine) => validatePlan(engine, plan, days, args.seed));
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) printJson(report);
    else printValidation(report);
    if (!report.passed) process.exitCode = 1;
  },
};
