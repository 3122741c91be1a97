import type { Engine } from '../../../engine/engine.js';
import { ConfigError, SafetyError, SchemaError } from '../../../core/errors.js';
import { chunksOfDay, dayWindow, windowParams, type ChunkSpec, type Window } from '../../../core/windows.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { runPlan, type RunAdapter, type RunOptions, type UnitSummary } from '../../../execute/run-plan.js';
import type { RunContext } from '../../../execute/run-context.js';
import { stagedUnits, type StagedUnit } from '../../../execute/staged-units.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { contentHash } from '../../../plan/manifest.js';
import { targetDiff } from '../plan/compile.js';
import { viewsReading } from '../plan/derived.js';
import { columnsRecord, type BackfillPlan } from '../plan/plan.js';
import { evaluatePartition } from '../validate/evaluate.js';
import { collectPartition } from '../validate/validate.js';

/** `YYYYMM`, checked. */
export function parsePartition(text: string, flag = '--partition'): string {
  const match = /^(\d{4})(\d{2})$/.exec(text);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12)
    throw new ConfigError(
      `${flag} ${JSON.stringify(text)} is not a monthly partition; use YYYYMM, e.g. ${flag} 202406.`,
    );
  return text;
}

/** Every partition from `from` to `to`, inclusive. */
export function partitionsBetween(from: string, to: string = from): string[] {
  parsePartition(from);
  parsePartition(to, '--to');
  if (to < from) throw new ConfigError(`--to ${to} is before --partition ${from}; the range must go forward.`);
  const list: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(4)); ; m === 12 ? (y++, (m = 1)) : m++) {
    const p = `${y}${String(m).padStart(2, '0')}`;
    list.push(p);
    if (p === to) return list;
  }
}

/** How a partition is cut: by time (the shared window splitter's chunk) or into buckets of projects. */
export type BackfillChunk = { time: ChunkSpec } | { projectBuckets: number };

/**
 * `day`, `hour`, `Nh` (N dividing a day), `projects/N` (N buckets of projects, each over the whole month) or `auto`
 * (chosen per partition from its rows).
 */
export function chunkOf(text: string): BackfillChunk | 'auto' {
  if (text === 'auto') return 'auto';
  if (text === 'day' || text === 'hour') return { time: text };
  const hours = /^([1-9][0-9]*)h$/.exec(text);
  if (hours && 24 % Number(hours[1]) === 0) return { time: `${Number(hours[1]) * 60}m` };
  const buckets = /^projects\/([1-9][0-9]{0,3})$/.exec(text);
  if (buckets) return { projectBuckets: Number(buckets[1]) };
  throw new ConfigError(
    `--chunk ${JSON.stringify(text)} is not a backfill chunk; use auto, projects/N (N buckets of projects), day, hour, or N hours dividing a day (2h, 6h, 12h).`,
  );
}

function daysOfMonth(partition: string): string[] {
  const y = Number(partition.slice(0, 4));
  const m = Number(partition.slice(4));
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from(
    { length: count },
    (_, i) => `${partition.slice(0, 4)}-${partition.slice(4)}-${String(i + 1).padStart(2, '0')}`,
  );
}

const ALL_PROJECTS = { index: 0, count: 1 };

/**
 * A partition as a unit of the shared runner: the month's window, cut into time chunks, or
 * into buckets of projects that each span the month. Project buckets follow the tables'
 * sorting keys (project_id first), so each chunk reads only its own granules.
 */
export function partitionUnit(partition: string, timeZone: string, chunk: BackfillChunk): StagedUnit {
  const days = daysOfMonth(partition);
  const first = days[0]!;
  const month = { day: first, partition, label: partition, bucket: ALL_PROJECTS };
  const whole: Window = { ...dayWindow(first, timeZone), ...month, end: dayWindow(days.at(-1)!, timeZone).end };
  const windows =
    'time' in chunk
      ? days.flatMap((day) =>
          chunksOfDay(day, timeZone, chunk.time).map((w) => ({ ...w, day: first, partition, bucket: ALL_PROJECTS })),
        )
      : Array.from({ length: chunk.projectBuckets }, (_, index) => ({
          ...whole,
          bucket: { index, count: chunk.projectBuckets },
          label: `${partition} projects ${index + 1}/${chunk.projectBuckets}`,
        }));
  return { key: first, label: `partition ${partition}`, day: first, whole, windows };
}

type Ctx = RunContext<BackfillPlan>;

