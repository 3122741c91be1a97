import type { Engine } from '../../../engine/engine.js';
import type { UnitSummary, RunEvent } from '../../../execute/run-plan.js';
import { oneReport, type ValidationReport } from '../../../validate/report.js';
import { ConfigError } from '../../../core/errors.js';
import type { ShardConnection } from '../../../engine/cluster.js';
import { clusterOf, runSyncOnShards } from '../run/shards.js';
import { validateSyncOnShards } from '../validate/shards.js';
import { compileSyncDir } from '../plan/compile-plan-dir.js';
import { readSyncPlan } from '../plan/plan.js';
import type { SyncSpec } from '../plan/spec.js';
import { runSync } from '../run/run.js';
import type { PgConnection } from '../../../engine/postgres.js';
import { scopeAfterSync, validateSync, type ValidationScope } from '../validate/validate.js';
import type { LoadWindow } from '../run/load-window.js';

export interface SyncWorkflowOptions {
  out?: string;
  fullRefresh?: boolean;
  metrics?: boolean;
  reconcile?: boolean;
  validate?: boolean;
  /** Validate every row and KPI, not only the windows this sync loaded. */
  validateFull?: boolean;
  dryRun?: boolean;
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent | { type: 'stage'; name: string }) => void;
}

export interface SyncResult {
  planDir: string;
  planHash: string;
  tables: UnitSummary[];
  report: ValidationReport | null;
  /** What the validation compared: the windows this sync loaded, or everything; null when it did not validate. */
  validated: ValidationScope['kind'] | null;
}

/**
 * `chplan sync`: compile the spec against PostgreSQL as it is → load every table → (reconcile) → refresh KPIs →
 * validate: the windows this sync loaded, or everything after a load from the beginning or when asked. A plan on a
 * cluster runs on `shards` (each shard's tables, then the KPI views on `engine`, the server `--url` names).
 */
export async function sync(
  engine: Engine,
  spec: SyncSpec,
  pg: PgConnection,
  options: SyncWorkflowOptions,
  shards: ShardConnection[] | null = null,
): Promise<SyncResult> {
  const emit = options.onEvent ?? (() => {});
  emit({ type: 'stage', name: 'compile' });
  // A routine sync keeps the plan it compiled before unless the spec, PostgreSQL's columns or chplan changed.
  const compiled = await compileSyncDir(engine, spec, pg, options.out, { reuse: true });
  const plan = readSyncPlan(compiled.out);
  emit({ type: 'stage', name: options.dryRun ? 'dry run' : options.fullRefresh ? 'full refresh' : 'sync' });
  // What a run is asked to do, the same on one server and on every shard of a cluster.
  const run = {
    pg,
    fullRefresh: options.fullRefresh,
    metrics: options.metrics,
    reconcile: options.reconcile,
    dryRun: options.dryRun,
    force: options.force,
    signal: options.signal,
    onEvent: emit,
  };
  const validateFull = Boolean(options.validateFull || options.fullRefresh);
  const done = (tables: UnitSummary[], report: ValidationReport | null, validated: SyncResult['validated']) => ({
    planDir: compiled.out,
    planHash: compiled.planHash,
    tables,
    report,
    validated,
  });
  const validating = !options.dryRun && options.validate !== false;
  if (plan.manifest.cluster) {
    if (!shards)
      throw new ConfigError(
        `Plan ${plan.name} runs on cluster ${plan.manifest.cluster.name}: pass --url of one of its servers. Nothing was loaded.`,
      );
    // Every shard's tables, then the KPI views on the entry server; each shard validated against its own rows.
    const cluster = clusterOf(engine, shards, plan);
    let windows: LoadWindow[][] = [];
    const groups = await runSyncOnShards(cluster, { ...run, onShardWindows: (w) => (windows = w) });
    const tables = groups.flatMap((g) => g.units.map((u) => ({ ...u, unit: `${g.shard}: ${u.unit}` })));
    if (!validating) return done(tables, null, null);
    emit({ type: 'stage', name: 'validate' });
    const scopes = windows.map((w) => scopeAfterSync(w, validateFull));
    const report = oneReport(await validateSyncOnShards(cluster, pg, scopes));
    return done(tables, report, scopes.every((s) => s.kind === 'window') ? 'window' : 'full');
  }
  let windows: LoadWindow[] = [];
  const tables = await runSync(engine, plan, { ...run, onWindows: (loads) => (windows = loads) });
  if (!validating) return done(tables, null, null);
  emit({ type: 'stage', name: 'validate' });
  const scope = scopeAfterSync(windows, validateFull);
  return done(tables, await validateSync(engine, plan, pg, scope), scope.kind);
}
