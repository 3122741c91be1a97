import { formatTableRef } from '../config/settings.js';
import type { Engine } from '../engine/engine.js';
import { ExecutionError, SafetyError, UnmappedKeysError } from '../errors.js';
import { quoteIdent, quoteTable } from '../compile/quote.js';
import { statementOf, type LoadedPlan } from '../plan/plan-dir.js';
import { checkSourceUnchanged } from './source-check.js';
import { appendLedger, type LedgerRecord } from './ledger.js';
import { chunksOfDay, dayWindow, type ChunkSpec, type Window } from './windows.js';

export type RunEvent =
  | { type: 'plan'; days: string[]; chunks: number }
  | { type: 'day_empty'; day: string }
  | { type: 'chunk_done'; window: Window; rowsRead: number; rowsWritten: number; seconds: number }
  | { type: 'day_published'; day: string; rows: number }
  | { type: 'dry_run_chunk'; window: Window; estimatedRows: number };

export interface RunOptions {
  days: string[];
  chunk: ChunkSpec;
  dryRun?: boolean;
  onEvent?: (event: RunEvent) => void;
}

export interface DaySummary {
  day: string;
  status: 'published' | 'empty' | 'planned';
  rowsRead: number;
  rowsWritten: number;
  seconds: number;
}

function paramsOf(window: Window): Record<string, string> {
  return { chunk_start: window.start, chunk_end: window.end, partition_id: window.partition };
}

/** A query_id a human can find in system.processes: plan, day, chunk and attempt. */
export function chunkQueryId(plan: LoadedPlan, window: Window, index: number, attempt: number): string {
  return `chplan-${plan.manifest.planHash.slice(0, 12)}-${window.partition}-c${index}-a${attempt}`;
}

/**
 * Runs a plan server-side: for each day, each chunk is preflighted and inserted into
 * staging, then the day's partition replaces the target's atomically. The target only
 * ever changes by that replace, so a failure leaves it as it was.
 */
export async function runPlan(engine: Engine, plan: LoadedPlan, options: RunOptions): Promise<DaySummary[]> {
  const emit = options.onEvent ?? (() => {});
  await checkSourceUnchanged(engine, plan);
  const windowsByDay = options.days.map((day) => ({ day, windows: chunksOfDay(day, plan.manifest.timeZone, options.chunk) }));
  emit({ type: 'plan', days: options.days, chunks: windowsByDay.reduce((n, d) => n + d.windows.length, 0) });
  if (options.dryRun) return dryRun(engine, plan, windowsByDay, emit);
  for (const step of ['create_ledger', 'create_target', 'create_staging'] as const) {
    await engine.command(statementOf(plan, step), { step });
  }
  const summaries: DaySummary[] = [];
  for (const { day, windows } of windowsByDay) {
    summaries.push(await runDay(engine, plan, day, windows, emit));
  }
  return summaries;
}

async function countSource(engine: Engine, plan: LoadedPlan, window: Window): Promise<number> {
  const [row] = await engine.rows<{ source_rows: string }>(sourceCountSql(plan), { params: paramsOf(window), step: 'count source' });
  return Number(row?.source_rows ?? 0);
}

function sourceCountSql(plan: LoadedPlan): string {
  const m = plan.manifest;
  const time = quoteIdent(m.timeColumn);
  const filter = [`${time} >= {chunk_start:DateTime64(3, 'UTC')}`, `${time} < {chunk_end:DateTime64(3, 'UTC')}`];
  if (m.customers) filter.push(`${quoteIdent(m.customerColumn)} IN (${m.customers.join(', ')})`);
  return `SELECT count() AS source_rows FROM ${quoteTable(m.tables.source)} WHERE ${filter.join(' AND ')}`;
}

