import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../engine/engine.js';
import { DEMO_DAY, type Settings, type Strategy } from '../../../config/settings.js';
import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import { discoverKeys } from '../discover/discover.js';
import { chunksOfDay, dayWindow, windowParams } from '../../../core/windows.js';
import { chunkGranules, hourFirstKey } from '../run/chunk-reads.js';
import { windowFilter } from '../schema/window-filter.js';
import { assignColumns } from '../mapping/assign-columns.js';
import type { Mapping } from '../mapping/mapping.js';
import { buildPlan } from '../plan/build-plan.js';
import { insertSettings } from '../compile/compile-plan.js';
import { rowValuesOf } from '../compile/metric-expressions.js';
import type { SourceSchema } from '../schema/source-schema.js';
import { statementOf, writePlanDir } from '../../../plan/plan-dir.js';
import { readPlan, type FlattenPlan } from '../plan/plan.js';
import { introspectSource } from '../schema/introspect.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { clientSideFlatten } from './client-baseline.js';
import { interleaved, measure, median, type Sample } from '../../../bench/measure.js';
import { ensureSeeded } from './prepare.js';

export interface TransformBenchOptions {
  rows: number;
  repeat: number;
  baselineRows: number;
  strategies: Strategy[];
  onProgress?: (message: string) => void;
}

export interface TransformBenchReport {
  rows: number;
  groups: number;
  keys: { int: number; float: number };
  repeat: number;
  engine: string;
  results: { name: string; rows: number; seconds: number; rowsPerSecond: number; runs: number[] }[];
  ratios: Record<string, number>;
  /** The first strategy's plan, for measuring memory per chunk size afterwards. */
  planDir: string;
  /** The same plan over a copy of the source sorted by the hour of its time, then its own key (embedded engine). */
  timeKeyed?: TimeKeyedCopy;
  /** Granules the day's 24 hour chunks select together, over one read of the day (EXPLAIN indexes = 1), per source. */
  hourReads: { source: number; timeKeyed?: number };
  day: string;
  memory?: {
    dayChunkPeakMiB: number;
    hourChunksPeakMiB: number;
    hourToDay: number;
    dayChunkSeconds: number;
    hourChunksSeconds: number;
    /** The day in one chunk whose GROUP BY and join spill to disk past SPILL_BYTES. */
    spillingDayPeakMiB: number;
    spillingDaySeconds: number;
    /**
     * Day and hour chunks over the time-keyed copy, where an hour chunk reads only its hour's granules: `repeat` pairs
     * (a day, then its hours), medians, and each pair's hour / day.
     */
    timeKeyed?: {
      sortingKey: string;
      dayChunkPeakMiB: number;
      hourChunksPeakMiB: number;
      dayChunkSeconds: number;
      hourChunksSeconds: number;
      pairs: { daySeconds: number; hourSeconds: number; dayPeakMiB: number; hourPeakMiB: number }[];
      /** The median of the pairs' hour / day times. */
      hourToDaySeconds: number;
    };
    note: string;
  };
}

interface TimeKeyedCopy {
  planDir: string;
  sortingKey: string;
}

const GROUP_FLOOR = 'group floor (rows grouped, values collected)';

/** Granules 24 hour chunks of the day select together, over a day chunk's. */
async function hourReads(engine: Engine, plan: FlattenPlan, day: string): Promise<number> {
  const tz = plan.manifest.timeZone;
  return (await chunkGranules(engine, plan.manifest, dayWindow(day, tz), chunksOfDay(day, tz, 'hour'))).ratio;
}

/**
 * Copies the source into `<source>_by_hour`, sorted by `hourFirstKey`, and writes the first strategy's plan over it:
 * the hour chunks a user picks when the day does not fit in memory, measured where the key lets them skip the rest of
 * the day.
 */
async function timeKeyedPlan(
  engine: Engine,
  settings: Settings,
  time: string,
  strategy: Strategy,
  mapping: Mapping,
  dir: string,
): Promise<TimeKeyedCopy> {
  const source = settings.source;
  const [keys] = await engine.rows<{ sorting: string; partition: string }>(
    'SELECT sorting_key AS sorting, partition_key AS partition FROM system.tables WHERE database = {db:String} AND name = {name:String}',
    { params: { db: source.database, name: source.name } },
  );
  const sortingKey = hourFirstKey(keys!.sorting, time);
  const copy = { database: source.database, name: `${source.name}_by_hour` };
  await engine.command(`DROP TABLE IF EXISTS ${quoteTable(copy)}`);
  await engine.command(
    `CREATE TABLE ${quoteTable(copy)} AS ${quoteTable(source)} ENGINE = MergeTree ${keys!.partition ? `PARTITION BY ${keys!.partition} ` : ''}ORDER BY (${sortingKey})`,
  );
  await engine.command(`INSERT INTO ${quoteTable(copy)} SELECT * FROM ${quoteTable(source)}`);
  // Merged, as a day's partition is once its merges are done: every part would hold a share of each hour.
  await engine.command(`OPTIMIZE TABLE ${quoteTable(copy)} FINAL`);
  const copySettings = {
    ...settings,
    source: copy,
    strategy,
    target: { database: settings.target.database, name: `chplan_bench_by_hour` },
  };
  const planDir = join(dir, 'by_hour');
  writePlanDir(
    planDir,
    buildPlan({
      name: 'by_hour',
      schema: await introspectSource(engine, copySettings),
      mapping,
      settings: copySettings,
      toolVersion: TOOL_VERSION,
    }).files,
  );
  const plan = readPlan(planDir);
  await createAfresh(engine, plan);
  return { planDir, sortingKey };
}

