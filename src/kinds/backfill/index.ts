import { ConfigError } from '../../core/errors.js';
import { withEngine } from '../../engine/with-engine.js';
import { formatTableRef } from '../../config/settings.js';
import { shownValidation } from '../../terminal/output.js';
import { withShards } from '../../engine/cluster.js';
import { withPlan } from '../../execute/shards.js';
import { CLUSTER_OPTION } from '../../config/cli-options.js';
import type { PlanKind, UnitArgs } from '../kind.js';
import { backfillCommand } from './commands/backfill.js';
import { benchBackfillCommand } from './commands/bench-backfill.js';
import { compileBackfillDir } from './plan/compile-plan-dir.js';
import { readBackfillPlan, type BackfillPlan } from './plan/plan.js';
import { partitionsBetween, runBackfill } from './run/run.js';
import { clusterSplitTraces, runBackfillOnShards, validateBackfillOnShards } from './run/shards.js';
import { parseMonth, seedLangfuse } from './seed/seed-langfuse.js';
import { loadSpec } from './plan/spec.js';
import { validateBackfill } from './validate/validate.js';

function partitionsOf(units: UnitArgs): string[] {
  if (units.day !== undefined)
    throw new ConfigError(
      'A backfill plan runs by monthly partition: pass --partition YYYYMM [--to YYYYMM], not --day.',
    );
  if (units.partition === undefined)
    throw new ConfigError('Name the partition to run: --partition YYYYMM [--to YYYYMM].');
  const partitions = partitionsBetween(units.partition, units.to);
  if (partitions.length > 120)
    throw new ConfigError(
      `--partition ${units.partition} --to ${units.to} spans ${partitions.length} months; one command takes at most 120. Nothing was run: split the range.`,
    );
  return partitions;
}

/**
 * Langfuse's events backfill (seed 002): events_full and events_core as Langfuse's own backfill writes them, a month at
 * a time.
 */
export const backfillKind: PlanKind<BackfillPlan> = {
  name: 'backfill',
  describe:
    'Langfuse events_full (+ events_core) from observations + traces, as Langfuse writes them, by monthly partition (spec: schemas/backfill.schema.json)',
  compileOptions: {
    source: {
      type: 'string',
      describe: 'source table db.table (flatten: the Map-column table; backfill: observations)',
    },
    target: { type: 'string', describe: 'target table db.table (flatten: the flat table; backfill: events_full)' },
    lookup: { type: 'string', describe: 'backfill: traces table db.table (overrides the spec)' },
    publish: {
      type: 'string',
      choices: ['replace', 'missing-only'],
      describe: 'backfill: replace partitions, or insert only events the target lacks',
    },
    cluster: CLUSTER_OPTION,
  },
  async compile(settings, args) {
    const flag = (name: string) => args[name] as string | undefined;
    const spec = loadSpec(flag('spec'), {
      source: flag('source'),
      lookup: flag('lookup'),
      target: flag('target'),
      publish: flag('publish'),
      chunk: flag('chunk'),
      cluster: flag('cluster'),
    });
    const result = await withEngine(settings, (engine) =>
      compileBackfillDir(engine, spec, args.out as string | undefined),
    );
    return {
      out: result.out,
      planHash: result.planHash,
      files: result.files.length,
      json: result,
      next: `chplan run ${result.out} --partition YYYYMM`,
    };
  },
  readPlan: readBackfillPlan,
  clusterOf: (plan) => plan.manifest.cluster,
  unitLabel: (day) => `partition ${day.slice(0, 7).replace('-', '')}`,
  async run(settings, plan, units, options) {
    const run = { partitions: partitionsOf(units), chunk: units.chunk, ...options };
    if (plan.manifest.cluster)
      return withShards(settings, plan.manifest.cluster, (entry, shards) =>
        runBackfillOnShards(withPlan(shards, plan), clusterSplitTraces(entry, plan), run),
      );
    return [{ shard: null, units: await withEngine(settings, (engine) => runBackfill(engine, plan, run)) }];
  },
  async validate(settings, plan, units) {
    if (plan.manifest.cluster) {
      const sharded = await withShards(settings, plan.manifest.cluster, (entry, shards) =>
        validateBackfillOnShards(withPlan(shards, plan), clusterSplitTraces(entry, plan), partitionsOf(units)),
      );
      return shownValidation(sharded);
    }
    const report = await withEngine(settings, (engine) => validateBackfill(engine, plan, partitionsOf(units)));
    return shownValidation(report);
  },
  seeders: {
    langfuse: {
      describe:
        "Langfuse's current schema (its migrations) and one month of traces and observations with versions, moves, deletions, orphans, cross-month traces and dataset runs",
      options: {
        month: { type: 'string', describe: 'langfuse: month to fill, YYYY-MM' },
        observations: { type: 'number', default: 200_000, describe: 'langfuse: observations (each with 1–3 versions)' },
        traces: { type: 'number', describe: 'langfuse: traces (default observations / 10)' },
        source: {
          type: 'string',
          describe: 'table to fill, db.table (flatten: the Map-column source; langfuse: observations)',
        },
        lookup: { type: 'string', describe: 'langfuse: traces table db.table (default default.traces)' },
        seed: { type: 'number', default: 1, describe: 'random seed (same seed, same data)' },
        replace: { type: 'boolean', default: false, describe: 'regenerate data that already exists' },
      },
      async run(settings, args) {
        if (typeof args.month !== 'string')
          throw new ConfigError('Name the month to fill: chplan seed --kind langfuse --month YYYY-MM.');
        const month = parseMonth(args.month);
        const observations = Number(args.observations);
        // The spec's defaults and checks name the tables, as for the backfill that reads them.
        const spec = loadSpec(undefined, {
          source: args.source as string | undefined,
          lookup: args.lookup as string | undefined,
        });
        const result = await withEngine(settings, (engine) =>
          seedLangfuse(engine, {
            observations: spec.source,
            traces: spec.lookup,
            month,
            observationCount: observations,
            traceCount: args.traces === undefined ? Math.max(1, Math.floor(observations / 10)) : Number(args.traces),
            seed: Number(args.seed ?? 1),
            replace: Boolean(args.replace),
          }),
        );
        return `Filled ${formatTableRef(result.observations)} and ${formatTableRef(result.traces)} for ${month}: ${result.observationRows} observation rows, ${result.traceRows} trace rows (every version counted) in ${result.seconds.toFixed(1)} s.`;
      },
    },
  },
  commands: [backfillCommand, benchBackfillCommand],
};
