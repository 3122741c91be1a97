import type { Argv } from 'yargs';
import { assertWritableFile } from '../../../core/write-atomic.js';
import { CLUSTER_OPTION, settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { withShards, type ShardConnection } from '../../../engine/cluster.js';
import type { Engine } from '../../../engine/engine.js';
import type { EngineSettings } from '../../../config/settings.js';
import { withInterrupt } from '../../../terminal/interrupt.js';
import { finishWorkflow, runProgress, stagePrinter } from '../../../terminal/output.js';
import { DEFAULT_SPEC_PATH, loadSyncSpec, withClusterFlags, type SyncSpec } from '../plan/spec.js';
import { withPostgres } from '../../../engine/with-postgres.js';
import { sync } from './workflow.js';

/** The server `--url` names, and for a spec on a cluster a connection per shard. */
function withTargets<T>(
  settings: EngineSettings,
  spec: SyncSpec,
  fn: (engine: Engine, shards: ShardConnection[] | null) => Promise<T>,
): Promise<T> {
  return spec.cluster
    ? withShards(settings, spec.cluster.name, fn)
    : withEngine(settings, (engine) => fn(engine, null));
}

export const syncCommand = {
  command: 'sync',
  describe:
    'PostgreSQL → ClickHouse, pulled by ClickHouse: compile → load every table incrementally → refresh KPI views → validate against PostgreSQL. PostgreSQL is --pg-url, else PG_URL, else PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, else the demo server chplan seed --kind adtech created',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('spec', { type: 'string', default: DEFAULT_SPEC_PATH, describe: 'sync spec (schemas/sync.schema.json)' })
      .option('cluster', CLUSTER_OPTION)
      .option('shards', { type: 'number', describe: "the cluster's number of shards (with --cluster)" })
      .option('pg-url', {
        type: 'string',
        describe:
          'PostgreSQL, postgres://user:password@host:port/db (else PG_URL…; prefer the environment: other users can read a flag in ps)',
      })
      .option('out', { type: 'string', describe: 'plan directory (default generated-sql/<spec name>)' })
      .option('full-refresh', {
        type: 'boolean',
        default: false,
        describe: 'reload every table completely through staging and swap it in atomically',
      })
      .option('metrics-update', {
        type: 'boolean',
        default: true,
        describe: 'refresh the KPI views after loading (--no-metrics-update skips it)',
      })
      .option('reconcile', {
        type: 'boolean',
        default: false,
        describe: 'also remove (facts) or tombstone (dimensions) rows deleted in PostgreSQL',
      })
      .option('validate', {
        type: 'boolean',
        default: true,
        describe:
          "validate against PostgreSQL at the end: the rows of each table's window this run loaded (--no-validate skips it)",
      })
      .option('validate-full', {
        type: 'boolean',
        default: false,
        describe: "validate every row, key and KPI row against PostgreSQL, not only this run's windows",
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'take over from a dead runner; let --reconcile remove more than a tenth of a table',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: "compile and list each table's window with row estimates; change nothing",
      })
      .option('report', { type: 'string', describe: 'write the validation report as JSON to this file' }),
  handler: async (
    args: CommonArgs & {
      spec: string;
      pgUrl?: string;
      out?: string;
      fullRefresh: boolean;
      metricsUpdate: boolean;
      reconcile: boolean;
      validate: boolean;
      validateFull: boolean;
      force: boolean;
      dryRun: boolean;
      report?: string;
      shards?: number;
    },
  ) => {
    if (args.report) assertWritableFile(args.report);
    const spec = withClusterFlags(loadSyncSpec(args.spec), { cluster: args.cluster, shards: args.shards });
    const settings = settingsFrom(args);
    const progress = runProgress(args.json);
    const stages = stagePrinter(args.json);
    const result = await withInterrupt((signal) =>
      withPostgres(
        (pg) =>
          withTargets(settings, spec, (engine, shards) =>
            sync(
              engine,
              spec,
              pg,
              {
                out: args.out,
                fullRefresh: args.fullRefresh,
                metrics: args.metricsUpdate,
                reconcile: args.reconcile,
                validate: args.validate,
                validateFull: args.validateFull,
                dryRun: args.dryRun,
                force: args.force,
                signal,
                onEvent: (event) => (event.type === 'stage' ? stages.start(event.name) : progress.onEvent(event)),
              },
              shards,
            ),
          ),
        args.pgUrl ? { env: { PG_URL: args.pgUrl } } : {},
      ),
    ).finally(() => {
      progress.stop();
      stages.end();
    });
    finishWorkflow(args, result, result.tables);
  },
};
