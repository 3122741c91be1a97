import { SafetyError } from '../../../core/errors.js';
import type { FlattenPlan } from '../plan/plan.js';
import { evaluateDay } from '../validate/evaluate.js';
import { reportOf, shardedValidation, type Check, type ShardedValidation } from '../../../validate/report.js';
import { combineTotals } from '../validate/combine-inputs.js';
import { collectInputs } from '../validate/validate.js';
import type { RunGroup } from '../../../execute/run-plan.js';
import { runOnShards as runEachShard, type Shard as AnyShard } from '../../../execute/shards.js';
import { runFlatten, type FlattenRunOptions } from './run.js';
import { mapConcurrent } from '../../../core/concurrency.js';

/** One shard: where its local tables are and the plan that addresses them. */
export type Shard = AnyShard<FlattenPlan>;

/** Counts minute groups of a day whose source rows live on more than one shard. */
export type SplitGroupCounter = (day: string) => Promise<number>;

/**
 * Runs a plan on every shard against its local tables, after proving that no minute group
 * is split across shards (each shard aggregates only its own rows, so a split group would
 * become several target rows).
 */
export async function runOnShards(
  shards: Shard[],
  splitGroups: SplitGroupCounter,
  options: FlattenRunOptions & { parallelShards?: number },
): Promise<RunGroup[]> {
  if (!options.dryRun) {
    for (const day of options.days) {
      const split = await splitGroups(day);
      if (split > 0) {
        throw new SafetyError(
          `${split} minute group(s) of ${day} have rows on more than one shard: the source is not sharded by the group keys, so loading each shard on its own would turn each such group into several rows. Nothing was run.\n` +
            'Reshard the source by the group keys (e.g. cityHash64(clientId, sessionId)), or load this day with a plan without --cluster that reads through the Distributed table.',
        );
      }
    }
  }
  const { parallelShards, ...run } = options;
  return runEachShard(shards, (shard) => runFlatten(shard.engine, shard.plan, run), parallelShards);
}

/** Validates every shard on its own and the cluster's totals. */
export async function validateOnShards(
  shards: Shard[],
  days: string[],
  parallelShards = shards.length,
): Promise<ShardedValidation> {
  const perShard = shards.map((s) => ({ shard: s.name, days: [] as { day: string; checks: Check[] }[] }));
  const total: { day: string; checks: Check[] }[] = [];
  for (const day of days) {
    const inputs = await mapConcurrent(shards, parallelShards, (shard) => collectInputs(shard.engine, shard.plan, day));
    for (const [i, shard] of shards.entries())
      perShard[i]!.days.push({ day, checks: evaluateDay(shard.plan.mapping, inputs[i]!) });
    const sums = combineTotals(inputs);
    const checks = evaluateDay(shards[0]!.plan.mapping, {
      ...inputs[0]!,
      ...sums,
      unmapped: [],
      dimensions: { groups: '0', example: '' },
    })
      .filter((c) => c.name === 'row count' || c.name === 'per-key sums')
      .map((c) => ({ ...c, name: `${c.name} (all shards)` }));
    total.push({ day, checks });
  }
  const reports = perShard.map((p, i) => ({
    shard: p.shard,
    report: reportOf(shards[i]!.plan, shards[i]!.plan.manifest.tables.source, p.days),
  }));
  return shardedValidation(reports, total);
}
