import type { EngineSettings } from '../../../config/settings.js';
import { withShards as withClusterShards } from '../../../engine/cluster.js';
import { withPlan } from '../../../execute/shards.js';
import type { FlattenPlan } from '../plan/plan.js';
import { clusterSplitGroups } from './cluster.js';
import type { Shard, SplitGroupCounter } from './shards.js';

/** For a cluster plan: one connection per shard and the cluster's sharding check; all closed after. */
export async function withShards<T>(
  settings: EngineSettings,
  plan: FlattenPlan,
  fn: (shards: Shard[], splitGroups: SplitGroupCounter) => Promise<T>,
): Promise<T> {
  return withClusterShards(settings, plan.manifest.cluster!, (entry, shards) =>
    fn(withPlan(shards, plan), clusterSplitGroups(entry, plan)),
  );
}
