import type { Argv } from 'yargs';
import { ConfigError } from '../../core/errors.js';
import { allSeeders } from '../kind-lookup.js';
import { print } from '../../terminal/output.js';
import { engineSettingsFrom, withEngineOptions, type CommonArgs } from '../../config/cli-options.js';

const seeders = allSeeders();

export const seedCommand = {
  command: 'seed',
  describe: `create a demo data set server-side: ${[...seeders].map(([name, s]) => `${name} (${s.describe})`).join('; ')}`,
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('kind', {
        type: 'string',
        default: [...seeders.keys()][0],
        choices: [...seeders.keys()],
        describe: 'which data set',
      })
      .options(Object.assign({}, ...[...seeders.values()].map((s) => s.options))),
  handler: async (args: CommonArgs & { kind: string; [flag: string]: unknown }) => {
    const seeder = seeders.get(args.kind);
    if (!seeder)
      throw new ConfigError(
        `--kind ${args.kind} is not a data set chplan can seed; choose one of ${[...seeders.keys()].join(', ')}.`,
      );
    const settings = engineSettingsFrom(args);
    print(await seeder.run(settings, args));
  },
};
