import type { Shard, SplitCounter } from '../../../execute/shards.js';
import { shardedValidation, type ShardedValidation } from '../../../validate/report.js';
import type { StreamPlan } from '../plan/plan.js';
import { validateStream } from './validate.js';

/**
 * Validates every shard's chain (its messages, processed tables and parsed log are its own: a key's messages all land
 * there), that no key of a processed table is on two shards, and the aggregates on the first shard, where they live.
 */
export async function validateStreamOnShards(
  shards: Shard<StreamPlan>[],
  splitKeys: SplitCounter,
  days: string[],
): Promise<ShardedValidation> {
  const reports = [];
  for (const shard of shards)
    reports.push({
      shard: shard.name,
      report: await validateStream(shard.engine, shard.plan, days, { aggregates: false }),
    });
  const home = shards[0]!;
  const colocation = [];
  for (const table of home.plan.manifest.spec.tables) {
    const split = await splitKeys(table.name);
    colocation.push({
      name: `${table.name}: every key on one shard`,
      status: split.count === 0 ? ('pass' as const) : ('fail' as const),
      detail:
        split.count === 0
          ? `no key on more than one of ${shards.length} shards`
          : `${split.count} key(s) on more than one shard (e.g. ${split.example}): messages landed without the route, and FINAL no longer gives one row per key`,
    });
  }
  const aggregates = await validateStream(home.engine, home.plan, days, { chain: false });
  return shardedValidation(reports, [{ day: 'cluster', checks: colocation }, ...aggregates.days]);
}
