import type { Engine } from '../engine/engine.js';
import type { ShardConnection } from '../engine/cluster.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { mapConcurrent } from '../core/concurrency.js';
import type { RunGroup, UnitSummary } from './run-context.js';

/** One shard of a cluster plan: the engine its run talks to and the plan that addresses its local tables. */
export interface Shard<P> {
  name: string;
  engine: Engine;
  plan: P;
}

/** Every shard of a cluster running the same plan (on a real cluster, its tables have the same names on each). */
export function withPlan<P>(shards: ShardConnection[], plan: P): Shard<P>[] {
  return shards.map((s) => ({ ...s, plan }));
}

/** Units (a partition, a table) whose rows sit on more than one shard: how many, and one of them. */
export type SplitCounter = (unit: string) => Promise<{ count: number; example: string }>;

/**
 * A plan's own co-location check of a unit (a statement over the `cluster()` table function answering `split` and
 * `example`), run once on the server `--url` names.
 */
export function planSplits(
  entry: Engine,
  plan: LoadedPlan,
  check: (unit: string) => { step: string; params?: Record<string, string> },
): SplitCounter {
  return async (unit) => {
    const { step, params } = check(unit);
    const [row] = await entry.rows<{ split: string; example: string }>(statementOf(plan, step), {
      params,
      step: `${step} ${unit}`,
    });
    return { count: Number(row?.split ?? 0), example: row?.example ?? '' };
  };
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
