import type { LedgerRow } from '../../../execute/ledger.js';
import { utcInstant, utcText } from '../../../core/windows.js';

/** Where a table's load starts and ends. */
export interface LoadWindow {
  table: string;
  /** Exclusive lower bound, `YYYY-MM-DD HH:MM:SS.ffffff` UTC. */
  lo: string;
  /** Inclusive upper bound, fixed when the run started; '' when the source table is empty. */
  hi: string;
  /** The ledger's watermark before this run, '' when there is none. */
  watermark: string;
  /**
   * The watermark this load records: `hi`, or the start of the oldest transaction still open in
   * PostgreSQL when that is earlier (it may yet commit rows stamped from then on).
   */
  mark: string;
  /** PostgreSQL's snapshot when the run started (`pg_current_snapshot()`), which the publish records. */
  snapshot: string;
  /**
   * A table captured by transactions also loads every row written by a transaction this snapshot does not see: the
   * previous publish's, or this run's own when there is none (a load from the beginning reads every row anyway).
   */
  since: string;
}

/** What PostgreSQL says when a run starts: the greatest cursor, and since when its oldest open transaction runs. */
export interface SourceBound {
  hi: string;
  openSince: string;
  snapshot: string;
}

/** `pg_current_snapshot()` as text: xmin:xmax:in-progress list. Anything else is never written into a query. */
const SNAPSHOT = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/;

/** Whether a text is a PostgreSQL snapshot. Pure. */
export function isSnapshot(text: string): boolean {
  return SNAPSHOT.test(text);
}

/** The lower bound of a load from scratch. */
export const BEGINNING = '1900-01-01 00:00:00.000000';

/** The microsecond text the load's DateTime64(6) parameters take. */
export function text6(ms: number): string {
  return `${utcText(ms)}000`;
}

/**
 * The table a ledger row is about: its unit; a ledger row written before sync tables were units
 * named it in chunk_key (and its unit reads as a day).
 */
export function tableOfRow(row: Pick<LedgerRow, 'unit' | 'chunk_key'>): string {
  return row.chunk_key ? row.chunk_key : row.unit;
}

/**
 * Where a publish leaves a table: its cursor (µs); a row written before cursors were kept has it as its window's end
 * (ms). Pure.
 */
export function watermarkOfRow(row: Pick<LedgerRow, 'cursor' | 'window_end'>): string {
  return row.cursor ? row.cursor : row.window_end;
}

/** What each table's latest finished publish recorded, read by `of` from its ledger row. Pure. */
function latestPublish(rows: LedgerRow[], of: (row: LedgerRow) => string): Map<string, string> {
  const latest = new Map<string, string>();
  for (const row of rows) if (row.step === 'publish' && row.status === 'done') latest.set(tableOfRow(row), of(row));
  return latest;
}

/** The watermark of each table: where its latest finished publish left it. Pure. */
export function watermarks(rows: LedgerRow[]): Map<string, string> {
  return latestPublish(rows, watermarkOfRow);
}

/** PostgreSQL's snapshot when each table's latest finished publish started ('' before snapshots were kept). Pure. */
export function snapshots(rows: LedgerRow[]): Map<string, string> {
  return latestPublish(rows, (row) => row.source_version);
}

/**
 * The window of one table's load. Pure. The upper bound never falls below the watermark: a
 * greatest cursor below it means the newest rows were deleted (or the cursor went backwards,
 * which only validation can tell apart), and the window then only re-reads the lookback.
 */
export function loadWindow(
  table: string,
  bound: SourceBound,
  watermark: string | undefined,
  options: { lookbackSeconds: number; fromScratch: boolean; previousSnapshot?: string },
): LoadWindow & { behind: boolean } {
  const { openSince } = bound;
  const behind = Boolean(
    watermark && bound.hi && !options.fromScratch && utcInstant(bound.hi) < utcInstant(watermark!),
  );
  const lo =
    options.fromScratch || !watermark ? BEGINNING : text6(utcInstant(watermark) - options.lookbackSeconds * 1000);
  const hi = behind ? `${watermark!.slice(0, 23)}000` : bound.hi;
  // Just before the transaction's start: its rows may carry exactly that instant, and a window's lower bound is
  // exclusive.
  const mark = hi && openSince && openSince < hi ? text6(utcInstant(openSince) - 1) : hi;
  const previous = options.previousSnapshot ?? '';
  const since = !options.fromScratch && isSnapshot(previous) ? previous : bound.snapshot;
  return { table, lo, hi, watermark: watermark ?? '', mark, behind, snapshot: bound.snapshot, since };
}