/** A plan's target and staging as this build of the plan creates them, whatever an earlier benchmark left. */
async function createAfresh(engine: Engine, plan: FlattenPlan): Promise<void> {
  for (const table of [plan.manifest.tables.staging, plan.manifest.tables.target])
    await engine.command(`DROP TABLE IF EXISTS ${quoteTable(table)}`);
  for (const step of ['create_target', 'create_staging'] as const) await engine.command(statementOf(plan, step));
}

/** The I/O any transform must pay: every metric map's keys and values, read once. */
function floorSql(plan: FlattenPlan): string {
  const maps = plan.manifest.source.columns.filter(
    ([name, type]) =>
      type.startsWith('Map(') && plan.mapping.int.concat(plan.mapping.float).some((e) => e.maps.includes(name)),
  );
  const terms = maps.map(
    ([name]) =>
      `sum(length(arrayStringConcat(${quoteIdent(name)}.keys)) + toFloat64(arraySum(${quoteIdent(name)}.values)))`,
  );
  return `SELECT ${terms.join(' + ')} AS checksum FROM ${quoteTable(plan.manifest.tables.source)} WHERE ${windowFilter(plan.manifest)}`;
}

/**
 * The least a flatten computes before it writes: the chunk's rows grouped by the plan's keys and every map value
 * collected per group. A lower bound: it neither maps a key to its column nor adds anything up.
 */
function groupFloorSql(plan: FlattenPlan, schema: SourceSchema): string {
  const keys = [
    `toStartOfMinute(${quoteIdent(schema.time.name)}, ${quoteString(plan.manifest.timeZone)})`,
    ...schema.groupKeys.map((c) => quoteIdent(c.name)),
  ].join(', ');
  const collected = (['int', 'float'] as const)
    .filter((kind) => schema.maps.some((m) => m.kind === kind))
    .map((kind) => `groupArrayArray(${rowValuesOf(schema, kind)})`);
  return `SELECT ${keys}, ${collected.join(', ')} FROM ${quoteTable(plan.manifest.tables.source)} WHERE ${windowFilter(plan.manifest)} GROUP BY ${keys} FORMAT Null`;
}

/**
 * Measures the plan's transform against the floor (reading the maps) and against a
 * client-side flatten, interleaved and repeated; plus peak memory for day and hour chunks.
 */
