import type { Engine } from '../engine/engine.js';
import { AbortedError, SafetyError } from '../core/errors.js';
import { formatTableRef } from '../config/settings.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { countSource, countStaging, runChunk } from './chunk-runner.js';
import { acquireLease, newRunnerId, type Lease } from './lease.js';
import { dayFinished, latestByWindow, readLedger, windowKey, type LedgerRow } from './ledger.js';
import { record, type RunContext, type RunEvent } from './run-context.js';
import { checkSourceUnchanged } from './source-check.js';
import { checkAndRegisterMapping } from './registry.js';
import { chunksOfDay, dayWindow, windowParams, type ChunkSpec, type Window } from '../core/windows.js';

export type { RunEvent };

export interface RunOptions {
  days: string[];
  chunk: ChunkSpec;
  dryRun?: boolean;
  /** Skip days already published and chunks already in staging (by the ledger). */
  resume?: boolean;
  /** Take the target's lease even if another runner holds it. */
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  maxAttempts?: number;
  backoffBaseMs?: number;
  leaseStaleAfterSec?: number;
}

export interface DaySummary {
  day: string;
  status: 'published' | 'empty' | 'planned' | 'skipped';
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

/**
 * Runs a plan server-side: for each day, each chunk is checked for unmapped keys and
 * inserted into staging, then the day's partition replaces the target's atomically. The target only
 * ever changes by that replace, so a failure or a kill leaves it as it was.
 */
export async function runPlan(engine: Engine, plan: LoadedPlan, options: RunOptions): Promise<DaySummary[]> {
  const ctx: RunContext = {
    engine, plan, emit: options.onEvent ?? (() => {}), runner: newRunnerId(), signal: options.signal,
    maxAttempts: options.maxAttempts ?? 3, backoffBaseMs: options.backoffBaseMs ?? 1000,
  };
  await checkSourceUnchanged(engine, plan);
  const days = options.days.map((day) => ({ day, windows: chunksOfDay(day, plan.manifest.timeZone, options.chunk) }));
  ctx.emit({ type: 'plan', days: options.days, chunks: days.reduce((n, d) => n + d.windows.length, 0) });
  if (options.dryRun) return dryRun(ctx, days);
  for (const step of ['create_ledger', 'create_registry'] as const) await engine.command(statementOf(plan, step), { step });
  const target = formatTableRef(plan.manifest.tables.target);
  const lease = await acquireLease(engine, plan.manifest.tables.ledger, target, {
    runner: ctx.runner, force: options.force ?? false, staleAfterSec: options.leaseStaleAfterSec ?? 300, planHash: plan.manifest.planHash,
  });
  const heartbeat = setInterval(() => void lease.heartbeat().catch(() => {}), 30_000).unref();
  try {
    // Nothing about the target changes before its mapping is known to be compatible.
    await checkAndRegisterMapping(engine, plan);
    for (const step of ['create_target', 'add_columns_target', 'create_named_view', 'create_compat_view', 'create_staging', 'add_columns_staging'] as const) {
      // The migration files exist only in plans that add columns.
      if (plan.sql[step] !== undefined) await engine.command(statementOf(plan, step), { step });
    }
    const ledger = options.resume ? await readLedger(engine, plan.manifest.tables.ledger, target, plan.manifest.planHash) : [];
    const summaries: DaySummary[] = [];
    for (const { day, windows } of days) {
      summaries.push(await runDay(ctx, lease, day, windows, options.resume ? ledger : null));
    }
    return summaries;
  } finally {
    clearInterval(heartbeat);
    await lease.release().catch(() => {});
  }
}

async function dryRun(ctx: RunContext, days: { day: string; windows: Window[] }[]): Promise<DaySummary[]> {
  const summaries: DaySummary[] = [];
  for (const { day, windows } of days) {
    let rows = 0;
    for (const window of windows) {
      const estimatedRows = await countSource(ctx, window);
      rows += estimatedRows;
      ctx.emit({ type: 'dry_run_chunk', window, estimatedRows });
    }
    summaries.push({ day, status: 'planned', rowsRead: rows, rowsWritten: 0, seconds: 0 });
  }
  return summaries;
}

/** Chunks that a resumed run may keep: done in the ledger and still exactly in staging. */
async function keptChunks(ctx: RunContext, whole: Window, windows: Window[], ledger: LedgerRow[]): Promise<Map<string, number> | null> {
  const latest = latestByWindow(ledger, 'chunk');
  const kept = new Map<string, number>();
  let redone = 0;
  for (const window of windows) {
    const row = latest.get(windowKey(window));
    if (!row) continue;
    const staged = await countStaging(ctx, window);
    if (row.status === 'done' && staged === Number(row.rows_written)) kept.set(windowKey(window), staged);
    else redone += staged; // cleared before the chunk runs again
  }
  // Apart from chunks about to be redone, staging must hold exactly the kept chunks;
  // anything else (another plan's leftovers) means the day is rebuilt from scratch.
  const accounted = [...kept.values()].reduce((a, b) => a + b, 0);
  return (await countStaging(ctx, whole)) - redone === accounted ? kept : null;
}

async function runDay(ctx: RunContext, lease: Lease, day: string, windows: Window[], ledger: LedgerRow[] | null): Promise<DaySummary> {
  const started = Date.now();
  const whole = dayWindow(day, ctx.plan.manifest.timeZone);
  if (ledger && dayFinished(ledger, whole.day)) {
    ctx.emit({ type: 'day_skipped', day, reason: 'already published by this plan' });
    return { day, status: 'skipped', rowsRead: 0, rowsWritten: 0, seconds: 0 };
  }
  const dayRows = await countSource(ctx, whole);
  if (dayRows === 0) {
    ctx.emit({ type: 'day_empty', day });
    return { day, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  }
  const kept = ledger ? await keptChunks(ctx, whole, windows, ledger) : null;
  if (!kept) await ctx.engine.command(statementOf(ctx.plan, 'clear_staging_day'), { params: windowParams(whole), step: 'clear staging' });
  const previous = ledger ? latestByWindow(ledger, 'chunk') : new Map<string, LedgerRow>();
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const window of windows) {
    if (ctx.signal?.aborted) {
      throw new AbortedError(`Interrupted before ${window.label}; chunks finished so far are in staging and the target is unchanged. Resume with --resume.`);
    }
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
    await lease.heartbeat().catch(() => {});
  }
  const others = await keepOtherCustomers(ctx, whole);
  await publish(ctx, whole, rowsWritten + others);
  ctx.emit({ type: 'day_published', day, rows: rowsWritten });
  return { day, status: 'published', rowsRead, rowsWritten, seconds: (Date.now() - started) / 1000 };
}

async function stagedDay(ctx: RunContext, whole: Window): Promise<{ rows: number; parts: number }> {
  const [row] = await ctx.engine.rows<{ rows: string; parts: string }>(statementOf(ctx.plan, 'check_staging'), { params: windowParams(whole), step: 'check staging' });
  return { rows: Number(row?.rows ?? 0), parts: Number(row?.parts ?? 0) };
}

async function keepOtherCustomers(ctx: RunContext, whole: Window): Promise<number> {
  if (!ctx.plan.manifest.customers) return 0;
  const before = await stagedDay(ctx, whole);
  await ctx.engine.command(statementOf(ctx.plan, 'keep_other_customers'), { params: windowParams(whole), step: 'keep other customers' });
  return (await stagedDay(ctx, whole)).rows - before.rows;
}

async function publish(ctx: RunContext, whole: Window, expectedRows: number): Promise<void> {
  const staged = await stagedDay(ctx, whole);
  if (staged.parts === 0 || staged.rows !== expectedRows) {
    throw new SafetyError(`Refusing to publish ${whole.day}: staging holds ${staged.rows} rows in ${staged.parts} parts, but ${expectedRows} were written. The target was not changed. Re-run the day; if it repeats, inspect ${formatTableRef(ctx.plan.manifest.tables.staging)}.`);
  }
  const startedAt = new Date();
  await ctx.engine.command(statementOf(ctx.plan, 'publish_day'), { params: windowParams(whole), step: `publish ${whole.day}` });
  await record(ctx, { window: whole, step: 'publish', status: 'done', attempt: 1, queryId: '', rowsRead: 0, rowsWritten: staged.rows, startedAt, finishedAt: new Date(), error: '' });
  await ctx.engine.command(statementOf(ctx.plan, 'clear_staging_day'), { params: windowParams(whole), step: 'clear staging' });
}
