import type { Argv } from 'yargs';
import { keyRows, sharedKeys } from '../discover/key-inventory.js';
import { discoverMapping } from '../workflows/discover-mapping.js';
import { print, printJson, table } from '../../../terminal/output.js';
import { settingsFrom, type CommonArgs } from '../../../config/cli-options.js';
import { withFlattenOptions } from './flatten-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { writeSchemaFile } from '../schema/schema-file.js';

export const discoverCommand = {
  command: 'discover',
  describe: 'scan the source for map keys and write mapping.json (alphabetical, code-point order)',
  builder: (yargs: Argv) =>
    withFlattenOptions(yargs)
      .option('day', { type: 'string', demandOption: true, describe: 'first day, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'last day (inclusive)' })
      .option('out', { type: 'string', default: 'mapping.json', describe: 'mapping file to write' })
      .option('base', { type: 'string', describe: 'existing mapping whose columns are kept; new keys are appended' })
      .option('spare-columns', {
        type: 'number',
        default: 0,
        describe: 'unused columns to reserve per kind, so new keys need no DDL',
      })
      .option('schema-out', {
        type: 'string',
        describe: "also write the source's columns here, for compile --source-schema (no connection needed)",
      }),
  handler: async (
    args: CommonArgs & {
      day: string;
      to?: string;
      out: string;
      base?: string;
      spareColumns: number;
      schemaOut?: string;
    },
  ) => {
    const settings = settingsFrom(args);
    const { schema, inventory, mapping, out } = await withEngine(settings, (engine) =>
      discoverMapping(engine, settings, {
        from: args.day,
        to: args.to,
        out: args.out,
        base: args.base,
        spareColumns: args.spareColumns,
      }),
    );
    if (args.schemaOut) writeSchemaFile(args.schemaOut, settings.source, schema.columns);
    if (args.json)
      return printJson({
        out,
        rows: inventory.rows,
        int: mapping.int.length,
        float: mapping.float.length,
        shared: sharedKeys(inventory),
      });
    print(
      `Scanned ${inventory.rows} rows of ${inventory.source} (${inventory.from}${inventory.to !== inventory.from ? ` … ${inventory.to}` : ''}).`,
    );
    print(
      table(
        ['kind', 'keys', 'columns'],
        [
          [
            'int',
            inventory.keys.filter((k) => k.kind === 'int').length,
            mapping.int.length ? `int1 … int${mapping.int.length}` : '—',
          ],
          [
            'float',
            inventory.keys.filter((k) => k.kind === 'float').length,
            mapping.float.length ? `float1 … float${mapping.float.length}` : '—',
          ],
        ],
      ),
    );
    const shared = sharedKeys(inventory);
    if (shared.length > 0) {
      print(`${shared.length} key(s) appear in several maps; each gets one column summing all of them:`);
      print(
        table(
          ['kind', 'key', 'maps', 'rows'],
          shared.map((k) => [k.kind, JSON.stringify(k.key), k.maps.map((m) => m.map).join(', '), keyRows(k)]),
        ),
      );
    }
    if (inventory.rows === 0) print('The source has no rows in that range: the mapping is empty.');
    print(`Wrote ${out} (mapping v${mapping.version})${args.schemaOut ? ` and ${args.schemaOut}` : ''}.`);
  },
};
