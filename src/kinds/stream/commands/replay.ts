import type { Argv } from 'yargs';
import { settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { print, printJson } from '../../../terminal/output.js';
import { readStreamPlan } from '../plan/stream-plan.js';
import { replayFile } from '../run/replay.js';
import { setupChain } from '../run/setup.js';

export const replayCommand = {
  command: 'replay <plan>',
  describe: 'feed recorded Debezium messages (one per line) into a stream plan\'s landing table, building the chain first if needed',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'stream plan directory' })
      .option('file', { type: 'string', demandOption: true, describe: 'the dump: one Debezium JSON message per line' })
      .option('topic', { type: 'string', default: 'replay', describe: 'what the landing table records as the messages\' topic' }),
  handler: async (args: CommonArgs & { plan: string; file: string; topic: string }) => {
    const plan = readStreamPlan(args.plan);
    const landed = await withEngine(settingsFrom(args), async (engine) => {
      await setupChain(engine, plan, { kafka: false, dictionaries: null });
      return replayFile(engine, plan, args.file, args.topic);
    });
    if (args.json) return printJson({ landed });
    print(`Landed ${landed} messages from ${args.file}. Rebuild the aggregates of their days with chplan run ${args.plan} --day YYYY-MM-DD [--to …].`);
  },
};
