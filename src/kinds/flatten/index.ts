import { settingsFrom } from '../../config/cli-options.js';
import { ConfigError } from '../../core/errors.js';
import { daysBetween, parseChunk, parseDay, type ChunkSpec } from '../../core/windows.js';
import { withEngine } from '../../engine/with-engine.js';
import { shownValidation } from '../../terminal/output.js';
import type { PlanKind, UnitArgs } from '../kind.js';
import { benchTransformCommand } from './commands/bench-transform.js';
import { diffCommand } from './commands/diff.js';
import { discoverCommand } from './commands/discover.js';
import { benchmarkCommand, viewBenchmarkCommand } from './commands/query-bench.js';
import { transformCommand } from './commands/transform.js';
import { FLATTEN_OPTIONS } from './commands/flatten-options.js';
import { readMapping } from './mapping/mapping-file.js';
import { readPlan, type FlattenPlan } from './plan/plan.js';
import { runFlatten } from './run/run.js';
import { runOnShards, validateOnShards } from './run/shards.js';
import { withShards } from './run/with-shards.js';
import { readSchemaFile } from './schema/schema-file.js';
import { seedDay } from './seed/seed.js';
import { validatePlan } from './validate/validate.js';
import { compilePlanDir, compilePlanDirOffline } from './plan/compile-plan-dir.js';

const MAX_DAYS = 366;

function daysOf(units: UnitArgs): string[] {
  if (units.partition !== undefined)
    throw new ConfigError('A flatten plan runs by day: pass --day YYYY-MM-DD [--to YYYY-MM-DD], not --partition.');
  if (units.day === undefined) throw new ConfigError('Name the day to run: --day YYYY-MM-DD [--to YYYY-MM-DD].');
  const days = daysBetween(units.day, units.to);
  // Every day costs a few queries even when empty; a typo like --to 2099-12-31 should not run for hours.
  if (days.length > MAX_DAYS)
    throw new ConfigError(
      `--day ${units.day} --to ${units.to} spans ${days.length} days; one command takes at most ${MAX_DAYS}. Nothing was run: split the range (each part can be resumed on its own).`,
    );
  return days;
}

/** The Map-column flatten (seed 000): the first kind, and the default of `compile` without --spec. */
export const flattenKind: PlanKind<FlattenPlan> = {
  name: 'flatten',
  describe: 'Map-column table → flat, pre-aggregated table (mapping.json)',
  compileOptions: {
    ...FLATTEN_OPTIONS,
    mapping: { type: 'string', default: 'mapping.json', describe: 'flatten: mapping file' },
    previous: { type: 'string', describe: 'flatten: mapping the target was loaded with (emits ADD COLUMN migrations)' },
    'source-schema': {
      type: 'string',
      describe: "flatten: compile without a connection, from discover --schema-out or a plan's manifest.json",
    },
  },
  async compile(_engine, args) {
    // The flatten's plan depends on its own flags (source, target, types, zone, …) as well as the engine's.
    const settings = settingsFrom(args);
    const options = {
      mapping: String(args.mapping ?? 'mapping.json'),
      out: args.out as string | undefined,
      previous: args.previous ? readMapping(String(args.previous)) : null,
    };
    const result = args.sourceSchema
      ? compilePlanDirOffline(readSchemaFile(String(args.sourceSchema), settings.source), settings, options)
      : await withEngine(settings, (engine) => compilePlanDir(engine, settings, options));
    return {
      out: result.out,
      planHash: result.manifest.planHash,
      files: result.files.length,
      json: result,
      next: `chplan run ${result.out} --day YYYY-MM-DD`,
    };
  },
  clusterOf: (plan) => plan.manifest.cluster,
  readPlan,
  run(settings, plan, units, options) {
    const chunk: ChunkSpec = units.chunk ? parseChunk(units.chunk) : plan.manifest.chunk;
    const run = { days: daysOf(units), chunk, ...options };
    return plan.manifest.cluster
      ? withShards(settings, plan, (shards, splitGroups) => runOnShards(shards, splitGroups, run))
      : withEngine(settings, async (engine) => [{ shard: null, units: await runFlatten(engine, plan, run) }]);
  },
  async validate(settings, plan, units, args) {
    const days = daysOf(units);
    if (plan.manifest.cluster) {
      const sharded = await withShards(settings, plan, (shards) => validateOnShards(shards, days));
      return shownValidation(sharded);
    }
    const report = await withEngine(settings, (engine) => validatePlan(engine, plan, days, Number(args.seed ?? 1)));
    return shownValidation(report);
  },
  seeders: {
    flatten: {
      describe: 'the Map-column source table: one day of production-like rows',
      options: {
        day: { type: 'string', describe: 'flatten: day to fill, YYYY-MM-DD' },
        source: {
          type: 'string',
          describe: 'table to fill, db.table (flatten: the Map-column source; langfuse: observations)',
        },
        rows: { type: 'number', default: 200_000, describe: 'flatten: rows to generate' },
        'customer-count': {
          type: 'number',
          default: 5,
          describe: 'flatten: how many customers the day has (ids 1..N)',
        },
        seed: { type: 'number', default: 1, describe: 'random seed (same seed, same data)' },
        replace: { type: 'boolean', default: false, describe: 'regenerate data that already exists' },
      },
      async run(_engine, args) {
        if (typeof args.day !== 'string') throw new ConfigError('Name the day to fill: chplan seed --day YYYY-MM-DD.');
        const day = parseDay(args.day);
        if (!Number.isInteger(Number(args.seed)))
          throw new ConfigError(
            `--seed must be a whole number (the same seed gives the same data), not ${JSON.stringify(String(args.seed))}.`,
          );
        const settings = settingsFrom(args);
        const result = await withEngine(settings, (engine) =>
          seedDay(engine, settings, {
            day,
            rows: Number(args.rows),
            customers: Number(args.customerCount),
            seed: Number(args.seed),
            replace: Boolean(args.replace),
          }),
        );
        return `${result.created ? 'Created' : 'Filled'} ${result.table}: ${result.rows} rows on ${day} in ${result.seconds.toFixed(1)} s.`;
      },
    },
  },
  commands: [
    discoverCommand,
    transformCommand,
    diffCommand,
    benchTransformCommand,
    benchmarkCommand,
    viewBenchmarkCommand,
  ],
};