async function count(ctx: Ctx, step: string, window: Window): Promise<number> {
  const [row] = await ctx.engine.rows<{ rows: string }>(statementOf(ctx.plan, step), {
    params: windowParams(window),
    step,
  });
  return Number(row?.rows ?? 0);
}

async function checkTable(
  engine: Engine,
  table: TableRef,
  recorded: { fingerprint: string },
  role: string,
  plan: BackfillPlan,
): Promise<void> {
  const columns = await tableColumns(engine, table);
  if (!columns)
    throw new SchemaError(
      `The ${role} ${formatTableRef(table)} does not exist on ${engine.description}; nothing was written. Check --url / --data-dir, or create demo data with chplan seed --kind langfuse --month YYYY-MM.`,
    );
  if (columnsRecord(columns).fingerprint !== recorded.fingerprint) {
    throw new SafetyError(
      `The ${role} ${formatTableRef(table)} changed since plan ${plan.name} was compiled; nothing was written. Recompile the plan (chplan backfill, or chplan compile --spec) so the reviewed SQL matches the table.`,
    );
  }
}

/** The derived view must still be the one the plan was compiled with, and the only one reading the target. */
async function checkDerived(engine: Engine, plan: BackfillPlan): Promise<void> {
  const { target } = plan.manifest.tables;
  const views = await viewsReading(engine, target);
  const compiled = plan.manifest.derived;
  const now = views.map((v) => `${formatTableRef(v)} ${contentHash(v.as_select)}`).join(', ');
  const then = compiled ? `${formatTableRef(compiled.view)} ${compiled.fingerprint}` : '';
  if (now !== then) {
    throw new SafetyError(
      `The materialized views reading ${formatTableRef(target)} changed since plan ${plan.name} was compiled (compiled: ${compiled ? formatTableRef(compiled.view) : 'none'}; now: ${views.map((v) => formatTableRef(v)).join(', ') || 'none'}); ` +
        'their tables would not match the published events. Nothing was written. Recompile the plan (chplan backfill, or chplan compile --spec).',
    );
  }
}

/**
 * Before publish: the staged partition against the independent recomputation; any failure leaves the target as it was.
 */
async function validateStaged(ctx: Ctx, plan: BackfillPlan, partition: string): Promise<void> {
  const checks = evaluatePartition(await collectPartition(ctx.engine, plan, partition, plan.manifest.tables.staging));
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return;
  const lines = failed.map(
    (c) =>
      `  ${c.name}: ${c.detail}${
        c.problems
          ? `\n    e.g. ${c.problems
              .slice(0, 5)
              .map((p) => JSON.stringify(p))
              .join('\n         ')}`
          : ''
      }`,
  );
  throw new SafetyError(
    `Validation of the staged partition ${partition} failed, so it was not published; ${formatTableRef(plan.manifest.tables.target)} is unchanged.\n${lines.join('\n')}\n` +
      `The staged rows stay in ${formatTableRef(plan.manifest.tables.staging)} for inspection. If the source changed during the run, run it again; if it repeats, report it with this output.`,
  );
}

async function publishDerived(ctx: Ctx, plan: BackfillPlan, partition: string): Promise<void> {
  const params = { partition_id: partition };
  const run = (step: string) => ctx.engine.command(statementOf(plan, step), { params, step: `${step} ${partition}` });
  await run('clear_derived_staging');
  await run('fill_derived');
  const [row] = await ctx.engine.rows<{ rows: string; expected: string }>(statementOf(plan, 'check_derived'), {
    params,
    step: `check_derived ${partition}`,
  });
  if (!row || row.rows !== row.expected) {
    throw new SafetyError(
      `Refusing to publish ${partition}: the derived staging ${formatTableRef(plan.manifest.tables.derivedStaging)} holds ${row?.rows} rows where the view yields ${row?.expected}. Nothing was published. Re-run it; if it repeats, inspect that table.`,
    );
  }
  await run('publish_derived');
  await run('clear_derived_staging');
}

const SETUP = ['create_target', 'create_staging', 'create_derived_staging', 'create_distributed'];

