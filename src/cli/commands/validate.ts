import type { Argv } from 'yargs';
import { readAnyPlan } from '../kind-lookup.js';
import { assertWritableFile, writeFileAtomic } from '../../core/write-atomic.js';
import { printJson } from '../../terminal/output.js';
import { engineSettingsFrom, withEngineOptions, type CommonArgs } from '../../config/cli-options.js';

export const validateCommand = {
  command: 'validate <plan>',
  describe: "compare the target with the source by the plan's own checks; exit 1 unless all pass",
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('day', { type: 'string', describe: 'first day, YYYY-MM-DD (plans that run by day)' })
      .option('partition', { type: 'string', describe: 'first partition, YYYYMM (plans that run by partition)' })
      .option('to', { type: 'string', describe: 'last day or partition (inclusive)' })
      .option('report', { type: 'string', describe: 'write the report as JSON to this file' })
      .option('seed', { type: 'number', default: 1, describe: 'seed choosing the spot-checked rows' }),
  handler: async (
    args: CommonArgs & {
      plan: string;
      day?: string;
      partition?: string;
      to?: string;
      report?: string;
      seed: number;
      [flag: string]: unknown;
    },
  ) => {
    if (args.report) assertWritableFile(args.report);
    const settings = engineSettingsFrom(args);
    const { kind, plan } = readAnyPlan(args.plan);
    const result = await kind.validate(settings, plan, { day: args.day, partition: args.partition, to: args.to }, args);
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(result.json, null, 2)}\n`);
    if (args.json) printJson(result.json);
    else result.print();
    if (!result.passed) process.exitCode = 1;
  },
};
