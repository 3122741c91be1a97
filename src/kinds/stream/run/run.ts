import type { Engine } from '../../../engine/engine.js';
import { formatTableRef } from '../../../config/settings.js';
import { dayWindow, nextDay, windowParams, type Window } from '../../../core/windows.js';
import { runPlan, type RunAdapter, type RunEvent, type UnitSummary } from '../../../execute/run-plan.js';
import type { RunContext } from '../../../execute/run-context.js';
import { partitionsIn, recordPublish, stagedUnits, type StagedUnit } from '../../../execute/staged-units.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { aggregateStep, type AggregateStep } from '../plan/aggregate-sql.js';
import { chainTables } from '../plan/chain-tables.js';
import type { StreamPlan } from '../plan/plan.js';
import type { StreamSpec } from '../plan/spec.js';
import { tableReferences } from '../../../core/table-references.js';

export interface RebuildOptions {
  days: string[];
  /** Consecutive days of an aggregate rebuilt as one unit (default DAYS_PER_UNIT). */
  daysPerUnit?: number;
  dryRun?: boolean;
  resume?: boolean;
  force?: boolean;
  parallelUnits?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

/** An aggregate's day: rebuilt into staging and published by REPLACE PARTITION. */
export interface AggregateDay extends StagedUnit {
  aggregate: string;
}

type Ctx = RunContext<StreamPlan>;

async function countOf(
  ctx: Ctx,
  unit: AggregateDay,
  type: AggregateStep,
  params: Record<string, string>,
): Promise<number> {
  const step = aggregateStep(unit.aggregate, type);
  const [row] = await ctx.engine.rows<{ rows: string }>(statementOf(ctx.plan, step), { params, step });
  return Number(row?.rows ?? 0);
}

/** A day whose recomputation is empty while the aggregate still holds rows (all of them deleted): dropped. */
async function dropDay(ctx: Ctx, unit: AggregateDay, day: Window): Promise<number> {
  const held = await countOf(ctx, unit, 'count_target_day', windowParams(day));
  if (held > 0)
    await ctx.engine.command(statementOf(ctx.plan, aggregateStep(unit.aggregate, 'drop_day')), {
      params: windowParams(day),
      step: `drop ${day.label}`,
    });
  return held;
}

/**
 * A unit whose recomputation is empty while the aggregate still holds rows in its days (everything in them was
 * deleted) has those days dropped, under the lease and recorded like any publish.
 */
async function dropEmptied(ctx: Ctx, unit: AggregateDay): Promise<UnitSummary | null> {
  const startedAt = new Date();
  let held = 0;
  for (const day of partitionsIn(unit)) held += await dropDay(ctx, unit, day);
  if (held === 0) return null;
  await recordPublish(ctx, unit, startedAt, 0, `the recomputation is empty: the ${held} rows held were dropped`);
  ctx.emit({ type: 'unit_published', unit: unit.label, rows: 0 });
  return {
    unit: unit.label,
    status: 'published',
    rowsRead: 0,
    rowsWritten: 0,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
  };
}

/** How the shared runner rebuilds a stream plan's aggregates: one unit per aggregate and day. */
export const streamRunAdapter: RunAdapter<StreamPlan, AggregateDay> = {
  async check() {},
  async sourceVersion(ctx) {
    const [row] = await ctx.engine.rows<{ version: string }>(statementOf(ctx.plan, 'source_version'), {
      step: 'source_version',
    });
    return row?.version ?? '';
  },
  ...stagedUnits<StreamPlan, AggregateDay>({
    steps: ({ aggregate }) => ({
      clearUnit: aggregateStep(aggregate, 'clear_day'),
      clearWindow: aggregateStep(aggregate, 'clear_day'),
      insert: aggregateStep(aggregate, 'insert_day'),
      checkStaging: aggregateStep(aggregate, 'check_staging'),
      publish: aggregateStep(aggregate, 'publish_day'),
    }),
    stagingName: (ctx, unit) => formatTableRef(chainTables(ctx.plan.manifest.spec).staging(unit.aggregate)),
    countSource: (ctx, unit, window) => countOf(ctx, unit, 'count_source', windowParams(window)),
    countStaging: (ctx, unit, window) => countOf(ctx, unit, 'count_staging', windowParams(window)),
    whenEmpty: dropEmptied,
    emptyPartition: dropDay,
    keepsStagedChunks: false,
    publishesNothingWhenEmpty: false,
    // A day's source count is its recomputation: the day is loaded once and found empty by what it stages.
    countingCostsALoad: true,
  }),
  resumable: true,
};

/**
 * Each aggregate's stage: 0 when it reads only processed tables, else one more than the latest aggregate it reads (a
 * rollup after what it rolls up), so that aggregates that do not depend on each other run in one stage. Pure.
 */
export function aggregateStages(spec: Pick<StreamSpec, 'aggregates'>): Map<string, number> {
  const stages = new Map<string, number>();
  for (const a of spec.aggregates) {
    const read = tableReferences(a.select)
      .map((r) => stages.get(r.name))
      .filter((s) => s !== undefined);
    stages.set(a.name, read.length === 0 ? 0 : Math.max(...read) + 1);
  }
  return stages;
}

/**
 * Consecutive days an aggregate rebuilds as one unit by default: a unit reads the processed tables' whole latest state
 * once, whatever its days, where seven units of a day read it seven times; a unit that runs out of memory is split
 * between its days.
 */
export const DAYS_PER_UNIT = 7;

/** Days in runs of consecutive days, each at most `size` long (the order kept). Pure. */
export function spansOf(days: string[], size: number): string[][] {
  const spans: string[][] = [];
  for (const day of days) {
    const span = spans.at(-1);
    if (span && span.length < size && nextDay(span.at(-1)!) === day) span.push(day);
    else spans.push([day]);
  }
  return spans;
}

/**
 * Every aggregate's days as units of up to `daysPerUnit` consecutive days, keyed `aggregate/first..last` (a unit of one
 * day `aggregate/day`), an aggregate's units after those of the aggregates it reads.
 */
export function aggregateDays(plan: StreamPlan, days: string[], daysPerUnit = DAYS_PER_UNIT): AggregateDay[] {
  const stages = aggregateStages(plan.manifest.spec);
  return plan.manifest.spec.aggregates.flatMap(({ name }) =>
    spansOf(days, daysPerUnit).map((span) => {
      const partitions = span.map((day) => {
        const whole = dayWindow(day, 'UTC');
        return { ...whole, label: `${name} ${whole.label}` };
      });
      const [first, last] = [partitions[0]!, partitions.at(-1)!];
      const named = span.length === 1 ? first.day : `${first.day}..${last.day}`;
      const whole = {
        ...first,
        end: last.end,
        partition: span.length === 1 ? first.partition : '',
        label: `${name} ${named}`,
      };
      return {
        aggregate: name,
        key: `${name}/${named}`,
        label: `aggregate ${name}, ${named}`,
        day: first.day,
        stage: stages.get(name)!,
        whole,
        windows: [whole],
        partitions,
      };
    }),
  );
}

/**
 * Rebuilds every aggregate for the days through the shared runner: staging, an atomic REPLACE
 * PARTITION per aggregate and day, ledger, lease, retries and resume.
 */
export function rebuildAggregates(engine: Engine, plan: StreamPlan, options: RebuildOptions): Promise<UnitSummary[]> {
  const { days, daysPerUnit, ...rest } = options;
  return runPlan(engine, plan, streamRunAdapter, { ...rest, units: aggregateDays(plan, days, daysPerUnit) });
}
