import type { Engine } from '../../../engine/engine.js';
import { tableRows } from '../../../engine/table-columns.js';
import { formatTableRef } from '../../../config/settings.js';
import { SafetyError } from '../../../core/errors.js';
import { changedObjects, type ChangedObject } from '../../../execute/planned-objects.js';
import type { RunContext } from '../../../execute/run-context.js';
import { runPlan, type RunAdapter, type RunEvent, type UnitSummary } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { tableStep, tablesOf } from '../plan/sync-steps.js';
import type { LoadWindow } from './load-window.js';
import { createKpis, refreshKpis } from './kpi-views.js';
import type { SyncManifest, SyncPlan } from '../plan/plan.js';
import { withCollection, type PgConnection } from '../../../engine/postgres.js';
import { pgCommand, pgStep, type PgSource } from './pg-reads.js';
import { loadParams, tableLoads, windowOf, type SyncTable, type TableLoad } from './table-loads.js';
import { loadTable } from './load-table.js';

export interface SyncRunOptions {
  pg: PgConnection;
  /** Reload every table completely through staging and swap it in. */
  fullRefresh?: boolean;
  /** After loading, remove (facts) or tombstone (dimensions) rows deleted in PostgreSQL. */
  reconcile?: boolean;
  /** Refresh the KPI views after loading (the seeds' metrics update; default true). */
  metrics?: boolean;
  dryRun?: boolean;
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Told each table's window once PostgreSQL's bounds are fixed, before anything loads (window validation). */
  onWindows?: (loads: LoadWindow[]) => void;
  leaseStaleAfterSec?: number;
  /** On a cluster: the shard this run loads (0-based), whose rows of sharded tables PostgreSQL sends. */
  shard?: number;
  /** Create and refresh the KPI views (default true; a cluster's shards leave them to one run after all shards). */
  kpis?: boolean;
}

/**
 * Syncs every table of the plan through the shared runner: each table, in the spec's order, is a
 * unit that loads (lo, hi] into staging and publishes it (dimension: new versions; fact: rows the
 * target lacks, exactly once; full refresh: an atomic swap), recording its watermark in the
 * ledger; then the KPI views are refreshed. Every step is safe to repeat, so a run killed anywhere
 * is resumed by running again.
 */
export async function runSync(engine: Engine, plan: SyncPlan, options: SyncRunOptions): Promise<UnitSummary[]> {
  const m: SyncManifest = plan.manifest;
  const emit = options.onEvent ?? (() => {});
  return withCollection(engine, m.collection, options.pg, m.pgSchema, async (collection) => {
    const src: PgSource = { pg: options.pg, collection, shard: options.shard };
    const units = await tableLoads({ engine, plan, emit }, src, Boolean(options.fullRefresh));
    options.onWindows?.(units.map((u) => u.load));
    const kpis = options.kpis ?? true;
    const changed = kpis ? await changedObjects(engine, m.objects ?? []) : [];
    for (const kpi of changed) {
      emit({
        type: 'warning',
        message: `KPI ${kpi.database}.${kpi.name} in ClickHouse was created from another definition (its comment: ${JSON.stringify(kpi.found)}; this plan's: ${JSON.stringify(kpi.definition)}). ${options.dryRun ? 'A run replaces it' : 'It is replaced'}: this plan's definition is built beside it, refreshed, and swapped in atomically; until then readers see the previous one.`,
      });
    }
    // The ledger lives in the sync's database.
    if (!options.dryRun) await engine.command(statementOf(plan, 'create_database'), { step: 'create_database' });
    return runPlan(engine, plan, syncRunAdapter(src, { ...options, kpis }, changed), {
      units,
      dryRun: options.dryRun,
      force: options.force,
      signal: options.signal,
      onEvent: emit,
      leaseStaleAfterSec: options.leaseStaleAfterSec,
    });
  });
}

/** How the shared runner runs a sync: a unit per table, then reconcile and the KPI views under the same lease. */
function syncRunAdapter(
  src: PgSource,
  options: SyncRunOptions,
  changed: ChangedObject[],
): RunAdapter<SyncPlan, TableLoad> {
  return {
    async check() {},
    async setup(ctx) {
      for (const table of ctx.plan.manifest.syncTables) {
        for (const type of ['create_target', 'create_distributed'] as const) {
          const step = tableStep(table, type);
          if (ctx.plan.sql[step] !== undefined) await ctx.engine.command(statementOf(ctx.plan, step), { step });
        }
      }
      if (options.kpis) await createKpis(ctx.engine, ctx.plan, changed);
    },
    async estimate(ctx, { table, load }) {
      const estimatedRows = load.hi
        ? Number(
            (
              await pgStep<{ rows: string }>(ctx, src, tableStep(load.table, 'count_window'), loadParams(table, load))
            )[0]?.rows ?? 0,
          )
        : 0;
      ctx.emit({ type: 'dry_run_chunk', window: windowOf(load), estimatedRows });
      return estimatedRows;
    },
    runUnit: (ctx, unit) => loadTable(ctx, src, unit, Boolean(options.fullRefresh)),
    async finish(ctx) {
      const { engine, plan } = ctx;
      const reconciled: UnitSummary[] = [];
      if (options.reconcile) {
        for (const table of plan.manifest.syncTables)
          reconciled.push(await reconcileTable(ctx, src, table, options.force ?? false));
      }
      if (options.kpis) await refreshKpis(engine, plan, changed, options.metrics ?? true);
      return reconciled;
    },
    // Every run loads each table from its watermark: there is nothing to skip.
    resumable: false,
  };
}

/** More than this share of a table found deleted is more likely a wrong source than real deletes. */
const RECONCILE_LIMIT = 0.1;

/**
 * Finds keys the target holds that PostgreSQL no longer has and applies the plan's reconcile
 * statement: a tombstone for a dimension row, a lightweight DELETE for a fact row. Refuses to
 * touch more than a tenth of a table (an emptied or wrong source table looks like that) unless forced.
 */
async function reconcileTable(
  ctx: RunContext<SyncPlan>,
  src: PgSource,
  table: SyncTable,
  force: boolean,
): Promise<UnitSummary> {
  const started = Date.now();
  const { target } = tablesOf(ctx.plan.manifest.database, table);
  const [found] = await pgStep<{ keys: string; sample: string[] }>(ctx, src, tableStep(table, 'missing_in_source'));
  const deleted = Number(found?.keys ?? 0);
  const label = `table ${table.source} (reconcile)`;
  if (deleted === 0)
    return { unit: label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  const total = await tableRows(ctx.engine, target);
  if (!force && deleted > Math.max(100, RECONCILE_LIMIT * total)) {
    throw new SafetyError(
      `Reconcile would ${table.role === 'fact' ? 'delete' : 'mark deleted'} ${deleted} of ${total} rows of ${formatTableRef(target)} (e.g. keys ${(found?.sample ?? []).slice(0, 5).join(' ')}), more than a tenth: ` +
        'a PostgreSQL table that was emptied, or a connection to the wrong database, looks exactly like that. Nothing was removed. Check the source; if these deletes are real, run again with --force.',
    );
  }
  await pgCommand(ctx, src, tableStep(table, 'reconcile'));
  ctx.emit({ type: 'unit_published', unit: label, rows: deleted });
  return {
    unit: label,
    status: 'published',
    rowsRead: deleted,
    rowsWritten: deleted,
    seconds: (Date.now() - started) / 1000,
  };
}
