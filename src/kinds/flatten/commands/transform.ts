import type { Argv } from 'yargs';
import { DEMO_DAY } from '../../../config/settings.js';
import { transform } from '../workflows/transform.js';
import { assertWritableFile } from '../../../core/write-atomic.js';
import { finishWorkflow, print, runProgress, stagePrinter } from '../../../terminal/output.js';
import { settingsFrom, type CommonArgs } from '../../../config/cli-options.js';
import { withFlattenOptions } from './flatten-options.js';
import { withEngine } from '../../../engine/with-engine.js';

export const transformCommand = {
  command: 'transform',
  describe: 'discover → compile → run → validate in one go (seeds demo data on an empty embedded engine)',
  builder: (yargs: Argv) =>
    withFlattenOptions(yargs)
      .option('day', { type: 'string', default: DEMO_DAY, describe: 'first day, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last day (inclusive)' })
      .option('chunk', { type: 'string', describe: 'chunk size: day, hour or minutes like 15m' })
      .option('mapping', { type: 'string', default: 'mapping.json', describe: 'mapping file to write' })
      .option('out', { type: 'string', describe: 'plan directory (default generated-sql/<target table>)' })
      .option('base', { type: 'string', describe: 'keep the columns of this existing mapping' })
      .option('report', { type: 'string', describe: 'write the validation report as JSON to this file' }),
  handler: async (
    args: CommonArgs & { day: string; to?: string; mapping: string; out?: string; base?: string; report?: string },
  ) => {
    if (args.report) assertWritableFile(args.report);
    const settings = settingsFrom(args);
    const progress = runProgress(args.json);
    const stages = stagePrinter(args.json);
    const result = await withEngine(settings, (engine) =>
      transform(engine, settings, {
        from: args.day,
        to: args.to,
        mappingOut: args.mapping,
        planOut: args.out,
        base: args.base,
        onEvent: (event) => {
          if (event.type === 'seeded') {
            if (!args.json)
              print(`  no source table on the embedded engine: demo data for ${event.day}, ${event.rows} rows`);
          } else if (event.type === 'stage') stages.start(event.name);
          else progress.onEvent(event);
        },
      }),
    ).finally(() => {
      progress.stop();
      stages.end();
    });
    const { mapping, out } = result.discovery;
    if (!args.json) print(`Mapping: ${out} (${mapping.int.length} int, ${mapping.float.length} float columns).`);
    finishWorkflow(args, result, result.days);
  },
};