async function dryRun(engine: Engine, plan: LoadedPlan, days: { day: string; windows: Window[] }[], emit: (e: RunEvent) => void): Promise<DaySummary[]> {
  const summaries: DaySummary[] = [];
  for (const { day, windows } of days) {
    let rows = 0;
    for (const window of windows) {
      const estimatedRows = await countSource(engine, plan, window);
      rows += estimatedRows;
      emit({ type: 'dry_run_chunk', window, estimatedRows });
    }
    summaries.push({ day, status: 'planned', rowsRead: rows, rowsWritten: 0, seconds: 0 });
  }
  return summaries;
}

async function runDay(engine: Engine, plan: LoadedPlan, day: string, windows: Window[], emit: (e: RunEvent) => void): Promise<DaySummary> {
  const started = Date.now();
  const whole = dayWindow(day, plan.manifest.timeZone);
  const dayRows = await countSource(engine, plan, whole);
  if (dayRows === 0) {
    emit({ type: 'day_empty', day });
    return { day, status: 'empty', rowsRead: 0, rowsWritten: 0, seconds: (Date.now() - started) / 1000 };
  }
  await engine.command(statementOf(plan, 'clear_staging_day'), { params: paramsOf(whole), step: 'clear staging' });
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const [index, window] of windows.entries()) {
    const done = await runChunk(engine, plan, window, index);
    rowsRead += done.rowsRead;
    rowsWritten += done.rowsWritten;
    emit({ type: 'chunk_done', window, ...done });
  }
  const kept = await keepOtherCustomers(engine, plan, whole);
  await publish(engine, plan, whole, rowsWritten + kept);
  emit({ type: 'day_published', day, rows: rowsWritten });
  return { day, status: 'published', rowsRead, rowsWritten, seconds: (Date.now() - started) / 1000 };
}

async function runChunk(engine: Engine, plan: LoadedPlan, window: Window, index: number): Promise<{ rowsRead: number; rowsWritten: number; seconds: number }> {
  const unmapped = await engine.rows<{ map: string; key: string; rows: string }>(statementOf(plan, 'preflight_unmapped_keys'), { params: paramsOf(window), step: 'preflight' });
  if (unmapped.length > 0) throw unmappedKeysError(plan, window, unmapped);
  const attempt = 1;
  const queryId = chunkQueryId(plan, window, index, attempt);
  const base: Omit<LedgerRecord, 'status' | 'finishedAt' | 'error' | 'rowsRead' | 'rowsWritten'> = {
    planHash: plan.manifest.planHash,
    target: formatTableRef(plan.manifest.tables.target),
    window,
    step: 'chunk',
    attempt,
    queryId,
    startedAt: new Date(),
  };
  const ledger = plan.manifest.tables.ledger;
  await appendLedger(engine, ledger, { ...base, status: 'running', rowsRead: 0, rowsWritten: 0, finishedAt: base.startedAt, error: '' });
  const rowsRead = await countSource(engine, plan, window);
  try {
    await engine.command(statementOf(plan, 'insert_chunk'), { params: paramsOf(window), queryId, step: `insert ${window.label}` });
  } catch (cause) {
    const error = explainInsertFailure(plan, window, queryId, cause);
    await appendLedger(engine, ledger, { ...base, status: 'failed', rowsRead, rowsWritten: 0, finishedAt: new Date(), error: error.message });
    throw error;
  }
  const rowsWritten = await countStagingWindow(engine, plan, window);
  await appendLedger(engine, ledger, { ...base, status: 'done', rowsRead, rowsWritten, finishedAt: new Date(), error: '' });
  return { rowsRead, rowsWritten, seconds: (Date.now() - base.startedAt.getTime()) / 1000 };
}

async function countStagingWindow(engine: Engine, plan: LoadedPlan, window: Window): Promise<number> {
  const time = quoteIdent(plan.manifest.timeColumn);
  const [row] = await engine.rows<{ rows: string }>(
    `SELECT count() AS rows FROM ${quoteTable(plan.manifest.tables.staging)} WHERE ${time} >= {chunk_start:DateTime64(3, 'UTC')} AND ${time} < {chunk_end:DateTime64(3, 'UTC')}`,
    { params: paramsOf(window), step: 'count staging' },
  );
  return Number(row?.rows ?? 0);
}

