import type { Engine } from '../engine/engine.js';
import { mapConcurrent } from '../core/concurrency.js';
import type { RunGroup, UnitSummary } from './run-context.js';

/** One shard of a cluster plan: the engine its run talks to and the plan that addresses its local tables. */
export interface Shard<P> {
  name: string;
  engine: Engine;
  plan: P;
}

/**
 * Runs every shard's units, each shard on its own engine with its own staging, ledger and lease; all at once by
 * default. A shard that fails fails the call once the shards under way have finished (none starts after it), so a
 * `--resume` redoes only what was left.
 */
export async function runOnShards<P>(
  shards: Shard<P>[],
  runOne: (shard: Shard<P>, index: number) => Promise<UnitSummary[]>,
  parallelShards = shards.length,
): Promise<RunGroup[]> {
  return mapConcurrent(shards, parallelShards, async (shard, index) => ({
    shard: shard.name,
    units: await runOne(shard, index),
  }));
}
