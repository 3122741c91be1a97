import type { Engine } from '../../../engine/engine.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { interleaved, measure, median, runWorkerProcess, type Sample } from '../../../bench/measure.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { compileBackfillDir } from '../plan/compile-plan-dir.js';
import { readBackfillPlan, type BackfillPlan } from '../plan/plan.js';
import { runBackfill } from '../run/run.js';
import { collectPartition } from '../validate/validate.js';
import { langfuseBackfill } from './langfuse-reference.js';
import { seedLangfuse } from '../seed/seed-langfuse.js';
import { loadSpec } from '../plan/spec.js';
import { OBSERVATION_COLUMNS, TRACE_COLUMNS } from '../plan/events-model.js';
import { clientSideBackfill } from './client-baseline.js';

const WORKER = new URL('./memory-worker.ts', import.meta.url);
const MONTH = '2024-06';
const PARTITION = '202406';

export interface BackfillBenchOptions {
  observations: number;
  traces: number;
  repeat: number;
  baselineObservations: number;
  planDir: string;
  onProgress?: (message: string) => void;
}

export interface BackfillBenchReport {
  observations: number;
  observationRows: number;
  traces: number;
  events: number;
  repeat: number;
  engine: string;
  results: { name: string; rows: number; seconds: number; rowsPerSecond: number; runs: number[] }[];
  ratios: Record<string, number>;
  planDir: string;
  partition: string;
  memory?: {
    idleMiB: number;
    chunks: { chunk: string; peakMiB: number; aboveIdleMiB: number; toLangfuse: number; seconds: number }[];
    note: string;
  };
}

/** Seeds the month unless the engine already holds it with the asked number of observations. */
async function ensureSeeded(engine: Engine, options: BackfillBenchOptions, say: (m: string) => void): Promise<void> {
  const present = (await tableColumns(engine, { database: 'default', name: 'observations' }))
    ? Number(
        (
          await engine.rows<{ n: string }>(
            "SELECT uniqExact(project_id, id) AS n FROM default.observations WHERE _partition_id = '202406'",
          )
        )[0]?.n,
      )
    : 0;
  if (present === options.observations) return;
  say(
    `seeding ${options.observations} observations and ${options.traces} traces for ${MONTH} on Langfuse's current schema…`,
  );
  await seedLangfuse(engine, {
    observations: { database: 'default', name: 'observations' },
    traces: { database: 'default', name: 'traces' },
    month: MONTH,
    observationCount: options.observations,
    traceCount: options.traces,
    seed: 1,
    replace: present > 0,
  });
}

/**
 * Peak memory of the month's inserts in their own process (embedded engine only; its data directory must be closed
 * here).
 */
export function insertPeakMemory(
  dataDir: string,
  planDir: string,
  chunk: string,
): { maxRssBytes: number; seconds: number } {
  return runWorkerProcess(WORKER, [dataDir, planDir, PARTITION, chunk]);
}

/** One read of every column the backfill reads: the month's observations and traces. */
function readFloorSql(plan: BackfillPlan): string[] {
  const m = plan.manifest;
  return [
    `SELECT ${OBSERVATION_COLUMNS.map(quoteIdent).join(', ')} FROM ${quoteTable(m.tables.source)} WHERE _partition_id = {partition_id:String} FORMAT Null`,
    `SELECT ${TRACE_COLUMNS.map(quoteIdent).join(', ')} FROM ${quoteTable(m.tables.lookup)} WHERE _partition_id = {partition_id:String} FORMAT Null`,
  ];
}

/**
 * Measures the compiled backfill (every chunk, the validation before publish, events_core, the
 * publish and ledger rows of a month) against Langfuse's own backfill SQL on the same tables
 * (its three statements, as its background migrations run them), a read floor (one read of
 * what it reads), a physical floor (that read plus one write of the events) and the seed's
 * client-side approach, interleaved.
 */
