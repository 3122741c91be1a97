import type { Argv } from 'yargs';
import { KINDS } from '../kinds.js';
import { kindOfSpec, compileOptions } from '../kind-lookup.js';
import { print, printJson } from '../../terminal/output.js';
import { engineSettingsFrom, withEngineOptions, type CommonArgs } from '../../config/cli-options.js';

export const compileCommand = {
  command: 'compile',
  describe: 'render a plan directory of reviewable SQL: from --spec F (its "kind" decides), else from mapping.json',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('spec', {
        type: 'string',
        describe: `spec file of a plan kind (${KINDS.slice(1)
          .map((k) => k.name)
          .join(', ')})`,
      })
      .option('out', { type: 'string', describe: 'plan directory (default generated-sql/<name>)' })
      .option('chunk', { type: 'string', describe: 'default chunk size recorded in the plan' })
      .options(compileOptions()),
  handler: async (args: CommonArgs & { spec?: string; [flag: string]: unknown }) => {
    const kind = args.spec ? kindOfSpec(args.spec) : KINDS[0]!;
    const result = await kind.compile(engineSettingsFrom(args), args);
    if (args.json) return printJson(result.json);
    print(`Wrote ${kind.name} plan ${result.out} (${result.files} files, plan hash ${result.planHash.slice(0, 16)}).`);
    print(`Review ${result.out}/PLAN.md, then: ${result.next}`);
  },
};
