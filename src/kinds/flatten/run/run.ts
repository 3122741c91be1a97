import type { Engine } from '../../../engine/engine.js';
import { quoteTable } from '../../../core/quote.js';
import { formatTableRef } from '../../../config/settings.js';
import { ExecutionError, UnmappedKeysError } from '../../../core/errors.js';
import { windowParams, type ChunkSpec, type Window } from '../../../core/windows.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { runPlan, type RunAdapter, type RunOptions, type UnitSummary } from '../../../execute/run-plan.js';
import type { RunContext } from '../../../execute/run-context.js';
import { dayUnits, stagedUnits, type StagedUnit } from '../../../execute/staged-units.js';
import { windowFilter } from '../schema/window-filter.js';
import { INT64_GUARD_MARK, UNMAPPED_GUARD_MARK } from '../compile/metric-expressions.js';
import { PLAN_FILES } from '../compile/compile-plan.js';
import type { FlattenPlan } from '../plan/plan.js';
import { checkAndRegisterMapping } from './registry.js';
import { checkSourceUnchanged, checkTargetShape } from './source-check.js';
import { warnIfChunksRereadDay } from './chunk-reads.js';

type Ctx = RunContext<FlattenPlan>;

/** Source rows in a window (after the plan's customer filter). */
async function countSource(ctx: Ctx, window: Window): Promise<number> {
  const m = ctx.plan.manifest;
  const [row] = await ctx.engine.rows<{ rows: string }>(
    `SELECT count() AS rows FROM ${quoteTable(m.tables.source)} WHERE ${windowFilter(m)}`,
    { params: windowParams(window), step: 'count source' },
  );
  return Number(row?.rows ?? 0);
}

/** Rows staging holds in a window (whatever customers, e.g. ones kept for the publish). */
async function countStaging(ctx: Ctx, window: Window): Promise<number> {
  const m = ctx.plan.manifest;
  const [row] = await ctx.engine.rows<{ rows: string }>(
    `SELECT count() AS rows FROM ${quoteTable(m.tables.staging)} WHERE ${windowFilter({ ...m, customers: null })}`,
    { params: windowParams(window), step: 'count staging' },
  );
  return Number(row?.rows ?? 0);
}

async function unmappedKeys(ctx: Ctx, window: Window): Promise<{ map: string; key: string; rows: string }[]> {
  return ctx.engine.rows(statementOf(ctx.plan, 'preflight_unmapped_keys'), {
    params: windowParams(window),
    step: 'preflight',
  });
}

/** The flags that compile this plan again with the same choices, on the same engine. */
function recompileFlags(ctx: Ctx): string {
  const m = ctx.plan.manifest;
  const flags = [
    `--source ${formatTableRef(m.tables.source)}`,
    `--target ${formatTableRef(m.tables.target)}`,
    ...(m.customers ? [`--customers ${m.customers.join(',')}`] : []),
    `--time-zone ${m.timeZone}`,
    `--float-type ${m.floatType}`,
    `--strategy ${m.strategy}`,
    ...(m.cluster ? [`--cluster ${m.cluster}`] : []),
  ];
  return `${flags.join(' ')} ${ctx.engine.flags}`;
}

function unmappedKeysError(
  ctx: Ctx,
  window: Window,
  rows: { map: string; key: string; rows: string }[],
): UnmappedKeysError {
  const keys = rows.map((r) => ({ key: r.key, map: r.map, rows: Number(r.rows) }));
  const shown = keys
    .slice(0, 20)
    .map((k) => `  ${k.map}: ${JSON.stringify(k.key)} (${k.rows} rows)`)
    .join('\n');
  return new UnmappedKeysError(
    `The source has ${keys.length} key(s) in ${window.label} that mapping v${ctx.plan.mapping.version} does not map; loading would silently drop them, so nothing was inserted for this chunk and the target is unchanged:\n${shown}${keys.length > 20 ? `\n  … and ${keys.length - 20} more` : ''}\n` +
      `Extend the mapping and recompile:\n  chplan discover --day ${window.day} --base ${ctx.plan.dir}/mapping.json --out mapping.json ${recompileFlags(ctx)} && chplan compile --mapping mapping.json --int-type ${ctx.plan.manifest.intType} --out ${ctx.plan.dir} ${recompileFlags(ctx)}`,
    keys,
  );
}

async function explainFailure(ctx: Ctx, window: Window, queryId: string, cause: unknown): Promise<Error | null> {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (message.includes(UNMAPPED_GUARD_MARK)) {
    // Blocks written before the guard fired are removed, so staging holds nothing of the chunk.
    await ctx.engine.command(statementOf(ctx.plan, 'clear_staging_window'), {
      params: windowParams(window),
      step: `clear ${window.label}`,
    });
    const unmapped = await unmappedKeys(ctx, window);
    if (unmapped.length > 0) return unmappedKeysError(ctx, window, unmapped);
  }
  const guardTripped = message.includes(INT64_GUARD_MARK);
  if (
    (guardTripped || /cannot be safely converted|CANNOT_CONVERT_TYPE/i.test(message)) &&
    ctx.plan.sql.diagnose_overflow
  ) {
    return explainOverflow(ctx, window, guardTripped, { step: 'insert_chunk', chunk: window.label, queryId }, cause);
  }
  return null;
}

