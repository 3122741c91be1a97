import { quoteTable } from '../core/quote.js';
import type { Engine } from '../engine/engine.js';
import type { TableRef } from '../config/settings.js';
import { bucketKey, utcText, type Window } from '../core/windows.js';

export type LedgerStep = 'chunk' | 'publish' | 'lease';
/** `taken_over`: a lease another runner took with --force; its holder must stop. */
export type LedgerStatus = 'running' | 'done' | 'failed' | 'aborted' | 'held' | 'released' | 'taken_over';

/** The window of rows that are not about time (a lease, a unit without a time window). */
export const NO_WINDOW = { day: '1970-01-01', start: '1970-01-01 00:00:00.000', end: '1970-01-01 00:00:00.000' };

export interface LedgerRecord {
  planHash: string;
  /** What the lease guards and rows are filed under (the plan's ledger scope). */
  target: string;
  /** The unit's key ('' for the lease). */
  unit: string;
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
  /** Why a step failed; empty otherwise. */
  error?: string;
  /** What a person should know of a step that did not fail (loaded in halves, nothing new, taken over by …). */
  note?: string;
  /** A publish: where the unit's next run starts, in the kind's own terms (a sync table's watermark). */
  cursor?: string;
  /** A publish: the version of the source data it was built from, where the kind can tell ('' otherwise). */
  sourceVersion?: string;
}

/** A ledger row as read back. */
export interface LedgerRow {
  plan_hash: string;
  unit: string;
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
  note: string;
  cursor: string;
  source_version: string;
}

/** Where a run writes its ledger rows: the table, and the plan's statement that appends to it. */
export interface LedgerTarget {
  table: TableRef;
  /** The plan's append_ledger statement. */
  append: string;
}

/**
 * Appends one record to the ledger through the plan's statement. Values travel as query parameters, never as SQL text.
 */
export async function appendLedger(engine: Engine, ledger: LedgerTarget, record: LedgerRecord): Promise<void> {
  await engine.command(ledger.append, {
    step: 'ledger',
    params: {
      plan_hash: record.planHash,
      target: record.target,
      unit: record.unit,
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
      error: (record.error ?? '').slice(0, 2000),
      note: (record.note ?? '').slice(0, 2000),
      cursor: record.cursor ?? '',
      source_version: record.sourceVersion ?? '',
    },
  });
}

/**
 * Columns a ledger written by an older chplan may lack until its plan's migration ran, and what
 * they read as there: a unit was its day (the only unit older chplans had).
 */
const LATER_COLUMNS: Record<string, string> = {
  chunk_key: "''",
  source_version: "''",
  unit: "if(step = 'lease', '', toString(day))",
  note: "''",
  cursor: "''",
};

/**
 * Every ledger row of a target (optionally of one plan, or of one runner), oldest first. Reads ledgers of older chplans
 * too.
 */
export async function readLedger(
  engine: Engine,
  ledger: TableRef,
  target: string,
  planHash?: string,
  runner?: string,
): Promise<LedgerRow[]> {
  const columns = new Set(
    (
      await engine.rows<{ name: string }>(
        'SELECT name FROM system.columns WHERE database = {db:String} AND table = {name:String}',
        {
          params: { db: ledger.database, name: ledger.name },
          step: 'ledger',
        },
      )
    ).map((c) => c.name),
  );
  if (columns.size === 0) return [];
  const later = Object.entries(LATER_COLUMNS).map(([name, missing]) =>
    // A migrated ledger's older rows hold the column's default: they read as the missing column would.
    columns.has(name) ? `if(${name} = '', ${missing}, ${name}) AS ${name}` : `${missing} AS ${name}`,
  );
  return engine.rows<LedgerRow>(
    `SELECT plan_hash, toString(day) AS day, toString(window_start) AS window_start, toString(window_end) AS window_end, step, status, attempt,
            query_id, toString(rows_read) AS rows_read, toString(rows_written) AS rows_written, runner,
            toString(started_at) AS started_at, toString(finished_at) AS finished_at, error, ${later.join(', ')}
     FROM ${quoteTable(ledger)}
     WHERE target = {target:String} AND ({plan_hash:String} = '' OR plan_hash = {plan_hash:String}) AND ({runner:String} = '' OR runner = {runner:String})
     ORDER BY finished_at, started_at, status = 'running' DESC, status IN ('released', 'taken_over')`,
    { params: { target, plan_hash: planHash ?? '', runner: runner ?? '' }, step: 'ledger' },
  );
}

/**
 * The row that took a runner's lease on a target over (--force), if there is one: what its heartbeat checks before
 * each step. A takeover is final, whatever the runner wrote after it (a refresh of its lease in flight as the takeover
 * landed). One small query, for a ledger the run has already migrated.
 */
export async function takeoverOf(
  engine: Engine,
  ledger: TableRef,
  target: string,
  runner: string,
): Promise<Pick<LedgerRow, 'note' | 'finished_at'> | undefined> {
  const [row] = await engine.rows<Pick<LedgerRow, 'note' | 'finished_at'>>(
    `SELECT note, toString(finished_at) AS finished_at FROM ${quoteTable(ledger)}
     WHERE target = {target:String} AND runner = {runner:String} AND step = 'lease' AND status = 'taken_over' LIMIT 1`,
    { params: { target, runner }, step: 'ledger' },
  );
  return row;
}

/** The latest row per (step, window): what the ledger currently says about each chunk and unit. Pure. */
export function latestByWindow(rows: LedgerRow[], step: LedgerStep): Map<string, LedgerRow> {
  const latest = new Map<string, LedgerRow>();
  for (const row of rows) if (row.step === step) latest.set(rowKey(row), row);
  return latest;
}

/**
 * A unit is finished when its last publish came after every chunk started for it and, where the
 * kind versions its source, was built from the source as it is now (`sourceVersion`). Pure.
 */
export function unitFinished(rows: LedgerRow[], unit: string, sourceVersion = ''): boolean {
  const published = rows.filter((r) => r.step === 'publish' && r.unit === unit && r.status === 'done').at(-1);
  if (published === undefined || (sourceVersion !== '' && published.source_version !== sourceVersion)) return false;
  return !rows.some((r) => r.step === 'chunk' && r.unit === unit && r.finished_at > published.finished_at);
}

/** What identifies a chunk in the ledger: its unit, its time bounds and, for a chunk split by key, its bucket. */
export function windowKey(unit: string, window: Pick<Window, 'start' | 'end' | 'bucket'>): string {
  return `${unit}|${window.start}|${window.end}|${bucketKey(window)}`;
}

function rowKey(row: Pick<LedgerRow, 'unit' | 'window_start' | 'window_end' | 'chunk_key'>): string {
  return `${row.unit}|${row.window_start}|${row.window_end}|${row.chunk_key}`;
}
