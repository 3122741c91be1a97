import type { Argv } from 'yargs';
import { settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { print, printJson } from '../../../terminal/output.js';
import { readStreamPlan } from '../plan/plan.js';
import { REPLAY_ENGINE, replayFile, type ReplayProgress } from '../run/replay.js';
import { setupChain } from '../run/setup.js';
import { daysWithData } from '../run/days.js';

/**
 * A line naming the staging tables of killed replays (or an earlier chplan's) it dropped, one when the dump is staged
 * and one per landed block, each with the seconds it took.
 */
function printProgress(): (progress: ReplayProgress) => void {
  let since = Date.now();
  return (progress) => {
    const seconds = `${((Date.now() - since) / 1000).toFixed(1)} s`;
    since = Date.now();
    if (progress.phase === 'cleared')
      return print(
        `  dropped the staging tables killed replays or an earlier chplan left: ${progress.tables.join(', ')}`,
      );
    print(
      progress.phase === 'staged'
        ? `  staged ${progress.lines} lines in ${seconds}`
        : `  landed ${progress.lines}${progress.of === undefined ? '' : ` of ${progress.of}`} lines (${seconds})`,
    );
  };
}

export const replayCommand = {
  command: 'replay <plan>',
  describe:
    "feed recorded Debezium messages (one per line) into a stream plan's landing table, building the chain first if needed",
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .positional('plan', { type: 'string', demandOption: true, describe: 'stream plan directory' })
      .option('file', { type: 'string', demandOption: true, describe: 'the dump: one Debezium JSON message per line' })
      .option('key-separator', {
        type: 'string',
        default: '',
        describe:
          'each line is the message key, this separator, then the message, as kcat -K prints them (\\t for a tab); without it a line is the message alone',
      })
      .option('topic', {
        type: 'string',
        default: 'replay',
        describe: "what the landing table records as the messages' topic",
      }),
  handler: async (args: CommonArgs & { plan: string; file: string; topic: string; keySeparator: string }) => {
    const plan = readStreamPlan(args.plan);
    const { landed, days } = await withEngine(
      settingsFrom(args),
      async (engine) => {
        await setupChain(engine, plan, { kafka: false, dictionaries: null });
        return {
          landed: await replayFile(engine, plan, args.file, {
            topic: args.topic,
            keySeparator: args.keySeparator.replaceAll('\\t', '\t'),
            onProgress: args.json ? undefined : printProgress(),
          }),
          days: await daysWithData(engine, plan),
        };
      },
      REPLAY_ENGINE,
    );
    if (args.json) return printJson({ landed });
    const range =
      days.length === 0 ? '' : days.length === 1 ? ` --day ${days[0]}` : ` --day ${days[0]} --to ${days.at(-1)}`;
    print(
      days.length === 0
        ? `Landed ${landed} messages from ${args.file}; the processed tables hold no rows yet, so there is no day to rebuild.`
        : `Landed ${landed} messages from ${args.file}. The processed tables hold days ${days[0]} to ${days.at(-1)}; rebuild their aggregates with chplan run ${args.plan}${range}.`,
    );
  },
};