export async function benchTransform(
  engine: Engine,
  settings: Settings,
  options: TransformBenchOptions,
): Promise<TransformBenchReport> {
  const say = options.onProgress ?? (() => {});
  const day = DEMO_DAY;
  const window = dayWindow(day, settings.timeZone);
  await ensureSeeded(engine, settings, options.rows, say);
  const schema = await introspectSource(engine, settings);
  const mapping = assignColumns(await discoverKeys(engine, schema, settings, day, day));
  const plans = new Map<Strategy, FlattenPlan>();
  const dir = mkdtempSync(join(tmpdir(), 'chplan-bench-'));
  for (const strategy of options.strategies) {
    const target = { database: settings.target.database, name: `chplan_bench_${strategy}` };
    const strategySettings = { ...settings, strategy, target };
    writePlanDir(
      join(dir, strategy),
      buildPlan({ name: strategy, schema, mapping, settings: strategySettings, toolVersion: TOOL_VERSION }).files,
    );
    const plan = readPlan(join(dir, strategy));
    await createAfresh(engine, plan);
    plans.set(strategy, plan);
  }
  const first = plans.get(options.strategies[0]!)!;
  const params = windowParams(window);
  const staging = (plan: FlattenPlan) => quoteTable(plan.manifest.tables.staging);
  const baselineTable = `${quoteIdent(settings.target.database)}.${quoteIdent('chplan_bench_client')}`;
  await engine.command(`CREATE OR REPLACE TABLE ${baselineTable} AS ${staging(first)}`);

  // The physical floor: one read of every column the insert reads, and one write of a table
  // shaped like its output (a copy of what the first strategy just wrote), with the insert's own
  // settings: written by one thread instead of the insert's two, the copy took half as long again.
  const copyTable = `${quoteIdent(settings.target.database)}.${quoteIdent('chplan_bench_copy')}`;
  await engine.command(`CREATE OR REPLACE TABLE ${copyTable} AS ${staging(first)}`);
  const writeSettings = `SETTINGS ${insertSettings(settings)
    .map((setting) => `${setting.alias} = ${setting.expr}`)
    .join(', ')}`;
  const readColumns = [schema.time, ...schema.groupKeys, ...schema.dimensions, ...schema.maps]
    .map((c) => quoteIdent(c.name))
    .join(', ');
  const readFloorSql = `SELECT ${readColumns} FROM ${quoteTable(first.manifest.tables.source)} WHERE ${windowFilter(first.manifest)} FORMAT Null`;
  const names = [
    'floor',
    ...options.strategies.map((s) => `transform (${s})`),
    'read floor (every column read)',
    'write floor (a copy of the output)',
    GROUP_FLOOR,
    'client-side baseline',
  ];
  say(`measuring ${names.join(', ')} × ${options.repeat}, interleaved…`);
  // Merging the freshly seeded source or a just-written staging table in the background
  // would overlap the next measurement; the benchmark's own embedded engine pauses merges.
  const pauseMerges = engine.can.runInProcess;
  if (pauseMerges) await engine.command('SYSTEM STOP MERGES');
  const samples = await interleaved(names, options.repeat, async (name) => {
    if (name === 'floor') return measure(() => engine.rows(floorSql(first), { params }));
    if (name.startsWith('read floor')) return measure(() => engine.command(readFloorSql, { params }));
    if (name === GROUP_FLOOR) return measure(() => engine.command(groupFloorSql(first, schema), { params }));
    if (name.startsWith('write floor')) {
      await engine.command(`TRUNCATE TABLE ${copyTable}`);
      return measure(() => engine.command(`INSERT INTO ${copyTable} ${writeSettings} SELECT * FROM ${staging(first)}`));
    }
    if (name === 'client-side baseline') {
      await engine.command(`TRUNCATE TABLE ${baselineTable}`);
      return measure(() => clientSideFlatten(engine, first, schema, window, options.baselineRows, baselineTable));
    }
    const plan = plans.get(name.slice('transform ('.length, -1) as Strategy)!;
    await engine.command(`TRUNCATE TABLE ${staging(plan)}`);
    return measure(() => engine.command(statementOf(plan, 'insert_chunk'), { params }));
  }).finally(() => pauseMerges && engine.command('SYSTEM START MERGES'));
  const [groups] = await engine.rows<{ n: string }>(`SELECT count() AS n FROM ${staging(first)}`);
  // Hour chunks are measured in processes of their own afterwards, which only the embedded engine allows.
  const timeKeyed = engine.can.runInProcess
    ? await timeKeyedPlan(engine, settings, schema.time.name, options.strategies[0]!, mapping, dir)
    : undefined;

  const rowsOf = (name: string) =>
    name === 'client-side baseline' ? Math.min(options.baselineRows, options.rows) : options.rows;
  const results = names.map((name) => {
    const runs = samples[name]!.map((s: Sample) => s.seconds);
    const seconds = median(runs);
    return { name, rows: rowsOf(name), seconds, rowsPerSecond: rowsOf(name) / seconds, runs };
  });
  const by = (name: string) => results.find((r) => r.name === name)!;
  const ratios: Record<string, number> = {};
  const write = by('write floor (a copy of the output)').seconds;
  const physical = by('read floor (every column read)').seconds + write;
  for (const strategy of options.strategies) {
    ratios[`transform (${strategy}) / floor`] = by(`transform (${strategy})`).seconds / by('floor').seconds;
    ratios[`transform (${strategy}) / physical floor (read + write)`] =
      by(`transform (${strategy})`).seconds / physical;
    ratios[`transform (${strategy}) / group + write floor`] =
      by(`transform (${strategy})`).seconds / (by(GROUP_FLOOR).seconds + write);
    ratios[`baseline per row / transform (${strategy}) per row`] =
      by(`transform (${strategy})`).rowsPerSecond / by('client-side baseline').rowsPerSecond;
  }
  return {
    rows: options.rows,
    groups: Number(groups?.n ?? 0),
    keys: { int: mapping.int.length, float: mapping.float.length },
    repeat: options.repeat,
    engine: engine.description,
    results,
    ratios,
    planDir: join(dir, options.strategies[0]!),
    timeKeyed,
    hourReads: {
      source: await hourReads(engine, first, day),
      timeKeyed: timeKeyed && (await hourReads(engine, readPlan(timeKeyed.planDir), day)),
    },
    day,
  };
}