/** How the shared runner runs a backfill plan: month partitions staged chunk by chunk, validated, then published. */
export function backfillRunAdapter(plan: BackfillPlan): RunAdapter<BackfillPlan, StagedUnit> {
  const replace = plan.manifest.publish === 'replace';
  return {
    async check(ctx) {
      const m = plan.manifest;
      await checkTable(ctx.engine, m.tables.source, m.source, 'observations table', plan);
      await checkTable(ctx.engine, m.tables.lookup, m.lookup, 'traces table', plan);
      await checkDerived(ctx.engine, plan);
      const target = await tableColumns(ctx.engine, m.tables.target);
      const diff = target ? targetDiff(target) : [];
      if (diff.length > 0) {
        throw new SchemaError(
          `The target ${formatTableRef(m.tables.target)} is not an events table this plan can write:\n  ${diff.join('\n  ')}\nNothing was written. Point the spec's target at another table (chplan creates it), or migrate this one.`,
        );
      }
    },
    async setup(ctx) {
      for (const step of SETUP)
        if (plan.sql[step] !== undefined) await ctx.engine.command(statementOf(plan, step), { step });
    },
    ...stagedUnits<BackfillPlan, StagedUnit>({
      steps: () => ({
        clearUnit: 'clear_staging_partition',
        clearWindow: 'clear_staging_window',
        insert: 'insert_chunk',
        checkStaging: 'check_staging',
        publish: 'publish_partition',
      }),
      stagingName: () => formatTableRef(plan.manifest.tables.staging),
      countSource: (ctx, _unit, window) => count(ctx, 'count_source', window),
      countStaging: (ctx, _unit, window) => count(ctx, 'count_staging', window),
      async beforePublish(ctx, unit) {
        const partition = unit.whole.partition!;
        // missing-only stages only what the target lacks: its rows are validated after publish, with the target's.
        if (replace) await validateStaged(ctx, plan, partition);
        if (plan.manifest.derived) await publishDerived(ctx, plan, partition);
      },
      // Missing-only staging depends on what the target held when each chunk ran, so a resumed
      // run rebuilds it instead of trusting chunks staged before an earlier publish.
      keepsStagedChunks: replace,
      publishesNothingWhenEmpty: !replace,
    }),
    resumable: true,
  };
}

export interface BackfillRunOptions extends Omit<RunOptions, 'units'> {
  partitions: string[];
  chunk?: string;
}

/**
 * Source rows (every version) per chunk that `auto` aims at. On the benchmark month (2.8M rows)
 * six such chunks peaked 30% lower than three of twice the size, in the same time (docs/performance.md,
 * "Backfill performance").
 */
export const AUTO_CHUNK_ROWS = 500_000;

/**
 * The chunk `auto` picks for a partition: buckets of projects (Langfuse's tables are sorted by
 * project first, so a bucket reads only its granules, once), as many as keep a chunk near
 * AUTO_CHUNK_ROWS source rows by the partition's row count; day chunks when the source is not
 * sorted by project first.
 */
export async function autoChunk(engine: Engine, source: TableRef, partition: string): Promise<BackfillChunk> {
  const [row] = await engine.rows<{ rows: string; key: string }>(
    `SELECT (SELECT sum(rows) FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active AND partition_id = {partition:String}) AS rows,
            (SELECT sorting_key FROM system.tables WHERE database = {db:String} AND name = {table:String}) AS key`,
    { params: { db: source.database, table: source.name, partition } },
  );
  if (!/^project_id\b/.test(row?.key ?? '')) return { time: 'day' };
  return { projectBuckets: Math.min(256, Math.max(1, Math.ceil(Number(row?.rows ?? 0) / AUTO_CHUNK_ROWS))) };
}

/** Each partition as a unit, cut as asked (`auto`: per partition, from its rows). */
export async function backfillUnits(
  engine: Engine,
  plan: BackfillPlan,
  partitions: string[],
  chunk = plan.manifest.chunk,
): Promise<StagedUnit[]> {
  const asked = chunkOf(chunk);
  const units: StagedUnit[] = [];
  for (const p of partitions)
    units.push(
      partitionUnit(
        p,
        plan.manifest.timeZone,
        asked === 'auto' ? await autoChunk(engine, plan.manifest.tables.source, p) : asked,
      ),
    );
  return units;
}

/** Runs a backfill plan for whole partitions (see runPlan). */
export async function runBackfill(
  engine: Engine,
  plan: BackfillPlan,
  options: BackfillRunOptions,
): Promise<UnitSummary[]> {
  const { partitions, chunk, ...rest } = options;
  return runPlan(engine, plan, backfillRunAdapter(plan), {
    ...rest,
    units: await backfillUnits(engine, plan, partitions, chunk),
  });
}