/** Names the group and key whose sum does not fit, found by a query that sums in Int256. */
async function explainOverflow(
  ctx: Ctx,
  window: Window,
  guardTripped: boolean,
  details: ExecutionError['details'],
  cause: unknown,
): Promise<ExecutionError> {
  const { intType } = ctx.plan.manifest;
  const [culprit] = await ctx.engine
    .rows<{ minute: string; group_keys: string[]; key: string; total: string }>(
      statementOf(ctx.plan, 'diagnose_overflow'),
      { params: windowParams(window), step: 'diagnose overflow' },
    )
    .catch(() => []);
  const fix = /64$/.test(intType)
    ? `${intType} is the widest int type chplan writes: correct or exclude the source rows.`
    : `Recompile with a wider type and run again: chplan compile --mapping ${ctx.plan.dir}/mapping.json --int-type Int64 --out ${ctx.plan.dir} ${recompileFlags(ctx)}`;
  const where = culprit
    ? `key ${JSON.stringify(culprit.key)} sums to ${culprit.total} in group (${culprit.minute}, ${culprit.group_keys.join(', ')}), `
    : '';
  const text =
    culprit || !guardTripped
      ? `An integer sum in ${window.label} does not fit ${intType}: ${where}so the chunk was stopped instead of wrapping. The target is unchanged.\n${fix}`
      : `Integer values in ${window.label} are too large to sum safely in 64 bits (one group's values add up to 2^62 or more in absolute value), although every sum fits ${intType}. ` +
        `The chunk was stopped and the target is unchanged. Values this large usually mean corrupt source rows; find them with the diagnose query in the plan (${PLAN_FILES.diagnose_overflow.file} without its HAVING).`;
  return new ExecutionError(text, details, { cause });
}

/** The plan's DDL a run applies once the mapping is registered, in order; steps the plan lacks are skipped. */
export const FLATTEN_SETUP = [
  'create_target',
  'add_columns_target',
  'create_named_view',
  'create_compat_view',
  'create_staging',
  'add_columns_staging',
  // ON CLUSTER, after create_target has made every shard's target.
  'create_distributed',
];

/** How the shared runner runs a flatten plan: days staged chunk by chunk, each published by REPLACE PARTITION. */
export const flattenRunAdapter: RunAdapter<FlattenPlan, StagedUnit> = {
  async check(ctx, units) {
    await checkSourceUnchanged(ctx.engine, ctx.plan);
    await checkTargetShape(ctx.engine, ctx.plan);
    const chunked = units.find((u) => !u.emptyBecause && u.windows.length > 1);
    if (chunked) await warnIfChunksRereadDay(ctx, chunked);
  },
  async setup(ctx) {
    await ctx.engine.command(statementOf(ctx.plan, 'create_registry'), { step: 'create_registry' });
    // Nothing about the target changes before its mapping is known to be compatible.
    await checkAndRegisterMapping(ctx.engine, ctx.plan);
    for (const step of FLATTEN_SETUP)
      if (ctx.plan.sql[step] !== undefined) await ctx.engine.command(statementOf(ctx.plan, step), { step });
  },
  ...stagedUnits<FlattenPlan, StagedUnit>({
    steps: () => ({
      clearUnit: 'clear_staging_day',
      clearWindow: 'clear_staging_window',
      insert: 'insert_chunk',
      checkStaging: 'check_staging',
      publish: 'publish_day',
    }),
    stagingName: (ctx) => formatTableRef(ctx.plan.manifest.tables.staging),
    countSource: (ctx, _unit, window) => countSource(ctx, window),
    countStaging: (ctx, _unit, window) => countStaging(ctx, window),
    async beforeChunk(ctx, window) {
      if (ctx.plan.manifest.insertChecksUnmappedKeys) return;
      const unmapped = await unmappedKeys(ctx, window);
      if (unmapped.length > 0) throw unmappedKeysError(ctx, window, unmapped);
    },
    explainFailure,
    async beforePublish(ctx, unit) {
      if (!ctx.plan.manifest.customers) return;
      await ctx.engine.command(statementOf(ctx.plan, 'keep_other_customers'), {
        params: windowParams(unit.whole),
        step: 'keep other customers',
      });
    },
    keepsStagedChunks: true,
    publishesNothingWhenEmpty: false,
  }),
  resumable: true,
};

export interface FlattenRunOptions extends Omit<RunOptions, 'units'> {
  days: string[];
  chunk: ChunkSpec;
}

/** Runs a flatten plan for whole days (see runPlan). */
export function runFlatten(engine: Engine, plan: FlattenPlan, options: FlattenRunOptions): Promise<UnitSummary[]> {
  const { days, chunk, ...rest } = options;
  return runPlan(engine, plan, flattenRunAdapter, { ...rest, units: dayUnits(days, plan.manifest.timeZone, chunk) });
}
