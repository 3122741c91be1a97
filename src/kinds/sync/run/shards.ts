import type { Engine } from '../../../engine/engine.js';
import type { ShardConnection } from '../../../engine/cluster.js';
import { SafetyError } from '../../../core/errors.js';
import { changedObjects } from '../../../execute/planned-objects.js';
import { runOnShards, withPlan, type Shard } from '../../../execute/shards.js';
import type { RunGroup } from '../../../execute/run-plan.js';
import type { SyncPlan } from '../plan/plan.js';
import type { LoadWindow } from './load-window.js';
import { createKpis, refreshKpis } from './kpi-views.js';
import { runSync, type SyncRunOptions } from './run.js';

/**
 * A cluster as a sync runs on it: its shards in order (the first is shard 0 of the plan's hash), and the server the
 * KPI views live on (the one `--url` names).
 */
export interface SyncCluster {
  shards: Shard<SyncPlan>[];
  entry: { engine: Engine; plan: SyncPlan };
}

/** The cluster of a plan: every shard runs the same plan, and the entry server holds the KPI views. */
export function clusterOf(entry: Engine, shards: ShardConnection[], plan: SyncPlan): SyncCluster {
  return { shards: withPlan(shards, plan), entry: { engine: entry, plan } };
}

/** A cluster of another number of shards than the plan's would send rows to other shards than earlier runs did. */
export function checkShardCount(plan: SyncPlan, shards: number): void {
  const cluster = plan.manifest.cluster!;
  if (shards !== cluster.shards)
    throw new SafetyError(
      `Cluster ${cluster.name} has ${shards} shard(s); plan ${plan.name} was compiled for ${cluster.shards}, and a row's shard is its key's hash modulo that number, so rows loaded before would now belong to other shards (and be loaded twice). Nothing was run. ` +
        'Set "shards" in the spec to the cluster\'s and reload every table with --full-refresh, or point --url at the cluster the plan was made for.',
    );
}

/**
 * Syncs every shard at once, each pulling its own rows of sharded tables from PostgreSQL into its local targets with
 * its own ledger and lease; then, once all have loaded, creates and refreshes the KPI views on the entry server (they
 * read every shard). `onWindows` is told each shard's windows, in shard order.
 */
export async function runSyncOnShards(
  cluster: SyncCluster,
  options: SyncRunOptions & { parallelShards?: number; onShardWindows?: (windows: LoadWindow[][]) => void },
): Promise<RunGroup[]> {
  const { parallelShards, onShardWindows, ...run } = options;
  checkShardCount(cluster.entry.plan, cluster.shards.length);
  const windows: LoadWindow[][] = cluster.shards.map(() => []);
  const groups = await runOnShards(
    cluster.shards,
    (shard, index) =>
      runSync(shard.engine, shard.plan, { ...run, shard: index, kpis: false, onWindows: (w) => (windows[index] = w) }),
    parallelShards,
  );
  onShardWindows?.(windows);
  if (!run.dryRun) {
    const { engine, plan } = cluster.entry;
    const changed = await changedObjects(engine, plan.manifest.objects ?? []);
    await createKpis(engine, plan, changed);
    await refreshKpis(engine, plan, changed, run.metrics ?? true);
  }
  return groups;
}
