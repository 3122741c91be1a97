import type { Engine } from '../../../engine/engine.js';
import { SafetyError } from '../../../core/errors.js';
import { planSplits, runOnShards, type Shard, type SplitCounter } from '../../../execute/shards.js';
import type { RunGroup } from '../../../execute/run-plan.js';
import { reportOf, shardedValidation, type DayReport, type ShardedValidation } from '../../../validate/report.js';
import type { BackfillPlan } from '../plan/plan.js';
import { evaluatePartition, type BackfillAnswers } from '../validate/evaluate.js';
import { collectPartition } from '../validate/validate.js';
import { runBackfill, type BackfillRunOptions } from './run.js';

/** Traces of a partition whose rows sit on more than one shard (the plan's check_colocation). */
export function clusterSplitTraces(entry: Engine, plan: BackfillPlan): SplitCounter {
  return planSplits(entry, plan, (partition) => ({ step: 'check_colocation', params: { partition_id: partition } }));
}

/**
 * Runs the plan on every shard over its local tables, after proving that each trace of every partition lives on one
 * shard with its observations (a shard builds an event from its own observations and traces only).
 */
export async function runBackfillOnShards(
  shards: Shard<BackfillPlan>[],
  splitTraces: SplitCounter,
  options: BackfillRunOptions & { parallelShards?: number },
): Promise<RunGroup[]> {
  const { parallelShards, ...run } = options;
  if (shards.length > 1 && !run.dryRun) {
    for (const partition of run.partitions) {
      const split = await splitTraces(partition);
      if (split.count > 0)
        throw new SafetyError(
          `${split.count} trace(s) of partition ${partition} have rows on more than one shard (e.g. trace ${JSON.stringify(split.example)}): observations, traces and dataset-run items are not sharded by trace, so a shard would build events without their trace. Nothing was run.\n` +
            "Shard observations by cityHash64(project_id, trace_id), traces by cityHash64(project_id, id) and dataset_run_items_rmt by cityHash64(project_id, trace_id); or, on a cluster of one shard with replicas (Langfuse's clustered layout), compile the plan for that cluster.",
        );
    }
  }
  return runOnShards(shards, (shard) => runBackfill(shard.engine, shard.plan, run), parallelShards);
}

/** Validates every shard against its own observations and traces, and the co-location of every trace. */
export async function validateBackfillOnShards(
  shards: Shard<BackfillPlan>[],
  splitTraces: SplitCounter,
  partitions: string[],
): Promise<ShardedValidation> {
  const answers: BackfillAnswers[][] = [];
  for (const shard of shards) {
    const perPartition: BackfillAnswers[] = [];
    for (const partition of partitions) perPartition.push(await collectPartition(shard.engine, shard.plan, partition));
    answers.push(perPartition);
  }
  const reports = shards.map((shard, s) => ({
    shard: shard.name,
    report: reportOf(
      shard.plan,
      shard.plan.manifest.tables.source,
      partitions.map((day, p) => ({ day, checks: evaluatePartition(answers[s]![p]!) })),
    ),
  }));
  const total: DayReport[] = [];
  for (const [p, day] of partitions.entries()) {
    const split = shards.length > 1 ? await splitTraces(day) : { count: 0, example: '' };
    const sum = (field: 'expected' | 'actual') =>
      answers.reduce((n, a) => n + a[p]!.days.reduce((m, d) => m + BigInt(d[field]), 0n), 0n);
    const [expected, actual] = [sum('expected'), sum('actual')];
    total.push({
      day,
      checks: [
        {
          name: 'traces on one shard',
          status: split.count === 0 ? 'pass' : 'fail',
          detail:
            split.count === 0
              ? `every trace's rows on one shard of ${shards.length}`
              : `${split.count} trace(s) on more than one shard, e.g. ${JSON.stringify(split.example)}: their events lack the trace`,
        },
        {
          name: 'events (all shards)',
          status: expected === actual ? 'pass' : 'fail',
          detail: `${actual} events over ${shards.length} shard(s), expected ${expected}`,
        },
      ],
    });
  }
  return shardedValidation(reports, total);
}
