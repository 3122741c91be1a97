import type { Argv } from 'yargs';
import { DEMO_DAY } from '../../../config/settings.js';
import { transform } from '../workflows/transform.js';
import { assertFilePath, writeFileAtomic } from '../../../core/write-atomic.js';
import { bold, print, printJson, printValidation, runProgress, table } from '../../../terminal/output.js';
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
  handler: async (args: CommonArgs & { day: string; to?: string; mapping: string; out?: string; base?: string; report?: string }) => {
    if (args.report) assertFilePath(args.report);
    const settings = settingsFrom(args);
    const progress = runProgress(args.json);
    const result = await withEngine(settings, (engine) =>
      transform(engine, settings, {
        from: args.day, to: args.to, mappingOut: args.mapping, planOut: args.out, base: args.base,
        onEvent: (event) => {
          if (event.type === 'seeded') { if (!args.json) print(`No source table on the embedded engine: seeded demo data for ${event.day} (${event.rows} rows).`); }
          else if (event.type === 'stage') { if (!args.json) print(bold(`» ${event.name}`)); }
          else progress.onEvent(event);
        },
      }),
    ).finally(progress.stop);
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(result.report, null, 2)}\n`);
    if (args.json) printJson(result);
    else {
      print(`Mapping: ${result.discovery.out} (${result.discovery.mapping.int.length} int, ${result.discovery.mapping.float.length} float columns). Plan: ${result.planDir}`);
      print(table(['day', 'status', 'source rows', 'target rows', 'seconds'], result.days.map((s) => [s.day, s.status, s.rowsRead, s.rowsWritten, s.seconds.toFixed(1)])));
      printValidation(result.report);
    }
    if (!result.report.passed) process.exitCode = 1;
  },
};
