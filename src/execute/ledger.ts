import { quoteTable } from '../core/quote.js';
import type { Engine } from '../engine/engine.js';
import type { TableRef } from '../config/settings.js';
import { bucketKey, utcText, type Window } from '../core/windows.js';

export type LedgerStep = 'chunk' | 'publish' | 'lease';
export type LedgerStatus = 'running' | 'done' | 'failed' | 'aborted' | 'held' | 'released';

export interface LedgerRecord {
  planHash: string;
  target: string;
  window: Pick<Window, 'day' | 'start' | 'end' | 'bucket'>;
  /** What tells chunks of one window apart; by default the window's bucket (`b3/8`), else empty. */
  chunkKey?: string;
  step: LedgerStep;
  status: LedgerStatus;
  attempt: number;
  queryId: string;
  rowsRead: number;
  rowsWritten: number;
  runner: string;
  startedAt: Date;
  finishedAt: Date;
  error: string;
}

/** A ledger row as read back. */
export interface LedgerRow {
  plan_hash: string;
  day: string;
  window_start: string;
  window_end: string;
  /** The bucket of a chunk split by key (`b3/8`), else empty. */
  chunk_key: string;
  step: LedgerStep;
  status: LedgerStatus;
  attempt: number;
  query_id: string;
  rows_read: string;
  rows_written: string;
  runner: string;
  started_at: string;
  finished_at: string;
  error: string;
}

/** Where a run writes its ledger rows: the table, and the plan's statement that appends to it. */
export interface LedgerTarget {
  table: TableRef;
  /** The plan's append_ledger statement. */
  append: string;
}

/** Appends one record to the ledger through the plan's statement. Values travel as query parameters, never as SQL text. */
export async function appendLedger(engine: Engine, ledger: LedgerTarget, record: LedgerRecord): Promise<void> {
  await engine.command(
    ledger.append,
    {
      step: 'ledger',
      params: {
        plan_hash: record.planHash,
        target: record.target,
        day: record.window.day,
        window_start: record.window.start,
        window_end: record.window.end,
        chunk_key: record.chunkKey ?? bucketKey(record.window),
        step: record.step,
        status: record.status,
        attempt: record.attempt,
        query_id: record.queryId,
        rows_read: record.rowsRead,
        rows_written: record.rowsWritten,
        runner: record.runner,
        started_at: utcText(record.startedAt.getTime()),
        finished_at: utcText(record.finishedAt.getTime()),
        error: record.error.slice(0, 2000),
      },
    },
  );
}

/** Every ledger row of a target (optionally of one plan, or of one runner), oldest first. */
export async function readLedger(engine: Engine, ledger: TableRef, target: string, planHash?: string, runner?: string): Promise<LedgerRow[]> {
  const exists = await engine.rows<{ n: string }>(
    'SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}',
    { params: { db: ledger.database, name: ledger.name }, step: 'ledger' },
  );
  if (Number(exists[0]?.n) === 0) return [];
  return engine.rows<LedgerRow>(
    `SELECT plan_hash, toString(day) AS day, toString(window_start) AS window_start, toString(window_end) AS window_end, chunk_key, step, status, attempt,
            query_id, toString(rows_read) AS rows_read, toString(rows_written) AS rows_written, runner,
            toString(started_at) AS started_at, toString(finished_at) AS finished_at, error
     FROM ${quoteTable(ledger)}
     WHERE target = {target:String} AND ({plan_hash:String} = '' OR plan_hash = {plan_hash:String}) AND ({runner:String} = '' OR runner = {runner:String})
     ORDER BY finished_at, started_at, status = 'running' DESC`,
    { params: { target, plan_hash: planHash ?? '', runner: runner ?? '' }, step: 'ledger' },
  );
}

/** The latest row per (step, window): what the ledger currently says about each chunk and day. Pure. */
export function latestByWindow(rows: LedgerRow[], step: LedgerStep): Map<string, LedgerRow> {
  const latest = new Map<string, LedgerRow>();
  for (const row of rows) if (row.step === step) latest.set(rowKey(row), row);
  return latest;
}

/** A day is finished when its last publish came after every chunk started for it. Pure. */
export function dayFinished(rows: LedgerRow[], day: string): boolean {
  const published = rows.filter((r) => r.step === 'publish' && r.day === day && r.status === 'done').at(-1);
  return published !== undefined && !rows.some((r) => r.step === 'chunk' && r.day === day && r.finished_at > published.finished_at);
}

/** What identifies a chunk in the ledger: its time bounds and, for a chunk split by key, its bucket. */
export function windowKey(window: Pick<Window, 'start' | 'end' | 'bucket'>): string {
  return `${window.start}|${window.end}|${bucketKey(window)}`;
}

function rowKey(row: Pick<LedgerRow, 'window_start' | 'window_end' | 'chunk_key'>): string {
  return `${row.window_start}|${row.window_end}|${row.chunk_key}`;
}
