import { ConfigError } from '../../core/errors.js';
import { withEngine } from '../../engine/with-engine.js';
import { print, shownValidation, table } from '../../terminal/output.js';
import { withShards } from '../../engine/cluster.js';
import { CLUSTER_OPTION } from '../../config/cli-options.js';
import { clusterOf, runSyncOnShards } from './run/shards.js';
import { validateSyncOnShards } from './validate/shards.js';
import type { PlanKind, UnitArgs } from '../kind.js';
import { syncCommand } from './commands/sync.js';
import { benchSyncCommand } from './commands/bench-sync.js';
import { compileSyncDir } from './plan/compile-plan-dir.js';
import { loadSyncSpec, withClusterFlags } from './plan/spec.js';
import { readSyncPlan, type SyncPlan } from './plan/plan.js';
import { runSync } from './run/run.js';
import { syncStatus } from './run/status.js';
import { ADTECH_DEFAULTS, seedAdtech } from './seed/seed-adtech.js';
import { describePg } from '../../engine/postgres.js';
import { withPostgres } from '../../engine/with-postgres.js';
import { validateSync } from './validate/validate.js';

function noUnits(units: UnitArgs): void {
  if (units.day !== undefined || units.partition !== undefined || units.to !== undefined || units.chunk !== undefined) {
    throw new ConfigError(
      "A sync plan loads each table from its watermark to PostgreSQL's current maximum: it takes no --day, --partition, --to or --chunk. Nothing was run.",
    );
  }
}

/** PostgreSQL → ClickHouse incremental sync with KPI views (seeds 001 and 003), pulled by ClickHouse itself. */
export const syncKind: PlanKind<SyncPlan> = {
  name: 'sync',
  describe: 'PostgreSQL tables pulled by ClickHouse incrementally, with KPI views (spec: schemas/sync.schema.json)',
  compileOptions: {
    cluster: CLUSTER_OPTION,
    shards: { type: 'number', describe: "sync: the cluster's number of shards (with --cluster)" },
  },
  async compile(settings, args) {
    const spec = withClusterFlags(loadSyncSpec(args.spec as string), {
      cluster: args.cluster as string | undefined,
      shards: args.shards as number | undefined,
    });
    const result = await withPostgres((pg) =>
      withEngine(settings, (engine) => compileSyncDir(engine, spec, pg, args.out as string | undefined)),
    );
    return {
      out: result.out,
      planHash: result.planHash,
      files: result.files.length,
      json: result,
      next: `chplan run ${result.out}`,
    };
  },
  readPlan: readSyncPlan,
  async run(settings, plan, units, options) {
    noUnits(units);
    const cluster = plan.manifest.cluster;
    if (cluster)
      return withPostgres((pg) =>
        withShards(settings, cluster.name, (entry, shards) =>
          runSyncOnShards(clusterOf(entry, shards, plan), { pg, ...options }),
        ),
      );
    return [
      {
        shard: null,
        units: await withPostgres((pg) => withEngine(settings, (engine) => runSync(engine, plan, { pg, ...options }))),
      },
    ];
  },
  async validate(settings, plan, units) {
    noUnits(units);
    const cluster = plan.manifest.cluster;
    if (cluster) {
      const sharded = await withPostgres((pg) =>
        withShards(settings, cluster.name, (entry, shards) => validateSyncOnShards(clusterOf(entry, shards, plan), pg)),
      );
      return shownValidation(sharded);
    }
    const report = await withPostgres((pg) => withEngine(settings, (engine) => validateSync(engine, plan, pg)));
    return shownValidation(report);
  },
  clusterOf: (plan) => plan.manifest.cluster?.name ?? null,
  async status(engine, plan) {
    const tables = await syncStatus(engine, plan);
    return {
      json: tables,
      print: () =>
        print(
          table(
            ['table', 'watermark (UTC)', 'last publish (UTC)', 'rows', 'by plan', 'failed since'],
            tables.map((t) => [
              t.table,
              t.watermark ?? 'never loaded',
              t.lastPublish?.at ?? '—',
              t.lastPublish?.rows ?? '—',
              t.lastPublish
                ? t.lastPublish.plan === plan.manifest.planHash
                  ? 'this plan'
                  : t.lastPublish.plan.slice(0, 12)
                : '—',
              t.lastFailure ? `${t.lastFailure.at}: ${t.lastFailure.error.split('\n')[0]!.slice(0, 80)}` : '',
            ]),
          ),
        ),
    };
  },
  seeders: {
    adtech: {
      describe:
        "the ad platform's PostgreSQL (advertisers, campaigns, impressions, clicks): started embedded unless PG_URL/PGHOST name one",
      options: {
        impressions: {
          type: 'number',
          default: ADTECH_DEFAULTS.impressions,
          describe: 'adtech: impressions (about 2% are clicked)',
        },
        campaigns: { type: 'number', default: ADTECH_DEFAULTS.campaigns, describe: 'adtech: campaigns' },
        'pg-url': {
          type: 'string',
          describe:
            'adtech: PostgreSQL to fill, postgres://user:password@host:port/db (default PG_URL, else the embedded demo server)',
        },
        replace: { type: 'boolean', default: false, describe: 'regenerate data that already exists' },
      },
      async run(_settings, args) {
        const env = args.pgUrl ? { PG_URL: args.pgUrl as string } : process.env;
        const seed = {
          ...ADTECH_DEFAULTS,
          impressions: Number(args.impressions),
          campaigns: Number(args.campaigns),
          replace: Boolean(args.replace),
        };
        return withPostgres(
          async (pg) => {
            const result = await seedAdtech(pg, seed);
            const counts = Object.entries(result.rows)
              .map(([table, n]) => `${n} ${table}`)
              .join(', ');
            return `Filled PostgreSQL ${describePg(pg)}: ${counts} in ${result.seconds.toFixed(1)} s. Next: chplan sync`;
          },
          { create: true, env },
        );
      },
    },
  },
  commands: [syncCommand, benchSyncCommand],
};
