import type { Engine } from '../../../engine/engine.js';
import { planSplits, type Shard, type SplitCounter } from '../../../execute/shards.js';
import type { RunGroup } from '../../../execute/run-plan.js';
import type { StreamPlan } from '../plan/plan.js';
import { rebuildAggregates, type RebuildOptions } from './run.js';
import { setupChain, type SetupOptions } from './setup.js';

/** Keys of a processed table held by more than one shard (the plan's check_colocation of that table). */
export function clusterSplitKeys(entry: Engine, plan: StreamPlan): SplitCounter {
  return planSplits(entry, plan, (table) => ({ step: `table.${table}.check_colocation` }));
}

/**
 * Builds the chain on every shard (its statements run ON CLUSTER, and the named collections the Kafka tables and
 * dictionaries read are created on every node), then rebuilds the aggregates' days on the first shard, where they
 * live: an aggregate reads every shard's processed rows (`<table>_all`), so a join across tables or a distinct count
 * is exact, which per-shard partial aggregates are not.
 */
export async function runStreamOnShards(
  shards: Shard<StreamPlan>[],
  setup: SetupOptions | null,
  rebuild: RebuildOptions,
): Promise<RunGroup[]> {
  if (setup) for (const shard of shards) await setupChain(shard.engine, shard.plan, setup);
  if (rebuild.days.length === 0) return [];
  const home = shards[0]!;
  return [{ shard: home.name, units: await rebuildAggregates(home.engine, home.plan, rebuild) }];
}