async function stagedRows(engine: Engine, plan: LoadedPlan, whole: Window): Promise<{ rows: number; parts: number }> {
  const [row] = await engine.rows<{ rows: string; parts: string }>(statementOf(plan, 'check_staging'), { params: paramsOf(whole), step: 'check staging' });
  return { rows: Number(row?.rows ?? 0), parts: Number(row?.parts ?? 0) };
}

async function keepOtherCustomers(engine: Engine, plan: LoadedPlan, whole: Window): Promise<number> {
  if (!plan.manifest.customers) return 0;
  const before = await stagedRows(engine, plan, whole);
  await engine.command(statementOf(plan, 'keep_other_customers'), { params: paramsOf(whole), step: 'keep other customers' });
  return (await stagedRows(engine, plan, whole)).rows - before.rows;
}

async function publish(engine: Engine, plan: LoadedPlan, whole: Window, expectedRows: number): Promise<void> {
  const staged = await stagedRows(engine, plan, whole);
  if (staged.parts === 0 || staged.rows !== expectedRows) {
    throw new SafetyError(`Refusing to publish ${whole.day}: staging holds ${staged.rows} rows in ${staged.parts} parts, but ${expectedRows} were written. The target was not changed. Re-run the day; if it repeats, inspect ${formatTableRef(plan.manifest.tables.staging)}.`);
  }
  const startedAt = new Date();
  await engine.command(statementOf(plan, 'publish_day'), { params: paramsOf(whole), step: `publish ${whole.day}` });
  await appendLedger(engine, plan.manifest.tables.ledger, {
    planHash: plan.manifest.planHash, target: formatTableRef(plan.manifest.tables.target), window: whole, step: 'publish', status: 'done',
    attempt: 1, queryId: '', rowsRead: 0, rowsWritten: staged.rows, startedAt, finishedAt: new Date(), error: '',
  });
  await engine.command(statementOf(plan, 'clear_staging_day'), { params: paramsOf(whole), step: 'clear staging' });
}

function unmappedKeysError(plan: LoadedPlan, window: Window, rows: { map: string; key: string; rows: string }[]): UnmappedKeysError {
  const keys = rows.map((r) => ({ key: r.key, kind: r.map, rows: Number(r.rows) }));
  const shown = keys.slice(0, 20).map((k) => `  ${k.kind}: ${JSON.stringify(k.key)} (${k.rows} rows)`).join('\n');
  return new UnmappedKeysError(
    `The source has ${keys.length} key(s) in ${window.label} that mapping v${plan.mapping.version} does not map; loading would silently drop them, so nothing was inserted for this chunk and the target is unchanged:\n${shown}${keys.length > 20 ? `\n  … and ${keys.length - 20} more` : ''}\n` +
      `Extend the mapping and recompile:\n  chplan discover --day ${window.day} --base mapping.json --out mapping.json && chplan compile --mapping mapping.json --out ${plan.dir}`,
    keys,
  );
}

function explainInsertFailure(plan: LoadedPlan, window: Window, queryId: string, cause: unknown): ExecutionError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const details = { step: 'insert_chunk', chunk: window.label, queryId };
  if (/cannot be safely converted|CANNOT_CONVERT_TYPE|Overflow|out of range/i.test(message)) {
    return new ExecutionError(
      `A metric sum in ${window.label} does not fit ${plan.manifest.intType}; the chunk was stopped instead of wrapping, and the target is unchanged.\n${message}\n` +
        `Recompile with a wider type: chplan compile --int-type Int64 --out ${plan.dir} (then run again).`,
      details,
      { cause },
    );
  }
  return new ExecutionError(`Inserting ${window.label} failed (query_id ${queryId}); the target is unchanged.\n${message}`, details, { cause });
}
