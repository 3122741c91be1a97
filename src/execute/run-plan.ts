import type { Engine } from '../engine/engine.js';
import { AbortedError, SafetyError } from '../core/errors.js';
import { formatTableRef } from '../config/settings.js';
import { windowParams, type Window } from '../core/windows.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { runChunk } from './chunk-runner.js';
import { mapConcurrent } from '../core/concurrency.js';
import { acquireLease, newRunnerId, type Lease } from './lease.js';
import { dayFinished, latestByWindow, readLedger, windowKey, type LedgerRow } from './ledger.js';
import { ledgerOf, record, type RunContext, type RunEvent } from './run-context.js';
import type { RunAdapter, Unit } from './run-context.js';

export type { RunEvent, Unit, RunAdapter };

export interface RunOptions {
  units: Unit[];
  dryRun?: boolean;
  /** Skip units already published and chunks already in staging (by the ledger). */
  resume?: boolean;
  /** Take the target's lease even if another runner holds it. */
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  maxAttempts?: number;
  backoffBaseMs?: number;
  leaseStaleAfterSec?: number;
  /** Units (days, partitions) loaded at the same time; each has its own staging partition and ledger rows (default 1). */
  parallelUnits?: number;
}

export interface DaySummary {
  /** The unit's label: a day, or a partition. */
  day: string;
  status: 'published' | 'empty' | 'planned' | 'skipped';
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

/**
 * Runs a plan server-side, whatever its kind: for each unit, each chunk is inserted into
 * staging, then the unit's partition is published into the target atomically. The target
 * only ever changes by that publish, so a failure or a kill leaves it as it was.
 */
export async function runPlan(engine: Engine, plan: LoadedPlan, adapter: RunAdapter, options: RunOptions): Promise<DaySummary[]> {
  const ctx: RunContext = {
    engine, plan, adapter, emit: options.onEvent ?? (() => {}), runner: newRunnerId(), signal: options.signal,
    maxAttempts: options.maxAttempts ?? 3, backoffBaseMs: options.backoffBaseMs ?? 1000, sourceVersion: '',
  };
  await adapter.check(ctx);
  ctx.emit({ type: 'plan', days: options.units.map((u) => u.label), chunks: options.units.reduce((n, u) => n + u.windows.length, 0) });
  if (options.dryRun) return dryRun(ctx, options.units);
  return withPlanLease(engine, plan, { runner: ctx.runner, force: options.force, staleAfterSec: options.leaseStaleAfterSec, emit: ctx.emit }, async (lease) => {
    await adapter.beforeSetup?.(ctx);
    for (const step of adapter.steps.setup) {
      if (plan.sql[step] !== undefined) await engine.command(statementOf(plan, step), { step });
    }
    ctx.sourceVersion = (await adapter.sourceVersion?.(ctx)) ?? '';
    const target = formatTableRef(plan.manifest.tables.target);
    const ledger = options.resume ? await readLedger(engine, plan.manifest.tables.ledger, target, plan.manifest.planHash) : null;
    return mapConcurrent(options.units, options.parallelUnits ?? 1, (unit) => runUnit(ctx, lease, unit, ledger));
  });
}

/**
 * Runs `work` holding the lease on the plan's target: creates (and migrates) the ledger, takes
 * the lease (reporting a takeover), keeps it fresh every 30 s, and releases it however `work` ends.
 */
export async function withPlanLease<T>(
  engine: Engine,
  plan: LoadedPlan,
  options: { runner: string; force?: boolean; staleAfterSec?: number; emit: (event: RunEvent) => void },
  work: (lease: Lease) => Promise<T>,
): Promise<T> {
  await engine.command(statementOf(plan, 'create_ledger'), { step: 'create_ledger' });
  if (plan.sql.migrate_ledger !== undefined) await engine.command(plan.sql.migrate_ledger, { step: 'migrate_ledger' });
  const lease = await acquireLease(engine, ledgerOf(plan), formatTableRef(plan.manifest.tables.target), {
    runner: options.runner, force: options.force ?? false, staleAfterSec: options.staleAfterSec ?? 300, planHash: plan.manifest.planHash,
  });
  if (lease.takenOver.length > 0) options.emit({ type: 'lease_taken', from: lease.takenOver });
  const heartbeat = setInterval(() => void lease.heartbeat().catch(() => {}), 30_000).unref();
  try {
    return await work(lease);
  } finally {
    clearInterval(heartbeat);
    await lease.release().catch(() => {});
  }
}

async function dryRun(ctx: RunContext, units: Unit[]): Promise<DaySummary[]> {
  const summaries: DaySummary[] = [];
  for (const unit of units) {
    let rows = 0;
    for (const window of unit.windows) {
      const estimatedRows = await ctx.adapter.countSource(ctx, window);
      rows += estimatedRows;
      ctx.emit({ type: 'dry_run_chunk', window, estimatedRows });
    }
    summaries.push({ day: unit.label, status: 'planned', rowsRead: rows, rowsWritten: 0, seconds: 0 });
  }
  return summaries;
}

/** Chunks that a resumed run may keep: done in the ledger and still exactly in staging. */
async function keptChunks(ctx: RunContext, unit: Unit, ledger: LedgerRow[]): Promise<Map<string, number> | null> {
  if (!ctx.adapter.keepsStagedChunks) return null;
  const latest = latestByWindow(ledger, 'chunk');
  const kept = new Map<string, number>();
  let redone = 0;
  for (const window of unit.windows) {
    const row = latest.get(windowKey(window));
    if (!row) continue;
    const staged = await ctx.adapter.countStaging(ctx, window);
    if (row.status === 'done' && staged === Number(row.rows_written)) kept.set(windowKey(window), staged);
    else redone += staged; // cleared before the chunk runs again
  }
  // Apart from chunks about to be redone, staging must hold exactly the kept chunks;
  // anything else (another plan's leftovers) means the unit is rebuilt from scratch.
  const accounted = [...kept.values()].reduce((a, b) => a + b, 0);
  return (await ctx.adapter.countStaging(ctx, unit.whole)) - redone === accounted ? kept : null;
}

async function runUnit(ctx: RunContext, lease: Lease, unit: Unit, ledger: LedgerRow[] | null): Promise<DaySummary> {
  const started = Date.now();
  const { whole } = unit;
  if (ledger && dayFinished(ledger, unit.day, ctx.sourceVersion)) {
    ctx.emit({ type: 'day_skipped', day: unit.label, reason: 'already published by this plan' });
    return { day: unit.label, status: 'skipped', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  if (whole.start === whole.end) {
    ctx.emit({ type: 'day_skipped', day: unit.label, reason: `this date does not exist in ${ctx.plan.manifest.timeZone} (its clocks skipped it), so it is an empty day; nothing was changed` });
    return { day: unit.label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  if ((await ctx.adapter.countSource(ctx, whole)) === 0) {
    ctx.emit({ type: 'day_empty', day: unit.label });
    return { day: unit.label, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  }
  const kept = ledger ? await keptChunks(ctx, unit, ledger) : null;
  if (!kept) await ctx.engine.command(statementOf(ctx.plan, ctx.adapter.steps.clearUnit), { params: windowParams(whole), step: 'clear staging' });
  const previous = ledger ? latestByWindow(ledger, 'chunk') : new Map<string, LedgerRow>();
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const window of unit.windows) {
    if (ctx.signal?.aborted) {
      throw new AbortedError(`Interrupted before ${window.label}; chunks finished so far are in staging and the target is unchanged. Resume with --resume.`);
    }
    // Another runner may have taken the target over (--force): then this one must not write on.
    await lease.heartbeat();
    const keptRows = kept?.get(windowKey(window));
    if (keptRows !== undefined) {
      rowsWritten += keptRows;
      ctx.emit({ type: 'chunk_skipped', window, rowsWritten: keptRows });
      continue;
    }
    // A chunk the ledger saw start (and not finish) may have left rows behind.
    const done = await runChunk(ctx, window, kept !== null && previous.has(windowKey(window)));
    rowsRead += done.rowsRead;
    rowsWritten += done.rowsWritten;
    ctx.emit({ type: 'chunk_done', window, ...done });
  }
  await lease.heartbeat();
  const before = await stagedUnit(ctx, whole);
  await ctx.adapter.beforePublish?.(ctx, unit);
  const added = (await stagedUnit(ctx, whole)).rows - before.rows;
  await publish(ctx, whole, rowsWritten + added);
  ctx.emit({ type: 'day_published', day: unit.label, rows: rowsWritten });
  return { day: unit.label, status: 'published', rowsRead, rowsWritten, seconds: (Date.now() - started) / 1000 };
}

async function stagedUnit(ctx: RunContext, whole: Window): Promise<{ rows: number; parts: number }> {
  const [row] = await ctx.engine.rows<{ rows: string; parts: string }>(statementOf(ctx.plan, ctx.adapter.steps.checkStaging), { params: windowParams(whole), step: 'check staging' });
  return { rows: Number(row?.rows ?? 0), parts: Number(row?.parts ?? 0) };
}

async function publish(ctx: RunContext, whole: Window, expectedRows: number): Promise<void> {
  const staged = await stagedUnit(ctx, whole);
  const startedAt = new Date();
  if (expectedRows === 0 && staged.rows === 0 && ctx.adapter.publishesNothingWhenEmpty) {
    await record(ctx, { window: whole, step: 'publish', status: 'done', attempt: 1, queryId: '', rowsRead: 0, rowsWritten: 0, startedAt, finishedAt: new Date(), error: 'nothing new to publish', sourceVersion: ctx.sourceVersion });
    return;
  }
  if (staged.parts === 0 || staged.rows !== expectedRows) {
    throw new SafetyError(`Refusing to publish ${whole.label}: staging holds ${staged.rows} rows in ${staged.parts} parts, but ${expectedRows} were written. The target was not changed. Re-run it; if it repeats, inspect ${formatTableRef(ctx.plan.manifest.tables.staging)}.`);
  }
  await ctx.engine.command(statementOf(ctx.plan, ctx.adapter.steps.publish), { params: windowParams(whole), step: `publish ${whole.label}` });
  await record(ctx, { window: whole, step: 'publish', status: 'done', attempt: 1, queryId: '', rowsRead: 0, rowsWritten: staged.rows, startedAt, finishedAt: new Date(), error: '', sourceVersion: ctx.sourceVersion });
  await ctx.engine.command(statementOf(ctx.plan, ctx.adapter.steps.clearUnit), { params: windowParams(whole), step: 'clear staging' });
}
