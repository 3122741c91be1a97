import type { Argv } from 'yargs';
import { ConfigError } from '../../../core/errors.js';
import { readMapping } from '../mapping/mapping-file.js';
import { diffMappings, type MappingDiff } from '../mapping/diff-mappings.js';
import { discoverDayMappings } from '../workflows/discover-mapping.js';
import { green, print, printJson, red, table } from '../../../terminal/output.js';
import { settingsFrom, type CommonArgs } from '../../../config/cli-options.js';
import { withFlattenOptions } from './flatten-options.js';
import { withEngine } from '../../../engine/with-engine.js';

export const diffCommand = {
  command: 'diff [a] [b]',
  describe: 'compare two mappings (files, or fresh discoveries of two days): added, removed and moved keys',
  builder: (yargs: Argv) =>
    withFlattenOptions(yargs)
      .positional('a', { type: 'string', describe: 'first mapping file' })
      .positional('b', { type: 'string', describe: 'second mapping file' })
      .option('day', { type: 'string', array: true, describe: 'discover these two days instead: --day D1 --day D2' }),
  handler: async (args: CommonArgs & { a?: string; b?: string; day?: string[] }) => {
    let diff: MappingDiff;
    if (args.day?.length) {
      if (args.day.length !== 2 || args.a || args.b)
        throw new ConfigError(
          'Give either two mapping files or exactly two --day options, e.g. chplan diff --day 2025-10-08 --day 2025-10-09.',
        );
      const settings = settingsFrom(args);
      const [first, second] = await withEngine(settings, (engine) =>
        discoverDayMappings(engine, settings, args.day as [string, string]),
      );
      diff = diffMappings(first, second);
    } else {
      if (!args.a || !args.b)
        throw new ConfigError(
          'Name two mapping files (chplan diff old.json new.json) or two days (chplan diff --day D1 --day D2).',
        );
      diff = diffMappings(readMapping(args.a), readMapping(args.b));
    }
    if (args.json) printJson(diff);
    else printDiff(diff);
    if (!diff.compatible) process.exitCode = 1;
  },
};

/** Human rendering of a mapping diff; also used for golden files. */
export function renderDiff(diff: MappingDiff): string {
  const lines: string[] = [];
  const section = (title: string, head: string[], rows: (string | number)[][]) => {
    if (rows.length) lines.push(`${title} (${rows.length})`, table(head, rows));
  };
  section(
    'Added keys',
    ['kind', 'key', 'column', 'rows'],
    diff.added.map((k) => [k.kind, JSON.stringify(k.key), k.column, k.rows]),
  );
  section(
    'Removed keys',
    ['kind', 'key', 'column', 'rows'],
    diff.removed.map((k) => [k.kind, JSON.stringify(k.key), k.column, k.rows]),
  );
  section(
    'Keys that would move to another column',
    ['kind', 'key', 'from', 'to', 'rows'],
    diff.moved.map((k) => [k.kind, JSON.stringify(k.key), k.from, k.to, k.rows]),
  );
  section(
    'Columns that would change meaning',
    ['kind', 'column', 'before', 'after'],
    diff.reused.map((c) => [c.kind, c.column, JSON.stringify(c.before), JSON.stringify(c.after)]),
  );
  if (!lines.length) lines.push('The mappings are identical.');
  lines.push(
    diff.compatible
      ? 'Compatible: both can load into one table.'
      : 'INCOMPATIBLE: loading both into one table would mix metrics. Evolve the newer one with `chplan discover --base <older mapping>` instead.',
  );
  return lines.join('\n');
}

function printDiff(diff: MappingDiff): void {
  const text = renderDiff(diff);
  print(
    diff.compatible ? text.replace(/Compatible:.*$/, (m) => green(m)) : text.replace(/INCOMPATIBLE:.*$/, (m) => red(m)),
  );
}