export async function benchBackfill(engine: Engine, options: BackfillBenchOptions): Promise<BackfillBenchReport> {
  const say = options.onProgress ?? (() => {});
  await ensureSeeded(engine, options, say);
  // Background merges of the fresh source or the previous run would land in the next measurement.
  await engine.command('SYSTEM STOP MERGES');
  await compileBackfillDir(engine, loadSpec(undefined, {}), options.planDir);
  const plan = readBackfillPlan(options.planDir);
  const m = plan.manifest;
  const whole = { partition_id: PARTITION };
  const copy = quoteTable({ database: m.tables.target.database, name: `${m.tables.target.name}__bench_copy` });
  const baseline = quoteTable({ database: m.tables.target.database, name: `${m.tables.target.name}__bench_client` });
  say('first run (creates the events tables)…');
  await runBackfill(engine, plan, { partitions: [PARTITION] });
  await engine.command(`CREATE TABLE IF NOT EXISTS ${copy} AS ${quoteTable(m.tables.target)}`);
  await engine.command(`CREATE TABLE IF NOT EXISTS ${baseline} AS ${quoteTable(m.tables.target)}`);
  const [counts] = await engine.rows<{ rows: string; events: string }>(
    `SELECT (SELECT count() FROM ${quoteTable(m.tables.source)} WHERE _partition_id = {partition_id:String}) AS rows, (SELECT count() FROM ${quoteTable(m.tables.target)} WHERE _partition_id = {partition_id:String}) AS events`,
    { params: whole },
  );
  const observationRows = Number(counts!.rows);
  let baselineRows = 0;
  const runs: Record<string, () => Promise<unknown>> = {
    [`chplan backfill, ${m.chunk} (default)`]: () => runBackfill(engine, plan, { partitions: [PARTITION] }),
    'chplan backfill, day chunks': () => runBackfill(engine, plan, { partitions: [PARTITION], chunk: 'day' }),
    'chplan validation (inside each run)': () => collectPartition(engine, plan, PARTITION),
    "Langfuse's own SQL": async () => {
      // Its statements insert into events_full (and events_core through the view): start both empty.
      for (const table of ['events_full', 'events_core']) await engine.command(`TRUNCATE TABLE default.${table}`);
      await langfuseBackfill(engine, PARTITION, { mergeScratch: false });
    },
    'read floor': async () => {
      for (const sql of readFloorSql(plan)) await engine.command(sql, { params: whole });
    },
    'write floor': async () => {
      await engine.command(`TRUNCATE TABLE ${copy}`);
      await engine.command(
        `INSERT INTO ${copy} SELECT * FROM ${quoteTable(m.tables.target)} WHERE _partition_id = {partition_id:String}`,
        { params: whole },
      );
    },
    'client-side baseline': async () => {
      await engine.command(`TRUNCATE TABLE ${baseline}`);
      baselineRows = await clientSideBackfill(engine, plan, PARTITION, options.baselineObservations, baseline);
    },
  };
  say(`measuring ${Object.keys(runs).join(', ')}: ${options.repeat} interleaved rounds…`);
  const samples = await interleaved(Object.keys(runs), options.repeat, (name) => measure(runs[name]!));
  // Leave the events tables as chplan writes them, and every table merged: the memory runs that
  // follow open the engine in their own processes, where merges left over would run and count.
  await runBackfill(engine, plan, { partitions: [PARTITION] });
  await engine.command('SYSTEM START MERGES');
  for (const table of await engine.rows<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = 'default' AND engine LIKE '%MergeTree'",
  )) {
    await engine.command(`OPTIMIZE TABLE default.${quoteIdent(table.name)} FINAL`);
  }
  const seconds = (name: string) => median(samples[name]!.map((s: Sample) => s.seconds));
  const rowsOf = (name: string) => (name === 'client-side baseline' ? baselineRows : observationRows);
  const results = Object.keys(runs).map((name) => ({
    name,
    rows: rowsOf(name),
    seconds: seconds(name),
    rowsPerSecond: rowsOf(name) / seconds(name),
    runs: samples[name]!.map((s) => s.seconds),
  }));
  const rate = (name: string) => results.find((r) => r.name === name)!.rowsPerSecond;
  const floor = seconds('read floor') + seconds('write floor');
  const ratiosOf = (name: string, label: string) => ({
    [`${label} / Langfuse's own SQL (time)`]: seconds(name) / seconds("Langfuse's own SQL"),
    [`${label} without its validation / Langfuse's own SQL (time)`]:
      (seconds(name) - seconds('chplan validation (inside each run)')) / seconds("Langfuse's own SQL"),
    [`${label} / physical floor (read + write, time)`]: seconds(name) / floor,
    [`${label} vs client-side baseline (observation rows/s)`]: rate(name) / rate('client-side baseline'),
  });
  return {
    observations: options.observations,
    observationRows,
    traces: options.traces,
    events: Number(counts!.events),
    repeat: options.repeat,
    engine: engine.description,
    results,
    ratios: {
      ...ratiosOf(`chplan backfill, ${m.chunk} (default)`, `${m.chunk}`),
      ...ratiosOf('chplan backfill, day chunks', 'day chunks'),
      "Langfuse's own SQL / physical floor (read + write, time)": seconds("Langfuse's own SQL") / floor,
    },
    planDir: options.planDir,
    partition: PARTITION,
  };
}
