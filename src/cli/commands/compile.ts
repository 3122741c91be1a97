import type { Argv } from 'yargs';
import { compilePlanDir, compilePlanDirOffline } from '../../workflows/compile-plan-dir.js';
import { readSchemaFile } from '../../schema/schema-file.js';
import { readMapping } from '../../mapping/mapping-file.js';
import { print, printJson } from '../output.js';
import { settingsFrom, withCommonOptions, type CommonArgs } from '../options.js';
import { withEngine } from '../with-engine.js';

export const compileCommand = {
  command: 'compile',
  describe: 'render mapping.json into a reviewable plan directory of SQL files',
  builder: (yargs: Argv) =>
    withCommonOptions(yargs)
      .option('mapping', { type: 'string', default: 'mapping.json', describe: 'mapping file' })
      .option('out', { type: 'string', describe: 'plan directory (default generated-sql/<target table>)' })
      .option('previous', { type: 'string', describe: 'mapping the target was loaded with: emits ADD COLUMN migrations for new columns' })
      .option('chunk', { type: 'string', describe: 'default chunk size recorded in the plan: day, hour or minutes like 15m' })
      .option('source-schema', { type: 'string', describe: 'compile without a connection: the source\'s columns from discover --schema-out, or a plan\'s manifest.json' }),
  handler: async (args: CommonArgs & { mapping: string; out?: string; previous?: string; sourceSchema?: string }) => {
    const settings = settingsFrom(args);
    const options = { mapping: args.mapping, out: args.out, previous: args.previous ? readMapping(args.previous) : null };
    const result = args.sourceSchema
      ? compilePlanDirOffline(readSchemaFile(args.sourceSchema, settings.source), settings, options)
      : await withEngine(settings, (engine) => compilePlanDir(engine, settings, options));
    if (args.json) return printJson(result);
    print(`Wrote plan ${result.out} (${result.files.length} files, plan hash ${result.manifest.planHash.slice(0, 16)}).`);
    print(`Review ${result.out}/PLAN.md, then: chplan run ${result.out} --day YYYY-MM-DD`);
  },
};
