import type { Argv } from 'yargs';
import { seedDay } from '../../seed/seed.js';
import { parseDay } from '../../core/windows.js';
import { print, printJson } from '../output.js';
import { settingsFrom, withCommonOptions, type CommonArgs } from '../options.js';
import { withEngine } from '../with-engine.js';

export const seedCommand = {
  command: 'seed',
  describe: 'create the production-like source table if missing and fill one day with synthetic data',
  builder: (yargs: Argv) =>
    withCommonOptions(yargs)
      .option('day', { type: 'string', demandOption: true, describe: 'day to fill, YYYY-MM-DD' })
      .option('rows', { type: 'number', default: 200_000, describe: 'rows to generate' })
      .option('customers', { type: 'string', default: '5', describe: 'number of customers' })
      .option('seed', { type: 'number', default: 1, describe: 'random seed (same seed, same data)' })
      .option('replace', { type: 'boolean', default: false, describe: 'regenerate a day that already has rows' }),
  handler: async (args: CommonArgs & { day: string; rows: number; customers: string; seed: number; replace: boolean }) => {
    const settings = settingsFrom({ ...args, customers: undefined });
    const result = await withEngine(settings, (engine) =>
      seedDay(engine, settings, { day: parseDay(args.day), rows: args.rows, customers: Number(args.customers), seed: args.seed, replace: args.replace }),
    );
    if (args.json) printJson(result);
    else print(`${result.created ? 'Created' : 'Filled'} ${result.table}: ${result.rows} rows on ${args.day} in ${result.seconds.toFixed(1)} s.`);
  },
};
