import type { EngineSettings } from '../../../config/settings.js';
import { engineOptions, withEngine } from '../../../engine/with-engine.js';
import type { FlattenPlan } from '../plan/plan.js';
import { clusterSplitGroups, connectShards } from './cluster.js';
import type { Shard, SplitGroupCounter } from './shards.js';

/** For a cluster plan: one connection per shard and the cluster's sharding check; all closed after. */
export async function withShards<T>(
  settings: EngineSettings,
  plan: FlattenPlan,
  fn: (shards: Shard[], splitGroups: SplitGroupCounter) => Promise<T>,
): Promise<T> {
  return withEngine(settings, async (entry) => {
    const shards = await connectShards(entry, engineOptions(settings), plan);
    try {
      return await fn(shards, clusterSplitGroups(entry, plan));
    } finally {
      await Promise.all(shards.map((s) => s.engine.close()));
    }
  });
}
