import type { Argv } from 'yargs';
import { assertWritableFile } from '../../../core/write-atomic.js';
import { settingsFrom, withEngineOptions, type CommonArgs } from '../../../config/cli-options.js';
import { withEngine } from '../../../engine/with-engine.js';
import { withInterrupt } from '../../../terminal/interrupt.js';
import { finishWorkflow, runProgress, stagePrinter } from '../../../terminal/output.js';
import { DEFAULT_SPEC_PATH, loadSyncSpec } from '../plan/spec.js';
import { withPostgres } from '../../../engine/with-postgres.js';
import { sync } from './workflow.js';

export const syncCommand = {
  command: 'sync',
  describe:
    'PostgreSQL → ClickHouse, pulled by ClickHouse: compile → load every table incrementally → refresh KPI views → validate against PostgreSQL. PostgreSQL is --pg-url, else PG_URL, else PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, else the demo server chplan seed --kind adtech created',
  builder: (yargs: Argv) =>
    withEngineOptions(yargs)
      .option('spec', { type: 'string', default: DEFAULT_SPEC_PATH, describe: 'sync spec (schemas/sync.schema.json)' })
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
    },
  ) => {
    if (args.report) assertWritableFile(args.report);
    const spec = loadSyncSpec(args.spec);
    const settings = settingsFrom(args);
    const progress = runProgress(args.json);
    const stages = stagePrinter(args.json);
    const result = await withInterrupt((signal) =>
      withPostgres(
        (pg) =>
          withEngine(settings, (engine) =>
            sync(engine, spec, pg, {
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
            }),
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
