import type { Engine } from '../../../engine/engine.js';
import { dayUnitsOf } from './days.js';
import { windowParams } from '../../../core/windows.js';
import { runPlan, type DaySummary, type RunAdapter, type RunEvent } from '../../../execute/run-plan.js';
import type { RunContext } from '../../../execute/run-context.js';
import { statementOf, type LoadedPlan } from '../../../plan/plan-dir.js';
import { aggregateStep, chainTables } from '../plan/compile.js';
import type { StreamAggregate } from '../plan/spec.js';
import type { StreamPlan } from '../plan/stream-plan.js';

export interface RebuildOptions {
  days: string[];
  dryRun?: boolean;
  resume?: boolean;
  force?: boolean;
  parallelUnits?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

async function countOf(ctx: RunContext, step: string, params: Record<string, string>): Promise<number> {
  const [row] = await ctx.engine.rows<{ rows: string }>(statementOf(ctx.plan, step), { params, step });
  return Number(row?.rows ?? 0);
}

/** The shared runner's view of one aggregate: its table as the target, its own statements. */
function aggregatePlan(plan: StreamPlan, aggregate: StreamAggregate): LoadedPlan {
  const t = chainTables(plan.manifest.spec);
  const sql: Record<string, string> = {
    create_ledger: plan.sql.create_ledger!, migrate_ledger: plan.sql.migrate_ledger!, append_ledger: statementOf(plan, 'append_ledger'), source_version: statementOf(plan, 'source_version'),
  };
  for (const type of ['clear_day', 'count_source', 'insert_day', 'count_staging', 'check_staging', 'publish_day', 'count_target_day', 'drop_day']) {
    sql[type] = statementOf(plan, aggregateStep(aggregate.name, type));
  }
  return { ...plan, manifest: { ...plan.manifest, tables: { target: t.table(aggregate.name), staging: t.staging(aggregate.name), ledger: plan.manifest.tables.ledger } }, sql };
}

const ADAPTER: RunAdapter = {
  steps: { setup: [], clearUnit: 'clear_day', clearWindow: 'clear_day', insert: 'insert_day', checkStaging: 'check_staging', publish: 'publish_day' },
  async check() {},
  countSource: (ctx, window) => countOf(ctx, 'count_source', windowParams(window)),
  countStaging: (ctx, window) => countOf(ctx, 'count_staging', windowParams(window)),
  async sourceVersion(ctx) {
    const [row] = await ctx.engine.rows<{ version: string }>(statementOf(ctx.plan, 'source_version'), { step: 'source_version' });
    return row?.version ?? '';
  },
  keepsStagedChunks: false,
  publishesNothingWhenEmpty: false,
};

/**
 * Rebuilds every aggregate for the days, in the spec's order (a rollup after what it rolls up),
 * each through the shared runner: staging, an atomic REPLACE PARTITION per day, ledger, lease,
 * retries and resume. A day whose recomputation is empty while the aggregate still holds rows
 * (everything in it was deleted) has its partition dropped.
 */
export async function rebuildAggregates(engine: Engine, plan: StreamPlan, options: RebuildOptions): Promise<{ shard: string; days: DaySummary[] }[]> {
  const results: { shard: string; days: DaySummary[] }[] = [];
  for (const aggregate of plan.manifest.spec.aggregates) {
    const view = aggregatePlan(plan, aggregate);
    const units = dayUnitsOf(options.days);
    const days = await runPlan(engine, view, ADAPTER, { units, dryRun: options.dryRun, resume: options.resume, force: options.force, parallelUnits: options.parallelUnits, signal: options.signal, onEvent: options.onEvent });
    if (!options.dryRun) {
      for (const [i, day] of days.entries()) {
        if (day.status !== 'empty') continue;
        const params = windowParams(units[i]!.whole);
        const held = await engine.rows<{ rows: string }>(view.sql.count_target_day!, { params, step: 'count target' });
        if (Number(held[0]?.rows ?? 0) > 0) await engine.command(view.sql.drop_day!, { params, step: 'drop day' });
      }
    }
    results.push({ shard: aggregate.name, days });
  }
  return results;
}
