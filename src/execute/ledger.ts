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
  /** A publish: the version of the source data it was built from, where the kind can tell ('' otherwise). */
  sourceVersion?: string;
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
  source_version: string;
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
        source_version: record.sourceVersion ?? '',
      },
    },
  );
}

/** Columns a ledger written by an older chplan may lack (its migration adds them), read as '' there. */
const LATER_COLUMNS = ['chunk_key', 'source_version'];

/** Every ledger row of a target (optionally of one plan, or of one runner), oldest first. Reads ledgers of older chplans too. */
export async function readLedger(engine: Engine, ledger: TableRef, target: string, planHash?: string, runner?: string): Promise<LedgerRow[]> {
  const columns = new Set((await engine.rows<{ name: string }>(
    'SELECT name FROM system.columns WHERE database = {db:String} AND table = {name:String}',
    { params: { db: ledger.database, name: ledger.name }, step: 'ledger' },
  )).map((c) => c.name));
  if (columns.size === 0) return [];
  const [chunkKey, sourceVersion] = LATER_COLUMNS.map((c) => (columns.has(c) ? c : `'' AS ${c}`));
  return engine.rows<LedgerRow>(
    `SELECT plan_hash, toString(day) AS day, toString(window_start) AS window_start, toString(window_end) AS window_end, ${chunkKey}, step, status, attempt,
            query_id, toString(rows_read) AS rows_read, toString(rows_written) AS rows_written, runner,
            toString(started_at) AS started_at, toString(finished_at) AS finished_at, error, ${sourceVersion}
     FROM ${quoteTable(ledger)}
     WHERE target = {target:String} AND ({plan_hash:String} = '' OR plan_hash = {plan_hash:String}) AND ({runner:String} = '' OR runner = {runner:String})
     ORDER BY finished_at, started_at, status = 'running' DESC, status = 'released'`,
    { params: { target, plan_hash: planHash ?? '', runner: runner ?? '' }, step: 'ledger' },
  );
}

/** The latest row per (step, window): what the ledger currently says about each chunk and day. Pure. */
export function latestByWindow(rows: LedgerRow[], step: LedgerStep): Map<string, LedgerRow> {
  const latest = new Map<string, LedgerRow>();
  for (const row of rows) if (row.step === step) latest.set(rowKey(row), row);
  return latest;
}

/**
 * A day is finished when its last publish came after every chunk started for it and, where the
 * kind versions its source, was built from the source as it is now (`sourceVersion`). Pure.
 */
export function dayFinished(rows: LedgerRow[], day: string, sourceVersion = ''): boolean {
  const published = rows.filter((r) => r.step === 'publish' && r.day === day && r.status === 'done').at(-1);
  if (published === undefined || (sourceVersion !== '' && published.source_version !== sourceVersion)) return false;
  return !rows.some((r) => r.step === 'chunk' && r.day === day && r.finished_at > published.finished_at);
}

/** What identifies a chunk in the ledger: its time bounds and, for a chunk split by key, its bucket. */
export function windowKey(window: Pick<Window, 'start' | 'end' | 'bucket'>): string {
  return `${window.start}|${window.end}|${bucketKey(window)}`;
}

function rowKey(row: Pick<LedgerRow, 'window_start' | 'window_end' | 'chunk_key'>): string {
  return `${row.window_start}|${row.window_end}|${row.chunk_key}`;
}
