import { ConfigError } from '../../core/errors.js';
import { daysBetween, parseDay } from '../../core/windows.js';
import { TOOL_VERSION } from '../../core/version.js';
import { withEngine } from '../../engine/with-engine.js';
import { writePlanDir } from '../../plan/plan-dir.js';
import { print, shownValidation, table } from '../../terminal/output.js';
import { withShards } from '../../engine/cluster.js';
import { withPlan } from '../../execute/shards.js';
import { CLUSTER_OPTION, wholeNumberFlag } from '../../config/cli-options.js';
import { clusterSplitKeys, runStreamOnShards } from './run/shards.js';
import { validateStreamOnShards } from './validate/shards.js';
import type { PlanKind, UnitArgs } from '../kind.js';
import { replayCommand } from './commands/replay.js';
import { streamDemoCommand } from './commands/stream-demo.js';
import { benchStreamCommand } from './commands/bench-stream.js';
import { loadStreamSpec, withCluster } from './plan/spec.js';
import { buildStreamPlan, readStreamPlan, type StreamPlan } from './plan/plan.js';
import { DAYS_PER_UNIT, rebuildAggregates } from './run/run.js';
import { pgFromEnv } from '../../engine/postgres.js';
import { setupChain } from './run/setup.js';
import { daysWithData } from './run/days.js';
import type { Engine } from '../../engine/engine.js';
import { streamStatus } from './run/status.js';
import { validateStream } from './validate/validate.js';

/** The most days one command rebuilds or validates. */
const MAX_DAYS = 366;

function daysOf(units: UnitArgs, required: boolean): string[] {
  if (units.partition !== undefined || units.chunk !== undefined)
    throw new ConfigError(
      'A stream plan rebuilds its aggregates by day: pass --day YYYY-MM-DD [--to YYYY-MM-DD], not --partition or --chunk. Nothing was run.',
    );
  if (units.day === undefined) {
    if (required)
      throw new ConfigError(
        'Name the days to rebuild: --day YYYY-MM-DD [--to YYYY-MM-DD]. (Without --day, chplan run only builds the chain.)',
      );
    return [];
  }
  const days = daysBetween(parseDay(units.day), units.to === undefined ? undefined : parseDay(units.to, '--to'));
  if (days.length > MAX_DAYS)
    throw new ConfigError(
      `--day ${units.day} --to ${units.to} spans ${days.length} days; one command takes at most ${MAX_DAYS}. Nothing was run.`,
    );
  return days;
}

/** Debezium change events → landing → processed tables → aggregates rebuilt per day (seed 004). */
export const streamKind: PlanKind<StreamPlan> = {
  name: 'stream',
  describe:
    'Debezium/Kafka change streams into processed tables and day-rebuilt aggregates (spec: schemas/stream.schema.json)',
  compileOptions: { cluster: CLUSTER_OPTION },
  runOptions: {
    'days-per-unit': {
      type: 'number',
      describe: `stream: consecutive days of an aggregate rebuilt, published and recorded as one unit (default ${DAYS_PER_UNIT})`,
    },
  },
  async compile(_settings, args) {
    const flag = args.cluster as string | undefined;
    const spec = withCluster(loadStreamSpec(args.spec as string), flag);
    const out = (args.out as string | undefined) ?? `generated-sql/${spec.name}`;
    const { files, manifest } = buildStreamPlan(spec, { toolVersion: TOOL_VERSION });
    writePlanDir(out, files);
    const { planHash } = manifest;
    return {
      out,
      planHash,
      files: files.length,
      json: { out, planHash, files: files.map((f) => f.name) },
      next: `chplan replay ${out} --file DUMP.jsonl (builds the chain, lands the messages), then chplan run ${out} --day YYYY-MM-DD [--to …]`,
    };
  },
  readPlan: readStreamPlan,
  async run(settings, plan, units, { flags, ...options }) {
    const days = daysOf(units, false);
    const daysPerUnit = wholeNumberFlag('days-per-unit', flags?.['days-per-unit'], 366) ?? DAYS_PER_UNIT;
    const cluster = plan.manifest.spec.cluster;
    if (cluster)
      return withShards(settings, cluster, (_entry, shards) =>
        runStreamOnShards(
          withPlan(shards, plan),
          options.dryRun
            ? null
            : {
                kafka: plan.manifest.spec.kafka !== null,
                dictionaries: pgFromEnv(process.env),
                onEvent: options.onEvent,
              },
          { days, daysPerUnit, ...options },
        ),
      );
    return withEngine(settings, async (engine) => {
      if (!options.dryRun) {
        await setupChain(engine, plan, {
          kafka: !engine.can.runInProcess && plan.manifest.spec.kafka !== null,
          dictionaries: pgFromEnv(process.env),
          onEvent: options.onEvent,
        });
      }
      if (days.length === 0) return [];
      return [{ shard: null, units: await rebuildAggregates(engine, plan, { days, daysPerUnit, ...options }) }];
    });
  },
  async validate(settings, plan, units) {
    // Without --day: every day the processed tables or the aggregates hold, so a day never rebuilt, or rebuilt
    // before its changes arrived, fails instead of going unchecked.
    const days = async (engine: Engine) => {
      if (units.day !== undefined || units.partition !== undefined || units.chunk !== undefined)
        return daysOf(units, false);
      const held = await daysWithData(engine, plan, { aggregates: true });
      if (held.length > MAX_DAYS)
        throw new ConfigError(
          `Without --day, validation covers every day the chain holds: ${held[0]} to ${held.at(-1)}, ${held.length} days, and one command takes at most ${MAX_DAYS}. Nothing was validated: pass --day YYYY-MM-DD --to YYYY-MM-DD for up to ${MAX_DAYS} of them.`,
        );
      return held;
    };
    const cluster = plan.manifest.spec.cluster;
    if (cluster) {
      const sharded = await withShards(settings, cluster, async (entry, shards) =>
        validateStreamOnShards(withPlan(shards, plan), clusterSplitKeys(entry, plan), await days(shards[0]!.engine)),
      );
      return shownValidation(sharded);
    }
    const report = await withEngine(settings, async (engine) => validateStream(engine, plan, await days(engine)));
    return shownValidation(report);
  },
  clusterOf: (plan) => plan.manifest.spec.cluster,
  async status(engine, plan) {
    const aggregates = await streamStatus(engine, plan);
    const rows = aggregates.flatMap((a) =>
      a.days.map((d) => [
        a.aggregate,
        d.day,
        d.published ? 'yes' : 'no',
        d.lastPublish?.at ?? '—',
        d.pending ? 'unfinished' : 'rebuilt',
        d.lastPublish?.rows ?? 0,
      ]),
    );
    return {
      json: aggregates,
      print: () =>
        print(
          rows.length === 0
            ? `No day of plan ${plan.name} has been rebuilt yet: chplan run ${plan.dir} --day YYYY-MM-DD.`
            : table(['aggregate', 'days', 'published', 'last rebuild (UTC)', 'latest run', 'rows'], rows),
        ),
    };
  },
  commands: [replayCommand, streamDemoCommand, benchStreamCommand],
};
