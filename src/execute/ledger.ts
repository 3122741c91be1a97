import { quoteTable } from '../compile/quote.js';
import type { Engine } from '../engine/engine.js';
import type { TableRef } from '../config/settings.js';
import type { Window } from './windows.js';

export type LedgerStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface LedgerRecord {
  planHash: string;
  target: string;
  window: Window;
  step: 'chunk' | 'publish';
  status: LedgerStatus;
  attempt: number;
  queryId: string;
  rowsRead: number;
  rowsWritten: number;
  startedAt: Date;
  finishedAt: Date;
  error: string;
}

function utc(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Appends one record to the ledger. Values travel as query parameters, never as SQL text. */
export async function appendLedger(engine: Engine, ledger: TableRef, record: LedgerRecord): Promise<void> {
  await engine.command(
    `INSERT INTO ${quoteTable(ledger)} (plan_hash, target, day, window_start, window_end, step, status, attempt, query_id, rows_read, rows_written, runner, started_at, finished_at, error)
SELECT {plan_hash:String}, {target:String}, toDate({day:String}), {window_start:DateTime64(3, 'UTC')}, {window_end:DateTime64(3, 'UTC')},
       {step:String}, {status:String}, {attempt:UInt32}, {query_id:String}, {rows_read:UInt64}, {rows_written:UInt64}, {runner:String},
       {started_at:DateTime64(3, 'UTC')}, {finished_at:DateTime64(3, 'UTC')}, {error:String}`,
    {
      step: 'ledger',
      params: {
        plan_hash: record.planHash,
        target: record.target,
        day: record.window.day,
        window_start: record.window.start,
        window_end: record.window.end,
        step: record.step,
        status: record.status,
        attempt: record.attempt,
        query_id: record.queryId,
        rows_read: record.rowsRead,
        rows_written: record.rowsWritten,
        runner: `pid ${process.pid}`,
        started_at: utc(record.startedAt),
        finished_at: utc(record.finishedAt),
        error: record.error.slice(0, 2000),
      },
    },
  );
}
