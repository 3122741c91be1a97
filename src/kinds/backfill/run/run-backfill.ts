import type { Engine } from '../../../engine/engine.js';
import { ConfigError, SafetyError, SchemaError } from '../../../core/errors.js';
import { chunksOfDay, dayWindow, windowParams, type ChunkSpec, type Window } from '../../../core/windows.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { runPlan, type DaySummary, type RunAdapter, type RunOptions, type Unit } from '../../../execute/run-plan.js';
import type { RunContext } from '../../../execute/run-context.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { targetDiff } from '../plan/compile.js';
import { columnsRecord, type BackfillPlan } from '../plan/backfill-plan.js';

/** `YYYYMM`, checked. */
export function parsePartition(text: string, flag = '--partition'): string {
  const match = /^(\d{4})(\d{2})$/.exec(text);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new ConfigError(`${flag} ${JSON.stringify(text)} is not a monthly partition; use YYYYMM, e.g. ${flag} 202406.`);
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

/** `day`, `hour`, `Nh` (N dividing a day) or `projects/N` (N buckets of projects, each over the whole month). */
export function chunkOf(text: string): BackfillChunk {
  if (text === 'day' || text === 'hour') return { time: text };
  const hours = /^([1-9][0-9]*)h$/.exec(text);
  if (hours && 24 % Number(hours[1]) === 0) return { time: `${Number(hours[1]) * 60}m` };
  const buckets = /^projects\/([1-9][0-9]{0,3})$/.exec(text);
  if (buckets) return { projectBuckets: Number(buckets[1]) };
  throw new ConfigError(`--chunk ${JSON.stringify(text)} is not a backfill chunk; use day, hour, N hours dividing a day (2h, 6h, 12h), or projects/N (N buckets of projects).`);
}

function daysOfMonth(partition: string): string[] {
  const y = Number(partition.slice(0, 4));
  const m = Number(partition.slice(4));
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${partition.slice(0, 4)}-${partition.slice(4)}-${String(i + 1).padStart(2, '0')}`);
}

const ALL_PROJECTS = { index: 0, count: 1 };

/**
 * A partition as a unit of the shared runner: the month's window, cut into time chunks, or
 * into buckets of projects that each span the month. Project buckets follow the tables'
 * sorting keys (project_id first), so each chunk reads only its own granules.
 */
export function partitionUnit(partition: string, timeZone: string, chunk: BackfillChunk): Unit {
  const days = daysOfMonth(partition);
  const first = days[0]!;
  const month = { day: first, partition, label: partition, bucket: ALL_PROJECTS };
  const whole: Window = { ...dayWindow(first, timeZone), ...month, end: dayWindow(days.at(-1)!, timeZone).end };
  const windows = 'time' in chunk
    ? days.flatMap((day) => chunksOfDay(day, timeZone, chunk.time).map((w) => ({ ...w, day: first, partition, bucket: ALL_PROJECTS })))
    : Array.from({ length: chunk.projectBuckets }, (_, index) => ({ ...whole, bucket: { index, count: chunk.projectBuckets }, label: `${partition} projects ${index + 1}/${chunk.projectBuckets}` }));
  return { day: first, label: partition, whole, windows };
}

async function count(ctx: RunContext, step: string, window: Window): Promise<number> {
  const [row] = await ctx.engine.rows<{ rows: string }>(statementOf(ctx.plan, step), { params: windowParams(window), step });
  return Number(row?.rows ?? 0);
}

async function checkTable(engine: Engine, table: TableRef, recorded: { fingerprint: string }, role: string, plan: BackfillPlan): Promise<void> {
  const columns = await tableColumns(engine, table);
  if (!columns) throw new SchemaError(`The ${role} ${formatTableRef(table)} does not exist on ${engine.description}; nothing was written. Check --url / --data-dir, or create demo data with chplan seed --kind langfuse --month YYYY-MM.`);
  if (columnsRecord(columns).fingerprint !== recorded.fingerprint) {
    throw new SafetyError(`The ${role} ${formatTableRef(table)} changed since plan ${plan.name} was compiled; nothing was written. Recompile the plan (chplan backfill, or chplan compile --spec) so the reviewed SQL matches the table.`);
  }
}

/** How the shared runner runs a backfill plan. */
export function backfillRunAdapter(plan: BackfillPlan): RunAdapter {
  const replace = plan.manifest.publish === 'replace';
  return {
    steps: {
      setup: ['create_target', 'create_staging'],
      clearUnit: 'clear_staging_partition',
      clearWindow: 'clear_staging_window',
      insert: 'insert_chunk',
      checkStaging: 'check_staging',
      publish: 'publish_partition',
    },
    async check(ctx) {
      const m = plan.manifest;
      await checkTable(ctx.engine, m.tables.source, m.source, 'observations table', plan);
      await checkTable(ctx.engine, m.tables.lookup, m.lookup, 'traces table', plan);
      const target = await tableColumns(ctx.engine, m.tables.target);
      const diff = target ? targetDiff(target) : [];
      if (diff.length > 0) {
        throw new SchemaError(`The target ${formatTableRef(m.tables.target)} is not an events table this plan can write:\n  ${diff.join('\n  ')}\nNothing was written. Point the spec's target at another table (chplan creates it), or migrate this one.`);
      }
    },
    countSource: (ctx, window) => count(ctx, 'count_source', window),
    countStaging: (ctx, window) => count(ctx, 'count_staging', window),
    // Missing-only staging depends on what the target held when each chunk ran, so a resumed
    // run rebuilds it instead of trusting chunks staged before an earlier publish.
    keepsStagedChunks: replace,
    publishesNothingWhenEmpty: !replace,
  };
}

export interface BackfillRunOptions extends Omit<RunOptions, 'units'> {
  partitions: string[];
  chunk?: string;
}

/** Runs a backfill plan for whole partitions (see runPlan). */
export function runBackfill(engine: Engine, plan: BackfillPlan, options: BackfillRunOptions): Promise<DaySummary[]> {
  const { partitions, chunk, ...rest } = options;
  const spec = chunkOf(chunk ?? plan.manifest.chunk);
  return runPlan(engine, plan, backfillRunAdapter(plan), { ...rest, units: partitions.map((p) => partitionUnit(p, plan.manifest.timeZone, spec)) });
}
